// SPDX-License-Identifier: GPL-2.0
/*
 * fwctl_mlx5 shim: the mlx5_core.fwctl.<id> auxiliary device for kernels
 * whose mlx5_core does not create it (it does since Linux 6.15).
 *
 * What we create
 * --------------
 * One auxiliary device per mlx5 PCI function that is bound to mlx5_core
 * and whose firmware reports a non-zero uctx_cap, embedding the struct
 * mlx5_adev the driver expects, parented to the PCI device and named
 * mlx5_core.fwctl.<priv.adev_idx> exactly like the one mlx5_core would
 * create. Sub-functions are auxiliary devices themselves, never PCI
 * devices, so they are left out as upstream does. If the PCI device
 * already has a child named mlx5_core.fwctl.* (an mlx5_core that creates
 * its own, or ours), nothing is added: the check is made at run time, so
 * the same module is right on every kernel.
 *
 * Lifetime
 * --------
 * The struct mlx5_core_dev is the PCI device's drvdata: mlx5_core
 * allocates it before pci_set_drvdata() in probe and frees it at the end
 * of its remove callback. Our device holds a pointer to it, so it must be
 * gone before mlx5_core's remove runs:
 *
 * - It is created in the PCI bus notifier's BUS_NOTIFY_BOUND_DRIVER,
 *   which the driver core sends after mlx5_core's probe returned success,
 *   and by a scan of already bound devices when this module loads.
 * - It is deleted in BUS_NOTIFY_UNBIND_DRIVER, which the driver core sends
 *   before calling the driver's remove. Every way a function leaves
 *   mlx5_core goes through that: sysfs unbind, PCI removal (hot unplug,
 *   SR-IOV disable, sysfs remove) and rmmod mlx5_core.
 * - All creations and deletions for a PCI device happen under its
 *   device_lock(), which the driver core holds across probe + BOUND and
 *   across UNBIND + remove (our workqueue runs them for the lock holder:
 *   see mlx5ctl_shim_call()). The notifier and this module's exit path
 *   therefore never interleave with mlx5_core's remove, and each decides
 *   under that lock whether our device exists (mlx5ctl_shim_list only
 *   records them and is never held across device_add/del).
 * - Module exit first stops creation, then deletes every device under its
 *   parent's lock, and only then unregisters the notifiers, so no unbind
 *   can slip between the two. It waits until every device was released,
 *   because the release callback is this module's code.
 * - Deleting the auxiliary device unbinds fwctl_mlx5, whose remove calls
 *   fwctl_unregister(): that waits for RPCs in flight, destroys every
 *   open file's user context while the function is still bound and leaves
 *   the open files returning ENODEV. Nothing touches the mlx5_core_dev
 *   afterwards.
 *
 * Reload
 * ------
 * devlink reload, firmware reset and activation, health recovery, PCI
 * error recovery and suspend unload and load the mlx5 function while it
 * stays bound, so our device stays, and an unload need not delete any
 * auxiliary device (none exist with enable_eth/rdma/vnet all off; suspend
 * and, before "Reload auxiliary devices in pci error handlers", PCI error
 * recovery only suspend mlx5e). Every firmware user context dies with the
 * unload, and its uid may be handed out again after the load. So the
 * gate in mlx5ctl_cmd_do() names each load of the function and runs a
 * file's command only in the load its context was created in (else
 * -ENODEV, and close sends no DESTROY_UCTX).
 *
 * The name of a load is the number of INIT_HCA commands mlx5_core has run
 * on the function (its own per-opcode statistics, struct mlx5_cmd_stats,
 * kept from probe to remove). This relies on mlx5_core, 5.11 to 6.14:
 * - every load runs INIT_HCA (mlx5_function_open()) and counts it before
 *   setting MLX5_INTERFACE_STATE_UP; nothing else sends INIT_HCA;
 * - every unload clears MLX5_INTERFACE_STATE_UP before tearing down, and
 *   loads and unloads change it only under intf_state_mutex.
 * Under intf_state_mutex, "up, and the count is the file's" therefore
 * means "the firmware context of the file is alive". A function without
 * that statistics entry gets no device.
 *
 * The gate holds intf_state_mutex only for that check and to queue the
 * command (mlx5_cmd_exec_cb()), then waits for its completion without
 * it. A queued command is drained by every unload before the firmware
 * function is torn down (mlx5_cmd_use_polling() takes every command slot
 * when the async EQ goes, TEARDOWN_HCA is queued behind it on the ordered
 * command workqueue, and mlx5_cmd_disable() flushes that workqueue; before
 * 6.4 mlx5_cmd_cleanup() destroys it), so it runs in the load it was
 * checked in. RPCs of one function run side by side, and a hung command
 * does not block mlx5_core's health work or AER handler, which take
 * intf_state_mutex and then flush the commands (the callback then gets
 * the error). Left: the general object commands, which mlx5_core refuses
 * to run asynchronously, run synchronously under intf_state_mutex, so a
 * hung one delays recovery until mlx5_core's command timeout.
 *
 * Devices created by mlx5_core itself (Linux 6.15 and later) need no gate:
 * mlx5_core deletes them before every unload.
 */
