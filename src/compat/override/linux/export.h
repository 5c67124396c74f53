/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _FWCTL_COMPAT_LINUX_EXPORT_H
#define _FWCTL_COMPAT_LINUX_EXPORT_H
#include_next <linux/export.h>
#include <compat_autoconf.h>

/*
 * Upstream code passes EXPORT_SYMBOL_NS_GPL() a string literal (6.13+,
 * HAVE_MODULE_NS_STRING: nothing to do).
 *
 * 5.4 to 6.12 (HAVE_MODULE_NS_TOKEN) stringified a bare token: hand the
 * literal on as it is, with the license argument this kernel's
 * __EXPORT_SYMBOL() expects.
 *
 * RHEL 8 (4.18) has no symbol namespaces at all (neither probe compiles):
 * a plain GPL export, which every module may import.
 */
#if defined(HAVE_MODULE_NS_TOKEN)
#ifdef HAVE_EXPORT_LICENSE_GPL
#define COMPAT_EXPORT_GPL "GPL"
#else
#define COMPAT_EXPORT_GPL "_gpl"
#endif
#undef EXPORT_SYMBOL_NS_GPL
#define EXPORT_SYMBOL_NS_GPL(sym, ns) __EXPORT_SYMBOL(sym, COMPAT_EXPORT_GPL, ns)
#elif !defined(HAVE_MODULE_NS_STRING)
#undef EXPORT_SYMBOL_NS_GPL
#define EXPORT_SYMBOL_NS_GPL(sym, ns) EXPORT_SYMBOL_GPL(sym)
#endif

#endif
