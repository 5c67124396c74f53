// SPDX-License-Identifier: GPL-2.0
/*
 * 5.15ish: kvmalloc()/kvfree() moved from <linux/mm.h> to <linux/slab.h>.
 * Present: Debian 6.1 and later. Absent: Debian 5.10, RHEL 8: the
 * fallback includes <linux/mm.h>.
 * Forcible: no, where <linux/slab.h> has them, headers that <linux/mm.h>
 * needs include <linux/slab.h> first, and mm.h from there is a cycle
 * (seen on 6.1: debugfs.h -> fs.h -> ... -> huge_mm.h). Both answers are
 * seen on the matrix (5.10, 6.1).
 */
#include <linux/slab.h>

void probe_kvmalloc_slab_h(void);
void probe_kvmalloc_slab_h(void)
{
	kvfree(kvmalloc(1, GFP_KERNEL));
}
