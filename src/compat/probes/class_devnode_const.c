// SPDX-License-Identifier: GPL-2.0
/*
 * 6.2: struct class callbacks take a const struct device.
 * Present: 6.2+ (Debian 6.12, 7.x; Ubuntu 24.04; RHEL 9.x per its
 * backports). Absent: Debian 5.10, 6.1; Ubuntu 22.04.
 * Forcible: no, the callback type is the kernel's: a non-const callback
 * for a const member does not compile. Both answers are seen on the matrix
 * (absent: 5.10, 6.1; present: 6.12, 7.3).
 */
#include <linux/device.h>

static char *probe_devnode(const struct device *dev, umode_t *mode)
{
	return NULL;
}

struct class probe_class = { .devnode = probe_devnode };
