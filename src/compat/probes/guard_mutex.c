// SPDX-License-Identifier: GPL-2.0
/*
 * 6.5 (backported to some distro kernels): guard(mutex).
 * Present: 6.5+, Debian 6.1 (6.1.y backported cleanup.h), RHEL 9.4+.
 * Absent: Debian 5.10; RHEL 8, 9.0-9.3.
 * Forcible: no, the fallback is DEFINE_GUARD(mutex), the kernel's own
 * class a second time. Both answers are seen on the matrix (5.10, 6.1).
 */
#include <linux/mutex.h>

void probe_guard_mutex(struct mutex *m);
void probe_guard_mutex(struct mutex *m)
{
	guard(mutex)(m);
}
