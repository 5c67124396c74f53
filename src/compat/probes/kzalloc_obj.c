// SPDX-License-Identifier: GPL-2.0
/*
 * 7.0: kmalloc_obj()/kzalloc_obj() (and the _objs forms) allocate objects
 * of a variable's or a type's type.
 * Present: Debian 7.x, and trixie's 6.12.118 (its stable branch has them).
 * Absent: 5.10, 6.1, bookworm-backports' 6.12.95 and every RHEL/Ubuntu
 * line we build for: override/linux/slab.h defines them.
 */
#include <linux/slab.h>

void probe_kzalloc_obj(void);
void probe_kzalloc_obj(void)
{
	long *p = kzalloc_obj(*p);

	kfree(p);
	p = kmalloc_objs(long, 2, GFP_KERNEL);
	kfree(p);
}
