// SPDX-License-Identifier: GPL-2.0
/*
 * mlx5_mock: fake mlx5 PCI functions and firmware for the fwctl_mlx5 tests.
 *
 * The test build of fwctl_mlx5 (fwctl_mlx5_test.ko) is linked with
 * --wrap=mlx5_cmd_do --wrap=pci_bus_type, so its commands come here and its
 * shim watches mlx5mock_pci, a bus where our driver named "mlx5_core" binds
 * fake functions whose drvdata is a fake struct mlx5_core_dev, as the real
 * mlx5_core does with PCI functions. Commands for real mlx5 devices are
 * passed on to the real mlx5_cmd_do().
 *
 * The fake firmware decodes PRM mailboxes, allocates and frees uids for
 * CREATE/DESTROY_UCTX, answers NOP, QUERY_HCA_CAP, QUERY_ADAPTER, ACCESS_REG
 * (registers with a PRM layout in mock_regs.c) and every other command
 * with status OK, can fail commands on request and
 * records what it ran. Anything the driver must never do is counted in
 * "violations" and logged: a command for a removed function, a command while
 * the function is unloaded, a command carrying a uid the firmware did not
 * hand out, uids left allocated when the function is removed.
 *
 * debugfs, /sys/kernel/debug/mlx5_mock/:
 *   violations		read: count of the above
 *   (mlx5mock_other.0, bound to mock_other: a device of another driver)
 *   shim		read: Y when fwctl_mlx5 has its shim on this kernel
 *			(no <linux/fwctl.h> of its own); else every function
 *			creates its own fwctl device, as mlx5_core 6.15+
 *   remove		write N: remove function N (PCI hot unplug)
 *   add		write N: re-create removed function N
 *   compat_cmd_do	read: Y when fwctl_mlx5 runs commands through the compat
 *			mlx5_cmd_do() (no mlx5_cmd_do(), or forced absent)
 *   exec_cb_calls	read: commands that came through mlx5_cmd_exec_cb()
 *   cmd_do_calls	read: commands that came through mlx5_cmd_do()
 *   cmd_do_queued	read/write: Y makes mlx5_cmd_do() run the command on
 *			the function's command workqueue and wait for it, as
 *			mlx5_core's cmd_exec() does, instead of in the caller
 *			(for tests/bench: the same hop as mlx5_cmd_exec_cb())
 *   fnN/uids		read: the allocated uids, one per line
 *   fnN/cmds		read: the number of commands run
 *   fnN/last		read: "opcode uid op_mod" of the last command
 *   fnN/fail		write "STATUS SYNDROME COUNT": fail the next commands
 *   fnN/delay_ms	read/write: time each command takes
 *   fnN/reload		write 1: unload and load the function (devlink reload);
 *			write 2: unload it, deleting its aux devices, and
 *			leave it down (a failed reload)
 *   fnN/down		write 1/0: unload / load it, keeping its aux devices
 *			(suspend, or no eth/rdma/vnet device) but its own
 *			fwctl one, whose driver has no .suspend; a load fails
 *			with the error of re-adding its own fwctl device
 *   fnN/sibling	write 0/1: delete / re-add its sibling aux device
 *			without an unload (eswitch mode change, LAG, SF)
 *   fnN/hang		write 1: the next command never completes, until a
 *			fatal error flushes it (or 5 s, the command timeout)
 *   fnN/fatal		write 1: firmware fatal error, as mlx5_core's health
 *			work handles it: under intf_state_mutex, mark the
 *			device in internal error and flush hung commands;
 *			commands then fail until the next reload
 *   fnN/fw_uctx_cap	write N: the uctx_cap the firmware reports from its
 *			next load on (an upgrade activated by a reload)
 *   fnN/stale		read: commands that carried a uid not allocated
 *   fnN/loads		read: INIT_HCA commands run (mlx5_core's count)
 *   fnN/idx		read: its mlx5_core.*.<idx> number
 *
 * Each fake mdev's intf_state_mutex has its own lock class, as in
 * mlx5_core (mlx5_mdev_init()), so nesting two functions' mutexes (or ours
 * with a real mlx5_core's) is not a lockdep report.
 */
#include <linux/auxiliary_bus.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/mlx5/device.h>
#include <linux/mlx5/driver.h>
#include <linux/mlx5/mlx5_ifc.h>

#include "mlx5_mock.h"
#include "mock_regs.h"

#define MOCK_MAX_FNS 8
#define MOCK_IDX_BASE 100
#define MOCK_MAX_UID 255
#define MOCK_NR_REGS 16
#define MOCK_REG_BYTES 64

/* The opcodes fwctl_mlx5 sends itself */
#define MOCK_OP_CREATE_UCTX 0xa04
#define MOCK_OP_DESTROY_UCTX 0xa06
#define MOCK_OP_ACCESS_REGISTER_USER 0xb0c

/* mlx5_core's command timeout (MLX5_CMD_TIMEOUT_MSEC), shortened */
#define MOCK_HANG_MS 5000

/* PRM command mailbox headers */
struct mlx5_ifc_mock_mbox_in_bits {
	u8 opcode[0x10];
	u8 uid[0x10];

	u8 reserved_at_20[0x10];
	u8 op_mod[0x10];

	u8 reserved_at_40[0x40];
};

struct mlx5_ifc_mock_mbox_out_bits {
	u8 status[0x8];
	u8 reserved_at_8[0x18];

	u8 syndrome[0x20];

	u8 reserved_at_40[0x40];
};

static unsigned int nr_fns = 4;
module_param(nr_fns, uint, 0444);
MODULE_PARM_DESC(nr_fns, "number of fake mlx5 functions");

static u32 uctx_caps[MOCK_MAX_FNS] = { 0x7, 0x0, 0x1, 0x7 };
module_param_array(uctx_caps, uint, NULL, 0444);
MODULE_PARM_DESC(uctx_caps, "uctx_cap of each function");

/*
 * Where the kernel has its own fwctl, fwctl_mlx5 has no shim, and every
 * function is one of a 6.15+ mlx5_core.
 */
#ifdef HAVE_KERNEL_FWCTL
#define MOCK_SHIM false
#else
#define MOCK_SHIM true
#endif
static bool own_fwctl[MOCK_MAX_FNS] = { !MOCK_SHIM, !MOCK_SHIM, !MOCK_SHIM,
					true, !MOCK_SHIM, !MOCK_SHIM,
					!MOCK_SHIM, !MOCK_SHIM };