#include <linux/auxiliary_bus.h>
#include <linux/completion.h>
#include <linux/device.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/notifier.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <linux/mlx5/driver.h>

#include "cmds.h"

#define MLX5CTL_FWCTL_ADEV_PREFIX MLX5_ADEV_NAME ".fwctl."

struct mlx5ctl_shim_dev {
	struct mlx5_adev madev;
	/* Entry in mlx5ctl_shim_list */
	struct list_head node;
	/* Our commands in mlx5_core's queue */
	struct mlx5_async_ctx actx;
};

/* Protects mlx5ctl_shim_list and mlx5ctl_shim_stopping */
static DEFINE_MUTEX(mlx5ctl_shim_lock);
static LIST_HEAD(mlx5ctl_shim_list);
static bool mlx5ctl_shim_stopping;

/* Devices not yet released; module exit waits for zero */
static atomic_t mlx5ctl_shim_live = ATOMIC_INIT(0);
static DECLARE_WAIT_QUEUE_HEAD(mlx5ctl_shim_release_wq);

/* Runs every add and delete of our devices, one at a time */
static struct workqueue_struct *mlx5ctl_shim_wq;

static void mlx5ctl_shim_release(struct device *dev)
{
	struct mlx5ctl_shim_dev *sdev =
		container_of(dev, struct mlx5ctl_shim_dev, madev.adev.dev);

	kfree(sdev);
	if (atomic_dec_and_test(&mlx5ctl_shim_live))
		wake_up(&mlx5ctl_shim_release_wq);
}

static struct mlx5ctl_shim_dev *to_shim_dev(struct mlx5_adev *madev)
{
	if (madev->adev.dev.release != mlx5ctl_shim_release)
		return NULL;
	return container_of(madev, struct mlx5ctl_shim_dev, madev);
}

/*
 * The name of the function's current load (see the top of this file);
 * 0 when mlx5_core keeps no count of INIT_HCA. Stable while the caller
 * holds intf_state_mutex.
 */
static u64 mlx5ctl_load_id(struct mlx5_core_dev *mdev)
{
	struct mlx5_cmd_stats *stats;
	u64 n;

	stats = mlx5ctl_cmd_stats(mdev, MLX5_CMD_OP_INIT_HCA);
	if (!stats)
		return 0;
	spin_lock_irq(&stats->lock);
	n = stats->n;
	spin_unlock_irq(&stats->lock);
	return n;
}

/*
 * mlx5_core cannot run these asynchronously (cmd_exec() refuses them with
 * a callback since 6.1's "throttle" of general object commands).
 */
static bool mlx5ctl_shim_sync_only(u16 opcode)
{
	switch (opcode) {
	case MLX5_CMD_OP_CREATE_GENERAL_OBJECT:
	case MLX5_CMD_OP_MODIFY_GENERAL_OBJECT:
	case MLX5_CMD_OP_QUERY_GENERAL_OBJECT:
	case MLX5_CMD_OP_DESTROY_GENERAL_OBJECT:
		return true;
	}
	return false;
}

struct mlx5ctl_shim_cmd {
	struct mlx5_async_work work;
	struct completion done;
	int status;
};

static void mlx5ctl_shim_cmd_done(int status, struct mlx5_async_work *work)
{
	struct mlx5ctl_shim_cmd *cmd =
		container_of(work, struct mlx5ctl_shim_cmd, work);

	cmd->status = status;
	complete(&cmd->done);
}

