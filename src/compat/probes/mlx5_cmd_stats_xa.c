// SPDX-License-Identifier: GPL-2.0
/* 6.7: mlx5_core keeps its per-opcode command statistics in an xarray. */
#include <linux/mlx5/driver.h>

struct mlx5_cmd_stats *probe_mlx5_cmd_stats_xa(struct mlx5_core_dev *mdev);
struct mlx5_cmd_stats *probe_mlx5_cmd_stats_xa(struct mlx5_core_dev *mdev)
{
	return xa_load(&mdev->cmd.stats, MLX5_CMD_OP_INIT_HCA);
}
