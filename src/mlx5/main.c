// SPDX-License-Identifier: GPL-2.0
/*
 * fwctl_mlx5: fwctl driver for NVIDIA/Mellanox ConnectX (mlx5) devices.
 *
 * Binds to the mlx5_core.fwctl auxiliary device of each mlx5 PCI function.
 * Every open file owns a firmware user context (uctx); the uid of that
 * context is written into each command the file sends, so the firmware
 * applies the context's privileges and keeps files apart.
 */
#include <linux/auxiliary_bus.h>
#include <linux/fwctl.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/mlx5/device.h>
#include <linux/mlx5/driver.h>
#include <linux/mlx5/mlx5_ifc.h>
#include <linux/mlx5/mlx5_ifc_fpga.h>
#include <uapi/fwctl/mlx5.h>

#include "cmds.h"

struct mlx5ctl_uctx {
	struct fwctl_uctx uctx;
	u32 uctx_caps;
	u32 uctx_uid;
	/* Load of the mlx5 function the firmware context belongs to */
	u64 load;
};

struct mlx5ctl_dev {
	struct fwctl_device fwctl;
	struct mlx5_adev *madev;
};

static struct mlx5ctl_dev *to_mcdev(struct fwctl_uctx *uctx)
{
	return container_of(uctx->fwctl, struct mlx5ctl_dev, fwctl);
}

/**
 * struct mlx5ctl_rule - one entry of the command allow-list
 * @opcode: the command
 * @scope: the lowest scope that may run it
 * @op_mod0_scope: the lowest scope that may run it with op_mod 0
 */
struct mlx5ctl_rule {
	u16 opcode;
	u8 scope;
	u8 op_mod0_scope;
};

#define MLX5CTL_RULE(op, sc0, sc) \
	{ .opcode = (op), .op_mod0_scope = (sc0), .scope = (sc) }
#define ALLOW_CONFIG(op) \
	MLX5CTL_RULE(op, FWCTL_RPC_CONFIGURATION, FWCTL_RPC_CONFIGURATION)
#define ALLOW_READ(op) \
	MLX5CTL_RULE(op, FWCTL_RPC_DEBUG_READ_ONLY, FWCTL_RPC_DEBUG_READ_ONLY)
#define ALLOW_WRITE(op) \
	MLX5CTL_RULE(op, FWCTL_RPC_DEBUG_WRITE, FWCTL_RPC_DEBUG_WRITE)
/* op_mod 0 (write) is configuration, any other op_mod a debug read */
#define ALLOW_ACCESS_REG(op) \
	MLX5CTL_RULE(op, FWCTL_RPC_CONFIGURATION, FWCTL_RPC_DEBUG_READ_ONLY)

/*
 * The commands a file may send, each with the lowest scope allowing it; a
 * higher scope allows everything a lower one does. Anything not listed is
 * refused. This matches the upstream Linux driver (drivers/fwctl/mlx5) as
 * of 2025, including the MODIFY_CONG_STATUS and adjacent function
 * additions.
 *
 * The firmware tracks nothing a file creates, so only queries and setters
 * that allocate no firmware objects are listed. The firmware itself limits
 * SET_HCA_CAP from a tools uctx to pre-configuring other functions. For
 * ACCESS_REG and ACCESS_REGISTER_USER, op_mod 0 is a register write, which
 * is device configuration; every other op_mod is a debug read.
 */
