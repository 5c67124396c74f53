/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * FWCTL_DEVICE_TYPE_BNXT: Broadcom NetXtreme devices (bnxt_fwctl, on the
 * bnxt_en.fwctl auxiliary device). RPCs are HWRM firmware messages.
 */
#ifndef _UAPI_FWCTL_BNXT_H
#define _UAPI_FWCTL_BNXT_H

#include <linux/types.h>

/**
 * enum fwctl_bnxt_commands - bit numbers of fwctl_info_bnxt.uctx_caps
 * @FWCTL_BNXT_INLINE_COMMANDS: inline HWRM commands
 * @FWCTL_BNXT_QUERY_COMMANDS: HWRM queries
 * @FWCTL_BNXT_SEND_COMMANDS: HWRM commands that change device state
 */
enum fwctl_bnxt_commands {
	FWCTL_BNXT_INLINE_COMMANDS = 0,
	FWCTL_BNXT_QUERY_COMMANDS,
	FWCTL_BNXT_SEND_COMMANDS,
};

/**
 * struct fwctl_info_bnxt - FWCTL_INFO device data of bnxt devices
 * @uctx_caps: the enum fwctl_bnxt_commands bits of this file
 */
struct fwctl_info_bnxt {
	__u32 uctx_caps;
};

#endif
