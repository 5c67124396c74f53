// SPDX-License-Identifier: GPL-2.0
/*
 * fwctl core: one char device per registered firmware interface, carrying
 * FWCTL_INFO and FWCTL_RPC from userspace to the driver.
 *
 * Lifetime: struct fwctl_device is refcounted by its embedded struct
 * device. The driver holds a reference from fwctl_alloc_device() until its
 * fwctl_put(), and every open file holds one until release. Unregistering
 * does not wait for files to close: it destroys their driver contexts and
 * clears ops under the registration lock, after which those files only
 * answer ENODEV and touch nothing of the driver's, so the driver module may
 * unload at once.
 */

#include <linux/completion.h>
#include <linux/fwctl.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/fs.h>
#include <linux/uaccess.h>
#include <linux/nospec.h>
#include <linux/sizes.h>

#include "fwctl-uapi.h"

enum {
	FWCTL_MAX_DEVICES = 4096,
	MAX_RPC_LEN = SZ_2M,
};

static_assert(FWCTL_MAX_DEVICES < (1U << MINORBITS));

static dev_t fwctl_dev;
static DEFINE_IDA(fwctl_ida);

/*
 * Devices not yet released: their release callback is this module's code,
 * and may run late (CONFIG_DEBUG_KOBJECT_RELEASE), so module exit waits.
 */
static atomic_t fwctl_live = ATOMIC_INIT(0);
static DECLARE_WAIT_QUEUE_HEAD(fwctl_release_wq);
/* Bit 0: this load's first debug-write RPC has been logged and tainted. */
static unsigned long fwctl_tainted;

/* Driver buffers may be ERR_PTRs, which must not reach kvfree(). */
DEFINE_FREE(kvfree_errptr, void *, kvfree(IS_ERR(_T) ? NULL : _T))

struct fwctl_ucmd {
	struct fwctl_uctx *uctx;
	void __user *ubuffer;
	void *cmd;
	u32 user_size;
};

/* Copy the updated command struct back, never more than the user gave. */
static int ucmd_respond(struct fwctl_ucmd *ucmd, size_t cmd_len)
{
	if (copy_to_user(ucmd->ubuffer, ucmd->cmd,
			 min_t(size_t, ucmd->user_size, cmd_len)))
		return -EFAULT;
	return 0;
}

static int copy_to_user_zero_pad(void __user *to, const void *from,
				 size_t from_len, size_t user_len)
{
	size_t copy_len = min(from_len, user_len);

	if (copy_to_user(to, from, copy_len))
		return -EFAULT;
	if (copy_len < user_len &&
	    clear_user(to + copy_len, user_len - copy_len))
		return -EFAULT;
	return 0;
}

static int fwctl_cmd_info(struct fwctl_ucmd *ucmd)
{
	struct fwctl_device *fwctl = ucmd->uctx->fwctl;
	struct fwctl_info *cmd = ucmd->cmd;
	void __user *udata = u64_to_user_ptr(cmd->out_device_data);
	size_t driver_info_len = 0;

	if (cmd->flags)
		return -EOPNOTSUPP;

	if (cmd->device_data_len && !fwctl->ops->info) {
		if (clear_user(udata, cmd->device_data_len))
			return -EFAULT;
	} else if (cmd->device_data_len) {
		void *info __free(kfree) =
			fwctl->ops->info(ucmd->uctx, &driver_info_len);

		if (IS_ERR(info))
			return PTR_ERR(info);
		if (copy_to_user_zero_pad(udata, info, driver_info_len,
					  cmd->device_data_len))
			return -EFAULT;
	}

	cmd->out_device_type = fwctl->ops->device_type;
	cmd->device_data_len = driver_info_len;
	return ucmd_respond(ucmd, sizeof(*cmd));
}

/*
 * Debug-write RPCs can leave the device in a state the kernel knows nothing
 * about: taint the kernel, and say who asked, once per load of this module.
 * The line is logged even if the flag is already set: before 6.15 the flag
 * is TAINT_USER, which other causes set too, and the audit line must not
 * depend on them.
 */
static void fwctl_taint(struct fwctl_device *fwctl, enum fwctl_rpc_scope scope)
{
	if (test_and_set_bit(0, &fwctl_tainted))
		return;
	if (scope == FWCTL_RPC_DEBUG_WRITE_FULL)
		dev_warn(&fwctl->dev,
			 "%s(%d): has requested full access to the physical device\n",
			 current->comm, task_pid_nr(current));
	else
		dev_warn(&fwctl->dev,
			 "%s(%d): has requested debug write access to the physical device\n",
			 current->comm, task_pid_nr(current));
	add_taint(TAINT_FWCTL, LOCKDEP_STILL_OK);
}

