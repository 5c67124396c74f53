// SPDX-License-Identifier: GPL-2.0
/*
 * What fwctl_mlx5 cannot do without: the auxiliary bus and mlx5_core's
 * struct mlx5_adev. src/Kbuild builds fwctl_mlx5 only when this compiles.
 * Present: Debian 6.1 and later, Ubuntu 22.04+, RHEL 8.5+ and 9.
 * Absent: Debian 11 (5.10), RHEL 8.3/8.4 (no auxiliary bus): fwctl.ko only.
 * Forcible: no, forcing it builds no fwctl_mlx5, whose suite the
 * FWCTL_FORCE_ABSENT=all entry runs; tests/compat forces it by name.
 */
#include <linux/auxiliary_bus.h>
#include <linux/mlx5/driver.h>

struct mlx5_core_dev *probe_mlx5_adev(struct auxiliary_device *adev);
struct mlx5_core_dev *probe_mlx5_adev(struct auxiliary_device *adev)
{
	return container_of(adev, struct mlx5_adev, adev)->mdev;
}

const char probe_mlx5_adev_name[] = MLX5_ADEV_NAME;