int mlx5ctl_cmd_do(struct mlx5_adev *madev, u64 *load, void *in,
		   int in_size, void *out, int out_size)
{
	struct mlx5ctl_shim_dev *sdev = to_shim_dev(madev);
	struct mlx5_core_dev *mdev = madev->mdev;
	struct mlx5ctl_shim_cmd cmd;
	u64 cur;
	int ret;

	if (!sdev) {
		*load = 1;
		return mlx5_cmd_do(mdev, in, in_size, out, out_size);
	}

	init_completion(&cmd.done);
	scoped_guard(mutex, &mdev->intf_state_mutex) {
		if (!test_bit(MLX5_INTERFACE_STATE_UP, &mdev->intf_state))
			return -ENXIO;
		cur = mlx5ctl_load_id(mdev);
		if (*load && *load != cur)
			return -ENODEV;
		*load = cur;

		if (mlx5ctl_shim_sync_only(MLX5_GET(mlx5ctl_mbox_in_hdr, in,
						    opcode)))
			return mlx5_cmd_do(mdev, in, in_size, out, out_size);

		/* Queued now, it runs before any unload can begin */
		ret = mlx5_cmd_exec_cb(&sdev->actx, in, in_size, out, out_size,
				       mlx5ctl_shim_cmd_done, &cmd.work);
		if (ret)
			return ret;
	}
	/* mlx5_core calls back on completion, timeout or flush */
	wait_for_completion(&cmd.done);
	return cmd.status;
}

/* Caller holds mlx5ctl_shim_lock */
static struct mlx5ctl_shim_dev *mlx5ctl_shim_find(struct device *parent)
{
	struct mlx5ctl_shim_dev *sdev;

	lockdep_assert_held(&mlx5ctl_shim_lock);
	list_for_each_entry(sdev, &mlx5ctl_shim_list, node)
		if (sdev->madev.adev.dev.parent == parent)
			return sdev;
	return NULL;
}

static int mlx5ctl_is_fwctl_adev(struct device *dev, void *data)
{
	return !strncmp(dev_name(dev), MLX5CTL_FWCTL_ADEV_PREFIX,
			strlen(MLX5CTL_FWCTL_ADEV_PREFIX));
}

static bool mlx5ctl_is_mlx5_function(struct device *dev)
{
	return dev->driver && !strcmp(dev->driver->name, MLX5_ADEV_NAME);
}

/* In mlx5ctl_shim_wq, for a caller holding device_lock(dev) */
static void mlx5ctl_shim_attach(struct device *dev)
{
	struct mlx5_core_dev *mdev = dev_get_drvdata(dev);
	struct mlx5ctl_shim_dev *sdev;
	struct auxiliary_device *adev;
	int ret;

	if (!mlx5ctl_is_mlx5_function(dev) || !mdev)
		return;
	if (!MLX5_CAP_GEN(mdev, uctx_cap))
		return;
	/* No way to tell its loads apart: see the top of this file */
	if (!mlx5ctl_cmd_stats(mdev, MLX5_CMD_OP_INIT_HCA))
		return;
	if (device_for_each_child(dev, NULL, mlx5ctl_is_fwctl_adev))
		return;

	sdev = kzalloc(sizeof(*sdev), GFP_KERNEL);
	if (!sdev)
		return;
	mlx5_cmd_init_async_ctx(mdev, &sdev->actx);
	sdev->madev.mdev = mdev;
	sdev->madev.idx = mdev->priv.adev_idx;
	adev = &sdev->madev.adev;
	adev->name = "fwctl";
	adev->id = mdev->priv.adev_idx;
	adev->dev.parent = dev;
	adev->dev.release = mlx5ctl_shim_release;

	ret = auxiliary_device_init(adev);
	if (ret) {
		kfree(sdev);
		return;
	}
	atomic_inc(&mlx5ctl_shim_live);

	scoped_guard(mutex, &mlx5ctl_shim_lock) {
		if (mlx5ctl_shim_stopping) {
			auxiliary_device_uninit(adev);
			return;
		}
		list_add(&sdev->node, &mlx5ctl_shim_list);
	}

	ret = __auxiliary_device_add(adev, MLX5_ADEV_NAME);
	if (ret) {
		dev_warn(dev, "fwctl_mlx5: cannot add %s.%s.%u: %d\n",
			 MLX5_ADEV_NAME, adev->name, adev->id, ret);
		scoped_guard(mutex, &mlx5ctl_shim_lock)
			list_del(&sdev->node);
		auxiliary_device_uninit(adev);
	}
}

/* In mlx5ctl_shim_wq, for a caller holding device_lock(dev) */
static void mlx5ctl_shim_detach(struct device *dev)
{
	struct mlx5ctl_shim_dev *sdev;

	scoped_guard(mutex, &mlx5ctl_shim_lock) {
		sdev = mlx5ctl_shim_find(dev);
		if (!sdev)
			return;
		list_del(&sdev->node);
	}
	/* fwctl_unregister() waited for every RPC */
	auxiliary_device_delete(&sdev->madev.adev);
	mlx5_cmd_cleanup_async_ctx(&sdev->actx);
	auxiliary_device_uninit(&sdev->madev.adev);
}

