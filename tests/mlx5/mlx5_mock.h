/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What mlx5_mock.ko exports in place of mlx5_core's mlx5_cmd_do() and the
 * PCI bus; fwctl_mlx5_test.ko is linked against these with ld --wrap.
 */
#ifndef _MLX5_MOCK_H
#define _MLX5_MOCK_H

struct bus_type;
struct mlx5_core_dev;

extern struct bus_type __wrap_pci_bus_type;
int __wrap_mlx5_cmd_do(struct mlx5_core_dev *dev, void *in, int in_size,
		       void *out, int out_size);

#endif
