/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel differences seen by fwctl_mlx5 and its test mock. Force-included
 * after compat.h into the mlx5 objects (src/mlx5/Kbuild.mk), so it must
 * stand on its own as the first header of a file.
 *
 * fwctl_mlx5 is built only where the kernel has the auxiliary bus and
 * mlx5_core's struct mlx5_adev (probe mlx5_adev, src/Kbuild). Everything
 * else it uses from mlx5_core (MLX5_CAP_GEN(), the create/destroy_uctx
 * layouts, intf_state_mutex and intf_state) has the same shape from Debian
 * 6.1 to 7.x, built here; for Ubuntu 22.04 (5.15) and RHEL 8.5+/9 the fact
 * list names only the items below as missing (never built here). PRM
 * items newer than the Debian 6.1 mlx5_ifc.h are defined in src/mlx5/cmds.h
 * under names that cannot collide with a newer header.
 *
 * Each fallback defines compat_*() and points the upstream name at it, so
 * that it also builds where the kernel has its own (FWCTL_FORCE_ABSENT).
 *
 * Before 6.15, mlx5_core creates no mlx5_core.fwctl.<id> device, and
 * fwctl_mlx5 brings its own: the shim, src/compat/mlx5/ (README.md there
 * has the whole argument). It is built exactly when the kernel has no
 * <linux/fwctl.h> of its own (probe kernel_fwctl); otherwise the three
 * hooks below are the plain upstream calls. The shim names a load of the
 * function by mlx5_core's per-opcode command statistics, which changed
 * form in 6.7 (probe mlx5_cmd_stats_xa).
 */
#ifndef _FWCTL_COMPAT_MLX5_H
#define _FWCTL_COMPAT_MLX5_H

#include <linux/auxiliary_bus.h>
#include <linux/completion.h>
#include <linux/mlx5/driver.h>
#include <linux/slab.h>

/*
 * mlx5_core's statistics of the commands it ran, per opcode: an array in
 * struct mlx5_cmd up to 6.6, an xarray of entries allocated at probe since
 * 6.7. NULL when there is none for @opcode, or no statistics of a form we
 * know.
 */
static inline struct mlx5_cmd_stats *
mlx5ctl_cmd_stats(struct mlx5_core_dev *mdev, u16 opcode)
{
#if defined(HAVE_MLX5_CMD_STATS_XA)
	return xa_load(&mdev->cmd.stats, opcode);
#elif defined(HAVE_MLX5_CMD_STATS_ARRAY)
	return opcode < MLX5_CMD_OP_MAX ? &mdev->cmd.stats[opcode] : NULL;
#else
	return NULL;
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
#elif defined(HAVE_MLX5_CMD_STATS_ARRAY)
	spin_lock_init(&mdev->cmd.stats[opcode].lock);
	return 0;
#else
	return -EOPNOTSUPP;
#endif
}

/*
 * For tests/mlx5's fake PCI bus, a static object of its module: whether
 * bus_unregister() has been followed by the bus's release, which writes to
 * the bus before 6.3 (probe bus_type_p) and may run late.
 */
