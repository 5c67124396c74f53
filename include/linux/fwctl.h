/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fwctl: in-kernel API for drivers that expose device firmware RPC to
 * userspace. Identical to the upstream Linux interface, so an upstream fwctl
 * driver builds against it unchanged.
 */
#ifndef __LINUX_FWCTL_H
#define __LINUX_FWCTL_H
#include <linux/device.h>
#include <linux/cdev.h>
#include <linux/cleanup.h>
#include <uapi/fwctl/fwctl.h>

struct fwctl_device;
struct fwctl_uctx;

/**
 * struct fwctl_ops - what a driver provides to the fwctl core
 * @device_type: the enum fwctl_device_type reported by FWCTL_INFO
 * @uctx_size: size of the driver's per-open struct, which embeds a
 *	struct fwctl_uctx as its first member
 * @open_uctx: called for each open() of the char device, after
 *	the core set up uctx->fwctl; returns 0 or a negative errno
 * @close_uctx: called once per opened uctx, at close() or when the device
 *	is unregistered, whichever comes first
 * @info: returns a kmalloc'd blob for FWCTL_INFO and its length in
 *	@length, or an ERR_PTR; the core frees it
 * @fw_rpc: runs one RPC of @in_len bytes at @rpc_in within @scope. Returns
 *	a kvmalloc'd response and its length in @out_len (the core frees it),
 *	@rpc_in itself to answer in place, or an ERR_PTR.
 *
 * Every callback runs with the device's registration lock held, so none
 * runs after fwctl_unregister() returned: for reading, except @close_uctx
 * called from fwctl_unregister(), which holds it for writing. @close_uctx
 * also runs under the lock of the device's uctx list, and so must not
 * open or close another file of the same device.
 */
struct fwctl_ops {
	enum fwctl_device_type device_type;
	size_t uctx_size;
	int (*open_uctx)(struct fwctl_uctx *uctx);
	void (*close_uctx)(struct fwctl_uctx *uctx);
	void *(*info)(struct fwctl_uctx *uctx, size_t *length);
	void *(*fw_rpc)(struct fwctl_uctx *uctx, enum fwctl_rpc_scope scope,
			void *rpc_in, size_t in_len, size_t *out_len);
};

/**
 * struct fwctl_device - one registered fwctl char device
 * @dev: the class device; its refcount keeps this struct alive
 * @ops: the driver's callbacks, NULL once unregistered
 *
 * Drivers embed this as the first member of their own struct and allocate
 * it with fwctl_alloc_device().
 */
struct fwctl_device {
	struct device dev;
	/* private: */
	struct cdev cdev;

	/* Held for writing to clear @ops; for reading to call through it. */
	struct rw_semaphore registration_lock;
	/* Protects @uctx_list. */
	struct mutex uctx_list_lock;
	struct list_head uctx_list;
	const struct fwctl_ops *ops;
};

struct fwctl_device *_fwctl_alloc_device(struct device *parent,
					 const struct fwctl_ops *ops,
					 size_t size);

/**
 * fwctl_alloc_device - allocate a driver struct embedding a fwctl_device
 * @parent: the physical device providing the firmware interface
 * @ops: the driver's callbacks, which must outlive the registration
 * @drv_struct: the driver's struct type
 * @member: name of the struct fwctl_device member, which must come first
 *
 * Returns a pointer to the zeroed @drv_struct, or NULL. Release it with
 * fwctl_put().
 */
#define fwctl_alloc_device(parent, ops, drv_struct, member)                  \
	({                                                                   \
		static_assert(__same_type(struct fwctl_device,               \
					  ((drv_struct *)NULL)->member));    \
		static_assert(offsetof(drv_struct, member) == 0);            \
		(drv_struct *)_fwctl_alloc_device(parent, ops,               \
						  sizeof(drv_struct));       \
	})

static inline struct fwctl_device *fwctl_get(struct fwctl_device *fwctl)
{
	get_device(&fwctl->dev);
	return fwctl;
}

static inline void fwctl_put(struct fwctl_device *fwctl)
{
	put_device(&fwctl->dev);
}

DEFINE_FREE(fwctl, struct fwctl_device *, _T ? fwctl_put(_T) : (void)0)

int fwctl_register(struct fwctl_device *fwctl);
void fwctl_unregister(struct fwctl_device *fwctl);

/**
 * struct fwctl_uctx - per-open state, the first member of the driver's
 *	struct of ops->uctx_size bytes
 * @fwctl: the device this file was opened on
 */
struct fwctl_uctx {
	struct fwctl_device *fwctl;
	/* private: */
	/* Entry in fwctl->uctx_list, under fwctl->uctx_list_lock. */
	struct list_head uctx_list_entry;
};

#endif
