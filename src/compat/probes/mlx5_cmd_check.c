// SPDX-License-Identifier: GPL-2.0
/*
 * mlx5_cmd_check(dev, err, in, out) exported: turns mlx5_cmd_do()'s
 * -EREMOTEIO into the errno of the firmware status, as mlx5_cmd_exec()
 * does. It came with mlx5_cmd_do() (upstream 5.19); before, it is static
 * in cmd.c with another signature.
 * Present: Debian 6.1 and later. Absent: Ubuntu 22.04 (5.15); RHEL 8.5,
 * 8.6, 9.0 are assumed to follow mlx5_cmd_do (not in the fact list).
 * compat-mlx5.h then maps the status itself, without the log line.
 */
#include <linux/mlx5/driver.h>

int (*probe_mlx5_cmd_check)(struct mlx5_core_dev *dev, int err, void *in,
			    void *out) = mlx5_cmd_check;
