// SPDX-License-Identifier: GPL-2.0
/*
 * mlx5_mock's registers with a PRM layout, and what each function saw.
 *
 * Layouts follow the ConnectX PRM (and <linux/mlx5/mlx5_ifc.h> where it
 * has the register); they are spelled out here so that the mock does not
 * depend on which kernel's mlx5_ifc.h it is built against.
 *
 *   id      name   access  what the mock answers
 *   0x9020  MGIR   read    ConnectX-6 Dx, firmware 22.41.1000, PSID MOCK000001
 *   0x9024  MNVDA  r/w     NV configuration TLVs by type: what was written,
 *                          else the default (zeros) of the length asked for
 *   0x9030  MNVQC  read    every TLV type readable and writable, version 0
 *   0x9033  MNVIA  write   forgets every TLV written (also 0x9029, 4th gen)
 *   0x9064  MQIS   read    info strings by type
 *   0x900a  MTMP   read    sensor 0: 45 C, max 50 C, "ASIC"
 *   0x9014  MCIA   read    module 0, pages 0 (lower and upper): QSFP28
 *   0x5008  PPCNT  read    group 0 (IEEE 802.3 counters) of ports 1 and 2
 *   0xc000  RESOURCE_DUMP  read  inline dumps: the menu (segment 0xffff)
 *                          lists segments 0x1000 and 0x1001, each of which
 *                          dumps one resource segment of 4 dwords
 *
 * A write of a read-only register or a read of a write-only one gets
 * status BAD_OP, a field out of range BAD_PARAM, as firmware answers.
 *
 * debugfs, per function fnN/:
 *   seen	read: "0xOPCODE COUNT" per opcode run, then "other COUNT"
 *   regs	read: "0xID READS WRITES REFUSED" per ACCESS_REG register
 */
#include <linux/debugfs.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/mlx5/device.h>
#include <linux/mlx5/mlx5_ifc.h>

#include "mock_regs.h"

enum {
	MOCK_REG_PPCNT = 0x5008,
	MOCK_REG_MTMP = 0x900a,
	MOCK_REG_MCIA = 0x9014,
	MOCK_REG_MGIR = 0x9020,
	MOCK_REG_MNVDA = 0x9024,
	MOCK_REG_MNVIA_4TH_GEN = 0x9029,
	MOCK_REG_MNVQC = 0x9030,
	MOCK_REG_MNVIA = 0x9033,
	MOCK_REG_MQIS = 0x9064,
	MOCK_REG_RESOURCE_DUMP = 0xc000,
};

enum {
	MOCK_STAT_BAD_OP = 0x2,
	MOCK_STAT_BAD_PARAM = 0x3,
};

/* ---- layouts ------------------------------------------------------------ */

struct mlx5_ifc_mock_mgir_bits {
	/* hardware_info */
	u8 device_id[0x10];
	u8 device_hw_revision[0x10];

	u8 reserved_at_20[0x20];

	u8 reserved_at_40[0x10];
	u8 hw_dev_id[0x10];

	u8 reserved_at_60[0x80];

	u8 uptime[0x20];

	/* fw_info */
	u8 reserved_at_100[0x8];
	u8 major[0x8];
	u8 minor[0x8];
	u8 sub_minor[0x8];

	u8 build_id[0x20];

	u8 year[0x10];
	u8 day[0x8];
	u8 month[0x8];

	u8 reserved_at_160[0x10];
	u8 hour[0x10];

	u8 psid[0x80];

	u8 ini_file_version[0x20];

	u8 extended_major[0x20];

	u8 extended_minor[0x20];

	u8 extended_sub_minor[0x20];

	u8 reserved_at_280[0x80];

	/* sw_info */
	u8 reserved_at_300[0x100];

	/* dev_info */
	u8 dev_branch_tag[0xe0];
	u8 reserved_at_4e0[0x20];
};

