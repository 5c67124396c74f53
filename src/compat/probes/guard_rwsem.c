// SPDX-License-Identifier: GPL-2.0
/* 6.5 (backported to some distro kernels): guard(rwsem_read/_write). */
#include <linux/rwsem.h>

void probe_guard_rwsem(struct rw_semaphore *r);
void probe_guard_rwsem(struct rw_semaphore *r)
{
	scoped_guard(rwsem_write, r) {
	}
	guard(rwsem_read)(r);
}
