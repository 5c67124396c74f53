/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel differences seen by fwctl_mlx5 and its test mock. Force-included
 * after compat.h into the mlx5 objects (src/mlx5/Kbuild.mk), so it must
 * stand on its own as the first header of a file.
 *
 * fwctl_mlx5 needs no per-kernel code on the kernels it builds for (Debian
 * 6.1 and later, the first ones with the auxiliary bus): everything it uses
 * from mlx5_core (mlx5_cmd_do(), struct mlx5_adev, MLX5_CAP_GEN(), the
 * create/destroy_uctx layouts, intf_state_mutex and intf_state) has the
 * same shape from 6.1 to 7.x, but for the command statistics below. PRM
 * items newer than the 6.1 mlx5_ifc.h are defined in src/mlx5/cmds.h under
 * names that cannot collide with a newer header. Whether mlx5_core creates
 * the mlx5_core.fwctl device itself (6.15+) is decided at run time by the
 * shim, not here.
 */
#ifndef _FWCTL_COMPAT_MLX5_H
#define _FWCTL_COMPAT_MLX5_H

#include <linux/auxiliary_bus.h>
#include <linux/mlx5/driver.h>
#include <linux/slab.h>

/*
 * mlx5_core's statistics of the commands it ran, per opcode: an array in
 * struct mlx5_cmd up to 6.6, an xarray of entries allocated at probe since
 * 6.7. NULL when there is none for @opcode.
 */
static inline struct mlx5_cmd_stats *
mlx5ctl_cmd_stats(struct mlx5_core_dev *mdev, u16 opcode)
{
#ifdef HAVE_MLX5_CMD_STATS_XA
	return xa_load(&mdev->cmd.stats, opcode);
#else
	return opcode < MLX5_CMD_OP_MAX ? &mdev->cmd.stats[opcode] : NULL;
#endif
}

/*
 * For tests/mlx5's fake mlx5_core only: give a zeroed struct mlx5_core_dev
 * the statistics entry of @opcode that mlx5_core's probe would allocate.
 */
static inline int mlx5ctl_cmd_stats_init(struct mlx5_core_dev *mdev,
					 u16 opcode)
{
#ifdef HAVE_MLX5_CMD_STATS_XA
	struct mlx5_cmd_stats *stats = kzalloc(sizeof(*stats), GFP_KERNEL);
	int ret;

	if (!stats)
		return -ENOMEM;
	spin_lock_init(&stats->lock);
	xa_init(&mdev->cmd.stats);
	ret = xa_insert(&mdev->cmd.stats, opcode, stats, GFP_KERNEL);
	if (ret)
		kfree(stats);
	return ret;
#else
	spin_lock_init(&mdev->cmd.stats[opcode].lock);
	return 0;
#endif
}

static inline void mlx5ctl_cmd_stats_free(struct mlx5_core_dev *mdev)
{
#ifdef HAVE_MLX5_CMD_STATS_XA
	struct mlx5_cmd_stats *stats;
	unsigned long i;

	xa_for_each(&mdev->cmd.stats, i, stats)
		kfree(stats);
	xa_destroy(&mdev->cmd.stats);
#endif
}

#endif /* _FWCTL_COMPAT_MLX5_H */