module_param_array(own_fwctl, bool, NULL, 0444);
MODULE_PARM_DESC(own_fwctl,
		 "function creates mlx5_core.fwctl itself, like mlx5_core 6.15+");

struct mock_fn {
	struct pci_dev pdev;
	unsigned int nr;
	/* Protects everything below */
	struct mutex lock;
	struct mlx5_core_dev *mdev;
	/* Its auxiliary devices, under mdev->intf_state_mutex */
	struct auxiliary_device *sibling;
	struct auxiliary_device *fwctl;
	bool cmd_up;
	unsigned long uid_map[BITS_TO_LONGS(MOCK_MAX_UID + 1)];
	u64 cmds;
	u16 last_opcode, last_uid, last_op_mod;
	u8 fail_status;
	u32 fail_syndrome, fail_count;
	u32 delay_ms;
	/* A firmware upgrade: the uctx_cap it reports from the next load on */
	u32 next_uctx_cap;
	bool next_uctx_cap_set;
	u64 stale;
	/* Hung commands: the next one hangs; released by a fatal error */
	bool hang_next;
	unsigned int hung;
	wait_queue_head_t hang_wq;
	/* mlx5_core's command workqueue, for mlx5_cmd_exec_cb() */
	struct workqueue_struct *cmd_wq;
	u8 regs[MOCK_NR_REGS][MOCK_REG_BYTES];
	struct mock_regs prm;
	struct dentry *dir;
};

/*
 * The fake PCI bus: no match callback (its type changed in 6.11); the bus
 * probe refuses the pairs that do not match, by vendor: our "mlx5_core"
 * binds the mlx5 functions, "mock_other" the one other device.
 */
static int mock_bus_probe(struct device *dev);
static void mock_bus_remove(struct device *dev);

struct bus_type __wrap_pci_bus_type = {
	.name = "mlx5mock_pci",
	.probe = mock_bus_probe,
	.remove = mock_bus_remove,
};
EXPORT_SYMBOL_GPL(__wrap_pci_bus_type);

static struct device_driver mock_driver = {
	.name = "mlx5_core",
	.bus = &__wrap_pci_bus_type,
	.owner = THIS_MODULE,
};

/* Some other PCI driver on the same bus (NVMe, a GPU, vfio-pci) */
static struct device_driver mock_other_driver = {
	.name = "mock_other",
	.bus = &__wrap_pci_bus_type,
	.owner = THIS_MODULE,
};

#define MOCK_OTHER_VENDOR 0x8086

/*
 * Devices of ours not yet released: their release callbacks are this
 * module's code and may run late (CONFIG_DEBUG_KOBJECT_RELEASE), so the
 * module's exit waits for them.
 */
static atomic_t mock_live = ATOMIC_INIT(0);
static DECLARE_WAIT_QUEUE_HEAD(mock_release_wq);

static void mock_released(void)
{
	if (atomic_dec_and_test(&mock_live))
		wake_up(&mock_release_wq);
}

static void mock_other_release(struct device *dev)
{
	kfree(container_of(dev, struct pci_dev, dev));
	mock_released();
}

static struct pci_dev *mock_other;

/* debugfs shim: whether fwctl_mlx5 is built with its shim here */
static bool mock_shim = MOCK_SHIM;

/* Protects mock_fns[], mock_dead and the mdev of each function */
static DEFINE_MUTEX(mock_lock);
static struct mock_fn *mock_fns[MOCK_MAX_FNS];
static atomic_t mock_violations = ATOMIC_INIT(0);
static atomic_t mock_exec_cb_calls = ATOMIC_INIT(0);
static atomic_t mock_cmd_do_calls = ATOMIC_INIT(0);
#ifdef HAVE_MLX5_CMD_DO
static bool mock_compat_cmd_do;
#else
static bool mock_compat_cmd_do = true;
#endif
static bool mock_cmd_do_queued;
static struct dentry *mock_dir;

/* Removed mdevs stay allocated so a use after removal is seen, not fatal. */
struct mock_dead {
	struct list_head node;
	struct mlx5_core_dev *mdev;
};

static LIST_HEAD(mock_dead);

/* Auxiliary devices a function has while loaded: one sibling, maybe fwctl */
struct mock_adev {
	struct mlx5_adev madev;
};

static void mock_violation(struct mock_fn *fn, const char *what, u16 opcode,
			   u16 uid)
{
	atomic_inc(&mock_violations);
	pr_err("mlx5_mock: fn%u: %s (opcode 0x%x uid %u)\n",
	       fn ? fn->nr : 99, what, opcode, uid);
}

static void mock_adev_release(struct device *dev)
{
	kfree(container_of(dev, struct mock_adev, madev.adev.dev));
	mock_released();
}

/* On failure, NULL with the error in *err */
static struct auxiliary_device *mock_adev_add(struct mock_fn *fn,
					      const char *modname,
					      const char *name, int *err)
{
	struct mock_adev *ma = kzalloc(sizeof(*ma), GFP_KERNEL);
	struct auxiliary_device *adev;
	int ret;

	*err = -ENOMEM;
	if (!ma)
		return NULL;
	ma->madev.mdev = fn->mdev;
	ma->madev.idx = fn->mdev->priv.adev_idx;
	adev = &ma->madev.adev;
	adev->name = name;
	adev->id = fn->mdev->priv.adev_idx;
	adev->dev.parent = &fn->pdev.dev;
	adev->dev.release = mock_adev_release;
	ret = auxiliary_device_init(adev);
	if (ret) {
		kfree(ma);
		*err = ret;
		return NULL;
	}
	atomic_inc(&mock_live);
	ret = __auxiliary_device_add(adev, modname);
	if (ret) {
		auxiliary_device_uninit(adev);
		*err = ret;
		return NULL;
	}
	*err = 0;
	return adev;
}

static void mock_adev_del(struct auxiliary_device *adev)
{
	if (!adev)
		return;
	auxiliary_device_delete(adev);
	auxiliary_device_uninit(adev);
}

/* mlx5_register_device()/mlx5_unregister_device() for our devices */
static int mock_attach_adevs(struct mock_fn *fn)
{
	int ret = 0, err = 0;

	if (!fn->sibling)
		fn->sibling = mock_adev_add(fn, "mlx5mock", "sib", &ret);
	/* mlx5_core 6.15+ creates it only with a uctx_cap */
	if (own_fwctl[fn->nr] && uctx_caps[fn->nr] && !fn->fwctl)
		fn->fwctl = mock_adev_add(fn, MLX5_ADEV_NAME, "fwctl", &err);
	return err ? err : ret;
}

