// SPDX-License-Identifier: GPL-2.0
/*
 * 6.15: the kernel's own fwctl subsystem. Its headers ship <linux/fwctl.h>
 * exactly when its mlx5_core creates mlx5_core.fwctl.<id> itself, so
 * fwctl_mlx5 is built without its shim (src/compat/mlx5/). Compiled
 * against the kernel's include path only, where this package's include/,
 * which shadows the header in the modules' builds, is not.
 */
#include <linux/fwctl.h>

int probe_kernel_fwctl(struct fwctl_device *fwctl);
int probe_kernel_fwctl(struct fwctl_device *fwctl)
{
	return fwctl_register(fwctl);
}