static const struct mlx5ctl_rule mlx5ctl_rules[] = {
	ALLOW_CONFIG(MLX5_CMD_OP_QUERY_HCA_CAP),
	ALLOW_CONFIG(MLX5_CMD_OP_QUERY_ADAPTER),
	ALLOW_CONFIG(MLX5_CMD_OP_SET_HCA_CAP),
	ALLOW_CONFIG(MLX5_CMD_OP_QUERY_ESW_FUNCTIONS),
	ALLOW_CONFIG(MLX5_CMD_OP_QUERY_ROCE_ADDRESS),
	ALLOW_CONFIG(MLX5_CMD_OP_QUERY_HCA_VPORT_CONTEXT),
	ALLOW_CONFIG(MLX5_CMD_OP_MODIFY_CONG_STATUS),
	ALLOW_CONFIG(MLX5CTL_OP_QUERY_OTHER_HCA_CAP),
	ALLOW_CONFIG(MLX5CTL_OP_DELEGATE_VHCA_MANAGEMENT),
	ALLOW_CONFIG(MLX5CTL_OP_QUERY_VUID),
	ALLOW_CONFIG(MLX5CTL_OP_POSTPONE_CONNECTED_QP_TIMEOUT),

	ALLOW_ACCESS_REG(MLX5_CMD_OP_ACCESS_REG),
	ALLOW_ACCESS_REG(MLX5CTL_OP_ACCESS_REGISTER_USER),

	ALLOW_READ(MLX5_CMD_OP_QUERY_PAGES),
	ALLOW_READ(MLX5_CMD_OP_QUERY_ISSI),
	ALLOW_READ(MLX5_CMD_OP_QUERY_SF_PARTITION),
	ALLOW_READ(MLX5_CMD_OP_QUERY_VHCA_MIGRATION_STATE),
	ALLOW_READ(MLX5_CMD_OP_QUERY_MKEY),
	ALLOW_READ(MLX5_CMD_OP_QUERY_SPECIAL_CONTEXTS),
	ALLOW_READ(MLX5_CMD_OP_QUERY_EQ),
	ALLOW_READ(MLX5_CMD_OP_QUERY_CQ),
	ALLOW_READ(MLX5_CMD_OP_QUERY_QP),
	ALLOW_READ(MLX5_CMD_OP_QUERY_SRQ),
	ALLOW_READ(MLX5_CMD_OP_QUERY_XRC_SRQ),
	ALLOW_READ(MLX5_CMD_OP_QUERY_DCT),
	ALLOW_READ(MLX5_CMD_OP_QUERY_XRQ),
	ALLOW_READ(MLX5_CMD_OP_QUERY_XRQ_DC_PARAMS_ENTRY),
	ALLOW_READ(MLX5_CMD_OP_QUERY_XRQ_ERROR_PARAMS),
	ALLOW_READ(MLX5_CMD_OP_QUERY_VPORT_STATE),
	ALLOW_READ(MLX5_CMD_OP_QUERY_ESW_VPORT_CONTEXT),
	ALLOW_READ(MLX5_CMD_OP_QUERY_NIC_VPORT_CONTEXT),
	ALLOW_READ(MLX5_CMD_OP_QUERY_HCA_VPORT_GID),
	ALLOW_READ(MLX5_CMD_OP_QUERY_HCA_VPORT_PKEY),
	ALLOW_READ(MLX5_CMD_OP_QUERY_VNIC_ENV),
	ALLOW_READ(MLX5_CMD_OP_QUERY_VPORT_COUNTER),
	ALLOW_READ(MLX5_CMD_OP_QUERY_Q_COUNTER),
	ALLOW_READ(MLX5_CMD_OP_QUERY_RATE_LIMIT),
	ALLOW_READ(MLX5_CMD_OP_QUERY_SCHEDULING_ELEMENT),
	ALLOW_READ(MLX5_CMD_OP_QUERY_MAD_DEMUX),
	ALLOW_READ(MLX5_CMD_OP_NOP),
	ALLOW_READ(MLX5_CMD_OP_QUERY_CONG_STATUS),
	ALLOW_READ(MLX5_CMD_OP_QUERY_CONG_PARAMS),
	ALLOW_READ(MLX5_CMD_OP_QUERY_CONG_STATISTICS),
	ALLOW_READ(MLX5_CMD_OP_QUERY_L2_TABLE_ENTRY),
	ALLOW_READ(MLX5_CMD_OP_QUERY_WOL_ROL),
	ALLOW_READ(MLX5_CMD_OP_QUERY_LAG),
	ALLOW_READ(MLX5_CMD_OP_QUERY_TIR),
	ALLOW_READ(MLX5_CMD_OP_QUERY_SQ),
	ALLOW_READ(MLX5_CMD_OP_QUERY_RQ),
	ALLOW_READ(MLX5_CMD_OP_QUERY_RMP),
	ALLOW_READ(MLX5_CMD_OP_QUERY_TIS),
	ALLOW_READ(MLX5_CMD_OP_QUERY_RQT),
	ALLOW_READ(MLX5_CMD_OP_QUERY_FLOW_TABLE),
	ALLOW_READ(MLX5_CMD_OP_QUERY_FLOW_GROUP),
	ALLOW_READ(MLX5_CMD_OP_QUERY_FLOW_TABLE_ENTRY),
	ALLOW_READ(MLX5_CMD_OP_QUERY_FLOW_COUNTER),
	ALLOW_READ(MLX5_CMD_OP_QUERY_PACKET_REFORMAT_CONTEXT),
	ALLOW_READ(MLX5_CMD_OP_QUERY_MODIFY_HEADER_CONTEXT),
	ALLOW_READ(MLX5_CMD_OP_FPGA_QUERY_QP),
	ALLOW_READ(MLX5_CMD_OP_FPGA_QUERY_QP_COUNTERS),
	ALLOW_READ(MLX5_CMD_OP_QUERY_GENERAL_OBJECT),
	ALLOW_READ(MLX5_CMD_OP_QUERY_VHCA_STATE),
	ALLOW_READ(MLX5CTL_OP_QUERY_DRIVER_VERSION),
	ALLOW_READ(MLX5CTL_OP_QUERY_RDB),
	ALLOW_READ(MLX5CTL_OP_QUERY_PSV),
	ALLOW_READ(MLX5CTL_OP_QUERY_DC_CNAK_TRACE),
	ALLOW_READ(MLX5CTL_OP_QUERY_NVMF_BACKEND_CONTROLLER),
	ALLOW_READ(MLX5CTL_OP_QUERY_NVMF_NAMESPACE_CONTEXT),
	ALLOW_READ(MLX5CTL_OP_QUERY_ADJACENT_FUNCTIONS_ID),
	ALLOW_READ(MLX5CTL_OP_QUERY_DELEGATED_VHCA),
	ALLOW_READ(MLX5CTL_OP_QUERY_BURST_SIZE),
	ALLOW_READ(MLX5CTL_OP_QUERY_DIAGNOSTIC_PARAMS),
	ALLOW_READ(MLX5CTL_OP_QUERY_DIAGNOSTIC_COUNTERS),
	ALLOW_READ(MLX5CTL_OP_QUERY_DELAY_DROP_PARAMS),
	ALLOW_READ(MLX5CTL_OP_QUERY_AFU),
	ALLOW_READ(MLX5CTL_OP_QUERY_CAPI_PEC),
	ALLOW_READ(MLX5CTL_OP_QUERY_UCTX),
	ALLOW_READ(MLX5CTL_OP_QUERY_UMEM),
	ALLOW_READ(MLX5CTL_OP_QUERY_NVMF_CC_RESPONSE),
	ALLOW_READ(MLX5CTL_OP_QUERY_EMULATED_FUNCTIONS_INFO),
	ALLOW_READ(MLX5CTL_OP_QUERY_REGEXP_PARAMS),
	ALLOW_READ(MLX5CTL_OP_QUERY_REGEXP_REGISTER),
	ALLOW_READ(MLX5CTL_OP_USER_QUERY_XRQ_DC_PARAMS_ENTRY),
	ALLOW_READ(MLX5CTL_OP_USER_QUERY_XRQ_ERROR_PARAMS),
	ALLOW_READ(MLX5CTL_OP_QUERY_EMULATION_DEVICE_EQ_MSIX_MAPPING),
	ALLOW_READ(MLX5CTL_OP_QUERY_MATCH_SAMPLE_INFO),
	ALLOW_READ(MLX5CTL_OP_QUERY_CRYPTO_STATE),
	ALLOW_READ(MLX5CTL_OP_QUERY_DPA_PARTITION),
	ALLOW_READ(MLX5CTL_OP_QUERY_DPA_PARTITIONS),
	ALLOW_READ(MLX5CTL_OP_QUERY_EMULATED_RESOURCES_INFO),
	ALLOW_READ(MLX5CTL_OP_QUERY_RSV_RESOURCES),
	ALLOW_READ(MLX5CTL_OP_QUERY_MTT),
	ALLOW_READ(MLX5CTL_OP_QUERY_SCHED_QUEUE),

	ALLOW_WRITE(MLX5CTL_OP_SET_DIAGNOSTIC_PARAMS),
};

