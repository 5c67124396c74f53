/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _FWCTL_COMPAT_LINUX_RWSEM_H
#define _FWCTL_COMPAT_LINUX_RWSEM_H
#include_next <linux/rwsem.h>
#include <compat_autoconf.h>

/* guard(rwsem_*) where the kernel lacks it (probe guard_rwsem) */
#ifndef HAVE_GUARD_RWSEM
#include <linux/cleanup.h>
DEFINE_GUARD(rwsem_read, struct rw_semaphore *, down_read(_T), up_read(_T))
DEFINE_GUARD(rwsem_write, struct rw_semaphore *, down_write(_T), up_write(_T))
#endif

#endif