static void mock_detach_adevs(struct mock_fn *fn)
{
	mock_adev_del(fn->fwctl);
	fn->fwctl = NULL;
	mock_adev_del(fn->sibling);
	fn->sibling = NULL;
}

/* Function teardown: the firmware forgets every user context. */
static void mock_fw_teardown(struct mock_fn *fn)
{
	mutex_lock(&fn->lock);
	fn->cmd_up = false;
	bitmap_zero(fn->uid_map, MOCK_MAX_UID + 1);
	mutex_unlock(&fn->lock);
}

/* mlx5_function_open(): every load runs INIT_HCA, which mlx5_core counts */
static void mock_fw_setup(struct mock_fn *fn)
{
	struct mlx5_cmd_stats *stats;

	stats = mlx5ctl_cmd_stats(fn->mdev, MLX5_CMD_OP_INIT_HCA);
	spin_lock_irq(&stats->lock);
	stats->n++;
	spin_unlock_irq(&stats->lock);

	mutex_lock(&fn->lock);
	if (fn->next_uctx_cap_set) {
		struct mlx5_hca_cap *caps = fn->mdev->caps.hca[MLX5_CAP_GENERAL];

		uctx_caps[fn->nr] = fn->next_uctx_cap;
		MLX5_SET(cmd_hca_cap, caps->cur, uctx_cap, fn->next_uctx_cap);
		MLX5_SET(cmd_hca_cap, caps->max, uctx_cap, fn->next_uctx_cap);
		fn->next_uctx_cap_set = false;
	}
	fn->cmd_up = true;
	fn->mdev->state = MLX5_DEVICE_STATE_UP;
	mutex_unlock(&fn->lock);
}

static void mock_mdev_free(struct mlx5_core_dev *mdev)
{
	mlx5ctl_cmd_stats_free(mdev);
	mutex_destroy(&mdev->intf_state_mutex);
	lockdep_unregister_key(&mdev->lock_key);
	kfree(mdev->caps.hca[MLX5_CAP_GENERAL]);
	kfree(mdev);
}

static int mock_bus_probe(struct device *dev)
{
	bool mlx5 = to_pci_dev(dev)->vendor == PCI_VENDOR_ID_MELLANOX;
	bool for_mlx5 = dev->driver == &mock_driver;
	struct mock_fn *fn = container_of(dev, struct mock_fn, pdev.dev);
	struct mlx5_core_dev *mdev;
	struct mlx5_hca_cap *caps;

	if (mlx5 != for_mlx5)
		return -ENODEV;
	if (!mlx5)
		return 0;

	mdev = kzalloc(sizeof(*mdev), GFP_KERNEL);
	if (!mdev)
		return -ENOMEM;
	caps = kzalloc(sizeof(*caps), GFP_KERNEL);
	if (!caps || mlx5ctl_cmd_stats_init(mdev, MLX5_CMD_OP_INIT_HCA)) {
		mlx5ctl_cmd_stats_free(mdev);
		kfree(caps);
		kfree(mdev);
		return -ENOMEM;
	}
	mdev->caps.hca[MLX5_CAP_GENERAL] = caps;
	MLX5_SET(cmd_hca_cap, caps->cur, uctx_cap, uctx_caps[fn->nr]);
	MLX5_SET(cmd_hca_cap, caps->max, uctx_cap, uctx_caps[fn->nr]);
	mock_regs_caps(caps->cur, caps->max, fn->nr);
	mdev->device = dev;
	mdev->pdev = &fn->pdev;
	mdev->state = MLX5_DEVICE_STATE_UP;
	mdev->priv.adev_idx = MOCK_IDX_BASE + fn->nr;
	lockdep_register_key(&mdev->lock_key);
	mutex_init(&mdev->intf_state_mutex);
	lockdep_set_class(&mdev->intf_state_mutex, &mdev->lock_key);

	mutex_lock(&mock_lock);
	fn->mdev = mdev;
	mutex_unlock(&mock_lock);
	dev_set_drvdata(dev, mdev);

	mutex_lock(&mdev->intf_state_mutex);
	mock_fw_setup(fn);
	set_bit(MLX5_INTERFACE_STATE_UP, &mdev->intf_state);
	mock_attach_adevs(fn);
	mutex_unlock(&mdev->intf_state_mutex);
	return 0;
}

static void mock_bus_remove(struct device *dev)
{
	struct mock_fn *fn = container_of(dev, struct mock_fn, pdev.dev);
	struct mlx5_core_dev *mdev = fn->mdev;
	struct mock_dead *dead;
	unsigned int uid;

	if (dev->driver != &mock_driver)
		return;
	dead = kzalloc(sizeof(*dead), GFP_KERNEL);

	mutex_lock(&mdev->intf_state_mutex);
	mock_detach_adevs(fn);
	clear_bit(MLX5_INTERFACE_STATE_UP, &mdev->intf_state);
	flush_workqueue(fn->cmd_wq);
	mutex_unlock(&mdev->intf_state_mutex);

	mutex_lock(&fn->lock);
	for_each_set_bit(uid, fn->uid_map, MOCK_MAX_UID + 1)
		mock_violation(fn, "uid still allocated at remove", 0, uid);
	mutex_unlock(&fn->lock);
	mock_fw_teardown(fn);

	dev_set_drvdata(dev, NULL);
	mutex_lock(&mock_lock);
	fn->mdev = NULL;
	if (dead) {
		dead->mdev = mdev;
		list_add(&dead->node, &mock_dead);
	}
	mutex_unlock(&mock_lock);
	if (!dead)
		mock_mdev_free(mdev);
}

/* ---- the fake firmware -------------------------------------------------- */

static int mock_status(void *out, int out_size, u8 status, u32 syndrome)
{
	if (out_size >= MLX5_ST_SZ_BYTES(mock_mbox_out)) {
		MLX5_SET(mock_mbox_out, out, status, status);
		MLX5_SET(mock_mbox_out, out, syndrome, syndrome);
	}
	return status ? -EREMOTEIO : 0;
}

/* Copy @len bytes of @src to the mailbox at byte @off, as far as it goes */
static void mock_put(void *out, int out_size, int off, const void *src,
		     int len)
{
	if (off >= out_size)
		return;
	memcpy(out + off, src, min(len, out_size - off));
}

