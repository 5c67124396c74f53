// SPDX-License-Identifier: GPL-2.0
/*
 * mlx5_cmd_do(): runs a command and hands back the firmware status in the
 * output mailbox (-EREMOTEIO for a bad one) without logging it.
 * Present: Debian 6.1 and later, RHEL 8.7+ and 9.1+. Absent (facts):
 * Ubuntu 22.04 (5.15), RHEL 8.5, 8.6 and 9.0: compat-mlx5.h builds it on
 * mlx5_cmd_exec_cb().
 */
#include <linux/mlx5/driver.h>

int (*probe_mlx5_cmd_do)(struct mlx5_core_dev *dev, void *in, int in_size,
			 void *out, int out_size) = mlx5_cmd_do;