/* The fifth generation NV header that MNVDA, MNVQC and MNVIA start with */
struct mlx5_ifc_mock_nv_hdr_bits {
	u8 priority[0x2];
	u8 reserved_at_2[0x4];
	u8 over_en[0x1];
	u8 rd_en[0x1];
	u8 default_[0x1];
	u8 read_current[0x1];
	u8 reserved_at_a[0x1];
	u8 writer_id[0x5];
	u8 version[0x4];
	u8 reserved_at_14[0x1];
	u8 writer_host_id[0x2];
	u8 length[0x9];

	u8 type[0x20];

	u8 reserved_at_40[0x20];
};

struct mlx5_ifc_mock_mnvqc_bits {
	u8 type[0x20];

	u8 reserved_at_20[0x18];
	u8 version[0x4];
	u8 reserved_at_3c[0x2];
	u8 support_wr[0x1];
	u8 support_rd[0x1];

	u8 reserved_at_40[0x40];
};

struct mlx5_ifc_mock_mqis_bits {
	u8 reserved_at_0[0x18];
	u8 info_type[0x8];

	u8 reserved_at_20[0x10];
	u8 info_length[0x10];

	u8 read_length[0x10];
	u8 read_offset[0x10];

	u8 reserved_at_60[0x20];

	u8 info_string[0x100];
};

/*
 * RESOURCE_DUMP (resource_dump and its segments in mlx5_ifc.h): a dump is
 * a run of segments, each a header (length in dwords, type) and data.
 */
struct mlx5_ifc_mock_rsc_dump_bits {
	u8 more_dump[0x1];
	u8 inline_dump[0x1];
	u8 reserved_at_2[0xa];
	u8 seq_num[0x4];
	u8 segment_type[0x10];

	u8 reserved_at_20[0x10];
	u8 vhca_id[0x10];

	u8 index1[0x20];

	u8 index2[0x20];

	u8 num_of_obj1[0x10];
	u8 num_of_obj2[0x10];

	u8 reserved_at_a0[0x20];

	u8 device_opaque[0x40];

	u8 mkey[0x20];

	u8 size[0x20];

	u8 address[0x40];

	u8 inline_data[52][0x20];
};

enum {
	MOCK_SGMT_COMMAND = 0xfffa,
	MOCK_SGMT_TERMINATE = 0xfffb,
	MOCK_SGMT_INFO = 0xfffe,
	MOCK_SGMT_MENU = 0xffff,
};

struct mlx5_ifc_mock_sgmt_hdr_bits {
	u8 length_dw[0x10];
	u8 segment_type[0x10];
};

struct mlx5_ifc_mock_sgmt_info_bits {
	struct mlx5_ifc_mock_sgmt_hdr_bits hdr;

	u8 reserved_at_20[0x18];
	u8 dump_version[0x8];

	u8 hw_version[0x20];

	u8 fw_version[0x20];
};

struct mlx5_ifc_mock_sgmt_command_bits {
	struct mlx5_ifc_mock_sgmt_hdr_bits hdr;

	u8 segment_called[0x10];
	u8 vhca_id[0x10];

	u8 index1[0x20];

	u8 index2[0x20];

	u8 num_of_obj1[0x10];
	u8 num_of_obj2[0x10];
};

struct mlx5_ifc_mock_sgmt_menu_record_bits {
	u8 reserved_at_0[0x4];
	u8 num_of_obj2_supports_active[0x1];
	u8 num_of_obj2_supports_all[0x1];
	u8 must_have_num_of_obj2[0x1];
	u8 support_num_of_obj2[0x1];
	u8 num_of_obj1_supports_active[0x1];
	u8 num_of_obj1_supports_all[0x1];
	u8 must_have_num_of_obj1[0x1];
	u8 support_num_of_obj1[0x1];
	u8 must_have_index2[0x1];
	u8 support_index2[0x1];
	u8 must_have_index1[0x1];
	u8 support_index1[0x1];
	u8 segment_type[0x10];

	u8 segment_name[4][0x20];

	u8 index1_name[4][0x20];

	u8 index2_name[4][0x20];
};

struct mlx5_ifc_mock_sgmt_menu_bits {
	struct mlx5_ifc_mock_sgmt_hdr_bits hdr;

	u8 reserved_at_20[0x10];
	u8 num_of_records[0x10];
};