static int mock_create_uctx(struct mock_fn *fn, void *in, int in_size,
			    void *out, int out_size)
{
	void *uctx = MLX5_ADDR_OF(create_uctx_in, in, uctx);
	u32 cap;
	int uid;

	if (in_size < MLX5_ST_SZ_BYTES(create_uctx_in) ||
	    out_size < MLX5_ST_SZ_BYTES(create_uctx_out))
		return mock_status(out, out_size, MLX5_CMD_STAT_BAD_PARAM_ERR,
				   0x1001);
	cap = MLX5_GET(uctx, uctx, cap);
	if (cap & ~uctx_caps[fn->nr])
		return mock_status(out, out_size, MLX5_CMD_STAT_BAD_PARAM_ERR,
				   0x1002);
	/* Lowest free uid, like the firmware: a stale uid gets reused */
	uid = find_next_zero_bit(fn->uid_map, MOCK_MAX_UID + 1, 1);
	if (uid > MOCK_MAX_UID)
		return mock_status(out, out_size, MLX5_CMD_STAT_BAD_RES_STATE_ERR,
				   0x1003);
	set_bit(uid, fn->uid_map);
	MLX5_SET(create_uctx_out, out, uid, uid);
	return mock_status(out, out_size, 0, 0);
}

static int mock_destroy_uctx(struct mock_fn *fn, void *in, int in_size,
			     void *out, int out_size)
{
	u16 uid;

	if (in_size < MLX5_ST_SZ_BYTES(destroy_uctx_in))
		return mock_status(out, out_size, MLX5_CMD_STAT_BAD_PARAM_ERR,
				   0x2001);
	uid = MLX5_GET(destroy_uctx_in, in, uid);
	if (uid > MOCK_MAX_UID || !test_bit(uid, fn->uid_map)) {
		mock_violation(fn, "DESTROY_UCTX of a uid not allocated",
			       MOCK_OP_DESTROY_UCTX, uid);
		return mock_status(out, out_size,
				   MLX5_CMD_STAT_BAD_RES_STATE_ERR, 0x2002);
	}
	clear_bit(uid, fn->uid_map);
	return mock_status(out, out_size, 0, 0);
}

static int mock_query_hca_cap(struct mock_fn *fn, void *in, int in_size,
			      void *out, int out_size)
{
	struct mlx5_hca_cap *caps = fn->mdev->caps.hca[MLX5_CAP_GENERAL];
	u16 op_mod = MLX5_GET(mock_mbox_in, in, op_mod);
	int off = MLX5_BYTE_OFF(query_hca_cap_out, capability);

	/* op_mod: capability type << 1 | current (1) or maximum (0) */
	if (op_mod >> 1 != MLX5_CAP_GENERAL)
		return mock_status(out, out_size, MLX5_CMD_STAT_BAD_PARAM_ERR,
				   0x3001);
	mock_put(out, out_size, off, op_mod & 1 ? caps->cur : caps->max,
		 sizeof(caps->cur));
	return mock_status(out, out_size, 0, 0);
}

static int mock_query_adapter(struct mock_fn *fn, void *in, int in_size,
			      void *out, int out_size)
{
	u32 blk[MLX5_ST_SZ_DW(query_adapter_param_block)] = {};
	static const char psid[] = "MOCK000001";

	MLX5_SET(query_adapter_param_block, blk, ieee_vendor_id, 0x02c9);
	MLX5_SET(query_adapter_param_block, blk, vsd_vendor_id, 0x15b3);
	memcpy(MLX5_ADDR_OF(query_adapter_param_block, blk, vsd_contd_psid),
	       psid, sizeof(psid) - 1);
	mock_put(out, out_size,
		 MLX5_BYTE_OFF(query_adapter_out, query_adapter_struct), blk,
		 sizeof(blk));
	return mock_status(out, out_size, 0, 0);
}

/* op_mod 0 writes register_data, 1 reads it back */
static int mock_access_reg(struct mock_fn *fn, void *in, int in_size,
			   void *out, int out_size)
{
	int in_off = MLX5_BYTE_OFF(access_register_in, register_data);
	int out_off = MLX5_BYTE_OFF(access_register_out, register_data);
	u16 op_mod = MLX5_GET(mock_mbox_in, in, op_mod);
	u8 *data, status;
	u16 reg;

	if (in_size < in_off)
		return mock_status(out, out_size, MLX5_CMD_STAT_BAD_PARAM_ERR,
				   0x4001);
	reg = MLX5_GET(access_register_in, in, register_id);
	if (mock_regs_access(&fn->prm, reg, op_mod, in + in_off,
			     in_size - in_off, out + out_off, out_size - out_off,
			     &status))
		return mock_status(out, out_size, status, status ? 0x4003 : 0);
	data = fn->regs[reg % MOCK_NR_REGS];
	switch (op_mod) {
	case 0:
		memset(data, 0, MOCK_REG_BYTES);
		memcpy(data, in + in_off, min(in_size - in_off, MOCK_REG_BYTES));
		break;
	case 1:
		mock_put(out, out_size, out_off, data, MOCK_REG_BYTES);
		break;
	default:
		return mock_status(out, out_size, MLX5_CMD_STAT_BAD_PARAM_ERR,
				   0x4002);
	}
	return mock_status(out, out_size, 0, 0);
}

/* Caller holds fn->lock */
static int mock_exec(struct mock_fn *fn, void *in, int in_size, void *out,
		     int out_size)
{
	u16 opcode = MLX5_GET(mock_mbox_in, in, opcode);
	u16 uid = MLX5_GET(mock_mbox_in, in, uid);
	u16 op_mod = MLX5_GET(mock_mbox_in, in, op_mod);

	fn->cmds++;
	mock_regs_count(&fn->prm, opcode);
	fn->last_opcode = opcode;
	fn->last_uid = uid;
	fn->last_op_mod = op_mod;

	if (opcode == MOCK_OP_CREATE_UCTX || opcode == MOCK_OP_DESTROY_UCTX) {
		/* The kernel's own commands, outside any user context */
		if (uid)
			mock_violation(fn, "uctx command with a uid", opcode,
				       uid);
	} else if (uid > MOCK_MAX_UID || !test_bit(uid, fn->uid_map)) {
		fn->stale++;
		mock_violation(fn, "command with a uid not allocated", opcode,
			       uid);
		return mock_status(out, out_size,
				   MLX5_CMD_STAT_BAD_RES_STATE_ERR, 0x5001);
	}

	if (fn->fail_count) {
		fn->fail_count--;
		return mock_status(out, out_size, fn->fail_status,
				   fn->fail_syndrome);
	}

	switch (opcode) {
	case MOCK_OP_CREATE_UCTX:
		return mock_create_uctx(fn, in, in_size, out, out_size);
	case MOCK_OP_DESTROY_UCTX:
		return mock_destroy_uctx(fn, in, in_size, out, out_size);
	case MLX5_CMD_OP_QUERY_HCA_CAP:
		return mock_query_hca_cap(fn, in, in_size, out, out_size);
	case MLX5_CMD_OP_QUERY_ADAPTER:
		return mock_query_adapter(fn, in, in_size, out, out_size);
	case MLX5_CMD_OP_ACCESS_REG:
	case MOCK_OP_ACCESS_REGISTER_USER:
		return mock_access_reg(fn, in, in_size, out, out_size);
	default:
		/* NOP and the other commands the driver lets through */
		return mock_status(out, out_size, 0, 0);
	}
}

