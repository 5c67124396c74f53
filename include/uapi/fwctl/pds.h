/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * FWCTL_DEVICE_TYPE_PDS: AMD/Pensando DSC devices (pds_fwctl). RPCs are
 * struct fwctl_rpc_pds: an operation on an endpoint with a request and a
 * response payload in user memory.
 */
#ifndef _UAPI_FWCTL_PDS_H
#define _UAPI_FWCTL_PDS_H

#include <linux/types.h>

/**
 * struct fwctl_info_pds - FWCTL_INFO device data of pds devices
 * @uctx_caps: the enum pds_fwctl_capabilities bits of this file
 */
struct fwctl_info_pds {
	__u32 uctx_caps;
};

/**
 * enum pds_fwctl_capabilities - bit numbers of fwctl_info_pds.uctx_caps
 * @PDS_FWCTL_QUERY_CAP: the file may query endpoints and operations
 * @PDS_FWCTL_SEND_CAP: the file may send operations
 */
enum pds_fwctl_capabilities {
	PDS_FWCTL_QUERY_CAP = 0,
	PDS_FWCTL_SEND_CAP,
};

/**
 * struct fwctl_rpc_pds - FWCTL_RPC request and response of pds devices
 * @in.op: the operation
 * @in.ep: the endpoint it is sent to
 * @in.rsvd: reserved, must be 0
 * @in.len: length of the request payload
 * @in.payload: user pointer to the request payload
 * @out.retval: the firmware's return value
 * @out.rsvd: reserved
 * @out.len: length of the response payload
 * @out.payload: user pointer receiving the response payload
 */
struct fwctl_rpc_pds {
	struct {
		__u32 op;
		__u32 ep;
		__u32 rsvd;
		__u32 len;
		__aligned_u64 payload;
	} in;
	struct {
		__u32 retval;
		__u32 rsvd[2];
		__u32 len;
		__aligned_u64 payload;
	} out;
};

#endif
