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
 * stays bound, so our device stays. In every such path mlx5_core holds
 * mdev->intf_state_mutex while it detaches its auxiliary devices, clears
 * MLX5_INTERFACE_STATE_UP and tears the firmware function down (and while
 * it sets it up again). A command racing with that is not safe by itself:
 * mlx5_cmd_do() checks the command interface state once, then uses it,
 * and on recent kernels the unload frees the command pages, DMA pool and
 * message cache (mlx5_cmd_disable(); 6.1 frees them only at remove), so a
 * command passing the check just before an unload can touch freed memory;
 * on any kernel it may be posted to a function being torn down. And every
 * firmware user context dies with the teardown: its uid may be handed to
 * another context after the load. The gate in mlx5ctl_cmd_do() handles
 * all of it, the way mlx5_vf_get_core_dev() does for mlx5-vfio-pci: it holds
 * intf_state_mutex around each command and runs it only with
 * MLX5_INTERFACE_STATE_UP set (else -ENXIO), and only if the file's user
 * context was created since the function was last unloaded (else -ENODEV;
 * close then sends no DESTROY_UCTX, since the uid is no longer ours). An
 * unload is recognised by the removal of any auxiliary device of the PCI
 * device (mlx5_core deletes its eth/rdma/... devices in every unload but
 * a suspend, and does so before tearing the function down), by a command
 * finding the interface down, and by system suspend/resume. The epoch
 * check errs on the safe side: an auxiliary device removed without an
 * unload (e.g. an eswitch mode change) also retires open files.
 *
 * A command stuck in the firmware holds intf_state_mutex until mlx5_core's
 * command timeout, delaying a concurrent reload or error recovery by as
 * much; mlx5-vfio-pci behaves the same way.
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
#include <linux/suspend.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <linux/mlx5/driver.h>

#include "cmds.h"

#define MLX5CTL_FWCTL_ADEV_PREFIX MLX5_ADEV_NAME ".fwctl."

struct mlx5ctl_shim_dev {
	struct mlx5_adev madev;
	/* Entry in mlx5ctl_shim_list */
	struct list_head node;
	/* Bumped whenever the function may have been unloaded; never 0 */
	atomic_t epoch;
};

/* Protects mlx5ctl_shim_list and mlx5ctl_shim_stopping */
static DEFINE_MUTEX(mlx5ctl_shim_lock);
static LIST_HEAD(mlx5ctl_shim_list);
static bool mlx5ctl_shim_stopping;

/* Devices not yet released; module exit waits for zero */
static atomic_t mlx5ctl_shim_live = ATOMIC_INIT(0);
static DECLARE_WAIT_QUEUE_HEAD(mlx5ctl_shim_release_wq);

static struct auxiliary_driver *mlx5ctl_shim_adrv;

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

static void mlx5ctl_shim_new_epoch(struct mlx5ctl_shim_dev *sdev)
{
	/* Skip 0, which callers use to ask for the current epoch */
	if (!atomic_inc_return(&sdev->epoch))
		atomic_inc(&sdev->epoch);
}

int mlx5ctl_cmd_do(struct mlx5_adev *madev, u32 *epoch, void *in,
		   int in_size, void *out, int out_size)
{
	struct mlx5ctl_shim_dev *sdev = to_shim_dev(madev);
	struct mlx5_core_dev *mdev = madev->mdev;
	u32 cur;

	if (!sdev) {
		*epoch = 1;
		return mlx5_cmd_do(mdev, in, in_size, out, out_size);
	}

	guard(mutex)(&mdev->intf_state_mutex);
	if (!test_bit(MLX5_INTERFACE_STATE_UP, &mdev->intf_state)) {
		mlx5ctl_shim_new_epoch(sdev);
		return -ENXIO;
	}
	cur = atomic_read(&sdev->epoch);
	if (!*epoch)
		*epoch = cur;
	else if (*epoch != cur)
		return -ENODEV;
	return mlx5_cmd_do(mdev, in, in_size, out, out_size);
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
	if (device_for_each_child(dev, NULL, mlx5ctl_is_fwctl_adev))
		return;

	sdev = kzalloc(sizeof(*sdev), GFP_KERNEL);
	if (!sdev)
		return;
	atomic_set(&sdev->epoch, 1);
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
	auxiliary_device_delete(&sdev->madev.adev);
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

/* Any auxiliary device of the function leaving may mean an unload. */
static int mlx5ctl_aux_notify(struct notifier_block *nb, unsigned long action,
			      void *data)
{
	struct device *dev = data;
	struct mlx5ctl_shim_dev *sdev;

	if (action != BUS_NOTIFY_DEL_DEVICE || !dev->parent)
		return NOTIFY_DONE;

	guard(mutex)(&mlx5ctl_shim_lock);
	sdev = mlx5ctl_shim_find(dev->parent);
	if (sdev)
		mlx5ctl_shim_new_epoch(sdev);
	return NOTIFY_DONE;
}

static struct notifier_block mlx5ctl_aux_nb = {
	.notifier_call = mlx5ctl_aux_notify,
};

/* Suspend may unload the function without removing auxiliary devices. */
static int mlx5ctl_pm_notify(struct notifier_block *nb, unsigned long action,
			     void *data)
{
	struct mlx5ctl_shim_dev *sdev;

	switch (action) {
	case PM_SUSPEND_PREPARE:
	case PM_POST_SUSPEND:
	case PM_HIBERNATION_PREPARE:
	case PM_POST_HIBERNATION:
	case PM_POST_RESTORE:
		break;
	default:
		return NOTIFY_DONE;
	}

	guard(mutex)(&mlx5ctl_shim_lock);
	list_for_each_entry(sdev, &mlx5ctl_shim_list, node)
		mlx5ctl_shim_new_epoch(sdev);
	return NOTIFY_DONE;
}

static struct notifier_block mlx5ctl_pm_nb = {
	.notifier_call = mlx5ctl_pm_notify,
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

	mlx5ctl_shim_adrv = adrv;
	mlx5ctl_shim_wq = alloc_ordered_workqueue("fwctl_mlx5_shim", 0);
	if (!mlx5ctl_shim_wq)
		return -ENOMEM;
	ret = bus_register_notifier(adrv->driver.bus, &mlx5ctl_aux_nb);
	if (ret)
		goto err_wq;
	ret = register_pm_notifier(&mlx5ctl_pm_nb);
	if (ret)
		goto err_aux;
	ret = bus_register_notifier(&pci_bus_type, &mlx5ctl_pci_nb);
	if (ret)
		goto err_pm;

	/* Functions bound before the notifier was in place */
	bus_for_each_dev(&pci_bus_type, NULL, NULL, mlx5ctl_shim_scan_one);
	return 0;

err_pm:
	unregister_pm_notifier(&mlx5ctl_pm_nb);
err_aux:
	bus_unregister_notifier(adrv->driver.bus, &mlx5ctl_aux_nb);
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
	unregister_pm_notifier(&mlx5ctl_pm_nb);
	bus_unregister_notifier(mlx5ctl_shim_adrv->driver.bus, &mlx5ctl_aux_nb);
	destroy_workqueue(mlx5ctl_shim_wq);

	wait_event(mlx5ctl_shim_release_wq, !atomic_read(&mlx5ctl_shim_live));
}
