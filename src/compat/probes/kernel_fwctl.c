// SPDX-License-Identifier: GPL-2.0
/*
 * 6.15: the kernel's own fwctl subsystem. Its headers ship <linux/fwctl.h>
 * exactly when its mlx5_core creates mlx5_core.fwctl.<id> itself, so
 * fwctl_mlx5 is built without its shim (src/compat/mlx5/). Compiled
 * against the kernel's include path only, where this package's include/,
 * which shadows the header in the modules' builds, is not.
 * Present: 6.15+ (Debian 7.x, even without CONFIG_FWCTL). Absent: Debian
 * 5.10, 6.1, 6.12; Ubuntu 22.04, 24.04; RHEL 8, 9, 10.0.
 * Forcible: yes: the shim is then built, and adds no device where
 * mlx5_core has made its own (not booted forced: the forced matrix
 * entries run on 6.1 and 5.10, where it is absent anyway).
 */
#include <linux/fwctl.h>

int probe_kernel_fwctl(struct fwctl_device *fwctl);
int probe_kernel_fwctl(struct fwctl_device *fwctl)
{
	return fwctl_register(fwctl);
}
