/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _FWCTL_COMPAT_LINUX_KERNEL_H
#define _FWCTL_COMPAT_LINUX_KERNEL_H
#include_next <linux/kernel.h>
#include <compat_autoconf.h>

/*
 * 6.15 added TAINT_FWCTL ('J') for userspace having used debug-write
 * firmware RPCs. Older kernels have no such flag; this package sets
 * TAINT_USER ('U', userspace did something the kernel cannot vouch for)
 * there instead.
 */
#ifndef TAINT_FWCTL
#define TAINT_FWCTL TAINT_USER
#endif

#endif
