// SPDX-License-Identifier: GPL-2.0
/*
 * fwctl_test: a fwctl driver for a simulated firmware, used to test the
 * fwctl core from userspace. Not for production kernels.
 *
 * It registers ndevs fwctl devices, each under its own platform device
 * "fwctl_test.<index>". The firmware protocol is in fwctl_test.h.
 *
 * /sys/kernel/debug/fwctl_test/ controls it:
 *   register	write an index to register a new fwctl device for it
 *   unregister	write an index to unregister (and put) its fwctl device
 *   fail_open	errno that open_uctx fails with, 0 to succeed
 *   fail_info	errno that info fails with, 0 to succeed
 *   stats	callback counters and the registered devices
 */
#include <linux/atomic.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/fwctl.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/platform_device.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "fwctl_test.h"

#define FWCTL_TEST_MAX_DEVS 8

static unsigned int ndevs = 2;
module_param(ndevs, uint, 0444);
MODULE_PARM_DESC(ndevs, "Number of fwctl devices to create (1-8, default 2)");

struct fwctl_test_dev {
	struct fwctl_device fwctl;
	unsigned int index;
};

struct fwctl_test_uctx {
	struct fwctl_uctx uctx;
	u32 id;
	atomic_t rpcs;
	atomic_t info_calls;
};

static struct platform_device *fwctl_test_pdevs[FWCTL_TEST_MAX_DEVS];

/* Protects fwctl_test_devs[], the registered device of each index. */
static DEFINE_MUTEX(fwctl_test_lock);
static struct fwctl_test_dev *fwctl_test_devs[FWCTL_TEST_MAX_DEVS];

static struct dentry *fwctl_test_debugfs;
static u32 fwctl_test_fail_open;
static u32 fwctl_test_fail_info;

static atomic_t fwctl_test_uctx_ids = ATOMIC_INIT(0);
static atomic_t fwctl_test_opened = ATOMIC_INIT(0);
static atomic_t fwctl_test_open_failed = ATOMIC_INIT(0);
static atomic_t fwctl_test_closed = ATOMIC_INIT(0);
static atomic_t fwctl_test_infos = ATOMIC_INIT(0);
static atomic_t fwctl_test_rpcs = ATOMIC_INIT(0);
static atomic_t fwctl_test_rpcs_running = ATOMIC_INIT(0);

static struct fwctl_test_dev *to_test_dev(struct fwctl_uctx *uctx)
{
	return container_of(uctx->fwctl, struct fwctl_test_dev, fwctl);
}

static struct fwctl_test_uctx *to_test_uctx(struct fwctl_uctx *uctx)
{
	return container_of(uctx, struct fwctl_test_uctx, uctx);
}

static int fwctl_test_open_uctx(struct fwctl_uctx *uctx)
{
	struct fwctl_test_uctx *tuctx = to_test_uctx(uctx);
	u32 err = READ_ONCE(fwctl_test_fail_open);

	if (err) {
		atomic_inc(&fwctl_test_open_failed);
		return -(int)clamp_val(err, 1, MAX_ERRNO);
	}

	tuctx->id = atomic_inc_return(&fwctl_test_uctx_ids);
	atomic_inc(&fwctl_test_opened);
	return 0;
}

static void fwctl_test_close_uctx(struct fwctl_uctx *uctx)
{
	atomic_inc(&fwctl_test_closed);
}

static void *fwctl_test_info(struct fwctl_uctx *uctx, size_t *length)
{
	struct fwctl_test_uctx *tuctx = to_test_uctx(uctx);
	u32 err = READ_ONCE(fwctl_test_fail_info);
	struct fwctl_test_info *info;
	unsigned int i;

	atomic_inc(&fwctl_test_infos);
	if (err)
		return ERR_PTR(-(long)clamp_val(err, 1, MAX_ERRNO));

	info = kzalloc(sizeof(*info), GFP_KERNEL);
	if (!info)
		return ERR_PTR(-ENOMEM);

	info->magic = FWCTL_TEST_MAGIC;
	info->dev_index = to_test_dev(uctx)->index;
	info->uctx_id = tuctx->id;
	info->info_calls = atomic_inc_return(&tuctx->info_calls);
	for (i = 0; i < sizeof(info->pattern); i++)
		info->pattern[i] = fwctl_test_pattern(16 + i);

	*length = sizeof(*info);
	return info;
}

