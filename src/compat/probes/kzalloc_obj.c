// SPDX-License-Identifier: GPL-2.0
/* 7.0: kmalloc_obj()/kzalloc_obj() allocate one object of a variable's or type's type. */
#include <linux/slab.h>

void probe_kzalloc_obj(void);
void probe_kzalloc_obj(void)
{
	long *p = kzalloc_obj(*p);

	kfree(p);
	p = kmalloc_objs(long, 2, GFP_KERNEL);
	kfree(p);
}
