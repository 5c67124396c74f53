/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _FWCTL_COMPAT_LINUX_MODULE_H
#define _FWCTL_COMPAT_LINUX_MODULE_H
#include_next <linux/module.h>
#include <compat_autoconf.h>

/*
 * MODULE_IMPORT_NS() as in export.h: 5.4 to 6.12 stringified a bare token;
 * RHEL 8 (4.18) has no namespaces, and nothing to import.
 */
#if defined(HAVE_MODULE_NS_TOKEN)
#undef MODULE_IMPORT_NS
#define MODULE_IMPORT_NS(ns) MODULE_INFO(import_ns, ns)
#elif !defined(HAVE_MODULE_NS_STRING)
#undef MODULE_IMPORT_NS
#define MODULE_IMPORT_NS(ns)
#endif

#endif