static void *fwctl_test_status(struct fwctl_uctx *uctx,
			       enum fwctl_rpc_scope scope,
			       const struct fwctl_test_req *req, size_t in_len,
			       size_t *out_len, u32 rpcs)
{
	struct fwctl_test_reply *reply;

	reply = kvzalloc(sizeof(*reply), GFP_KERNEL);
	if (!reply)
		return ERR_PTR(-ENOMEM);

	reply->magic = FWCTL_TEST_MAGIC;
	reply->op = req->op;
	reply->scope = scope;
	reply->uctx_id = to_test_uctx(uctx)->id;
	reply->dev_index = to_test_dev(uctx)->index;
	reply->in_len = in_len;
	reply->out_len = min_t(size_t, *out_len, U32_MAX);
	reply->uctx_rpcs = rpcs;
	*out_len = sizeof(*reply);
	return reply;
}

static void *fwctl_test_large(u32 len, size_t *out_len)
{
	u8 *buf;
	u32 i;

	if (len > FWCTL_TEST_MAX_REPLY)
		return ERR_PTR(-EINVAL);

	buf = kvmalloc(max(len, 1U), GFP_KERNEL);
	if (!buf)
		return ERR_PTR(-ENOMEM);

	for (i = 0; i < len; i++)
		buf[i] = fwctl_test_pattern(i);
	*out_len = len;
	return buf;
}

static void *fwctl_test_do_rpc(struct fwctl_uctx *uctx,
			       enum fwctl_rpc_scope scope, void *rpc_in,
			       size_t in_len, size_t *out_len)
{
	struct fwctl_test_req *req = rpc_in;
	u32 rpcs = atomic_inc_return(&to_test_uctx(uctx)->rpcs);
	void *out;
	size_t i;

	if (in_len < sizeof(*req))
		return ERR_PTR(-EBADMSG);

	switch (req->op) {
	case FWCTL_TEST_OP_ECHO:
		out = kvmalloc(in_len, GFP_KERNEL);
		if (!out)
			return ERR_PTR(-ENOMEM);
		memcpy(out, rpc_in, in_len);
		*out_len = in_len;
		return out;

	case FWCTL_TEST_OP_ECHO_INPLACE:
		for (i = sizeof(*req); i < in_len; i++)
			req->data[i - sizeof(*req)] ^= 0xff;
		*out_len = in_len;
		if (req->arg && req->arg < in_len)
			*out_len = req->arg;
		return rpc_in;

	case FWCTL_TEST_OP_DELAY:
		msleep(min(req->arg, FWCTL_TEST_MAX_DELAY_MS));
		fallthrough;
	case FWCTL_TEST_OP_STATUS:
		return fwctl_test_status(uctx, scope, req, in_len, out_len,
					 rpcs);

	case FWCTL_TEST_OP_ERROR:
		if (!req->arg || req->arg > MAX_ERRNO)
			return ERR_PTR(-EINVAL);
		return ERR_PTR(-(long)req->arg);

	case FWCTL_TEST_OP_LARGE:
		return fwctl_test_large(req->arg, out_len);

	default:
		return ERR_PTR(-ENOMSG);
	}
}

static void *fwctl_test_fw_rpc(struct fwctl_uctx *uctx,
			       enum fwctl_rpc_scope scope, void *rpc_in,
			       size_t in_len, size_t *out_len)
{
	void *out;

	atomic_inc(&fwctl_test_rpcs);
	atomic_inc(&fwctl_test_rpcs_running);
	out = fwctl_test_do_rpc(uctx, scope, rpc_in, in_len, out_len);
	atomic_dec(&fwctl_test_rpcs_running);
	return out;
}

static const struct fwctl_ops fwctl_test_ops = {
	.device_type = FWCTL_DEVICE_TYPE_ERROR,
	.uctx_size = sizeof(struct fwctl_test_uctx),
	.open_uctx = fwctl_test_open_uctx,
	.close_uctx = fwctl_test_close_uctx,
	.info = fwctl_test_info,
	.fw_rpc = fwctl_test_fw_rpc,
};

static int fwctl_test_add(unsigned int index)
{
	int ret;

	lockdep_assert_held(&fwctl_test_lock);
	if (fwctl_test_devs[index])
		return -EBUSY;

	struct fwctl_test_dev *tdev __free(fwctl) =
		fwctl_alloc_device(&fwctl_test_pdevs[index]->dev,
				   &fwctl_test_ops, struct fwctl_test_dev,
				   fwctl);
	if (!tdev)
		return -ENOMEM;

	tdev->index = index;
	ret = fwctl_register(&tdev->fwctl);
	if (ret)
		return ret;

	fwctl_test_devs[index] = no_free_ptr(tdev);
	return 0;
}

static int fwctl_test_remove(unsigned int index)
{
	struct fwctl_test_dev *tdev = fwctl_test_devs[index];

	lockdep_assert_held(&fwctl_test_lock);
	if (!tdev)
		return -ENOENT;

	fwctl_test_devs[index] = NULL;
	fwctl_unregister(&tdev->fwctl);
	fwctl_put(&tdev->fwctl);
	return 0;
}