static int fwctl_cmd_rpc(struct fwctl_ucmd *ucmd)
{
	struct fwctl_device *fwctl = ucmd->uctx->fwctl;
	struct fwctl_rpc *cmd = ucmd->cmd;
	size_t out_len;

	if (cmd->in_len > MAX_RPC_LEN || cmd->out_len > MAX_RPC_LEN)
		return -EMSGSIZE;

	switch (cmd->scope) {
	case FWCTL_RPC_CONFIGURATION:
	case FWCTL_RPC_DEBUG_READ_ONLY:
		break;
	case FWCTL_RPC_DEBUG_WRITE_FULL:
		if (!capable(CAP_SYS_RAWIO))
			return -EPERM;
		fallthrough;
	case FWCTL_RPC_DEBUG_WRITE:
		fwctl_taint(fwctl, cmd->scope);
		break;
	default:
		return -EOPNOTSUPP;
	}

	void *inbuf __free(kvfree_errptr) =
		kvmalloc(cmd->in_len, GFP_KERNEL_ACCOUNT);
	if (!inbuf)
		return -ENOMEM;
	if (copy_from_user(inbuf, u64_to_user_ptr(cmd->in), cmd->in_len))
		return -EFAULT;

	out_len = cmd->out_len;
	void *outbuf __free(kvfree_errptr) =
		fwctl->ops->fw_rpc(ucmd->uctx, cmd->scope, inbuf, cmd->in_len,
				   &out_len);
	if (IS_ERR(outbuf))
		return PTR_ERR(outbuf);
	/* The driver answered in place: free the buffer once. */
	if (outbuf == inbuf)
		inbuf = NULL;

	if (copy_to_user(u64_to_user_ptr(cmd->out), outbuf,
			 min_t(size_t, cmd->out_len, out_len)))
		return -EFAULT;

	cmd->out_len = out_len;
	return ucmd_respond(ucmd, sizeof(*cmd));
}

/* The UAPI layout is upstream's, byte for byte. */
static_assert(sizeof(struct fwctl_info) == 24);
static_assert(offsetof(struct fwctl_info, device_data_len) == 12);
static_assert(offsetof(struct fwctl_info, out_device_data) == 16);
static_assert(sizeof(struct fwctl_rpc) == 32);
static_assert(offsetof(struct fwctl_rpc, out_len) == 12);
static_assert(offsetof(struct fwctl_rpc, in) == 16);
static_assert(offsetof(struct fwctl_rpc, out) == 24);
static_assert(FWCTL_INFO == 0x9a00 && FWCTL_RPC == 0x9a01);

/* Holds the struct of any ioctl in fwctl_ioctl_ops[] (checked there). */
union fwctl_ucmd_buffer {
	struct fwctl_info info;
	struct fwctl_rpc rpc;
};

/* Each ioctl: its struct, the end of its last mandatory field, handler. */
struct fwctl_ioctl_op {
	unsigned int size;
	unsigned int min_size;
	unsigned int ioctl_num;
	int (*execute)(struct fwctl_ucmd *ucmd);
};

#define IOCTL_OP(_ioctl, _fn, _struct, _last)                             \
	[_IOC_NR(_ioctl) - FWCTL_CMD_BASE] = {                            \
		.size = sizeof(_struct) +                                 \
			BUILD_BUG_ON_ZERO(sizeof(_struct) >               \
					  sizeof(union fwctl_ucmd_buffer)), \
		.min_size = offsetofend(_struct, _last),                  \
		.ioctl_num = _ioctl,                                      \
		.execute = _fn,                                           \
	}
static const struct fwctl_ioctl_op fwctl_ioctl_ops[] = {
	IOCTL_OP(FWCTL_INFO, fwctl_cmd_info, struct fwctl_info, out_device_data),
	IOCTL_OP(FWCTL_RPC, fwctl_cmd_rpc, struct fwctl_rpc, out),
};