#undef MLX5CTL_RULE
#undef ALLOW_CONFIG
#undef ALLOW_READ
#undef ALLOW_WRITE
#undef ALLOW_ACCESS_REG

static bool mlx5ctl_allowed(const void *in, enum fwctl_rpc_scope scope)
{
	u16 opcode = MLX5_GET(mlx5ctl_mbox_in_hdr, in, opcode);
	u16 op_mod = MLX5_GET(mlx5ctl_mbox_in_hdr, in, op_mod);
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(mlx5ctl_rules); i++) {
		const struct mlx5ctl_rule *rule = &mlx5ctl_rules[i];

		if (rule->opcode != opcode)
			continue;
		return scope >= (op_mod ? rule->scope : rule->op_mod0_scope);
	}
	return false;
}

static int mlx5ctl_create_uctx(struct mlx5ctl_dev *mcdev,
			       struct mlx5ctl_uctx *mfd)
{
	u32 out[MLX5_ST_SZ_DW(create_uctx_out)] = {};
	u32 in[MLX5_ST_SZ_DW(create_uctx_in)] = {};
	void *uctx = MLX5_ADDR_OF(create_uctx_in, in, uctx);
	int ret;

	MLX5_SET(create_uctx_in, in, opcode, MLX5_CMD_OP_CREATE_UCTX);
	MLX5_SET(uctx, uctx, cap, mfd->uctx_caps);

