/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Compile-time checks that the driver UAPI headers in include/uapi/ have
 * upstream's layout (Linux 7.1), byte for byte: every struct's size and
 * every field's offset. Included once, by main.c, so they are checked on
 * every kernel this package builds for.
 */
#ifndef _FWCTL_UAPI_CHECK_H
#define _FWCTL_UAPI_CHECK_H

#include <linux/build_bug.h>
#include <linux/stddef.h>
#include <uapi/fwctl/fwctl.h>
#include <uapi/fwctl/mlx5.h>
#include <uapi/fwctl/pds.h>
#include <uapi/fwctl/bnxt.h>
#include <uapi/fwctl/cxl.h>

#define UAPI_AT(s, f, off) static_assert(offsetof(struct s, f) == (off))
#define UAPI_SIZE(s, size) static_assert(sizeof(struct s) == (size))

static_assert(FWCTL_DEVICE_TYPE_MLX5 == 1 && FWCTL_DEVICE_TYPE_CXL == 2 &&
	      FWCTL_DEVICE_TYPE_BNXT == 3 && FWCTL_DEVICE_TYPE_PDS == 4);

UAPI_SIZE(fwctl_info_mlx5, 8);
UAPI_AT(fwctl_info_mlx5, uctx_caps, 4);

UAPI_SIZE(fwctl_info_pds, 4);
static_assert(PDS_FWCTL_QUERY_CAP == 0 && PDS_FWCTL_SEND_CAP == 1);
UAPI_SIZE(fwctl_rpc_pds, 48);
UAPI_AT(fwctl_rpc_pds, in.op, 0);
UAPI_AT(fwctl_rpc_pds, in.ep, 4);
UAPI_AT(fwctl_rpc_pds, in.rsvd, 8);
UAPI_AT(fwctl_rpc_pds, in.len, 12);
UAPI_AT(fwctl_rpc_pds, in.payload, 16);
UAPI_AT(fwctl_rpc_pds, out.retval, 24);
UAPI_AT(fwctl_rpc_pds, out.rsvd, 28);
UAPI_AT(fwctl_rpc_pds, out.len, 36);
UAPI_AT(fwctl_rpc_pds, out.payload, 40);

UAPI_SIZE(fwctl_info_bnxt, 4);
static_assert(FWCTL_BNXT_INLINE_COMMANDS == 0 &&
	      FWCTL_BNXT_QUERY_COMMANDS == 1 && FWCTL_BNXT_SEND_COMMANDS == 2);

UAPI_SIZE(cxl_mbox_get_sup_feats_in, 8);
UAPI_AT(cxl_mbox_get_sup_feats_in, start_idx, 4);
UAPI_AT(cxl_mbox_get_sup_feats_in, reserved, 6);
UAPI_SIZE(cxl_feat_entry, 48);
UAPI_AT(cxl_feat_entry, id, 16);
UAPI_AT(cxl_feat_entry, get_feat_size, 18);
UAPI_AT(cxl_feat_entry, set_feat_size, 20);
UAPI_AT(cxl_feat_entry, flags, 22);
UAPI_AT(cxl_feat_entry, get_feat_ver, 26);
UAPI_AT(cxl_feat_entry, set_feat_ver, 27);
UAPI_AT(cxl_feat_entry, effects, 28);
UAPI_AT(cxl_feat_entry, reserved, 30);
UAPI_SIZE(cxl_mbox_get_sup_feats_out, 8);
UAPI_SIZE(cxl_mbox_get_sup_feats_out_hdr, 8);
UAPI_AT(cxl_mbox_get_sup_feats_out, supported_feats, 2);
UAPI_AT(cxl_mbox_get_sup_feats_out, reserved, 4);
UAPI_AT(cxl_mbox_get_sup_feats_out, ents, 8);
UAPI_SIZE(cxl_mbox_get_feat_in, 21);
UAPI_AT(cxl_mbox_get_feat_in, offset, 16);
UAPI_AT(cxl_mbox_get_feat_in, count, 18);
UAPI_AT(cxl_mbox_get_feat_in, selection, 20);
UAPI_SIZE(cxl_mbox_set_feat_in, 32);
UAPI_SIZE(cxl_mbox_set_feat_hdr, 32);
UAPI_AT(cxl_mbox_set_feat_in, flags, 16);
UAPI_AT(cxl_mbox_set_feat_in, offset, 20);
UAPI_AT(cxl_mbox_set_feat_in, version, 22);
UAPI_AT(cxl_mbox_set_feat_in, rsvd, 23);
UAPI_AT(cxl_mbox_set_feat_in, feat_data, 32);
static_assert(CXL_CMD_EFFECTS_RESERVED == 0xf000 &&
	      CXL_SET_FEAT_FLAG_DATA_TRANSFER_MASK == 0x7);

UAPI_SIZE(fwctl_rpc_cxl, 48);
UAPI_SIZE(fwctl_rpc_cxl_hdr, 16);
UAPI_AT(fwctl_rpc_cxl, flags, 4);
UAPI_AT(fwctl_rpc_cxl, op_size, 8);
UAPI_AT(fwctl_rpc_cxl, reserved1, 12);
UAPI_AT(fwctl_rpc_cxl, get_sup_feats_in, 16);
UAPI_AT(fwctl_rpc_cxl, get_feat_in, 16);
UAPI_AT(fwctl_rpc_cxl, set_feat_in, 16);
UAPI_SIZE(fwctl_rpc_cxl_out, 16);
UAPI_SIZE(fwctl_rpc_cxl_out_hdr, 8);
UAPI_AT(fwctl_rpc_cxl_out, retval, 4);
UAPI_AT(fwctl_rpc_cxl_out, get_sup_feats_out, 8);
UAPI_AT(fwctl_rpc_cxl_out, payload, 8);

#undef UAPI_AT
#undef UAPI_SIZE

#endif