static long fwctl_fops_ioctl(struct file *filp, unsigned int cmd,
			     unsigned long arg)
{
	struct fwctl_uctx *uctx = filp->private_data;
	const struct fwctl_ioctl_op *op;
	struct fwctl_ucmd ucmd = {};
	union fwctl_ucmd_buffer buf;
	unsigned int nr;
	int ret;

	nr = _IOC_NR(cmd);
	if (nr - FWCTL_CMD_BASE >= ARRAY_SIZE(fwctl_ioctl_ops))
		return -ENOIOCTLCMD;
	op = &fwctl_ioctl_ops[array_index_nospec(nr - FWCTL_CMD_BASE,
						 ARRAY_SIZE(fwctl_ioctl_ops))];
	if (op->ioctl_num != cmd)
		return -ENOIOCTLCMD;

	ucmd.uctx = uctx;
	ucmd.cmd = &buf;
	ucmd.ubuffer = (void __user *)arg;
	ret = get_user(ucmd.user_size, (u32 __user *)ucmd.ubuffer);
	if (ret)
		return ret;
	if (ucmd.user_size < op->min_size)
		return -EINVAL;
	ret = copy_struct_from_user(ucmd.cmd, op->size, ucmd.ubuffer,
				    ucmd.user_size);
	if (ret)
		return ret;

	guard(rwsem_read)(&uctx->fwctl->registration_lock);
	if (!uctx->fwctl->ops)
		return -ENODEV;
	return op->execute(&ucmd);
}

static int fwctl_fops_open(struct inode *inode, struct file *filp)
{
	struct fwctl_device *fwctl =
		container_of(inode->i_cdev, struct fwctl_device, cdev);
	int ret;

	guard(rwsem_read)(&fwctl->registration_lock);
	if (!fwctl->ops)
		return -ENODEV;

	struct fwctl_uctx *uctx __free(kfree) =
		kzalloc(fwctl->ops->uctx_size, GFP_KERNEL_ACCOUNT);
	if (!uctx)
		return -ENOMEM;

	uctx->fwctl = fwctl;
	ret = fwctl->ops->open_uctx(uctx);
	if (ret)
		return ret;

	scoped_guard(mutex, &fwctl->uctx_list_lock)
		list_add_tail(&uctx->uctx_list_entry, &fwctl->uctx_list);

	fwctl_get(fwctl);
	filp->private_data = no_free_ptr(uctx);
	return 0;
}

static void fwctl_destroy_uctx(struct fwctl_uctx *uctx)
{
	lockdep_assert_held(&uctx->fwctl->uctx_list_lock);
	list_del(&uctx->uctx_list_entry);
	uctx->fwctl->ops->close_uctx(uctx);
}

static int fwctl_fops_release(struct inode *inode, struct file *filp)
{
	struct fwctl_uctx *uctx = filp->private_data;
	struct fwctl_device *fwctl = uctx->fwctl;

	scoped_guard(rwsem_read, &fwctl->registration_lock) {
		/* Without ops, fwctl_unregister() already destroyed uctx. */
		if (fwctl->ops) {
			guard(mutex)(&fwctl->uctx_list_lock);
			fwctl_destroy_uctx(uctx);
		}
	}

	kfree(uctx);
	fwctl_put(fwctl);
	return 0;
}

static const struct file_operations fwctl_fops = {
	.owner = THIS_MODULE,
	.open = fwctl_fops_open,
	.release = fwctl_fops_release,
	.unlocked_ioctl = fwctl_fops_ioctl,
};

static void fwctl_device_release(struct device *device)
{
	struct fwctl_device *fwctl =
		container_of(device, struct fwctl_device, dev);

	ida_free(&fwctl_ida, fwctl->dev.devt - fwctl_dev);
	mutex_destroy(&fwctl->uctx_list_lock);
	kfree(fwctl);
	if (atomic_dec_and_test(&fwctl_live))
		wake_up(&fwctl_release_wq);
}

static char *fwctl_devnode(compat_class_dev *dev, umode_t *mode)
{
	return kasprintf(GFP_KERNEL, "fwctl/%s", dev_name(dev));
}

/*
 * The class's own release reads fwctl_class and may run late
 * (CONFIG_DEBUG_KOBJECT_RELEASE), so module exit waits for it.
 */
static DECLARE_COMPLETION(fwctl_class_released);

static void fwctl_class_release(compat_class *class)
{
	complete(&fwctl_class_released);
}

static struct class fwctl_class = {
	.name = "fwctl",
	.dev_release = fwctl_device_release,
	.devnode = fwctl_devnode,
	.class_release = fwctl_class_release,
};

static struct fwctl_device *_alloc_device(size_t size)
{
	struct fwctl_device *fwctl __free(kfree) = kzalloc(size, GFP_KERNEL);
	int devnum;

