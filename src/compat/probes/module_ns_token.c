// SPDX-License-Identifier: GPL-2.0
/*
 * Symbol namespaces, old form: MODULE_IMPORT_NS() and EXPORT_SYMBOL_NS*()
 * take a bare token and stringify it. Catch what MODULE_IMPORT_NS() hands
 * to MODULE_INFO(): "PROBE_NS" here, an undeclared identifier from 6.13.
 * Present: 5.4 to 6.12 (Debian 11, 12, 13; Ubuntu 22.04, 24.04; RHEL 9,
 * 10). Absent: 6.13+ (module_ns_string instead); RHEL 8 (4.18), which has
 * no namespaces at all (neither probe compiles: see override/linux/).
 */
#include <linux/module.h>
#include <linux/build_bug.h>

#ifndef EXPORT_SYMBOL_NS_GPL
#error no EXPORT_SYMBOL_NS_GPL
#endif

#undef MODULE_INFO
#define MODULE_INFO(tag, info) static const char probe_ns[] = info

MODULE_IMPORT_NS(PROBE_NS);
static_assert(sizeof(probe_ns) == sizeof("PROBE_NS"));