struct mlx5_ifc_mock_sgmt_resource_bits {
	struct mlx5_ifc_mock_sgmt_hdr_bits hdr;

	u8 reserved_at_20[0x20];

	u8 index1[0x20];

	u8 index2[0x20];

	u8 payload[4][0x20];
};

struct mlx5_ifc_mock_mtmp_bits {
	u8 reserved_at_0[0x14];
	u8 sensor_index[0xc];

	u8 reserved_at_20[0x10];
	u8 temperature[0x10];

	u8 mte[0x1];
	u8 mtr[0x1];
	u8 reserved_at_42[0xe];
	u8 max_temperature[0x10];

	u8 tee[0x2];
	u8 reserved_at_62[0xe];
	u8 temp_threshold_hi[0x10];

	u8 reserved_at_80[0x10];
	u8 temp_threshold_lo[0x10];

	u8 reserved_at_a0[0x20];

	u8 sensor_name_hi[0x20];
	u8 sensor_name_lo[0x20];
};

struct mlx5_ifc_mock_mcia_bits {
	u8 l[0x1];
	u8 reserved_at_1[0x7];
	u8 module[0x8];
	u8 reserved_at_10[0x8];
	u8 status[0x8];

	u8 i2c_device_address[0x8];
	u8 page_number[0x8];
	u8 device_address[0x10];

	u8 reserved_at_40[0x10];
	u8 size[0x10];

	u8 reserved_at_60[0x20];

	u8 dwords[0x400];
};

struct mlx5_ifc_mock_ppcnt_bits {
	u8 swid[0x8];
	u8 local_port[0x8];
	u8 pnat[0x2];
	u8 reserved_at_12[0x8];
	u8 grp[0x6];

	u8 clr[0x1];
	u8 reserved_at_21[0x1c];
	u8 prio_tc[0x3];

	/* IEEE 802.3 group (0): 64-bit counters, high dword first */
	u8 a_frames_transmitted_ok[0x40];
	u8 a_frames_received_ok[0x40];
	u8 a_frame_check_sequence_errors[0x40];
	u8 a_alignment_errors[0x40];
	u8 a_octets_transmitted_ok[0x40];
	u8 a_octets_received_ok[0x40];
	u8 reserved_at_1c0[0x640];
};

/* ---- the answers -------------------------------------------------------- */

#define MOCK_PSID "MOCK000001"
#define MOCK_MCIA_QSFP28 0x11
#define MOCK_MCIA_I2C_LOW 0x50

static const char * const mock_mqis_info[] = {
	[1] = "ConnectX-6 Dx mock",		/* model name */
	[2] = "MCX623106AN-CDAT",		/* part number */
	[3] = "Mock adapter of fwctl-dkms",	/* marketing name */
};

static void mock_mgir(void *reg)
{
	static const char tag[] = "fwctl-dkms-mock";

	MLX5_SET(mock_mgir, reg, device_id, 0x101d);
	MLX5_SET(mock_mgir, reg, device_hw_revision, 0x0);
	MLX5_SET(mock_mgir, reg, hw_dev_id, 0x212);
	MLX5_SET(mock_mgir, reg, uptime, 1000);
	MLX5_SET(mock_mgir, reg, major, 22);
	MLX5_SET(mock_mgir, reg, minor, 41);
	MLX5_SET(mock_mgir, reg, sub_minor, 1000 & 0xff);
	MLX5_SET(mock_mgir, reg, build_id, 0x1234);
	MLX5_SET(mock_mgir, reg, year, 0x2026);
	MLX5_SET(mock_mgir, reg, month, 0x12);
	MLX5_SET(mock_mgir, reg, day, 0x02);
	MLX5_SET(mock_mgir, reg, hour, 0x1930);
	memcpy(MLX5_ADDR_OF(mock_mgir, reg, psid), MOCK_PSID,
	       sizeof(MOCK_PSID) - 1);
	MLX5_SET(mock_mgir, reg, extended_major, 22);
	MLX5_SET(mock_mgir, reg, extended_minor, 41);
	MLX5_SET(mock_mgir, reg, extended_sub_minor, 1000);
	memcpy(MLX5_ADDR_OF(mock_mgir, reg, dev_branch_tag), tag,
	       sizeof(tag) - 1);
}

