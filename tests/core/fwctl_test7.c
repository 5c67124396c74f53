// SPDX-License-Identifier: GPL-2.0
/*
 * fwctl_test7: a minimal fwctl driver written as a driver for Linux 7.x
 * is, to show such a driver builds and works unchanged against this
 * package on every kernel: typed allocators (kzalloc_obj, kmalloc_objs),
 * scope-based cleanup and locking, the string form of MODULE_IMPORT_NS.
 * Not for production kernels.
 *
 * One fwctl device of type FWCTL_DEVICE_TYPE_PDS under the platform device
 * "fwctl_test7.0". FWCTL_INFO gives a struct fwctl_info_pds with both
 * capabilities; FWCTL_RPC takes up to FWCTL_TEST7_MAX_WORDS u32 words and
 * answers each word plus one.
 */
#include <linux/cleanup.h>
#include <linux/err.h>
#include <linux/fwctl.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <uapi/fwctl/pds.h>

#define FWCTL_TEST7_MAX_WORDS 64

struct fwctl_test7_dev {
	struct fwctl_device fwctl;
	struct mutex lock; /* protects open_uctxs */
	unsigned int open_uctxs;
};

struct fwctl_test7_uctx {
	struct fwctl_uctx uctx;
	u32 caps;
};

static struct platform_device *fwctl_test7_pdev;
static struct fwctl_test7_dev *fwctl_test7_dev;

static struct fwctl_test7_dev *to_test7_dev(struct fwctl_uctx *uctx)
{
	return container_of(uctx->fwctl, struct fwctl_test7_dev, fwctl);
}

static int fwctl_test7_open_uctx(struct fwctl_uctx *uctx)
{
	struct fwctl_test7_uctx *tuctx =
		container_of(uctx, struct fwctl_test7_uctx, uctx);
	struct fwctl_test7_dev *tdev = to_test7_dev(uctx);

	tuctx->caps = BIT(PDS_FWCTL_QUERY_CAP) | BIT(PDS_FWCTL_SEND_CAP);
	guard(mutex)(&tdev->lock);
	tdev->open_uctxs++;
	return 0;
}

static void fwctl_test7_close_uctx(struct fwctl_uctx *uctx)
{
	struct fwctl_test7_dev *tdev = to_test7_dev(uctx);

	guard(mutex)(&tdev->lock);
	tdev->open_uctxs--;
}

static void *fwctl_test7_info(struct fwctl_uctx *uctx, size_t *length)
{
	struct fwctl_test7_uctx *tuctx =
		container_of(uctx, struct fwctl_test7_uctx, uctx);
	struct fwctl_info_pds *info;

	info = kzalloc_obj(*info);
	if (!info)
		return ERR_PTR(-ENOMEM);
	info->uctx_caps = tuctx->caps;
	*length = sizeof(*info);
	return info;
}

static void *fwctl_test7_fw_rpc(struct fwctl_uctx *uctx,
				enum fwctl_rpc_scope scope, void *rpc_in,
				size_t in_len, size_t *out_len)
{
	size_t i, n = in_len / sizeof(u32);
	const u32 *in = rpc_in;

	if (in_len % sizeof(u32) || n > FWCTL_TEST7_MAX_WORDS)
		return ERR_PTR(-EINVAL);

	u32 *out __free(kfree) = kmalloc_objs(*out, n ?: 1, GFP_KERNEL);
	if (!out)
		return ERR_PTR(-ENOMEM);
	for (i = 0; i < n; i++)
		out[i] = in[i] + 1;
	*out_len = in_len;
	return no_free_ptr(out);
}

static const struct fwctl_ops fwctl_test7_ops = {
	.device_type = FWCTL_DEVICE_TYPE_PDS,
	.uctx_size = sizeof(struct fwctl_test7_uctx),
	.open_uctx = fwctl_test7_open_uctx,
	.close_uctx = fwctl_test7_close_uctx,
	.info = fwctl_test7_info,
	.fw_rpc = fwctl_test7_fw_rpc,
};

static int __init fwctl_test7_init(void)
{
	struct fwctl_test7_dev *tdev;
	int ret;

	fwctl_test7_pdev = platform_device_register_simple("fwctl_test7", 0,
							   NULL, 0);
	if (IS_ERR(fwctl_test7_pdev))
		return PTR_ERR(fwctl_test7_pdev);

	tdev = fwctl_alloc_device(&fwctl_test7_pdev->dev, &fwctl_test7_ops,
				  struct fwctl_test7_dev, fwctl);
	if (!tdev) {
		ret = -ENOMEM;
		goto err_pdev;
	}
	mutex_init(&tdev->lock);
	ret = fwctl_register(&tdev->fwctl);
	if (ret)
		goto err_put;
	fwctl_test7_dev = tdev;
	return 0;

err_put:
	fwctl_put(&tdev->fwctl);
err_pdev:
	platform_device_unregister(fwctl_test7_pdev);
	return ret;
}
module_init(fwctl_test7_init);

static void __exit fwctl_test7_exit(void)
{
	struct fwctl_test7_dev *tdev = fwctl_test7_dev;

	fwctl_unregister(&tdev->fwctl);
	WARN_ON(tdev->open_uctxs);
	fwctl_put(&tdev->fwctl);
	platform_device_unregister(fwctl_test7_pdev);
}
module_exit(fwctl_test7_exit);

MODULE_IMPORT_NS("FWCTL");
MODULE_DESCRIPTION("fwctl test driver written against the Linux 7.x API");
MODULE_LICENSE("GPL");
