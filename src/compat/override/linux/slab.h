/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _FWCTL_COMPAT_LINUX_SLAB_H
#define _FWCTL_COMPAT_LINUX_SLAB_H
#include_next <linux/slab.h>
#include <compat_autoconf.h>

/*
 * Upstream code expects kvmalloc() and friends from <linux/slab.h>; Debian
 * 5.10 and RHEL 8 declare them in <linux/mm.h> only.
 */
#ifndef HAVE_KVMALLOC_SLAB_H
#include <linux/mm.h>
#endif

/* __free(kfree) where the kernel lacks it (probe free_kfree) */
#ifndef HAVE_FREE_KFREE
#include <linux/cleanup.h>
/* As upstream: an ERR_PTR is never passed to kfree(). */
DEFINE_FREE(kfree, void *, if (!IS_ERR_OR_NULL(_T)) kfree(_T))
#endif

#ifndef HAVE_KZALLOC_OBJ
/*
 * 7.0's typed allocators: kmalloc_obj(*p) or kmalloc_obj(struct foo) is a
 * pointer to one such object (kzalloc_obj: zeroed); the _objs forms take a
 * count (NULL if the size overflows). The gfp flags are an optional last
 * argument, GFP_KERNEL when left out. Forced absent on a 7.0+ kernel,
 * these replace the kernel's macros.
 */
#undef kmalloc_obj
#undef kzalloc_obj
#undef kmalloc_objs
#undef kzalloc_objs
#define __fwctl_gfp(a, b, ...) b
#define fwctl_default_gfp(...) __fwctl_gfp(, ##__VA_ARGS__, GFP_KERNEL)
#define __fwctl_alloc_objs(ALLOC, GFP, TYPE, COUNT)                       \
	({                                                                 \
		TYPE *__fwctl_obj = ALLOC(COUNT, sizeof(TYPE), GFP);       \
		__fwctl_obj;                                               \
	})
#define kmalloc_obj(VAR_OR_TYPE, ...)                                      \
	__fwctl_alloc_objs(kmalloc_array, fwctl_default_gfp(__VA_ARGS__),  \
			   typeof(VAR_OR_TYPE), 1)
#define kzalloc_obj(VAR_OR_TYPE, ...)                                      \
	__fwctl_alloc_objs(kcalloc, fwctl_default_gfp(__VA_ARGS__),        \
			   typeof(VAR_OR_TYPE), 1)
#define kmalloc_objs(VAR_OR_TYPE, COUNT, ...)                              \
	__fwctl_alloc_objs(kmalloc_array, fwctl_default_gfp(__VA_ARGS__),  \
			   typeof(VAR_OR_TYPE), COUNT)
#define kzalloc_objs(VAR_OR_TYPE, COUNT, ...)                              \
	__fwctl_alloc_objs(kcalloc, fwctl_default_gfp(__VA_ARGS__),        \
			   typeof(VAR_OR_TYPE), COUNT)
#endif

#endif
