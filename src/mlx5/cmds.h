/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mlx5 command interface definitions used by fwctl_mlx5 that the oldest
 * supported kernel's <linux/mlx5/mlx5_ifc.h> (Debian 6.1) does not carry.
 *
 * Everything here uses an mlx5ctl_/MLX5CTL_ prefix so that a newer
 * mlx5_ifc.h defining the same PRM item under its upstream name can never
 * clash with us; the values come from the ConnectX PRM.
 */
#ifndef __MLX5CTL_CMDS_H
#define __MLX5CTL_CMDS_H

#include <linux/types.h>

struct auxiliary_driver;
struct mlx5_adev;

/* Common header of every command input mailbox */
struct mlx5_ifc_mlx5ctl_mbox_in_hdr_bits {
	u8 opcode[0x10];
	u8 uid[0x10];

	u8 reserved_at_20[0x10];
	u8 op_mod[0x10];

	u8 reserved_at_40[0x40];
};

/* Common header of every command output mailbox */
struct mlx5_ifc_mlx5ctl_mbox_out_hdr_bits {
	u8 status[0x8];
	u8 reserved_at_8[0x18];

	u8 syndrome[0x20];

	u8 reserved_at_40[0x40];
};

/* uctx.cap bit: the context may touch device-global (tools) state */
enum {
	MLX5CTL_UCTX_CAP_TOOLS_RESOURCES = 0x4,
};

/* Opcodes missing from the Debian 6.1 mlx5_ifc.h */
enum {
	MLX5CTL_OP_QUERY_DRIVER_VERSION = 0x10c,
	MLX5CTL_OP_QUERY_OTHER_HCA_CAP = 0x10e,
	MLX5CTL_OP_QUERY_RDB = 0x512,
	MLX5CTL_OP_QUERY_PSV = 0x602,
	MLX5CTL_OP_QUERY_DC_CNAK_TRACE = 0x716,
	MLX5CTL_OP_QUERY_NVMF_BACKEND_CONTROLLER = 0x722,
	MLX5CTL_OP_QUERY_NVMF_NAMESPACE_CONTEXT = 0x728,
	MLX5CTL_OP_QUERY_ADJACENT_FUNCTIONS_ID = 0x730,
	MLX5CTL_OP_DELEGATE_VHCA_MANAGEMENT = 0x731,
	MLX5CTL_OP_QUERY_DELEGATED_VHCA = 0x732,
	MLX5CTL_OP_QUERY_BURST_SIZE = 0x813,
	MLX5CTL_OP_QUERY_DIAGNOSTIC_PARAMS = 0x819,
	MLX5CTL_OP_SET_DIAGNOSTIC_PARAMS = 0x820,
	MLX5CTL_OP_QUERY_DIAGNOSTIC_COUNTERS = 0x821,
	MLX5CTL_OP_QUERY_DELAY_DROP_PARAMS = 0x911,
	MLX5CTL_OP_QUERY_AFU = 0x971,
	MLX5CTL_OP_QUERY_CAPI_PEC = 0x981,
	MLX5CTL_OP_QUERY_UCTX = 0xa05,
	MLX5CTL_OP_QUERY_UMEM = 0xa09,
	MLX5CTL_OP_QUERY_NVMF_CC_RESPONSE = 0xb02,
	MLX5CTL_OP_QUERY_EMULATED_FUNCTIONS_INFO = 0xb03,
	MLX5CTL_OP_QUERY_REGEXP_PARAMS = 0xb05,
	MLX5CTL_OP_QUERY_REGEXP_REGISTER = 0xb07,
	MLX5CTL_OP_USER_QUERY_XRQ_DC_PARAMS_ENTRY = 0xb08,
	MLX5CTL_OP_USER_QUERY_XRQ_ERROR_PARAMS = 0xb0a,
	MLX5CTL_OP_ACCESS_REGISTER_USER = 0xb0c,
	MLX5CTL_OP_QUERY_EMULATION_DEVICE_EQ_MSIX_MAPPING = 0xb0f,
	MLX5CTL_OP_QUERY_MATCH_SAMPLE_INFO = 0xb13,
	MLX5CTL_OP_QUERY_CRYPTO_STATE = 0xb14,
	MLX5CTL_OP_QUERY_VUID = 0xb22,
	MLX5CTL_OP_QUERY_DPA_PARTITION = 0xb28,
	MLX5CTL_OP_QUERY_DPA_PARTITIONS = 0xb2a,
	MLX5CTL_OP_POSTPONE_CONNECTED_QP_TIMEOUT = 0xb2e,
	MLX5CTL_OP_QUERY_EMULATED_RESOURCES_INFO = 0xb2f,
	MLX5CTL_OP_QUERY_RSV_RESOURCES = 0x8000,
	MLX5CTL_OP_QUERY_MTT = 0x8001,
	MLX5CTL_OP_QUERY_SCHED_QUEUE = 0x8006,
};

#endif
