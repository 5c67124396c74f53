/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _FWCTL_COMPAT_LINUX_SLAB_H
#define _FWCTL_COMPAT_LINUX_SLAB_H
#include_next <linux/slab.h>
#include <compat_autoconf.h>

/* Upstream code expects kvmalloc() and friends from <linux/slab.h>. */
#ifndef HAVE_KVMALLOC_SLAB_H
#include <linux/mm.h>
#endif

#ifndef HAVE_FREE_KFREE
#include <linux/cleanup.h>
/* As upstream: an ERR_PTR is never passed to kfree(). */
DEFINE_FREE(kfree, void *, if (!IS_ERR_OR_NULL(_T)) kfree(_T))
#endif

#endif
