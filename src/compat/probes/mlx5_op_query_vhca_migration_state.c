// SPDX-License-Identifier: GPL-2.0
/*
 * MLX5_CMD_OP_QUERY_VHCA_MIGRATION_STATE (0x117) in <linux/mlx5/mlx5_ifc.h>
 * (included through driver.h: it needs the kernel types first).
 * Present: Debian 6.1 and later, RHEL 8.7+ and 9.1+. Absent (facts):
 * Ubuntu 22.04 (5.15), RHEL 8.5, 8.6 and 9.0.
 */
#include <linux/mlx5/driver.h>

int probe_mlx5_op = MLX5_CMD_OP_QUERY_VHCA_MIGRATION_STATE;
