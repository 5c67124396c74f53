// SPDX-License-Identifier: GPL-2.0
/*
 * 5.15ish: kvmalloc()/kvfree() moved from <linux/mm.h> to <linux/slab.h>.
 * Present: Debian 6.1 and later. Absent: Debian 5.10, RHEL 8: the
 * fallback includes <linux/mm.h>.
 */
#include <linux/slab.h>

void probe_kvmalloc_slab_h(void);
void probe_kvmalloc_slab_h(void)
{
	kvfree(kvmalloc(1, GFP_KERNEL));
}