static struct mock_fn *mock_fn_of(struct mlx5_core_dev *mdev, bool *dead)
{
	struct mock_dead *d;
	unsigned int i;

	*dead = false;
	guard(mutex)(&mock_lock);
	for (i = 0; i < MOCK_MAX_FNS; i++)
		if (mock_fns[i] && mock_fns[i]->mdev == mdev)
			return mock_fns[i];
	list_for_each_entry(d, &mock_dead, node) {
		if (d->mdev == mdev) {
			*dead = true;
			return NULL;
		}
	}
	return NULL;
}

/*
 * cmd_exec()'s first check: a dead device or a command interface that is
 * down fails with -ENXIO. The driver must never send a command while the
 * function is unloaded; in internal error state it may.
 */
static int mock_cmd_state(struct mock_fn *fn, void *in)
{
	guard(mutex)(&fn->lock);
	if (fn->mdev->state == MLX5_DEVICE_STATE_INTERNAL_ERROR)
		return -ENXIO;
	if (!fn->cmd_up) {
		mock_violation(fn, "command while the function is down",
			       MLX5_GET(mock_mbox_in, in, opcode),
			       MLX5_GET(mock_mbox_in, in, uid));
		return -ENXIO;
	}
	return 0;
}

/* The firmware runs one command, or hangs on it */
static int mock_run(struct mock_fn *fn, void *in, int in_size, void *out,
		    int out_size)
{
	u32 delay;
	int ret;

	mutex_lock(&fn->lock);
	delay = fn->delay_ms;
	if (fn->hang_next) {
		long left;

		fn->hang_next = false;
		fn->hung++;
		mutex_unlock(&fn->lock);
		/* Until mlx5_cmd_flush() in a fatal error, or the timeout */
		left = wait_event_timeout(fn->hang_wq,
					  READ_ONCE(fn->mdev->state) ==
					  MLX5_DEVICE_STATE_INTERNAL_ERROR,
					  msecs_to_jiffies(MOCK_HANG_MS));
		mutex_lock(&fn->lock);
		fn->hung--;
		mutex_unlock(&fn->lock);
		return left ? -ENXIO : -ETIMEDOUT;
	}
	if (!fn->cmd_up) {
		/* An unload must have drained the commands queued before it */
		mock_violation(fn, "command run while the function is down",
			       MLX5_GET(mock_mbox_in, in, opcode),
			       MLX5_GET(mock_mbox_in, in, uid));
		mutex_unlock(&fn->lock);
		return -ENXIO;
	}
	/* mlx5_cmd_do() clears the output; in and out may be one buffer */
	ret = mock_exec(fn, in, in_size, out, out_size);
	mutex_unlock(&fn->lock);
	if (delay)
		msleep(delay);
	return ret;
}

struct mock_sync_cmd {
	struct work_struct work;
	struct mock_fn *fn;
	void *in;
	void *out;
	int in_size;
	int out_size;
	int ret;
};

static void mock_sync_cmd_work(struct work_struct *work)
{
	struct mock_sync_cmd *sc =
		container_of(work, struct mock_sync_cmd, work);

	sc->ret = mock_run(sc->fn, sc->in, sc->in_size, sc->out, sc->out_size);
}

/* cmd_do_queued: through the command workqueue, as mlx5_core's cmd_exec() */
static int mock_run_queued(struct mock_fn *fn, void *in, int in_size,
			   void *out, int out_size)
{
	struct mock_sync_cmd sc = {
		.fn = fn,
		.in = in,
		.out = out,
		.in_size = in_size,
		.out_size = out_size,
	};

	INIT_WORK_ONSTACK(&sc.work, mock_sync_cmd_work);
	queue_work(fn->cmd_wq, &sc.work);
	flush_work(&sc.work);
	destroy_work_on_stack(&sc.work);
	return sc.ret;
}

int __wrap_mlx5_cmd_do(struct mlx5_core_dev *dev, void *in, int in_size,
		       void *out, int out_size)
{
	struct mock_fn *fn;
	bool dead;
	int ret;

	fn = mock_fn_of(dev, &dead);
	if (dead) {
		mock_violation(NULL, "command for a removed function",
			       MLX5_GET(mock_mbox_in, in, opcode),
			       MLX5_GET(mock_mbox_in, in, uid));
		return -ENXIO;
	}
	if (!fn)
		return mlx5_cmd_do(dev, in, in_size, out, out_size);

	atomic_inc(&mock_cmd_do_calls);
	if (in_size < MLX5_ST_SZ_BYTES(mock_mbox_in) ||
	    out_size < MLX5_ST_SZ_BYTES(mock_mbox_out))
		return -EINVAL;
	ret = mock_cmd_state(fn, in);
	if (ret)
		return ret;
	if (READ_ONCE(mock_cmd_do_queued))
		return mock_run_queued(fn, in, in_size, out, out_size);
	return mock_run(fn, in, in_size, out, out_size);
}
EXPORT_SYMBOL_GPL(__wrap_mlx5_cmd_do);

/*
 * mlx5_cmd_exec_cb(): the command is queued on the function's command
 * workqueue, which every unload flushes before the teardown (as
 * mlx5_cmd_disable() does), and the callback gets mlx5_cmd_do()'s result,
 * as from 6.1 on. Where the kernel has no mlx5_cmd_do() (or it is forced
 * absent) the callback gets the raw result of Ubuntu 22.04's 5.15, 0
 * whatever status the firmware wrote: the compat code must handle both.
 * When the command cannot be posted, the error is returned and there is
 * no callback.
 */

