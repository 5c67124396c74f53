// SPDX-License-Identifier: GPL-2.0
/*
 * fwctl_mlx5 shim: the mlx5_core.fwctl.<id> auxiliary device for kernels
 * whose mlx5_core does not create it (before 6.15; built only where the
 * kernel has no <linux/fwctl.h>). The full argument is in README.md here.
 *
 * - One device per mlx5 PCI function with a uctx_cap, added on
 *   BUS_NOTIFY_BOUND_DRIVER (or by a scan at load), deleted on
 *   BUS_NOTIFY_UNBIND_DRIVER, both under the PCI device's lock: so before
 *   mlx5_core's remove frees the mlx5_core_dev. Every 5 s the functions
 *   are looked at again, for a load that turned uctx_cap on or off.
 * - A load of the function is named by mlx5_core's count of INIT_HCA
 *   commands (one per load, counted before MLX5_INTERFACE_STATE_UP is set,
 *   both under intf_state_mutex); a file's command runs only in the load
 *   its firmware context was created in, else -ENODEV and no DESTROY_UCTX.
 * - The gate holds intf_state_mutex only to check that and to queue the
 *   command (mlx5_cmd_exec_cb()); every unload drains queued commands
 *   before the teardown. General object commands, which mlx5_core will
 *   not queue, run synchronously under the mutex.
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

#include "../../mlx5/cmds.h"

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
 * The name of the function's current load (see README.md);
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
	/* 5.15 calls back with 0 whatever the status, 6.1+ with -EREMOTEIO */
	if (!cmd.status && *(u8 *)out)
		return -EREMOTEIO;
	return cmd.status;
}

/* Whether the firmware of the loaded function offers user contexts */
static bool mlx5ctl_uctx_capable(struct mlx5_core_dev *mdev)
{
	guard(mutex)(&mdev->intf_state_mutex);
	return test_bit(MLX5_INTERFACE_STATE_UP, &mdev->intf_state) &&
	       MLX5_CAP_GEN(mdev, uctx_cap);
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
	if (!mlx5ctl_uctx_capable(mdev))
		return;
	/* No way to tell its loads apart: see README.md */
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

/*
 * In mlx5ctl_shim_wq, for a caller holding device_lock(dev): a load may
 * have brought firmware that offers user contexts, or no longer does, as
 * mlx5_core 6.15+ decides at every load whether to add its fwctl device.
 */
static void mlx5ctl_shim_recheck(struct device *dev)
{
	struct mlx5ctl_shim_dev *sdev;
	struct mlx5_core_dev *mdev;
	bool gone;

	scoped_guard(mutex, &mlx5ctl_shim_lock)
		sdev = mlx5ctl_shim_find(dev);
	if (!sdev) {
		mlx5ctl_shim_attach(dev);
		return;
	}
	mdev = sdev->madev.mdev;
	scoped_guard(mutex, &mdev->intf_state_mutex)
		gone = test_bit(MLX5_INTERFACE_STATE_UP, &mdev->intf_state) &&
		       !MLX5_CAP_GEN(mdev, uctx_cap);
	if (gone)
		mlx5ctl_shim_detach(dev);
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

	/* Other drivers' devices never queue behind ours */
	if (!mlx5ctl_is_mlx5_function(dev))
		return NOTIFY_DONE;

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

/*
 * mlx5_core tells no one of a load that deletes no auxiliary device, so
 * eligibility is looked at again this often. A function whose lock is
 * held (probe, remove, SR-IOV changes) waits for the next round.
 */
#define MLX5CTL_SHIM_RECHECK_PERIOD (5 * HZ)

static void mlx5ctl_shim_recheck_work(struct work_struct *work);
static DECLARE_DELAYED_WORK(mlx5ctl_shim_rechecker,
			    mlx5ctl_shim_recheck_work);

/*
 * Add or delete the device of one PCI function as its firmware says (with
 * none yet, mlx5ctl_shim_recheck() is the attach). mlx5_core binds Mellanox
 * functions only: lock no other device. *@wait: wait for a busy function's
 * lock (the scan at load), else leave it to the next round.
 */
static int mlx5ctl_shim_scan_one(struct device *dev, void *wait)
{
	if (to_pci_dev(dev)->vendor != PCI_VENDOR_ID_MELLANOX)
		return 0;
	if (*(bool *)wait)
		device_lock(dev);
	else if (!device_trylock(dev))
		return 0;
	if (mlx5ctl_is_mlx5_function(dev))
		mlx5ctl_shim_call(mlx5ctl_shim_recheck, dev);
	device_unlock(dev);
	return 0;
}

static void mlx5ctl_shim_recheck_work(struct work_struct *work)
{
	bool wait = false;

	bus_for_each_dev(&pci_bus_type, NULL, &wait, mlx5ctl_shim_scan_one);
	scoped_guard(mutex, &mlx5ctl_shim_lock)
		if (!mlx5ctl_shim_stopping)
			schedule_delayed_work(&mlx5ctl_shim_rechecker,
					      MLX5CTL_SHIM_RECHECK_PERIOD);
}

int mlx5ctl_shim_init(struct auxiliary_driver *adrv)
{
	bool wait = true;
	int ret;

	mlx5ctl_shim_wq = alloc_ordered_workqueue("fwctl_mlx5_shim", 0);
	if (!mlx5ctl_shim_wq)
		return -ENOMEM;
	ret = bus_register_notifier(&pci_bus_type, &mlx5ctl_pci_nb);
	if (ret)
		goto err_wq;

	/* Functions bound before the notifier was in place */
	bus_for_each_dev(&pci_bus_type, NULL, &wait, mlx5ctl_shim_scan_one);
	schedule_delayed_work(&mlx5ctl_shim_rechecker,
			      MLX5CTL_SHIM_RECHECK_PERIOD);
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
	cancel_delayed_work_sync(&mlx5ctl_shim_rechecker);

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

	/* The release callback is ours; say so if one never comes */
	while (!wait_event_timeout(mlx5ctl_shim_release_wq,
				   !atomic_read(&mlx5ctl_shim_live), 10 * HZ))
		pr_warn("fwctl_mlx5: waiting for %d devices to be released\n",
			atomic_read(&mlx5ctl_shim_live));
}
