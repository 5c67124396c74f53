/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The registers of mlx5_mock's firmware that have a PRM layout (MGIR, the
 * NV configuration registers, MQIS, MTMP, MCIA, PPCNT), their access rules,
 * and the count of every command a function saw.
 */
#ifndef _MOCK_REGS_H
#define _MOCK_REGS_H

#include <linux/types.h>

struct dentry;
struct mutex;

#define MOCK_SEEN_OPCODES 32
#define MOCK_SEEN_REGS 32
#define MOCK_NV_TLVS 16
#define MOCK_NV_DATA 256

struct mock_seen_reg {
	u16 id;
	u32 reads, writes, refused;
};

struct mock_nv_tlv {
	u32 type;
	u16 len;
	u8 data[MOCK_NV_DATA];
};

/* One per function */
struct mock_regs {
	struct {
		u16 opcode;
		u32 count;
	} seen[MOCK_SEEN_OPCODES];
	u32 seen_other;
	struct mock_seen_reg regs[MOCK_SEEN_REGS];
	u32 regs_other;
	struct mock_nv_tlv nv[MOCK_NV_TLVS];
	unsigned int nr;
	/* The function's lock, which guards all of this */
	struct mutex *lock;
};

void mock_regs_init(struct mock_regs *r, unsigned int nr,
		    struct dentry *dir, struct mutex *lock);
/* The general capabilities, current and maximum, of function @nr */
void mock_regs_caps(void *cur, void *max, unsigned int nr);
void mock_regs_count(struct mock_regs *r, u16 opcode);
/*
 * ACCESS_REG of a register with a PRM layout: returns true and fills
 * *status and the register data of @out when @reg_id is one; false leaves
 * the register to the caller's plain store.
 */
bool mock_regs_access(struct mock_regs *r, u16 reg_id, u16 op_mod,
		      const void *data, int data_len, void *out, int out_len,
		      u8 *status);

#endif