	mfd->load = 0;
	ret = mlx5ctl_cmd_do(mcdev->madev, &mfd->load, in, sizeof(in), out,
			     sizeof(out));
	/* The firmware's refusal fails open() with mlx5_cmd_exec()'s errno */
	if (ret == -EREMOTEIO)
		ret = mlx5_cmd_check(mcdev->madev->mdev, ret, in, out);
	if (ret)
		return ret;

	mfd->uctx_uid = MLX5_GET(create_uctx_out, out, uid);
	dev_dbg(&mcdev->fwctl.dev, "created uctx uid %u caps 0x%x\n",
		mfd->uctx_uid, mfd->uctx_caps);
	return 0;
}

static void mlx5ctl_destroy_uctx(struct mlx5ctl_dev *mcdev,
				 struct mlx5ctl_uctx *mfd)
{
	u32 out[MLX5_ST_SZ_DW(destroy_uctx_out)] = {};
	u32 in[MLX5_ST_SZ_DW(destroy_uctx_in)] = {};
	int ret;

	MLX5_SET(destroy_uctx_in, in, opcode, MLX5_CMD_OP_DESTROY_UCTX);
	MLX5_SET(destroy_uctx_in, in, uid, mfd->uctx_uid);

	/* Fails harmlessly if an unload already destroyed the context */
	ret = mlx5ctl_cmd_do(mcdev->madev, &mfd->load, in, sizeof(in), out,
			     sizeof(out));
	dev_dbg(&mcdev->fwctl.dev, "destroyed uctx uid %u: %d\n",
		mfd->uctx_uid, ret);
}

static int mlx5ctl_open_uctx(struct fwctl_uctx *uctx)
{
	struct mlx5ctl_uctx *mfd = container_of(uctx, struct mlx5ctl_uctx, uctx);
	struct mlx5ctl_dev *mcdev = to_mcdev(uctx);

	/*
	 * Firmware that knows the TOOLS_RESOURCES label lets such a context
	 * reach device-global state; older firmware only grants what an
	 * RDMA DEVX context may do.
	 */
	if (MLX5_CAP_GEN(mcdev->madev->mdev, uctx_cap) &
	    MLX5CTL_UCTX_CAP_TOOLS_RESOURCES)
		mfd->uctx_caps |= MLX5CTL_UCTX_CAP_TOOLS_RESOURCES;

	return mlx5ctl_create_uctx(mcdev, mfd);
}

static void mlx5ctl_close_uctx(struct fwctl_uctx *uctx)
{
	struct mlx5ctl_uctx *mfd = container_of(uctx, struct mlx5ctl_uctx, uctx);

	mlx5ctl_destroy_uctx(to_mcdev(uctx), mfd);
}

static void *mlx5ctl_info(struct fwctl_uctx *uctx, size_t *length)
{
	struct mlx5ctl_uctx *mfd = container_of(uctx, struct mlx5ctl_uctx, uctx);
	struct fwctl_info_mlx5 *info;

	info = kzalloc(sizeof(*info), GFP_KERNEL);
	if (!info)
		return ERR_PTR(-ENOMEM);

	info->uid = mfd->uctx_uid;
	info->uctx_caps = mfd->uctx_caps;
	*length = sizeof(*info);
	return info;
}

