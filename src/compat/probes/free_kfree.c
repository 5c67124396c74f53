// SPDX-License-Identifier: GPL-2.0
/*
 * 6.5 (backported to some distro kernels): __free(kfree).
 * Present: 6.5+, Debian 6.1 (6.1.y backported cleanup.h), RHEL 9.4+.
 * Absent: Debian 5.10; RHEL 8, 9.0-9.3.
 * Forcible: no, the fallback is DEFINE_FREE(kfree), the kernel's own
 * class a second time. Both answers are seen on the matrix (5.10, 6.1).
 */
#include <linux/slab.h>

void probe_free_kfree(void);
void probe_free_kfree(void)
{
	void *p __free(kfree) = kmalloc(1, GFP_KERNEL);
}