static struct mock_nv_tlv *mock_nv_find(struct mock_regs *r, u32 type,
					bool add)
{
	struct mock_nv_tlv *free = NULL;
	int i;

	for (i = 0; i < MOCK_NV_TLVS; i++) {
		if (r->nv[i].len && r->nv[i].type == type)
			return &r->nv[i];
		if (!r->nv[i].len && !free)
			free = &r->nv[i];
	}
	return add ? free : NULL;
}

static u8 mock_mnvda(struct mock_regs *r, bool write, const void *in,
		     int in_len, void *reg, int reg_len)
{
	int hdr = MLX5_ST_SZ_BYTES(mock_nv_hdr);
	struct mock_nv_tlv *tlv;
	u32 type;
	u16 len;

	if (in_len < hdr)
		return MOCK_STAT_BAD_PARAM;
	type = MLX5_GET(mock_nv_hdr, in, type);
	len = MLX5_GET(mock_nv_hdr, in, length);
	if (len > MOCK_NV_DATA || len > in_len - hdr)
		return MOCK_STAT_BAD_PARAM;
	if (write) {
		tlv = mock_nv_find(r, type, true);
		if (!tlv)
			return MOCK_STAT_BAD_PARAM;
		if (!len) {
			memset(tlv, 0, sizeof(*tlv));
			return 0;
		}
		tlv->type = type;
		tlv->len = len;
		memset(tlv->data, 0, sizeof(tlv->data));
		memcpy(tlv->data, in + hdr, len);
		return 0;
	}
	tlv = mock_nv_find(r, type, false);
	memcpy(reg, in, min(hdr, reg_len));
	if (tlv && !MLX5_GET(mock_nv_hdr, in, default_)) {
		len = tlv->len;
		MLX5_SET(mock_nv_hdr, reg, length, len);
		memcpy(reg + hdr, tlv->data, min_t(int, len, reg_len - hdr));
	}
	/* else: the default of every parameter is 0 */
	return 0;
}

static u8 mock_mqis(const void *in, void *reg, int reg_len)
{
	u8 type = MLX5_GET(mock_mqis, in, info_type);
	u16 off = MLX5_GET(mock_mqis, in, read_offset);
	u16 len = MLX5_GET(mock_mqis, in, read_length);
	int max = MLX5_FLD_SZ_BYTES(mock_mqis, info_string);
	const char *s;
	int slen;

	if (type >= ARRAY_SIZE(mock_mqis_info) || !mock_mqis_info[type])
		return MOCK_STAT_BAD_PARAM;
	s = mock_mqis_info[type];
	slen = strlen(s);
	MLX5_SET(mock_mqis, reg, info_type, type);
	MLX5_SET(mock_mqis, reg, info_length, slen);
	MLX5_SET(mock_mqis, reg, read_offset, off);
	if (off > slen)
		off = slen;
	len = min3((int)len, slen - off, max);
	MLX5_SET(mock_mqis, reg, read_length, len);
	memcpy(MLX5_ADDR_OF(mock_mqis, reg, info_string), s + off, len);
	return 0;
}

static u8 mock_mtmp(const void *in, void *reg)
{
	if (MLX5_GET(mock_mtmp, in, sensor_index))
		return MOCK_STAT_BAD_PARAM;
	/* 0.125 C units */
	MLX5_SET(mock_mtmp, reg, temperature, 45 * 8);
	MLX5_SET(mock_mtmp, reg, max_temperature, 50 * 8);
	MLX5_SET(mock_mtmp, reg, temp_threshold_hi, 105 * 8);
	MLX5_SET(mock_mtmp, reg, temp_threshold_lo, 95 * 8);
	MLX5_SET(mock_mtmp, reg, sensor_name_hi, 0x41534943);	/* "ASIC" */
	MLX5_SET(mock_mtmp, reg, sensor_name_lo, 0);
	return 0;
}

