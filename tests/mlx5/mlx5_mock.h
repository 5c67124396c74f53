/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What mlx5_mock.ko exports in place of mlx5_core's mlx5_cmd_do() (and
 * mlx5_cmd_exec_cb(), which the compat mlx5_cmd_do() uses) and the
 * PCI bus; fwctl_mlx5_test.ko is linked against these with ld --wrap.
 */
#ifndef _MLX5_MOCK_H
#define _MLX5_MOCK_H

struct bus_type;
struct mlx5_async_ctx;
struct mlx5_async_work;
struct mlx5_core_dev;

extern struct bus_type __wrap_pci_bus_type;
int __wrap_mlx5_cmd_do(struct mlx5_core_dev *dev, void *in, int in_size,
		       void *out, int out_size);
int __wrap_mlx5_cmd_exec_cb(struct mlx5_async_ctx *ctx, void *in, int in_size,
			    void *out, int out_size,
			    void (*callback)(int status,
					     struct mlx5_async_work *work),
			    struct mlx5_async_work *work);

#endif