struct mock_cmd {
	struct work_struct work;
	struct mock_fn *fn;
	void *in;
	int in_size;
	void *out;
	int out_size;
	struct mlx5_async_work *aw;
};

static void mock_cmd_work(struct work_struct *work)
{
	struct mock_cmd *mc = container_of(work, struct mock_cmd, work);
	struct mlx5_async_work *aw = mc->aw;
	struct mlx5_async_ctx *ctx = aw->ctx;
	int ret;

	ret = mock_run(mc->fn, mc->in, mc->in_size, mc->out, mc->out_size);
	if (mock_compat_cmd_do && ret == -EREMOTEIO)
		ret = 0;
	kfree(mc->in);
	kfree(mc);
	aw->user_callback(ret, aw);
	if (atomic_dec_and_test(&ctx->num_inflight))
		complete(&ctx->inflight_done);
}

int __wrap_mlx5_cmd_exec_cb(struct mlx5_async_ctx *ctx, void *in,
			    int in_size, void *out, int out_size,
			    mlx5_async_cbk_t callback,
			    struct mlx5_async_work *work)
{
	struct mock_cmd *mc;
	struct mock_fn *fn;
	bool dead;
	int ret;

	fn = mock_fn_of(ctx->dev, &dead);
	if (dead) {
		mock_violation(NULL, "command for a removed function",
			       MLX5_GET(mock_mbox_in, in, opcode),
			       MLX5_GET(mock_mbox_in, in, uid));
		return -ENXIO;
	}
	if (!fn)
		return mlx5_cmd_exec_cb(ctx, in, in_size, out, out_size,
					callback, work);

	if (in_size < MLX5_ST_SZ_BYTES(mock_mbox_in) ||
	    out_size < MLX5_ST_SZ_BYTES(mock_mbox_out))
		return -EINVAL;
	ret = mock_cmd_state(fn, in);
	if (ret)
		return ret;

	mc = kzalloc(sizeof(*mc), GFP_KERNEL);
	if (!mc)
		return -ENOMEM;
	/* cmd_exec() copies the input into its mailbox before returning */
	mc->in = kmemdup(in, in_size, GFP_KERNEL);
	if (!mc->in) {
		kfree(mc);
		return -ENOMEM;
	}
	INIT_WORK(&mc->work, mock_cmd_work);
	mc->fn = fn;
	mc->in_size = in_size;
	mc->out = out;
	mc->out_size = out_size;
	mc->aw = work;
	work->ctx = ctx;
	work->user_callback = callback;
	atomic_inc(&mock_exec_cb_calls);
	atomic_inc(&ctx->num_inflight);
	queue_work(fn->cmd_wq, &mc->work);
	return 0;
}
EXPORT_SYMBOL_GPL(__wrap_mlx5_cmd_exec_cb);

/* mlx5_cmd_check(): -EREMOTEIO becomes the errno of the output's status */
int __wrap_mlx5_cmd_check(struct mlx5_core_dev *dev, int err, void *in,
			  void *out)
{
	struct mock_fn *fn;
	bool dead;

	fn = mock_fn_of(dev, &dead);
	if (!fn && !dead)
		return mlx5_cmd_check(dev, err, in, out);
	if (err != -EREMOTEIO)
		return err;
	return mlx5ctl_cmd_status_to_err(MLX5_GET(mock_mbox_out, out, status));
}
EXPORT_SYMBOL_GPL(__wrap_mlx5_cmd_check);

/* ---- reload -------------------------------------------------------------- */

/* What mlx5_unload_one() + mlx5_load_one() do around the firmware. */
static int mock_reload(struct mock_fn *fn, bool keep_adevs, bool load,
		       bool unload)
{
	struct mlx5_core_dev *mdev = fn->mdev;
	int ret = 0;

	mutex_lock(&mdev->intf_state_mutex);
	if (unload && test_bit(MLX5_INTERFACE_STATE_UP, &mdev->intf_state)) {
		if (!keep_adevs) {
			mock_detach_adevs(fn);
		} else {
			/* Its driver has no .suspend: deleted even then */
			mock_adev_del(fn->fwctl);
			fn->fwctl = NULL;
		}
		clear_bit(MLX5_INTERFACE_STATE_UP, &mdev->intf_state);
		/* mlx5_cmd_disable(): queued commands run first */
		flush_workqueue(fn->cmd_wq);
		mock_fw_teardown(fn);
	}
	if (load && !test_bit(MLX5_INTERFACE_STATE_UP, &mdev->intf_state)) {
		mock_fw_setup(fn);
		set_bit(MLX5_INTERFACE_STATE_UP, &mdev->intf_state);
		ret = mock_attach_adevs(fn);
	}
	mutex_unlock(&mdev->intf_state_mutex);
	return ret;
}

/* An eswitch mode change, LAG or SF: a sibling leaves or comes, no unload */
static int mock_sibling(struct mock_fn *fn, bool add)
{
	int ret = 0;

	if (!add) {
		mock_adev_del(fn->sibling);
		fn->sibling = NULL;
	} else if (!fn->sibling) {
		fn->sibling = mock_adev_add(fn, "mlx5mock", "sib", &ret);
	}
	return ret;
}

/*
 * mlx5_enter_error_state() from the health work or an AER handler: under
 * intf_state_mutex, mark the device in internal error and flush the
 * commands in flight (mlx5_cmd_flush()), which then fail.
 */
static void mock_fatal(struct mock_fn *fn)
{
	struct mlx5_core_dev *mdev = fn->mdev;

	mutex_lock(&mdev->intf_state_mutex);
	mutex_lock(&fn->lock);
	mdev->state = MLX5_DEVICE_STATE_INTERNAL_ERROR;
	fn->hang_next = false;
	mutex_unlock(&fn->lock);
	wake_up_all(&fn->hang_wq);
	mutex_unlock(&mdev->intf_state_mutex);
}

/* ---- debugfs ------------------------------------------------------------- */

static struct mock_fn *mock_file_fn(struct file *file)
{
	return file->f_inode->i_private;
}

static ssize_t mock_write_u32s(const char __user *ubuf, size_t len, u32 *v,
			       int n)
{
	char buf[64];
	int got;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = 0;
	if (n == 3)
		got = sscanf(buf, "%i %i %i", &v[0], &v[1], &v[2]);
	else
		got = sscanf(buf, "%i", &v[0]);
	return got == n ? len : -EINVAL;
}

