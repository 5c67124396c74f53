/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * FWCTL_DEVICE_TYPE_CXL: CXL memory devices (cxl fwctl, CXL Features).
 * FWCTL_RPC's input is a struct fwctl_rpc_cxl and its output a struct
 * fwctl_rpc_cxl_out; the payloads are those of include/uapi/cxl/features.h.
 */
#ifndef _UAPI_FWCTL_CXL_H_
#define _UAPI_FWCTL_CXL_H_

#include <linux/types.h>
#include <linux/stddef.h>
#include <cxl/features.h>

#ifndef __DECLARE_FLEX_ARRAY
#define __DECLARE_FLEX_ARRAY(TYPE, NAME)	\
	struct {				\
		struct { } __empty_ ## NAME;	\
		TYPE NAME[];			\
	}
#endif

/**
 * struct fwctl_rpc_cxl - FWCTL_RPC input of CXL devices
 * @hdr: the fixed part, also as struct fwctl_rpc_cxl_hdr
 * @opcode: the CXL mailbox opcode
 * @flags: must be 0
 * @op_size: bytes of the command's input payload
 * @reserved1: must be 0
 * @get_sup_feats_in: Get Supported Features input
 * @get_feat_in: Get Feature input
 * @set_feat_in: Set Feature input
 */
struct fwctl_rpc_cxl {
	__struct_group(fwctl_rpc_cxl_hdr, hdr, /* no attrs */,
		__u32 opcode;
		__u32 flags;
		__u32 op_size;
		__u32 reserved1;
	);
	union {
		struct cxl_mbox_get_sup_feats_in get_sup_feats_in;
		struct cxl_mbox_get_feat_in get_feat_in;
		struct cxl_mbox_set_feat_in set_feat_in;
	};
};

/**
 * struct fwctl_rpc_cxl_out - FWCTL_RPC output of CXL devices
 * @hdr: the fixed part, also as struct fwctl_rpc_cxl_out_hdr
 * @size: bytes of the output payload
 * @retval: the mailbox command's return code
 * @get_sup_feats_out: Get Supported Features output
 * @payload: the output payload as bytes
 */
struct fwctl_rpc_cxl_out {
	__struct_group(fwctl_rpc_cxl_out_hdr, hdr, /* no attrs */,
		__u32 size;
		__u32 retval;
	);
	union {
		struct cxl_mbox_get_sup_feats_out get_sup_feats_out;
		__DECLARE_FLEX_ARRAY(__u8, payload);
	};
};

#endif
