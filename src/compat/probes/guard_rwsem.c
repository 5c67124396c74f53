// SPDX-License-Identifier: GPL-2.0
/*
 * 6.5 (backported to some distro kernels): guard(rwsem_read/_write).
 * Present: 6.5+; Debian 5.10.262 and 6.1.192 (their stable branches got
 * cleanup.h); RHEL 9.4+. Absent: RHEL 8, 9.0-9.3; Ubuntu 22.04 before
 * 5.15.0-170 (facts).
 * Forcible: no, the fallback is DEFINE_GUARD(rwsem_*), the kernel's own
 * classes a second time. No kernel of the matrix lacks it
 * any more: the fallback is built only on the kernels named absent.
 */
#include <linux/rwsem.h>

void probe_guard_rwsem(struct rw_semaphore *r);
void probe_guard_rwsem(struct rw_semaphore *r)
{
	scoped_guard(rwsem_write, r) {
	}
	guard(rwsem_read)(r);
}