static int mock_uids_show(struct seq_file *s, void *unused)
{
	struct mock_fn *fn = s->private;
	unsigned int uid;

	guard(mutex)(&fn->lock);
	for_each_set_bit(uid, fn->uid_map, MOCK_MAX_UID + 1)
		seq_printf(s, "%u\n", uid);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mock_uids);

static int mock_last_show(struct seq_file *s, void *unused)
{
	struct mock_fn *fn = s->private;

	guard(mutex)(&fn->lock);
	seq_printf(s, "0x%x %u %u\n", fn->last_opcode, fn->last_uid,
		   fn->last_op_mod);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mock_last);

static int mock_cmds_show(struct seq_file *s, void *unused)
{
	struct mock_fn *fn = s->private;

	guard(mutex)(&fn->lock);
	seq_printf(s, "%llu\n", fn->cmds);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mock_cmds);

static int mock_stale_show(struct seq_file *s, void *unused)
{
	struct mock_fn *fn = s->private;

	guard(mutex)(&fn->lock);
	seq_printf(s, "%llu\n", fn->stale);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mock_stale);

static int mock_loads_show(struct seq_file *s, void *unused)
{
	struct mock_fn *fn = s->private;
	struct mlx5_cmd_stats *stats;
	u64 n = 0;

	device_lock(&fn->pdev.dev);
	if (fn->mdev) {
		stats = mlx5ctl_cmd_stats(fn->mdev, MLX5_CMD_OP_INIT_HCA);
		spin_lock_irq(&stats->lock);
		n = stats->n;
		spin_unlock_irq(&stats->lock);
	}
	device_unlock(&fn->pdev.dev);
	seq_printf(s, "%llu\n", n);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mock_loads);

static int mock_idx_show(struct seq_file *s, void *unused)
{
	struct mock_fn *fn = s->private;

	seq_printf(s, "%u\n", MOCK_IDX_BASE + fn->nr);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mock_idx);

static ssize_t mock_fail_write(struct file *file, const char __user *ubuf,
			       size_t len, loff_t *ppos)
{
	struct mock_fn *fn = mock_file_fn(file);
	u32 v[3];
	ssize_t ret = mock_write_u32s(ubuf, len, v, 3);

	if (ret < 0)
		return ret;
	guard(mutex)(&fn->lock);
	fn->fail_status = v[0];
	fn->fail_syndrome = v[1];
	fn->fail_count = v[2];
	return ret;
}

static const struct file_operations mock_fail_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = mock_fail_write,
};

static void mock_set_next_uctx_cap(struct mock_fn *fn, u32 cap)
{
	guard(mutex)(&fn->lock);
	fn->next_uctx_cap = cap;
	fn->next_uctx_cap_set = true;
}

static void mock_set_hang(struct mock_fn *fn, bool hang)
{
	guard(mutex)(&fn->lock);
	fn->hang_next = hang;
}

/* Device lock of the function: it must stay bound while we reload it. */
static ssize_t mock_reload_write(struct file *file, const char __user *ubuf,
				 size_t len, loff_t *ppos)
{
	struct mock_fn *fn = mock_file_fn(file);
	const char *what = file->f_path.dentry->d_name.name;
	u32 v;
	ssize_t ret = mock_write_u32s(ubuf, len, &v, 1);
	int err = 0;

	if (ret < 0)
		return ret;
	device_lock(&fn->pdev.dev);
	if (!fn->mdev)
		err = -ENODEV;
	else if (!strcmp(what, "reload") && v)
		err = mock_reload(fn, false, v == 1, true);
	else if (!strcmp(what, "down"))
		err = mock_reload(fn, true, !v, !!v);
	else if (!strcmp(what, "sibling"))
		err = mock_sibling(fn, v);
	else if (!strcmp(what, "fatal") && v)
		mock_fatal(fn);
	else if (!strcmp(what, "fw_uctx_cap"))
		mock_set_next_uctx_cap(fn, v);
	else if (!strcmp(what, "hang"))
		mock_set_hang(fn, v);
	device_unlock(&fn->pdev.dev);
	return err ? err : ret;
}

static const struct file_operations mock_reload_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = mock_reload_write,
};

