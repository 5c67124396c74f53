/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What mlx5_mock.ko exports in place of mlx5_core's command functions and
 * the PCI bus; fwctl_mlx5_test.ko is linked against these with ld --wrap.
 */
#ifndef _MLX5_MOCK_H
#define _MLX5_MOCK_H

#include <linux/mlx5/driver.h>

struct bus_type;

extern struct bus_type __wrap_pci_bus_type;
int __wrap_mlx5_cmd_do(struct mlx5_core_dev *dev, void *in, int in_size,
		       void *out, int out_size);
int __wrap_mlx5_cmd_exec_cb(struct mlx5_async_ctx *ctx, void *in,
			    int in_size, void *out, int out_size,
			    mlx5_async_cbk_t callback,
			    struct mlx5_async_work *work);
int __wrap_mlx5_cmd_check(struct mlx5_core_dev *dev, int err, void *in,
			  void *out);

#endif