	if (!fwctl)
		return NULL;

	devnum = ida_alloc_max(&fwctl_ida, FWCTL_MAX_DEVICES - 1, GFP_KERNEL);
	if (devnum < 0)
		return NULL;

	/* From here on fwctl_device_release() frees devnum and fwctl. */
	atomic_inc(&fwctl_live);
	fwctl->dev.devt = fwctl_dev + devnum;
	fwctl->dev.class = &fwctl_class;
	device_initialize(&fwctl->dev);
	return_ptr(fwctl);
}

/* Drivers use fwctl_alloc_device() */
struct fwctl_device *_fwctl_alloc_device(struct device *parent,
					 const struct fwctl_ops *ops,
					 size_t size)
{
	struct fwctl_device *fwctl __free(fwctl) = _alloc_device(size);

	if (!fwctl)
		return NULL;

	fwctl->dev.parent = parent;
	init_rwsem(&fwctl->registration_lock);
	mutex_init(&fwctl->uctx_list_lock);
	INIT_LIST_HEAD(&fwctl->uctx_list);
	fwctl->ops = ops;

	cdev_init(&fwctl->cdev, &fwctl_fops);
	/* Open files pin this module, not the driver's: see the top comment. */
	fwctl->cdev.owner = THIS_MODULE;

	if (dev_set_name(&fwctl->dev, "fwctl%d", fwctl->dev.devt - fwctl_dev))
		return NULL;

	return_ptr(fwctl);
}
EXPORT_SYMBOL_NS_GPL(_fwctl_alloc_device, "FWCTL");

/**
 * fwctl_register - make a fwctl device visible to userspace
 * @fwctl: device from fwctl_alloc_device()
 *
 * Creates the char device and its /dev/fwctl/fwctlN node. From here on
 * userspace may open it and the driver's ops are called.
 *
 * Return: 0 or a negative errno.
 */
int fwctl_register(struct fwctl_device *fwctl)
{
	return cdev_device_add(&fwctl->cdev, &fwctl->dev);
}
EXPORT_SYMBOL_NS_GPL(fwctl_register, "FWCTL");

/**
 * fwctl_unregister - remove a fwctl device from userspace
 * @fwctl: device passed to fwctl_register()
 *
 * Removes the char device, waits for every running op to return, calls
 * close_uctx() for every file still open and leaves those files answering
 * ENODEV. After this returns no op is called again, so the driver may free
 * what its ops use. The caller still owns its reference: fwctl_put().
 */
void fwctl_unregister(struct fwctl_device *fwctl)
{
	struct fwctl_uctx *uctx;

	cdev_device_del(&fwctl->cdev, &fwctl->dev);

	guard(rwsem_write)(&fwctl->registration_lock);
	guard(mutex)(&fwctl->uctx_list_lock);
	while ((uctx = list_first_entry_or_null(&fwctl->uctx_list,
						struct fwctl_uctx,
						uctx_list_entry)))
		fwctl_destroy_uctx(uctx);

	fwctl->ops = NULL;
}
EXPORT_SYMBOL_NS_GPL(fwctl_unregister, "FWCTL");

static int __init fwctl_init(void)
{
	int ret;

	ret = alloc_chrdev_region(&fwctl_dev, 0, FWCTL_MAX_DEVICES, "fwctl");
	if (ret)
		return ret;

	ret = class_register(&fwctl_class);
	if (ret) {
		unregister_chrdev_region(fwctl_dev, FWCTL_MAX_DEVICES);
		return ret;
	}
	return 0;
}

static void __exit fwctl_exit(void)
{
	/*
	 * Open files pin this module and drivers drop their references in
	 * their remove, so only late releases are left: wait for them, and
	 * say so if one never comes (a driver leaked a reference).
	 */
	while (!wait_event_timeout(fwctl_release_wq, !atomic_read(&fwctl_live),
				   10 * HZ))
		pr_warn("fwctl: waiting for %d devices to be released\n",
			atomic_read(&fwctl_live));
	class_unregister(&fwctl_class);
	wait_for_completion(&fwctl_class_released);
	unregister_chrdev_region(fwctl_dev, FWCTL_MAX_DEVICES);
}

module_init(fwctl_init);
module_exit(fwctl_exit);
MODULE_DESCRIPTION("fwctl device firmware access framework");
MODULE_LICENSE("GPL");
MODULE_VERSION("0.1.0");
