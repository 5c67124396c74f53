// SPDX-License-Identifier: GPL-2.0
/*
 * 6.7: mlx5_core keeps its per-opcode command statistics in an xarray of
 * entries allocated at probe. The older form is mlx5_cmd_stats_array;
 * with neither, the shim has no count of INIT_HCA and adds no device.
 * Present: 6.7+ (Debian 6.12, 7.x). Absent: Debian 6.1; Ubuntu 22.04.
 * Forcible: no, the member's type is the kernel's: the array form does not
 * compile on an xarray, and with neither form the shim adds no device, so
 * the forced 6.1 entry would have nothing to test; tests/compat forces it
 * by name. Both answers are seen on the matrix (6.1; 6.12, 7.3).
 */
#include <linux/mlx5/driver.h>

struct mlx5_cmd_stats *probe_mlx5_cmd_stats_xa(struct mlx5_core_dev *mdev);
struct mlx5_cmd_stats *probe_mlx5_cmd_stats_xa(struct mlx5_core_dev *mdev)
{
	return xa_load(&mdev->cmd.stats, MLX5_CMD_OP_INIT_HCA);
}
