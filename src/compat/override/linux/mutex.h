/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _FWCTL_COMPAT_LINUX_MUTEX_H
#define _FWCTL_COMPAT_LINUX_MUTEX_H
#include_next <linux/mutex.h>
#include <compat_autoconf.h>

/* guard(mutex) where the kernel lacks it (probe guard_mutex) */
#ifndef HAVE_GUARD_MUTEX
#include <linux/cleanup.h>
DEFINE_GUARD(mutex, struct mutex *, mutex_lock(_T), mutex_unlock(_T))
#endif

#endif