static inline bool mlx5ctl_bus_released(struct bus_type *bus)
{
#ifdef HAVE_BUS_TYPE_P
	return !READ_ONCE(bus->p);
#else
	return true;
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

/* Ubuntu 22.04 (5.15), RHEL 8.5, 8.6 and 9.0 lack them. */
#ifndef HAVE_AUXILIARY_DRVDATA
static inline void *compat_auxiliary_get_drvdata(struct auxiliary_device *adev)
{
	return dev_get_drvdata(&adev->dev);
}

static inline void compat_auxiliary_set_drvdata(struct auxiliary_device *adev,
						void *data)
{
	dev_set_drvdata(&adev->dev, data);
}

#define auxiliary_get_drvdata compat_auxiliary_get_drvdata
#define auxiliary_set_drvdata compat_auxiliary_set_drvdata
#endif

/* PRM opcode; Ubuntu 22.04 (5.15), RHEL 8.5, 8.6 and 9.0 lack it. */
#ifndef HAVE_MLX5_OP_QUERY_VHCA_MIGRATION_STATE
#define MLX5_CMD_OP_QUERY_VHCA_MIGRATION_STATE 0x117
#endif

/*
 * mlx5_cmd_do() for Ubuntu 22.04 (5.15), RHEL 8.5, 8.6 and 9.0. Their
 * mlx5_cmd_exec() runs mlx5_cmd_check(), which logs every failed command
 * and turns the firmware status into an errno: no pass-through. Their
 * mlx5_cmd_exec_cb() runs the command without either and hands its
 * callback the raw result: 0 when the firmware executed the command,
 * whatever the status it wrote into the output mailbox (6.1 and later
 * pass -EREMOTEIO for a bad status instead). Wait for the callback, then
 * answer as mlx5_cmd_do() does: the status stays in the output and a bad
 * one is -EREMOTEIO; any other error means the command did not complete.
 * Like mlx5_cmd_do(), the input is copied before the command is posted,
 * so in and out may be one buffer. The async context waits, in its
 * cleanup, until the completion handler has let go of it and of the work.
 */
#ifndef HAVE_MLX5_CMD_DO
struct compat_mlx5_cmd_wait {
	struct mlx5_async_work work;
	struct completion done;
	int err;
};

static inline void compat_mlx5_cmd_done(int status,
					struct mlx5_async_work *work)
{
	struct compat_mlx5_cmd_wait *wait =
		container_of(work, struct compat_mlx5_cmd_wait, work);

	wait->err = status;
	complete(&wait->done);
}

static inline int compat_mlx5_cmd_do(struct mlx5_core_dev *dev, void *in,
				     int in_size, void *out, int out_size)
{
	struct compat_mlx5_cmd_wait wait = {};
	struct mlx5_async_ctx ctx;
	int err;

	init_completion(&wait.done);
	mlx5_cmd_init_async_ctx(dev, &ctx);
	err = mlx5_cmd_exec_cb(&ctx, in, in_size, out, out_size,
			       compat_mlx5_cmd_done, &wait.work);
	if (!err) {
		wait_for_completion(&wait.done);
		err = wait.err;
	}
	mlx5_cmd_cleanup_async_ctx(&ctx);
	/* mbox_out.status: the first byte of every output mailbox */
	if (!err && out_size >= 1 && *(u8 *)out)
		err = -EREMOTEIO;
	return err;
}

#define mlx5_cmd_do compat_mlx5_cmd_do
#endif

/*
 * The errno of a firmware status, as mlx5_core's cmd_status_to_err()
 * (cmd.c, the same from 6.1 to 7.x) gives it to mlx5_cmd_exec() callers.
 */
static inline int mlx5ctl_cmd_status_to_err(u8 status)
{
	switch (status) {
	case MLX5_CMD_STAT_OK:
		return 0;
	case MLX5_CMD_STAT_BAD_OP_ERR:
	case MLX5_CMD_STAT_BAD_PARAM_ERR:
	case MLX5_CMD_STAT_BAD_RES_ERR:
	case MLX5_CMD_STAT_BAD_RES_STATE_ERR:
	case MLX5_CMD_STAT_IX_ERR:
	case MLX5_CMD_STAT_BAD_QP_STATE_ERR:
	case MLX5_CMD_STAT_BAD_PKT_ERR:
	case MLX5_CMD_STAT_BAD_SIZE_OUTS_CQES_ERR:
		return -EINVAL;
	case MLX5_CMD_STAT_RES_BUSY:
		return -EBUSY;
	case MLX5_CMD_STAT_LIM_ERR:
		return -ENOMEM;
	case MLX5_CMD_STAT_NO_RES_ERR:
		return -EAGAIN;
	default:
		return -EIO;
	}
}

/*
 * mlx5_cmd_check() for Ubuntu 22.04 (5.15) and, presumably, RHEL 8.5, 8.6
 * and 9.0, where it is cmd.c's own: -EREMOTEIO from mlx5_cmd_do() becomes
 * the errno of the status in the output; other errors stay. Unlike
 * mlx5_core's it logs nothing.
 */
#ifndef HAVE_MLX5_CMD_CHECK
static inline int compat_mlx5_cmd_check(struct mlx5_core_dev *dev, int err,
					void *in, void *out)
{
	if (err != -EREMOTEIO)
		return err;
	/* mbox_out.status: the first byte of every output mailbox */
	return mlx5ctl_cmd_status_to_err(*(u8 *)out);
}

#define mlx5_cmd_check compat_mlx5_cmd_check
#endif

#endif /* _FWCTL_COMPAT_MLX5_H */
