/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Everything that differs between the kernels this package builds for,
 * in one place. Force-included before every source file (see flags.mk),
 * so the drivers read like upstream code.
 *
 * Answers come from compile probes (probes/, run by run-probes into
 * compat_autoconf.h), not from LINUX_VERSION_CODE: distribution kernels
 * backport APIs. Headers a kernel lacks entirely are supplied from
 * include/, which is searched after the kernel's own.
 */
#ifndef _FWCTL_COMPAT_H
#define _FWCTL_COMPAT_H

#include <compat_autoconf.h>
#include <linux/kernel.h>
#include <linux/export.h>
#include <linux/module.h>
#include <linux/cleanup.h>
#include <linux/mutex.h>
#include <linux/rwsem.h>
#include <linux/slab.h>

/*
 * Before 6.13 the symbol namespace macros stringify a bare token. Take the
 * string literal upstream code passes now, and hand it on as it is.
 */
#ifdef HAVE_MODULE_NS_TOKEN
#ifdef HAVE_EXPORT_LICENSE_GPL
#define COMPAT_EXPORT_GPL "GPL"
#else
#define COMPAT_EXPORT_GPL "_gpl"
#endif
#undef MODULE_IMPORT_NS
#define MODULE_IMPORT_NS(ns) MODULE_INFO(import_ns, ns)
#undef EXPORT_SYMBOL_NS_GPL
#define EXPORT_SYMBOL_NS_GPL(sym, ns) __EXPORT_SYMBOL(sym, COMPAT_EXPORT_GPL, ns)
#endif

/* 6.2 made the class callbacks take a const struct device. */
#ifdef HAVE_CLASS_DEVNODE_CONST
#define compat_class_dev const struct device
#else
#define compat_class_dev struct device
#endif

/* Lock guards and free classes from 6.5's cleanup.h. */
#ifndef HAVE_GUARD_MUTEX
DEFINE_GUARD(mutex, struct mutex *, mutex_lock(_T), mutex_unlock(_T))
#endif
#ifndef HAVE_GUARD_RWSEM
DEFINE_GUARD(rwsem_read, struct rw_semaphore *, down_read(_T), up_read(_T))
DEFINE_GUARD(rwsem_write, struct rw_semaphore *, down_write(_T), up_write(_T))
#endif
#ifndef HAVE_FREE_KFREE
/* Like upstream: an ERR_PTR is not freed. */
DEFINE_FREE(kfree, void *, if (!IS_ERR_OR_NULL(_T)) kfree(_T))
#endif

/*
 * 6.15 added TAINT_FWCTL ('J') for userspace having reached debug-write
 * firmware RPCs. Older kernels have no such flag; TAINT_USER ('U', "user
 * space did something the kernel cannot vouch for") says the same thing
 * and is what this package sets there.
 */
#ifndef TAINT_FWCTL
#define TAINT_FWCTL TAINT_USER
#endif

#endif /* _FWCTL_COMPAT_H */