/* Byte @addr of the module EEPROM's pages 0 lower (0-127) and upper */
static u8 mock_eeprom(unsigned int addr)
{
	static const char vendor[16] = "MOCK VENDOR     ";
	static const char pn[16] = "MOCK-QSFP28-100G";

	if (addr == 0 || addr == 128)
		return MOCK_MCIA_QSFP28;
	if (addr >= 148 && addr < 164)
		return vendor[addr - 148];
	if (addr >= 168 && addr < 184)
		return pn[addr - 168];
	return 0;
}

static u8 mock_mcia(const void *in, void *reg)
{
	u16 addr = MLX5_GET(mock_mcia, in, device_address);
	u16 size = MLX5_GET(mock_mcia, in, size);
	u8 *dw = MLX5_ADDR_OF(mock_mcia, reg, dwords);
	int i;

	memcpy(reg, in, MLX5_BYTE_OFF(mock_mcia, dwords));
	if (MLX5_GET(mock_mcia, in, module) ||
	    MLX5_GET(mock_mcia, in, page_number) ||
	    MLX5_GET(mock_mcia, in, i2c_device_address) != MOCK_MCIA_I2C_LOW ||
	    size > MLX5_FLD_SZ_BYTES(mock_mcia, dwords) || addr + size > 256) {
		/* The register's own status: bad parameter */
		MLX5_SET(mock_mcia, reg, status, 0x3);
		return 0;
	}
	MLX5_SET(mock_mcia, reg, status, 0);
	for (i = 0; i < size; i++)
		dw[i] = mock_eeprom(addr + i);
	return 0;
}

static u8 mock_ppcnt(const void *in, void *reg)
{
	u8 port = MLX5_GET(mock_ppcnt, in, local_port);

	if (MLX5_GET(mock_ppcnt, in, grp) || port < 1 || port > 2)
		return MOCK_STAT_BAD_PARAM;
	memcpy(reg, in, 8);
	MLX5_SET64(mock_ppcnt, reg, a_frames_transmitted_ok, 1000ULL * port);
	MLX5_SET64(mock_ppcnt, reg, a_frames_received_ok, 2000ULL * port);
	MLX5_SET64(mock_ppcnt, reg, a_frame_check_sequence_errors, port);
	MLX5_SET64(mock_ppcnt, reg, a_octets_transmitted_ok,
		   0x100000000ULL * port);
	MLX5_SET64(mock_ppcnt, reg, a_octets_received_ok, 64000ULL * port);
	return 0;
}

/*
 * General capabilities (cmd_hca_cap of <linux/mlx5/mlx5_ifc.h>) that the
 * fwctl tool decodes, ConnectX-6 Dx-like; uctx_cap is the module parameter.
 */
void mock_regs_caps(void *cur, void *max, unsigned int nr)
{
	void *caps[] = { cur, max };
	int i;

	for (i = 0; i < ARRAY_SIZE(caps); i++) {
		MLX5_SET(cmd_hca_cap, caps[i], vhca_id, nr);
		MLX5_SET(cmd_hca_cap, caps[i], log_max_qp, i ? 24 : 18);
		MLX5_SET(cmd_hca_cap, caps[i], log_max_cq, 24);
		MLX5_SET(cmd_hca_cap, caps[i], log_max_eq, 7);
		MLX5_SET(cmd_hca_cap, caps[i], port_type, 1);	/* Ethernet */
		MLX5_SET(cmd_hca_cap, caps[i], num_ports, 1);
		MLX5_SET(cmd_hca_cap, caps[i], log_max_msg, 30);
		MLX5_SET(cmd_hca_cap, caps[i], log_max_pd, 23);
	}
}

/*
 * The mock's resource-dump segments: the menu lists them, a dump of one
 * is a resource segment of 4 dwords ("MOCK", the segment, the function,
 * index1).
 */
static const struct {
	u16 type;
	bool index1;
	const char *name;
	const char *index1_name;
} mock_sgmts[] = {
	{ 0x1000, false, "MOCK_GENERAL", "" },
	{ 0x1001, true, "MOCK_CONTEXT", "CTX" },
};

