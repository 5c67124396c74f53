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

#endif
