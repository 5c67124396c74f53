// SPDX-License-Identifier: GPL-2.0
/*
 * Before 6.13 MODULE_IMPORT_NS() and EXPORT_SYMBOL_NS*() stringify a bare
 * token; since then they take a string literal and a bare token is an
 * undeclared identifier.
 */
#include <linux/module.h>

MODULE_IMPORT_NS(PROBE_NS);