static int mock_violations_get(void *data, u64 *val)
{
	*val = atomic_read(&mock_violations);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(mock_violations_fops, mock_violations_get, NULL,
			 "%llu\n");

static void mock_fn_release(struct device *dev)
{
	struct mock_fn *fn = container_of(dev, struct mock_fn, pdev.dev);

	if (fn->cmd_wq)
		destroy_workqueue(fn->cmd_wq);
	kfree(fn);
	mock_released();
}

static int mock_fn_add(unsigned int nr)
{
	struct mock_fn *fn;
	char name[8];
	int ret;

	fn = kzalloc(sizeof(*fn), GFP_KERNEL);
	if (!fn)
		return -ENOMEM;
	fn->nr = nr;
	mutex_init(&fn->lock);
	init_waitqueue_head(&fn->hang_wq);
	fn->cmd_wq = alloc_workqueue("mlx5mock%u_cmd", WQ_UNBOUND, 0, nr);
	device_initialize(&fn->pdev.dev);
	atomic_inc(&mock_live);
	fn->pdev.vendor = PCI_VENDOR_ID_MELLANOX;
	fn->pdev.dev.bus = &__wrap_pci_bus_type;
	fn->pdev.dev.release = mock_fn_release;
	ret = dev_set_name(&fn->pdev.dev, "mlx5mock.%u", nr);
	if (!ret && !fn->cmd_wq)
		ret = -ENOMEM;
	if (ret)
		goto err_put;

	snprintf(name, sizeof(name), "fn%u", nr);
	fn->dir = debugfs_create_dir(name, mock_dir);
	debugfs_create_file("uids", 0400, fn->dir, fn, &mock_uids_fops);
	debugfs_create_file("last", 0400, fn->dir, fn, &mock_last_fops);
	debugfs_create_file("cmds", 0400, fn->dir, fn, &mock_cmds_fops);
	debugfs_create_file("idx", 0400, fn->dir, fn, &mock_idx_fops);
	debugfs_create_file("fail", 0200, fn->dir, fn, &mock_fail_fops);
	debugfs_create_file("reload", 0200, fn->dir, fn, &mock_reload_fops);
	debugfs_create_file("down", 0200, fn->dir, fn, &mock_reload_fops);
	debugfs_create_file("sibling", 0200, fn->dir, fn, &mock_reload_fops);
	debugfs_create_file("hang", 0200, fn->dir, fn, &mock_reload_fops);
	debugfs_create_file("fatal", 0200, fn->dir, fn, &mock_reload_fops);
	debugfs_create_file("fw_uctx_cap", 0200, fn->dir, fn,
			    &mock_reload_fops);
	debugfs_create_file("stale", 0400, fn->dir, fn, &mock_stale_fops);
	debugfs_create_file("loads", 0400, fn->dir, fn, &mock_loads_fops);
	debugfs_create_u32("delay_ms", 0600, fn->dir, &fn->delay_ms);
	mock_regs_init(&fn->prm, nr, fn->dir, &fn->lock);

	mutex_lock(&mock_lock);
	mock_fns[nr] = fn;
	mutex_unlock(&mock_lock);

	ret = device_add(&fn->pdev.dev);
	if (ret) {
		mutex_lock(&mock_lock);
		mock_fns[nr] = NULL;
		mutex_unlock(&mock_lock);
		debugfs_remove_recursive(fn->dir);
		goto err_put;
	}
	return 0;

err_put:
	put_device(&fn->pdev.dev);
	return ret;
}

static void mock_fn_del(unsigned int nr)
{
	struct mock_fn *fn;

	mutex_lock(&mock_lock);
	fn = mock_fns[nr];
	mutex_unlock(&mock_lock);
	if (!fn)
		return;
	debugfs_remove_recursive(fn->dir);
	/* Unbinds (PCI removal) first, then forget the function */
	device_del(&fn->pdev.dev);
	mutex_lock(&mock_lock);
	mock_fns[nr] = NULL;
	mutex_unlock(&mock_lock);
	put_device(&fn->pdev.dev);
}

static ssize_t mock_ctl_write(struct file *file, const char __user *ubuf,
			      size_t len, loff_t *ppos)
{
	bool add = file->f_path.dentry->d_name.name[0] == 'a';
	u32 nr;
	ssize_t ret = mock_write_u32s(ubuf, len, &nr, 1);

	if (ret < 0)
		return ret;
	if (nr >= nr_fns)
		return -EINVAL;
	if (add) {
		int err;

		mutex_lock(&mock_lock);
		err = mock_fns[nr] ? -EEXIST : 0;
		mutex_unlock(&mock_lock);
		if (!err)
			err = mock_fn_add(nr);
		return err ? err : ret;
	}
	mock_fn_del(nr);
	return ret;
}

static const struct file_operations mock_ctl_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = mock_ctl_write,
};

/* Every late release done: ours, and the bus's own */
static void mock_wait_released(void)
{
	unsigned int i;

	while (!wait_event_timeout(mock_release_wq, !atomic_read(&mock_live),
				   10 * HZ))
		pr_warn("mlx5_mock: waiting for %d devices to be released\n",
			atomic_read(&mock_live));
	for (i = 0; !mlx5ctl_bus_released(&__wrap_pci_bus_type); i++) {
		if (i && !(i % 500))
			pr_warn("mlx5_mock: waiting for the bus to be released\n");
		msleep(20);
	}
}

static void mock_cleanup(void)
{
	struct mock_dead *d, *tmp;
	unsigned int i;

	for (i = 0; i < MOCK_MAX_FNS; i++)
		mock_fn_del(i);
	if (mock_other)
		device_unregister(&mock_other->dev);
	debugfs_remove_recursive(mock_dir);
	driver_unregister(&mock_other_driver);
	driver_unregister(&mock_driver);
	bus_unregister(&__wrap_pci_bus_type);
	mock_wait_released();
	list_for_each_entry_safe(d, tmp, &mock_dead, node) {
		mock_mdev_free(d->mdev);
		kfree(d);
	}
}

static int __init mock_init(void)
{
	unsigned int i;
	int ret;

	if (nr_fns > MOCK_MAX_FNS)
		return -EINVAL;
	ret = bus_register(&__wrap_pci_bus_type);
	if (ret)
		return ret;
	ret = driver_register(&mock_driver);
	if (ret) {
		bus_unregister(&__wrap_pci_bus_type);
		return ret;
	}
	ret = driver_register(&mock_other_driver);
	if (ret) {
		driver_unregister(&mock_driver);
		bus_unregister(&__wrap_pci_bus_type);
		return ret;
	}
	mock_dir = debugfs_create_dir("mlx5_mock", NULL);
	debugfs_create_file("violations", 0400, mock_dir, NULL,
			    &mock_violations_fops);
	debugfs_create_bool("shim", 0400, mock_dir, &mock_shim);
	debugfs_create_file("remove", 0200, mock_dir, NULL, &mock_ctl_fops);
	debugfs_create_file("add", 0200, mock_dir, NULL, &mock_ctl_fops);
	debugfs_create_bool("compat_cmd_do", 0400, mock_dir,
			    &mock_compat_cmd_do);
	debugfs_create_atomic_t("exec_cb_calls", 0400, mock_dir,
				&mock_exec_cb_calls);
	debugfs_create_atomic_t("cmd_do_calls", 0400, mock_dir,
				&mock_cmd_do_calls);
	debugfs_create_bool("cmd_do_queued", 0600, mock_dir,
			    &mock_cmd_do_queued);

	for (i = 0; i < nr_fns; i++) {
		ret = mock_fn_add(i);
		if (ret) {
			mock_cleanup();
			return ret;
		}
	}

	mock_other = kzalloc(sizeof(*mock_other), GFP_KERNEL);
	if (!mock_other) {
		mock_cleanup();
		return -ENOMEM;
	}
	atomic_inc(&mock_live);
	mock_other->vendor = MOCK_OTHER_VENDOR;
	mock_other->dev.bus = &__wrap_pci_bus_type;
	mock_other->dev.release = mock_other_release;
	dev_set_name(&mock_other->dev, "mlx5mock_other.0");
	ret = device_register(&mock_other->dev);
	if (ret) {
		put_device(&mock_other->dev);
		mock_other = NULL;
		mock_cleanup();
		return ret;
	}
	return 0;
}
module_init(mock_init);

static void __exit mock_exit(void)
{
	mock_cleanup();
	if (atomic_read(&mock_violations))
		pr_err("mlx5_mock: %d violations\n",
		       atomic_read(&mock_violations));
}
module_exit(mock_exit);

MODULE_DESCRIPTION("fake mlx5 functions and firmware for fwctl_mlx5 tests");
MODULE_LICENSE("GPL");
