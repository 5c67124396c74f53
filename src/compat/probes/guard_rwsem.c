// SPDX-License-Identifier: GPL-2.0
/*
 * 6.5 (backported to some distro kernels): guard(rwsem_read/_write).
 * Present: 6.5+, Debian 6.1 (6.1.y backported cleanup.h), RHEL 9.4+.
 * Absent: Debian 5.10; RHEL 8, 9.0-9.3.
 * Forcible: no, the fallback is DEFINE_GUARD(rwsem_*), the kernel's own
 * classes a second time. Both answers are seen on the matrix (5.10, 6.1).
 */
#include <linux/rwsem.h>

void probe_guard_rwsem(struct rw_semaphore *r);
void probe_guard_rwsem(struct rw_semaphore *r)
{
	scoped_guard(rwsem_write, r) {
	}
	guard(rwsem_read)(r);
}
