// SPDX-License-Identifier: GPL-2.0
/*
 * 6.4: struct class's class_release callback takes a const struct class.
 * Present: 6.4+ (Debian 6.12, 7.x; Ubuntu 24.04). Absent: Debian 5.10,
 * 6.1; Ubuntu 22.04.
 * Forcible: no, the callback type is the kernel's: a non-const callback
 * for a const member does not compile. Both answers are seen on the matrix
 * (absent: 5.10, 6.1; present: 6.12, 7.3).
 */
#include <linux/device.h>

static void probe_class_release(const struct class *class)
{
}

struct class probe_class = { .class_release = probe_class_release };
