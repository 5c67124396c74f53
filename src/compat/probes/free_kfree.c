// SPDX-License-Identifier: GPL-2.0
/* 6.5 (backported to some distro kernels): __free(kfree). */
#include <linux/slab.h>

void probe_free_kfree(void);
void probe_free_kfree(void)
{
	void *p __free(kfree) = kmalloc(1, GFP_KERNEL);
}