static void *mlx5ctl_fw_rpc(struct fwctl_uctx *uctx, enum fwctl_rpc_scope scope,
			    void *rpc_in, size_t in_len, size_t *out_len)
{
	struct mlx5ctl_uctx *mfd = container_of(uctx, struct mlx5ctl_uctx, uctx);
	struct mlx5ctl_dev *mcdev = to_mcdev(uctx);
	void *rpc_out;
	int ret;

	if (in_len < MLX5_ST_SZ_BYTES(mlx5ctl_mbox_in_hdr) ||
	    *out_len < MLX5_ST_SZ_BYTES(mlx5ctl_mbox_out_hdr))
		return ERR_PTR(-EMSGSIZE);

	if (!mlx5ctl_allowed(rpc_in, scope))
		return ERR_PTR(-EBADMSG);

	/* The firmware acts for the file's own context, never another one */
	MLX5_SET(mlx5ctl_mbox_in_hdr, rpc_in, uid, mfd->uctx_uid);

	/* mlx5_cmd_do() copies the input before writing any output */
	if (*out_len <= in_len) {
		rpc_out = rpc_in;
	} else {
		rpc_out = kvzalloc(*out_len, GFP_KERNEL);
		if (!rpc_out)
			return ERR_PTR(-ENOMEM);
	}

	ret = mlx5ctl_cmd_do(mcdev->madev, &mfd->load, rpc_in, in_len,
			     rpc_out, *out_len);
	dev_dbg(&mcdev->fwctl.dev, "uid %u opcode 0x%x status 0x%x: %d\n",
		mfd->uctx_uid, MLX5_GET(mlx5ctl_mbox_in_hdr, rpc_in, opcode),
		MLX5_GET(mlx5ctl_mbox_out_hdr, rpc_out, status), ret);

	/*
	 * -EREMOTEIO: the firmware ran the command and reported a bad status,
	 * which the output carries back to the caller. Any other error means
	 * the command never completed.
	 */
	if (ret && ret != -EREMOTEIO) {
		if (rpc_out != rpc_in)
			kvfree(rpc_out);
		return ERR_PTR(ret);
	}
	return rpc_out;
}

static const struct fwctl_ops mlx5ctl_ops = {
	.device_type = FWCTL_DEVICE_TYPE_MLX5,
	.uctx_size = sizeof(struct mlx5ctl_uctx),
	.open_uctx = mlx5ctl_open_uctx,
	.close_uctx = mlx5ctl_close_uctx,
	.info = mlx5ctl_info,
	.fw_rpc = mlx5ctl_fw_rpc,
};

static int mlx5ctl_probe(struct auxiliary_device *adev,
			 const struct auxiliary_device_id *id)
{
	struct mlx5_adev *madev = container_of(adev, struct mlx5_adev, adev);
	struct mlx5ctl_dev *mcdev;
	int ret;

	mcdev = fwctl_alloc_device(madev->mdev->device, &mlx5ctl_ops,
				   struct mlx5ctl_dev, fwctl);
	if (!mcdev)
		return -ENOMEM;

	mcdev->madev = madev;

	ret = fwctl_register(&mcdev->fwctl);
	if (ret) {
		fwctl_put(&mcdev->fwctl);
		return ret;
	}
	auxiliary_set_drvdata(adev, mcdev);
	return 0;
}

static void mlx5ctl_remove(struct auxiliary_device *adev)
{
	struct mlx5ctl_dev *mcdev = auxiliary_get_drvdata(adev);

	fwctl_unregister(&mcdev->fwctl);
	fwctl_put(&mcdev->fwctl);
}

static const struct auxiliary_device_id mlx5ctl_id_table[] = {
	{ .name = MLX5_ADEV_NAME ".fwctl" },
	{}
};
MODULE_DEVICE_TABLE(auxiliary, mlx5ctl_id_table);

static struct auxiliary_driver mlx5ctl_driver = {
	.name = "mlx5_fwctl",
	.probe = mlx5ctl_probe,
	.remove = mlx5ctl_remove,
	.id_table = mlx5ctl_id_table,
};

static int __init mlx5ctl_init(void)
{
	int ret;

	ret = auxiliary_driver_register(&mlx5ctl_driver);
	if (ret)
		return ret;

	ret = mlx5ctl_shim_init(&mlx5ctl_driver);
	if (ret)
		auxiliary_driver_unregister(&mlx5ctl_driver);
	return ret;
}
module_init(mlx5ctl_init);

static void __exit mlx5ctl_exit(void)
{
	mlx5ctl_shim_exit();
	auxiliary_driver_unregister(&mlx5ctl_driver);
}
module_exit(mlx5ctl_exit);

MODULE_IMPORT_NS("FWCTL");
MODULE_ALIAS("mlx5_fwctl"); /* upstream's and NVIDIA OFED's module name */
MODULE_DESCRIPTION("fwctl driver for mlx5 ConnectX devices");
MODULE_LICENSE("GPL");
MODULE_VERSION("0.1.0");
