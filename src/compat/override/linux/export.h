/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _FWCTL_COMPAT_LINUX_EXPORT_H
#define _FWCTL_COMPAT_LINUX_EXPORT_H
#include_next <linux/export.h>
#include <compat_autoconf.h>

/*
 * Before 6.13 EXPORT_SYMBOL_NS_GPL() stringified a bare token; upstream
 * code now passes a string literal. Hand the literal on as it is, with the
 * license argument this kernel's __EXPORT_SYMBOL() expects.
 */
#ifdef HAVE_MODULE_NS_TOKEN
#ifdef HAVE_EXPORT_LICENSE_GPL
#define COMPAT_EXPORT_GPL "GPL"
#else
#define COMPAT_EXPORT_GPL "_gpl"
#endif
#undef EXPORT_SYMBOL_NS_GPL
#define EXPORT_SYMBOL_NS_GPL(sym, ns) __EXPORT_SYMBOL(sym, COMPAT_EXPORT_GPL, ns)
#endif

#endif