/* Append segment @type of @bytes (a whole number of dwords) at *@pos. */
static void *mock_sgmt(u8 *data, int *pos, u16 type, int bytes)
{
	void *sg = data + *pos;

	MLX5_SET(mock_sgmt_hdr, sg, length_dw, bytes / 4);
	MLX5_SET(mock_sgmt_hdr, sg, segment_type, type);
	*pos += bytes;
	return sg;
}

/*
 * One inline dump of the segment asked for: info, command, the segment's
 * own (the menu or a resource), terminate; all fit one register, so
 * more_dump is 0. An unknown segment gets BAD_PARAM.
 */
static u8 mock_rsc_dump(struct mock_regs *r, const void *in, void *reg)
{
	u16 type = MLX5_GET(mock_rsc_dump, in, segment_type);
	u8 *data = MLX5_ADDR_OF(mock_rsc_dump, reg, inline_data);
	int pos = 0, i, n = ARRAY_SIZE(mock_sgmts);
	void *sg;

	for (i = 0; i < n && type != MOCK_SGMT_MENU; i++)
		if (mock_sgmts[i].type == type)
			break;
	if (i == n)
		return MOCK_STAT_BAD_PARAM;
	if (type != MOCK_SGMT_MENU && mock_sgmts[i].index1 &&
	    MLX5_GET(mock_rsc_dump, in, index1) > 7)
		return MOCK_STAT_BAD_PARAM;

	MLX5_SET(mock_rsc_dump, reg, inline_dump, 1);
	MLX5_SET(mock_rsc_dump, reg, seq_num,
		 MLX5_GET(mock_rsc_dump, in, seq_num));
	MLX5_SET(mock_rsc_dump, reg, segment_type, type);
	MLX5_SET(mock_rsc_dump, reg, vhca_id,
		 MLX5_GET(mock_rsc_dump, in, vhca_id));
	MLX5_SET(mock_rsc_dump, reg, index1, MLX5_GET(mock_rsc_dump, in, index1));
	MLX5_SET(mock_rsc_dump, reg, index2, MLX5_GET(mock_rsc_dump, in, index2));

	sg = mock_sgmt(data, &pos, MOCK_SGMT_INFO,
		       MLX5_ST_SZ_BYTES(mock_sgmt_info));
	MLX5_SET(mock_sgmt_info, sg, dump_version, 1);
	MLX5_SET(mock_sgmt_info, sg, hw_version, 0x212);
	MLX5_SET(mock_sgmt_info, sg, fw_version, (22 << 24) | (41 << 16) | 1000);

	sg = mock_sgmt(data, &pos, MOCK_SGMT_COMMAND,
		       MLX5_ST_SZ_BYTES(mock_sgmt_command));
	MLX5_SET(mock_sgmt_command, sg, segment_called, type);
	MLX5_SET(mock_sgmt_command, sg, vhca_id,
		 MLX5_GET(mock_rsc_dump, in, vhca_id));
	MLX5_SET(mock_sgmt_command, sg, index1,
		 MLX5_GET(mock_rsc_dump, in, index1));
	MLX5_SET(mock_sgmt_command, sg, index2,
		 MLX5_GET(mock_rsc_dump, in, index2));
	MLX5_SET(mock_sgmt_command, sg, num_of_obj1,
		 MLX5_GET(mock_rsc_dump, in, num_of_obj1));
	MLX5_SET(mock_sgmt_command, sg, num_of_obj2,
		 MLX5_GET(mock_rsc_dump, in, num_of_obj2));

	if (type == MOCK_SGMT_MENU) {
		sg = mock_sgmt(data, &pos, MOCK_SGMT_MENU,
			       MLX5_ST_SZ_BYTES(mock_sgmt_menu) +
			       n * MLX5_ST_SZ_BYTES(mock_sgmt_menu_record));
		MLX5_SET(mock_sgmt_menu, sg, num_of_records, n);
		for (i = 0; i < n; i++) {
			void *rec = sg + MLX5_ST_SZ_BYTES(mock_sgmt_menu) +
				    i * MLX5_ST_SZ_BYTES(mock_sgmt_menu_record);

			MLX5_SET(mock_sgmt_menu_record, rec, segment_type,
				 mock_sgmts[i].type);
			MLX5_SET(mock_sgmt_menu_record, rec, support_index1,
				 mock_sgmts[i].index1);
			MLX5_SET(mock_sgmt_menu_record, rec, must_have_index1,
				 mock_sgmts[i].index1);
			strscpy(MLX5_ADDR_OF(mock_sgmt_menu_record, rec,
					     segment_name),
				mock_sgmts[i].name, 16);
			strscpy(MLX5_ADDR_OF(mock_sgmt_menu_record, rec,
					     index1_name),
				mock_sgmts[i].index1_name, 16);
		}
	} else {
		sg = mock_sgmt(data, &pos, type,
			       MLX5_ST_SZ_BYTES(mock_sgmt_resource));
		MLX5_SET(mock_sgmt_resource, sg, index1,
			 MLX5_GET(mock_rsc_dump, in, index1));
		MLX5_SET(mock_sgmt_resource, sg, index2,
			 MLX5_GET(mock_rsc_dump, in, index2));
		MLX5_ARRAY_SET(mock_sgmt_resource, sg, payload, 0, 0x4d4f434b);
		MLX5_ARRAY_SET(mock_sgmt_resource, sg, payload, 1, type);
		MLX5_ARRAY_SET(mock_sgmt_resource, sg, payload, 2, r->nr);
		MLX5_ARRAY_SET(mock_sgmt_resource, sg, payload, 3,
			       MLX5_GET(mock_rsc_dump, in, index1));
	}
	mock_sgmt(data, &pos, MOCK_SGMT_TERMINATE,
		  MLX5_ST_SZ_BYTES(mock_sgmt_hdr));
	MLX5_SET(mock_rsc_dump, reg, size, pos);
	return 0;
}