struct mlx5ctl_shim_work {
	struct work_struct work;
	struct completion done;
	void (*fn)(struct device *dev);
	struct device *dev;
};

static void mlx5ctl_shim_call_work(struct work_struct *work)
{
	struct mlx5ctl_shim_work *call =
		container_of(work, struct mlx5ctl_shim_work, work);

	call->fn(call->dev);
	complete(&call->done);
}

/*
 * Run fn(dev) in mlx5ctl_shim_wq and wait for it; the caller holds
 * device_lock(dev), which fn relies on.
 *
 * The driver core calls each bus's notifiers under a rwsem, and all those
 * rwsems share one lock class. Adding or deleting an auxiliary device
 * calls the auxiliary bus's notifiers (ours among them), so doing it from
 * the PCI bus notifier would take that rwsem inside the PCI bus's. Two
 * different rwsems, read-held and never taken in the other order, do not
 * deadlock, but lockdep cannot tell them apart and reports recursive
 * locking. In the workqueue nothing is nested, and the waiting caller
 * keeps every ordering the lifetime rules above depend on.
 */
static void mlx5ctl_shim_call(void (*fn)(struct device *dev),
			      struct device *dev)
{
	struct mlx5ctl_shim_work call = { .fn = fn, .dev = dev };

	INIT_WORK_ONSTACK(&call.work, mlx5ctl_shim_call_work);
	init_completion(&call.done);
	queue_work(mlx5ctl_shim_wq, &call.work);
	wait_for_completion(&call.done);
	destroy_work_on_stack(&call.work);
}

static int mlx5ctl_pci_notify(struct notifier_block *nb, unsigned long action,
			      void *data)
{
	struct device *dev = data;

	switch (action) {
	case BUS_NOTIFY_BOUND_DRIVER:
		mlx5ctl_shim_call(mlx5ctl_shim_attach, dev);
		break;
	case BUS_NOTIFY_UNBIND_DRIVER:
		mlx5ctl_shim_call(mlx5ctl_shim_detach, dev);
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block mlx5ctl_pci_nb = {
	.notifier_call = mlx5ctl_pci_notify,
};

static int mlx5ctl_shim_scan_one(struct device *dev, void *data)
{
	device_lock(dev);
	if (mlx5ctl_is_mlx5_function(dev))
		mlx5ctl_shim_call(mlx5ctl_shim_attach, dev);
	device_unlock(dev);
	return 0;
}

int mlx5ctl_shim_init(struct auxiliary_driver *adrv)
{
	int ret;

	mlx5ctl_shim_wq = alloc_ordered_workqueue("fwctl_mlx5_shim", 0);
	if (!mlx5ctl_shim_wq)
		return -ENOMEM;
	ret = bus_register_notifier(&pci_bus_type, &mlx5ctl_pci_nb);
	if (ret)
		goto err_wq;

	/* Functions bound before the notifier was in place */
	bus_for_each_dev(&pci_bus_type, NULL, NULL, mlx5ctl_shim_scan_one);
	return 0;

err_wq:
	destroy_workqueue(mlx5ctl_shim_wq);
	return ret;
}

void mlx5ctl_shim_exit(void)
{
	struct mlx5ctl_shim_dev *sdev;
	struct device *parent;

	scoped_guard(mutex, &mlx5ctl_shim_lock)
		mlx5ctl_shim_stopping = true;

	for (;;) {
		scoped_guard(mutex, &mlx5ctl_shim_lock) {
			sdev = list_first_entry_or_null(&mlx5ctl_shim_list,
							struct mlx5ctl_shim_dev,
							node);
			parent = sdev ? get_device(sdev->madev.adev.dev.parent) :
					NULL;
		}
		if (!parent)
			break;
		/* Unless the UNBIND notifier deleted it meanwhile */
		device_lock(parent);
		mlx5ctl_shim_call(mlx5ctl_shim_detach, parent);
		device_unlock(parent);
		put_device(parent);
	}

	bus_unregister_notifier(&pci_bus_type, &mlx5ctl_pci_nb);
	destroy_workqueue(mlx5ctl_shim_wq);

	wait_event(mlx5ctl_shim_release_wq, !atomic_read(&mlx5ctl_shim_live));
}
