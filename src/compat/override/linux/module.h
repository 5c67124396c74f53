/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _FWCTL_COMPAT_LINUX_MODULE_H
#define _FWCTL_COMPAT_LINUX_MODULE_H
#include_next <linux/module.h>
#include <compat_autoconf.h>

/* Before 6.13 MODULE_IMPORT_NS() stringified a bare token; see export.h. */
#ifdef HAVE_MODULE_NS_TOKEN
#undef MODULE_IMPORT_NS
#define MODULE_IMPORT_NS(ns) MODULE_INFO(import_ns, ns)
#endif

#endif