static ssize_t fwctl_test_write_index(const char __user *ubuf, size_t count,
				      int (*fn)(unsigned int index))
{
	unsigned int index;
	int ret;

	ret = kstrtouint_from_user(ubuf, count, 0, &index);
	if (ret)
		return ret;
	if (index >= ndevs)
		return -EINVAL;

	guard(mutex)(&fwctl_test_lock);
	ret = fn(index);
	return ret ?: count;
}

static ssize_t fwctl_test_register_write(struct file *file,
					 const char __user *ubuf, size_t count,
					 loff_t *ppos)
{
	return fwctl_test_write_index(ubuf, count, fwctl_test_add);
}

static ssize_t fwctl_test_unregister_write(struct file *file,
					   const char __user *ubuf,
					   size_t count, loff_t *ppos)
{
	return fwctl_test_write_index(ubuf, count, fwctl_test_remove);
}

static const struct file_operations fwctl_test_register_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = fwctl_test_register_write,
};

static const struct file_operations fwctl_test_unregister_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = fwctl_test_unregister_write,
};

static int fwctl_test_stats_show(struct seq_file *m, void *unused)
{
	int opened = atomic_read(&fwctl_test_opened);
	int closed = atomic_read(&fwctl_test_closed);
	unsigned int i;

	seq_printf(m, "opened %d\n", opened);
	seq_printf(m, "open_failed %d\n", atomic_read(&fwctl_test_open_failed));
	seq_printf(m, "closed %d\n", closed);
	seq_printf(m, "active %d\n", opened - closed);
	seq_printf(m, "infos %d\n", atomic_read(&fwctl_test_infos));
	seq_printf(m, "rpcs %d\n", atomic_read(&fwctl_test_rpcs));
	seq_printf(m, "rpcs_running %d\n",
		   atomic_read(&fwctl_test_rpcs_running));

	guard(mutex)(&fwctl_test_lock);
	for (i = 0; i < ndevs; i++)
		seq_printf(m, "dev%u %s\n", i,
			   fwctl_test_devs[i] ?
			   dev_name(&fwctl_test_devs[i]->fwctl.dev) : "-");
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(fwctl_test_stats);

static void fwctl_test_cleanup(void)
{
	unsigned int i;

	/* Waits for running debugfs writes, none can start afterwards. */
	debugfs_remove_recursive(fwctl_test_debugfs);

	scoped_guard(mutex, &fwctl_test_lock) {
		for (i = 0; i < ndevs; i++)
			fwctl_test_remove(i);
	}

	for (i = 0; i < ndevs; i++) {
		if (!IS_ERR_OR_NULL(fwctl_test_pdevs[i]))
			platform_device_unregister(fwctl_test_pdevs[i]);
		fwctl_test_pdevs[i] = NULL;
	}
}

static int __init fwctl_test_init(void)
{
	unsigned int i;
	int ret = 0;

	if (!ndevs || ndevs > FWCTL_TEST_MAX_DEVS)
		return -EINVAL;

	for (i = 0; i < ndevs; i++) {
		fwctl_test_pdevs[i] =
			platform_device_register_simple(FWCTL_TEST_NAME, i,
							NULL, 0);
		if (IS_ERR(fwctl_test_pdevs[i])) {
			ret = PTR_ERR(fwctl_test_pdevs[i]);
			goto err;
		}
	}

	scoped_guard(mutex, &fwctl_test_lock) {
		for (i = 0; i < ndevs && !ret; i++)
			ret = fwctl_test_add(i);
	}
	if (ret)
		goto err;

	fwctl_test_debugfs = debugfs_create_dir(FWCTL_TEST_NAME, NULL);
	debugfs_create_file("register", 0200, fwctl_test_debugfs, NULL,
			    &fwctl_test_register_fops);
	debugfs_create_file("unregister", 0200, fwctl_test_debugfs, NULL,
			    &fwctl_test_unregister_fops);
	debugfs_create_u32("fail_open", 0600, fwctl_test_debugfs,
			   &fwctl_test_fail_open);
	debugfs_create_u32("fail_info", 0600, fwctl_test_debugfs,
			   &fwctl_test_fail_info);
	debugfs_create_file("stats", 0400, fwctl_test_debugfs, NULL,
			    &fwctl_test_stats_fops);
	return 0;

err:
	fwctl_test_cleanup();
	return ret;
}
module_init(fwctl_test_init);

static void __exit fwctl_test_exit(void)
{
	fwctl_test_cleanup();
}
module_exit(fwctl_test_exit);

MODULE_IMPORT_NS("FWCTL");
MODULE_DESCRIPTION("fwctl test driver with a simulated firmware");
MODULE_LICENSE("GPL");
