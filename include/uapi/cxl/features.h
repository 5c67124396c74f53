/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * CXL Features: the mailbox payloads of the Get Supported Features, Get
 * Feature and Set Feature commands (CXL 3.2, 8.2.10.6), as the cxl fwctl
 * driver (FWCTL_DEVICE_TYPE_CXL, include/uapi/fwctl/cxl.h) carries them.
 * Multi-byte fields are little endian, as on the wire.
 */
#ifndef _UAPI_CXL_FEATURES_H_
#define _UAPI_CXL_FEATURES_H_

#include <linux/types.h>
#include <linux/const.h>
#include <linux/stddef.h>

/* A UUID as 16 bytes; the kernel sees its own uuid_t, of the same size. */
typedef unsigned char __uapi_uuid_t[16];

#ifdef __KERNEL__
#include <linux/uuid.h>
static_assert(sizeof(__uapi_uuid_t) == sizeof(uuid_t));
#define __uapi_uuid_t uuid_t
#endif

/* Older kernels' <linux/stddef.h> lacks these (5.16, 5.17, 6.6). */
#ifndef __struct_group
#define __struct_group(TAG, NAME, ATTRS, MEMBERS...)		\
	union {							\
		struct { MEMBERS } ATTRS;			\
		struct TAG { MEMBERS } ATTRS NAME;		\
	} ATTRS
#endif
#ifndef __counted_by_le
#define __counted_by_le(m)
#endif

/**
 * struct cxl_mbox_get_sup_feats_in - Get Supported Features input
 * @count: bytes of output the caller takes
 * @start_idx: index of the first feature entry to return
 * @reserved: reserved, 0
 */
struct cxl_mbox_get_sup_feats_in {
	__le32 count;
	__le16 start_idx;
	__u8 reserved[2];
} __attribute__ ((__packed__));

/* Bits of cxl_feat_entry.effects (the Set Feature effects). */
#define CXL_CMD_CONFIG_CHANGE_COLD_RESET	_BITUL(0)
#define CXL_CMD_CONFIG_CHANGE_IMMEDIATE		_BITUL(1)
#define CXL_CMD_DATA_CHANGE_IMMEDIATE		_BITUL(2)
#define CXL_CMD_POLICY_CHANGE_IMMEDIATE		_BITUL(3)
#define CXL_CMD_LOG_CHANGE_IMMEDIATE		_BITUL(4)
#define CXL_CMD_SECURITY_STATE_CHANGE		_BITUL(5)
#define CXL_CMD_BACKGROUND			_BITUL(6)
#define CXL_CMD_BGCMD_ABORT_SUPPORTED		_BITUL(7)
#define CXL_CMD_EFFECTS_VALID			_BITUL(9)
#define CXL_CMD_CONFIG_CHANGE_CONV_RESET	_BITUL(10)
#define CXL_CMD_CONFIG_CHANGE_CXL_RESET		_BITUL(11)
#define CXL_CMD_EFFECTS_RESERVED		(_BITUL(16) - _BITUL(12))

/**
 * struct cxl_feat_entry - one entry of the supported features list
 * @uuid: the feature's UUID
 * @id: its index in the device's list
 * @get_feat_size: bytes Get Feature returns for it
 * @set_feat_size: bytes Set Feature takes for it
 * @flags: CXL_FEATURE_F_* attribute bits
 * @get_feat_ver: version of the Get Feature data
 * @set_feat_ver: version of the Set Feature data
 * @effects: CXL_CMD_* effects of Set Feature
 * @reserved: reserved
 */
struct cxl_feat_entry {
	__uapi_uuid_t uuid;
	__le16 id;
	__le16 get_feat_size;
	__le16 set_feat_size;
	__le32 flags;
	__u8 get_feat_ver;
	__u8 set_feat_ver;
	__le16 effects;
	__u8 reserved[18];
} __attribute__ ((__packed__));

/* Bits of cxl_feat_entry.flags. */
#define CXL_FEATURE_F_CHANGEABLE		_BITUL(0)
#define CXL_FEATURE_F_PERSIST_FW_UPDATE		_BITUL(4)
#define CXL_FEATURE_F_DEFAULT_SEL		_BITUL(5)
#define CXL_FEATURE_F_SAVED_SEL			_BITUL(6)

