// SPDX-License-Identifier: GPL-2.0
/* 6.5 (backported to some distro kernels): guard(mutex). */
#include <linux/mutex.h>

void probe_guard_mutex(struct mutex *m);
void probe_guard_mutex(struct mutex *m)
{
	guard(mutex)(m);
}
