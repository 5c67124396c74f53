// SPDX-License-Identifier: GPL-2.0
/*
 * Symbol namespaces, new form (6.13): MODULE_IMPORT_NS() and
 * EXPORT_SYMBOL_NS*() take a string literal as it is. The old form would
 * stringify the literal once more ("\"PROBE_NS\""), so compare sizes.
 * Present: 6.13+ (Debian 7.x backports). Absent: 5.4 to 6.12
 * (module_ns_token instead); RHEL 8 (4.18): no namespaces at all.
 */
#include <linux/module.h>
#include <linux/build_bug.h>

#ifndef EXPORT_SYMBOL_NS_GPL
#error no EXPORT_SYMBOL_NS_GPL
#endif

#undef MODULE_INFO
#define MODULE_INFO(tag, info) static const char probe_ns[] = info

MODULE_IMPORT_NS("PROBE_NS");
static_assert(sizeof(probe_ns) == sizeof("PROBE_NS"));