/**
 * struct cxl_mbox_get_sup_feats_out - Get Supported Features output
 * @hdr: the fixed part, also as struct cxl_mbox_get_sup_feats_out_hdr
 * @num_entries: entries that follow
 * @supported_feats: features the device supports in all
 * @reserved: reserved
 * @ents: the entries
 */
struct cxl_mbox_get_sup_feats_out {
	__struct_group(cxl_mbox_get_sup_feats_out_hdr, hdr, /* no attrs */,
		__le16 num_entries;
		__le16 supported_feats;
		__u8 reserved[4];
	);
	struct cxl_feat_entry ents[] __counted_by_le(num_entries);
} __attribute__ ((__packed__));

/**
 * struct cxl_mbox_get_feat_in - Get Feature input
 * @uuid: the feature
 * @offset: byte offset into its data
 * @count: bytes to return
 * @selection: an enum cxl_get_feat_selection
 */
struct cxl_mbox_get_feat_in {
	__uapi_uuid_t uuid;
	__le16 offset;
	__le16 count;
	__u8 selection;
} __attribute__ ((__packed__));

/**
 * enum cxl_get_feat_selection - which value Get Feature returns
 * @CXL_GET_FEAT_SEL_CURRENT_VALUE: the value in use
 * @CXL_GET_FEAT_SEL_DEFAULT_VALUE: the default
 * @CXL_GET_FEAT_SEL_SAVED_VALUE: the value saved across reset
 * @CXL_GET_FEAT_SEL_MAX: number of selections
 */
enum cxl_get_feat_selection {
	CXL_GET_FEAT_SEL_CURRENT_VALUE,
	CXL_GET_FEAT_SEL_DEFAULT_VALUE,
	CXL_GET_FEAT_SEL_SAVED_VALUE,
	CXL_GET_FEAT_SEL_MAX
};

/**
 * struct cxl_mbox_set_feat_in - Set Feature input
 * @hdr: the fixed part, also as struct cxl_mbox_set_feat_hdr
 * @uuid: the feature
 * @flags: CXL_SET_FEAT_FLAG_* (data transfer mode, saved across reset)
 * @offset: byte offset into its data
 * @version: version of the data
 * @rsvd: reserved
 * @feat_data: the data
 */
struct cxl_mbox_set_feat_in {
	__struct_group(cxl_mbox_set_feat_hdr, hdr, /* no attrs */,
		__uapi_uuid_t uuid;
		__le32 flags;
		__le16 offset;
		__u8 version;
		__u8 rsvd[9];
	);
	__u8 feat_data[];
} __attribute__ ((__packed__));

/**
 * enum cxl_set_feat_flag_data_transfer - Set Feature data transfer modes
 * @CXL_SET_FEAT_FLAG_FULL_DATA_TRANSFER: all data in one command
 * @CXL_SET_FEAT_FLAG_INITIATE_DATA_TRANSFER: first part
 * @CXL_SET_FEAT_FLAG_CONTINUE_DATA_TRANSFER: a middle part
 * @CXL_SET_FEAT_FLAG_FINISH_DATA_TRANSFER: last part
 * @CXL_SET_FEAT_FLAG_ABORT_DATA_TRANSFER: abort a partial transfer
 * @CXL_SET_FEAT_FLAG_DATA_TRANSFER_MAX: number of modes
 */
enum cxl_set_feat_flag_data_transfer {
	CXL_SET_FEAT_FLAG_FULL_DATA_TRANSFER = 0,
	CXL_SET_FEAT_FLAG_INITIATE_DATA_TRANSFER,
	CXL_SET_FEAT_FLAG_CONTINUE_DATA_TRANSFER,
	CXL_SET_FEAT_FLAG_FINISH_DATA_TRANSFER,
	CXL_SET_FEAT_FLAG_ABORT_DATA_TRANSFER,
	CXL_SET_FEAT_FLAG_DATA_TRANSFER_MAX
};

#define CXL_SET_FEAT_FLAG_DATA_TRANSFER_MASK		(_BITUL(3) - 1)
#define CXL_SET_FEAT_FLAG_DATA_SAVED_ACROSS_RESET	_BITUL(3)

#endif
