// SPDX-License-Identifier: GPL-2.0
/*
 * 6.5: the export macros pass the license as "GPL" instead of the section
 * suffix "_gpl". Catch what EXPORT_SYMBOL_GPL() hands to __EXPORT_SYMBOL().
 * Present: 6.5+, RHEL 9.5+. Absent: Debian 5.10, 6.1, RHEL 8, 9.0-9.4.
 * Forcible: no, the license string is the one this kernel's modpost
 * reads. Both answers are seen on the matrix (absent: 5.10, 6.1;
 * present: 6.12, 7.3).
 */
#include <linux/export.h>
#include <linux/build_bug.h>

#undef __EXPORT_SYMBOL
#define __EXPORT_SYMBOL(sym, license, ns) \
	static const char probe_license[] = license

int probe_sym;
EXPORT_SYMBOL_GPL(probe_sym);

static_assert(sizeof(probe_license) == sizeof("GPL"));