/* ---- access rules --------------------------------------------------------- */

enum { MOCK_R = 1, MOCK_W = 2 };

static const struct {
	u16 id;
	u8 access;
	u16 bytes;
} mock_reg_table[] = {
	{ MOCK_REG_MGIR, MOCK_R, MLX5_ST_SZ_BYTES(mock_mgir) },
	{ MOCK_REG_MNVDA, MOCK_R | MOCK_W,
	  MLX5_ST_SZ_BYTES(mock_nv_hdr) + MOCK_NV_DATA },
	{ MOCK_REG_MNVQC, MOCK_R, MLX5_ST_SZ_BYTES(mock_mnvqc) },
	{ MOCK_REG_MNVIA, MOCK_W, MLX5_ST_SZ_BYTES(mock_nv_hdr) },
	{ MOCK_REG_MNVIA_4TH_GEN, MOCK_W, MLX5_ST_SZ_BYTES(mock_nv_hdr) },
	{ MOCK_REG_MQIS, MOCK_R, MLX5_ST_SZ_BYTES(mock_mqis) },
	{ MOCK_REG_MTMP, MOCK_R, MLX5_ST_SZ_BYTES(mock_mtmp) },
	{ MOCK_REG_MCIA, MOCK_R, MLX5_ST_SZ_BYTES(mock_mcia) },
	{ MOCK_REG_PPCNT, MOCK_R, MLX5_ST_SZ_BYTES(mock_ppcnt) },
	{ MOCK_REG_RESOURCE_DUMP, MOCK_R, MLX5_ST_SZ_BYTES(mock_rsc_dump) },
};

static struct mock_seen_reg *mock_seen_reg(struct mock_regs *r, u16 id)
{
	int i;

	for (i = 0; i < MOCK_SEEN_REGS; i++) {
		if (r->regs[i].id == id)
			return &r->regs[i];
		if (!r->regs[i].id) {
			r->regs[i].id = id;
			return &r->regs[i];
		}
	}
	r->regs_other++;
	return NULL;
}

void mock_regs_count(struct mock_regs *r, u16 opcode)
{
	int i;

	for (i = 0; i < MOCK_SEEN_OPCODES; i++) {
		if (r->seen[i].count && r->seen[i].opcode != opcode)
			continue;
		r->seen[i].opcode = opcode;
		r->seen[i].count++;
		return;
	}
	r->seen_other++;
}

