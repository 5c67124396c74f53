// SPDX-License-Identifier: GPL-2.0
/*
 * Before 6.7: mlx5_core's per-opcode command statistics are an array in
 * struct mlx5_cmd, one entry per opcode below MLX5_CMD_OP_MAX (the newer
 * form is mlx5_cmd_stats_xa).
 * Present: Debian 6.1; Ubuntu 22.04 (5.15). Absent: 6.7+ (Debian 6.12,
 * 7.x).
 * Forcible: no, with neither form the shim adds no device, so the forced
 * 6.1 entry would have nothing to test; tests/compat forces it by name.
 */
#include <linux/mlx5/driver.h>

struct mlx5_cmd_stats (*probe_mlx5_cmd_stats_array(struct mlx5_core_dev *mdev))[MLX5_CMD_OP_MAX];
struct mlx5_cmd_stats (*probe_mlx5_cmd_stats_array(struct mlx5_core_dev *mdev))[MLX5_CMD_OP_MAX]
{
	return &mdev->cmd.stats;
}
