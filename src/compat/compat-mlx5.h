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
 * names that cannot collide with a newer header.
 *
 * Before 6.15, mlx5_core creates no mlx5_core.fwctl.<id> device, and
 * fwctl_mlx5 brings its own: the shim, src/compat/mlx5/ (README.md there
 * has the whole argument). It is built exactly when the kernel has no
 * <linux/fwctl.h> of its own (probe kernel_fwctl); otherwise the three
 * hooks below are the plain upstream calls.
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

/**
 * mlx5ctl_cmd_do - run one command for a fwctl user context
 * @madev: the auxiliary device the fwctl device was probed on
 * @load: 0 to run the command in whatever load of the function is
 *	current and store that load's name here (used to create the user
 *	context); otherwise the name stored then, so the command fails
 *	with -ENODEV once the function was unloaded in between
 * @in: input mailbox
 * @in_size: its length
 * @out: output mailbox
 * @out_size: its length
 *
 * Return: as mlx5_cmd_do(), or -ENXIO while the function is not loaded.
 */
#ifndef HAVE_KERNEL_FWCTL
int mlx5ctl_cmd_do(struct mlx5_adev *madev, u64 *load, void *in,
		   int in_size, void *out, int out_size);
int mlx5ctl_shim_init(struct auxiliary_driver *adrv);
void mlx5ctl_shim_exit(void);
#else
static inline int mlx5ctl_cmd_do(struct mlx5_adev *madev, u64 *load,
				 void *in, int in_size, void *out,
				 int out_size)
{
	/* mlx5_core deletes its fwctl device before every unload */
	*load = 1;
	return mlx5_cmd_do(madev->mdev, in, in_size, out, out_size);
}

static inline int mlx5ctl_shim_init(struct auxiliary_driver *adrv)
{
	return 0;
}

static inline void mlx5ctl_shim_exit(void)
{
}
#endif

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
