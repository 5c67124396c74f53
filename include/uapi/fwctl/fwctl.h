/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * fwctl: a uniform interface to device firmware RPC.
 *
 * Every ioctl argument starts with a __u32 size filled in by userspace with
 * sizeof() of the struct it was built against. The kernel accepts larger
 * structs whose unknown tail is zero, so both sides can grow independently.
 *
 * Errors, as upstream documents them (ioctl() returns -1 with errno):
 *  ENOTTY	the ioctl number is not one of these
 *  EINVAL	size ends before the last field this header defines
 *  E2BIG	size is larger than the kernel's struct and the extra bytes
 *		are not all zero
 *  EFAULT	the struct or a buffer it points to is not accessible
 *  ENODEV	the device was unregistered (hot unplug, driver unloaded);
 *		the file still closes normally
 *  ENOMEM	the kernel is out of memory
 * FWCTL_INFO:
 *  EOPNOTSUPP	flags is not 0
 * FWCTL_RPC:
 *  EMSGSIZE	in_len or out_len is above 2 MiB
 *  EOPNOTSUPP	scope is not an enum fwctl_rpc_scope value
 *  EPERM	FWCTL_RPC_DEBUG_WRITE_FULL without CAP_SYS_RAWIO
 * Anything else comes from the device's driver (for instance a request it
 * does not allow in the scope, or a firmware failure). Both ioctls copy
 * back at most size bytes of the struct; FWCTL_INFO's device data and
 * FWCTL_RPC's response are truncated to the lengths given, which the
 * kernel then sets to the full lengths.
 */
#ifndef _UAPI_FWCTL_H
#define _UAPI_FWCTL_H

#include <linux/types.h>
#include <linux/ioctl.h>

#define FWCTL_TYPE 0x9A

enum {
	FWCTL_CMD_BASE = 0,
	FWCTL_CMD_INFO = 0,
	FWCTL_CMD_RPC = 1,
};

enum fwctl_device_type {
	FWCTL_DEVICE_TYPE_ERROR = 0,
	FWCTL_DEVICE_TYPE_MLX5 = 1,
	FWCTL_DEVICE_TYPE_CXL = 2,
	FWCTL_DEVICE_TYPE_BNXT = 3,
	FWCTL_DEVICE_TYPE_PDS = 4,
};

/**
 * struct fwctl_info - argument of FWCTL_INFO
 * @size: sizeof(struct fwctl_info)
 * @flags: must be 0
 * @out_device_type: set by the kernel to an enum fwctl_device_type
 * @device_data_len: in: bytes available at @out_device_data; out: the
 *	length of the driver's whole info blob
 * @out_device_data: user pointer receiving the driver's info blob, whose
 *	layout depends on @out_device_type
 */
struct fwctl_info {
	__u32 size;
	__u32 flags;
	__u32 out_device_type;
	__u32 device_data_len;
	__aligned_u64 out_device_data;
};

#define FWCTL_INFO _IO(FWCTL_TYPE, FWCTL_CMD_INFO)

/**
 * enum fwctl_rpc_scope - how far an RPC may reach into the device
 * @FWCTL_RPC_CONFIGURATION: query and set device configuration
 * @FWCTL_RPC_DEBUG_READ_ONLY: read-only access to debug information
 * @FWCTL_RPC_DEBUG_WRITE: debug commands that may change device state;
 *	taints the kernel
 * @FWCTL_RPC_DEBUG_WRITE_FULL: like @FWCTL_RPC_DEBUG_WRITE, with access
 *	beyond the function; needs CAP_SYS_RAWIO and taints the kernel
 */
enum fwctl_rpc_scope {
	FWCTL_RPC_CONFIGURATION = 0,
	FWCTL_RPC_DEBUG_READ_ONLY = 1,
	FWCTL_RPC_DEBUG_WRITE = 2,
	FWCTL_RPC_DEBUG_WRITE_FULL = 3,
};

/**
 * struct fwctl_rpc - argument of FWCTL_RPC
 * @size: sizeof(struct fwctl_rpc)
 * @scope: an enum fwctl_rpc_scope the request must fit in
 * @in_len: length of the request at @in
 * @out_len: in: room at @out; out: length of the whole response
 * @in: user pointer to the request, in the device's own format
 * @out: user pointer receiving the response, truncated to @out_len
 */
struct fwctl_rpc {
	__u32 size;
	__u32 scope;
	__u32 in_len;
	__u32 out_len;
	__aligned_u64 in;
	__aligned_u64 out;
};

#define FWCTL_RPC _IO(FWCTL_TYPE, FWCTL_CMD_RPC)

#endif
