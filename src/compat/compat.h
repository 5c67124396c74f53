/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Everything that differs between the kernels this package builds for
 * lives in src/compat/, so the drivers read like upstream code:
 *
 *  - probes/: one tiny source per kernel API (or per form of one);
 *    run-probes compiles them all in one parallel kbuild run, with the
 *    modules' compiler and flags, into compat_autoconf.h (HAVE_*) and
 *    compat_autoconf.mk (for Kbuild). Distro kernels backport APIs, so we
 *    ask the compiler, not LINUX_VERSION_CODE. The probe format, the
 *    sentinel and FWCTL_FORCE_ABSENT are described in run-probes.
 *  - override/linux/X.h: searched before the kernel's headers; each
 *    includes the kernel's own X.h and then adds what that kernel lacks,
 *    right where upstream code expects it.
 *  - include/linux/X.h: searched after the kernel's headers; supplies
 *    headers a kernel does not have at all.
 *  - this file: force-included first into every object. It includes no
 *    kernel header, so a driver's own pr_fmt() and includes come first.
 */
#ifndef _FWCTL_COMPAT_H
#define _FWCTL_COMPAT_H

#include <compat_autoconf.h>

/*
 * 6.2 made the class callbacks take a const struct device; Debian 5.10 and
 * 6.1 and Ubuntu 22.04 (5.15) have the non-const form.
 */
#ifdef HAVE_CLASS_DEVNODE_CONST
#define compat_class_dev const struct device
#else
#define compat_class_dev struct device
#endif

/*
 * 6.4 made the class_release callback take a const struct class; Debian
 * 5.10 and 6.1 and Ubuntu 22.04 (5.15) have the non-const form.
 */
#ifdef HAVE_CLASS_RELEASE_CONST
#define compat_class const struct class
#else
#define compat_class struct class
#endif

#endif /* _FWCTL_COMPAT_H */