bool mock_regs_access(struct mock_regs *r, u16 reg_id, u16 op_mod,
		      const void *data, int data_len, void *out, int out_len,
		      u8 *status)
{
	bool write = op_mod == 0;
	struct mock_seen_reg *seen;
	u8 reg[0x140] = {};
	u8 in[0x140] = {};
	int i, bytes;

	for (i = 0; i < ARRAY_SIZE(mock_reg_table); i++)
		if (mock_reg_table[i].id == reg_id)
			break;
	seen = mock_seen_reg(r, reg_id);
	if (seen && write)
		seen->writes++;
	else if (seen)
		seen->reads++;
	if (i == ARRAY_SIZE(mock_reg_table))
		return false;

	if (op_mod > 1 ||
	    !(mock_reg_table[i].access & (write ? MOCK_W : MOCK_R))) {
		if (seen)
			seen->refused++;
		*status = MOCK_STAT_BAD_OP;
		return true;
	}
	bytes = mock_reg_table[i].bytes;
	memcpy(in, data, clamp(data_len, 0, (int)sizeof(in)));

	switch (reg_id) {
	case MOCK_REG_MGIR:
		mock_mgir(reg);
		*status = 0;
		break;
	case MOCK_REG_MNVDA:
		*status = mock_mnvda(r, write, in, min(data_len, (int)sizeof(in)),
				     reg, sizeof(reg));
		break;
	case MOCK_REG_MNVQC:
		MLX5_SET(mock_mnvqc, reg, type, MLX5_GET(mock_mnvqc, in, type));
		MLX5_SET(mock_mnvqc, reg, support_rd, 1);
		MLX5_SET(mock_mnvqc, reg, support_wr, 1);
		*status = 0;
		break;
	case MOCK_REG_MNVIA:
	case MOCK_REG_MNVIA_4TH_GEN:
		memset(r->nv, 0, sizeof(r->nv));
		*status = 0;
		break;
	case MOCK_REG_MQIS:
		*status = mock_mqis(in, reg, sizeof(reg));
		break;
	case MOCK_REG_MTMP:
		*status = mock_mtmp(in, reg);
		break;
	case MOCK_REG_MCIA:
		*status = mock_mcia(in, reg);
		break;
	case MOCK_REG_PPCNT:
		*status = mock_ppcnt(in, reg);
		break;
	case MOCK_REG_RESOURCE_DUMP:
		*status = mock_rsc_dump(r, in, reg);
		break;
	}
	if (*status && seen)
		seen->refused++;
	if (!*status && !write && out_len > 0)
		memcpy(out, reg, min(out_len, bytes));
	return true;
}

/* ---- debugfs ------------------------------------------------------------- */

static int mock_seen_show(struct seq_file *s, void *unused)
{
	struct mock_regs *r = s->private;
	int i;

	guard(mutex)(r->lock);
	for (i = 0; i < MOCK_SEEN_OPCODES && r->seen[i].count; i++)
		seq_printf(s, "0x%x %u\n", r->seen[i].opcode, r->seen[i].count);
	seq_printf(s, "other %u\n", r->seen_other);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mock_seen);

static int mock_regs_show(struct seq_file *s, void *unused)
{
	struct mock_regs *r = s->private;
	int i;

	guard(mutex)(r->lock);
	for (i = 0; i < MOCK_SEEN_REGS && r->regs[i].id; i++)
		seq_printf(s, "0x%x %u %u %u\n", r->regs[i].id,
			   r->regs[i].reads, r->regs[i].writes,
			   r->regs[i].refused);
	seq_printf(s, "other %u\n", r->regs_other);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mock_regs);

void mock_regs_init(struct mock_regs *r, unsigned int nr,
		    struct dentry *dir, struct mutex *lock)
{
	r->nr = nr;
	r->lock = lock;
	debugfs_create_file("seen", 0400, dir, r, &mock_seen_fops);
	debugfs_create_file("regs", 0400, dir, r, &mock_regs_fops);
}
