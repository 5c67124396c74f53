// SPDX-License-Identifier: GPL-2.0
/*
 * 6.5 (backported to some distro kernels): guard(mutex).
 * Present: 6.5+; Debian 5.10.262 and 6.1.192 (their stable branches got
 * cleanup.h); RHEL 9.4+. Absent: RHEL 8, 9.0-9.3; Ubuntu 22.04 before
 * 5.15.0-170 (facts).
 * Forcible: no, the fallback is DEFINE_GUARD(mutex), the kernel's own
 * class a second time. No kernel of the matrix lacks it
 * any more: the fallback is built only on the kernels named absent.
 */
#include <linux/mutex.h>

void probe_guard_mutex(struct mutex *m);
void probe_guard_mutex(struct mutex *m)
{
	guard(mutex)(m);
}
