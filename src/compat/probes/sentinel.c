// SPDX-License-Identifier: GPL-2.0
/*
 * Must compile on every kernel: if it does not, kbuild or the compiler is
 * broken and run-probes stops instead of reading every probe as absent.
 * Forcible: no, it is no API.
 */
#include <linux/module.h>

int probe_sentinel;
