/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * FWCTL_DEVICE_TYPE_MLX5: RPCs are mlx5 command mailboxes as defined by the
 * ConnectX programming reference manual (PRM). The uid field of each
 * request is replaced with the uid of the file's firmware user context.
 */
#ifndef _UAPI_FWCTL_MLX5_H
#define _UAPI_FWCTL_MLX5_H

#include <linux/types.h>

/**
 * struct fwctl_info_mlx5 - FWCTL_INFO device data of mlx5 devices
 * @uid: firmware user context id owned by this file
 * @uctx_caps: the MLX5_UCTX_OBJECT_CAP_* bits the context was created with
 */
struct fwctl_info_mlx5 {
	__u32 uid;
	__u32 uctx_caps;
};

#endif
