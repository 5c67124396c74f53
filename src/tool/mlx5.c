// SPDX-License-Identifier: GPL-2.0
/*
 * fwctl mlx5 DEV caps|adapter|reg NAME: mlx5 firmware commands, decoded.
 *
 * Each command is one FWCTL_RPC carrying a PRM mailbox. Field layouts are
 * tables of PRM bit offsets (big-endian bit numbering from the start of the
 * structure, as <linux/mlx5/mlx5_ifc.h> counts them), one table per
 * structure; the decoder walks the table.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <fwctl/fwctl.h>

#include "tool.h"

#define MLX5_CMD_OP_QUERY_HCA_CAP 0x100
#define MLX5_CMD_OP_QUERY_ADAPTER 0x101
#define MLX5_CMD_OP_ACCESS_REG 0x805
#define MLX5_ACCESS_REG_READ 1

/* Mailbox headers: 16 bytes in (opcode, op_mod, 8 command bytes), 16 out */
#define MBOX_HDR 16

enum field_kind {
	F_UINT,		/* unsigned, decimal */
	F_HEX,		/* unsigned, hex */
	F_STR,		/* ASCII, NUL or blank padded */
	F_TEMP,		/* signed 16-bit, 0.125 C units */
};

struct field {
	const char *name;
	unsigned int off;	/* bit offset, PRM numbering */
	unsigned int bits;	/* width */
	enum field_kind kind;
};

/* cmd_hca_cap (QUERY_HCA_CAP op_mod 1: general, current) */
static const struct field hca_cap_fields[] = {
	{ "vhca_id", 0x30, 0x10, F_UINT },
	{ "log_max_qp", 0x9b, 0x5, F_UINT },
	{ "log_max_cq", 0xdb, 0x5, F_UINT },
	{ "log_max_eq", 0xfc, 0x4, F_UINT },
	{ "port_type", 0x1b6, 0x2, F_UINT },
	{ "num_ports", 0x1b8, 0x8, F_UINT },
	{ "log_max_msg", 0x1c3, 0x5, F_UINT },
	{ "log_max_pd", 0x32b, 0x5, F_UINT },
	{ "uctx_cap", 0x6a0, 0x20, F_HEX },
	{ NULL },
};

/* query_adapter_param_block */
static const struct field adapter_fields[] = {
	{ "ieee_vendor_id", 0xc8, 0x18, F_HEX },
	{ "vsd_vendor_id", 0xf0, 0x10, F_HEX },
	{ "psid", 0x780, 0x80, F_STR },
	{ NULL },
};

/* MGIR: hardware_info, fw_info, dev_info */
static const struct field mgir_fields[] = {
	{ "device_id", 0x0, 0x10, F_HEX },
	{ "device_hw_revision", 0x10, 0x10, F_HEX },
	{ "hw_dev_id", 0x50, 0x10, F_HEX },
	{ "uptime", 0xe0, 0x20, F_UINT },
	{ "fw_major", 0x108, 0x8, F_UINT },
	{ "fw_minor", 0x110, 0x8, F_UINT },
	{ "fw_sub_minor", 0x118, 0x8, F_UINT },
	{ "build_id", 0x120, 0x20, F_HEX },
	{ "fw_year", 0x140, 0x10, F_HEX },
	{ "fw_day", 0x150, 0x8, F_HEX },
	{ "fw_month", 0x158, 0x8, F_HEX },
	{ "psid", 0x180, 0x80, F_STR },
	{ "extended_major", 0x220, 0x20, F_UINT },
	{ "extended_minor", 0x240, 0x20, F_UINT },
	{ "extended_sub_minor", 0x260, 0x20, F_UINT },
	{ "dev_branch_tag", 0x400, 0xe0, F_STR },
	{ NULL },
};

/* MTMP (mtmp_reg of mlx5_ifc.h) */
static const struct field mtmp_fields[] = {
	{ "sensor_index", 0x14, 0xc, F_UINT },
	{ "temperature", 0x30, 0x10, F_TEMP },
	{ "max_temperature", 0x50, 0x10, F_TEMP },
	{ "temp_threshold_hi", 0x70, 0x10, F_TEMP },
	{ "temp_threshold_lo", 0x90, 0x10, F_TEMP },
	{ "sensor_name", 0xc0, 0x40, F_STR },
	{ NULL },
};

/* MCIA (mcia_reg): the header; the EEPROM bytes follow at 0x80 */
static const struct field mcia_fields[] = {
	{ "module", 0x8, 0x8, F_UINT },
	{ "status", 0x18, 0x8, F_UINT },
	{ "i2c_device_address", 0x20, 0x8, F_HEX },
	{ "page_number", 0x28, 0x8, F_UINT },
	{ "device_address", 0x30, 0x10, F_UINT },
	{ "size", 0x50, 0x10, F_UINT },
	{ NULL },
};

/* SFF-8636 page 0 bytes of the module EEPROM (byte offset * 8) */
static const struct field eeprom_fields[] = {
	{ "identifier", 0 * 8, 8, F_HEX },
	{ "vendor_name", 148 * 8, 16 * 8, F_STR },
	{ "vendor_pn", 168 * 8, 16 * 8, F_STR },
	{ "vendor_sn", 196 * 8, 16 * 8, F_STR },
	{ NULL },
};

/* PPCNT group 0, IEEE 802.3 counters (eth_802_3_cntrs_grp_data_layout) */
static const struct field ppcnt_fields[] = {
	{ "local_port", 0x8, 0x8, F_UINT },
	{ "grp", 0x1a, 0x6, F_UINT },
	{ "a_frames_transmitted_ok", 0x40, 0x40, F_UINT },
	{ "a_frames_received_ok", 0x80, 0x40, F_UINT },
	{ "a_frame_check_sequence_errors", 0xc0, 0x40, F_UINT },
	{ "a_alignment_errors", 0x100, 0x40, F_UINT },
	{ "a_octets_transmitted_ok", 0x140, 0x40, F_UINT },
	{ "a_octets_received_ok", 0x180, 0x40, F_UINT },
	{ NULL },
};

/* ---- bits --------------------------------------------------------------- */

static uint64_t get_bits(const unsigned char *buf, unsigned int off,
			 unsigned int bits)
{
	uint64_t v = 0;
	unsigned int i;

	for (i = 0; i < bits; i++) {
		unsigned int b = off + i;

		v = v << 1 | ((buf[b / 8] >> (7 - b % 8)) & 1);
	}
	return v;
}

static void put_bits(unsigned char *buf, unsigned int off, unsigned int bits,
		     uint64_t v)
{
	unsigned int i;

	for (i = 0; i < bits; i++) {
		unsigned int b = off + bits - 1 - i;

		if (v >> i & 1)
			buf[b / 8] |= 0x80 >> (b % 8);
		else
			buf[b / 8] &= ~(0x80 >> (b % 8));
	}
}

static void get_str(const unsigned char *buf, const struct field *f,
		    char *s, size_t size)
{
	size_t n = f->bits / 8, i;

	if (n >= size)
		n = size - 1;
	memcpy(s, buf + f->off / 8, n);
	s[n] = '\0';
	for (i = 0; i < n; i++)
		if (s[i] && (s[i] < 0x20 || s[i] > 0x7e))
			s[i] = '.';
	while (n && (s[n - 1] == ' ' || !s[n - 1]))
		s[--n] = '\0';
}

/* The fields of @t in @buf (@len bytes): text lines or JSON members */
static void print_fields(const struct field *t, const unsigned char *buf,
			 size_t len, const char *indent)
{
	char s[64];

	for (; t->name; t++) {
		uint64_t v;

		if ((t->off + t->bits + 7) / 8 > len)
			continue;
		v = t->bits <= 64 ? get_bits(buf, t->off, t->bits) : 0;
		switch (t->kind) {
		case F_UINT:
			if (opt_json)
				js_num(t->name, (long long)v);
			else
				printf("%s%-30s %llu\n", indent, t->name,
				       (unsigned long long)v);
			break;
		case F_HEX:
			snprintf(s, sizeof(s), "0x%llx", (unsigned long long)v);
			if (opt_json)
				js_num(t->name, (long long)v);
			else
				printf("%s%-30s %s\n", indent, t->name, s);
			break;
		case F_STR:
			get_str(buf, t, s, sizeof(s));
			if (opt_json)
				js_str(t->name, s);
			else
				printf("%s%-30s %s\n", indent, t->name, s);
			break;
		case F_TEMP: {
			int t8 = (int16_t)v;

			if (opt_json) {
				snprintf(s, sizeof(s), "%s_mc", t->name);
				js_num(s, t8 * 125);
			} else {
				printf("%s%-30s %d.%03d C\n", indent, t->name,
				       t8 / 8, (t8 < 0 ? -t8 : t8) % 8 * 125);
			}
			break;
		}
		}
	}
}

/* ---- the RPC ------------------------------------------------------------ */

/*
 * One mailbox: @in (@in_len bytes, header included) at @scope; the reply in
 * @out (@out_len bytes). Returns 0, or an exit code after a message.
 */
static int mbox(int fd, const char *node, unsigned int scope,
		unsigned char *in, size_t in_len, unsigned char *out,
		size_t out_len)
{
	struct fwctl_rpc rpc = {
		.size = sizeof(rpc),
		.scope = scope,
		.in_len = in_len,
		.out_len = out_len,
		.in = (uintptr_t)in,
		.out = (uintptr_t)out,
	};
	unsigned int status;

	memset(out, 0, out_len);
	if (ioctl(fd, FWCTL_RPC, &rpc)) {
		int e = errno;

		err_errno(e, node, "FWCTL_RPC",
			  e == EPERM || e == EBADMSG ?
			  "this command needs a scope the device refuses" : NULL);
		return EXIT_ERR;
	}
	status = out[0];
	if (status) {
		err_msg("%s: firmware status 0x%x, syndrome 0x%08llx", node,
			status, (unsigned long long)get_bits(out, 0x20, 0x20));
		return EXIT_ERR;
	}
	return 0;
}

static void mbox_hdr(unsigned char *in, unsigned int opcode,
		     unsigned int op_mod)
{
	put_bits(in, 0x0, 0x10, opcode);
	put_bits(in, 0x30, 0x10, op_mod);
}

/* ---- registers ------------------------------------------------------------ */

struct mlx5_reg {
	const char *name;
	unsigned int id;
	size_t len;			/* register bytes */
	const struct field *fields;
	const char *what;
};

static const struct mlx5_reg regs[] = {
	{ "MGIR", 0x9020, 0xa0, mgir_fields,
	  "general information: device, firmware version, PSID" },
	{ "MTMP", 0x900a, 0x20, mtmp_fields, "temperature of sensor 0" },
	{ "MCIA", 0x9014, 0x90, mcia_fields,
	  "module 0 EEPROM, page 0 (lower and upper)" },
	{ "PPCNT", 0x5008, 0x100, ppcnt_fields,
	  "IEEE 802.3 counters of port 1" },
};

#define MCIA_CHUNK 32	/* EEPROM bytes per MCIA read, as mlx5e reads */

static int reg_read(int fd, const char *node, const struct mlx5_reg *r,
		    const unsigned char *index, size_t index_len,
		    unsigned char *data)
{
	size_t len = MBOX_HDR + r->len;
	unsigned char *in = xmalloc(len), *out = xmalloc(len);
	int rc;

	memset(in, 0, len);
	mbox_hdr(in, MLX5_CMD_OP_ACCESS_REG, MLX5_ACCESS_REG_READ);
	put_bits(in, 0x50, 0x10, r->id);
	memcpy(in + MBOX_HDR, index, index_len);
	rc = mbox(fd, node, FWCTL_RPC_DEBUG_READ_ONLY, in, len, out, len);
	if (!rc)
		memcpy(data, out + MBOX_HDR, r->len);
	free(in);
	free(out);
	return rc;
}

static int cmd_reg(int fd, const char *node, const char *name)
{
	unsigned char index[16] = { 0 }, data[0x100], eeprom[256];
	const struct mlx5_reg *r = NULL;
	unsigned int i;
	int rc;

	for (i = 0; i < ARRAY_SIZE(regs); i++)
		if (!strcasecmp(name, regs[i].name))
			r = &regs[i];
	if (!r) {
		err_msg("mlx5: no register '%s' (MGIR, MTMP, MCIA, PPCNT)", name);
		return EXIT_USAGE;
	}
	if (r->id == 0x9014) {
		for (i = 0; i < sizeof(eeprom); i += MCIA_CHUNK) {
			memset(index, 0, sizeof(index));
			put_bits(index, 0x20, 0x8, 0x50);	/* I2C address */
			put_bits(index, 0x30, 0x10, i);
			put_bits(index, 0x50, 0x10, MCIA_CHUNK);
			rc = reg_read(fd, node, r, index, sizeof(index), data);
			if (rc)
				return rc;
			if (get_bits(data, 0x18, 8)) {
				err_msg("%s: MCIA status 0x%llx (no module?)", node,
					(unsigned long long)get_bits(data, 0x18, 8));
				return EXIT_ERR;
			}
			memcpy(eeprom + i, data + 0x10, MCIA_CHUNK);
		}
	} else {
		if (r->id == 0x5008)
			put_bits(index, 0x8, 0x8, 1);	/* local_port 1, group 0 */
		rc = reg_read(fd, node, r, index, sizeof(index), data);
		if (rc)
			return rc;
	}

	if (opt_json) {
		js_obj(NULL);
		js_str("register", r->name);
		js_num("id", r->id);
		js_str("scope", "debug-read-only");
		if (r->id == 0x9014) {
			js_obj("eeprom");
			print_fields(eeprom_fields, eeprom, sizeof(eeprom), "");
			js_hex("page0", eeprom, sizeof(eeprom));
			js_end_obj();
		} else {
			js_obj("fields");
			print_fields(r->fields, data, r->len, "");
			js_end_obj();
		}
		js_end_obj();
		return EXIT_OK;
	}
	printf("%s (0x%04x): %s\n", r->name, r->id, r->what);
	if (r->id == 0x9014) {
		print_fields(eeprom_fields, eeprom, sizeof(eeprom), "  ");
		hex_dump(stdout, eeprom, sizeof(eeprom), "  ");
	} else {
		print_fields(r->fields, data, r->len, "  ");
	}
	if (r->id == 0x9020) {
		unsigned int sub = get_bits(data, 0x260, 0x20);

		printf("  %-30s %u.%u.%04u\n", "firmware",
		       (unsigned int)get_bits(data, 0x220, 0x20),
		       (unsigned int)get_bits(data, 0x240, 0x20), sub);
	}
	return EXIT_OK;
}

/* ---- caps, adapter ---------------------------------------------------------- */

static int cmd_caps(int fd, const char *node)
{
	size_t out_len = MBOX_HDR + 0x1000;
	unsigned char in[MBOX_HDR] = { 0 }, *out = xmalloc(out_len);
	int rc;

	/* op_mod: general capabilities (0) << 1 | current (1) */
	mbox_hdr(in, MLX5_CMD_OP_QUERY_HCA_CAP, 1);
	rc = mbox(fd, node, FWCTL_RPC_CONFIGURATION, in, sizeof(in), out, out_len);
	if (!rc) {
		if (opt_json) {
			js_obj(NULL);
			js_str("command", "QUERY_HCA_CAP");
			js_str("scope", "configuration");
			js_obj("general");
			print_fields(hca_cap_fields, out + MBOX_HDR, 0x100, "");
			js_end_obj();
			js_end_obj();
		} else {
			printf("QUERY_HCA_CAP general (current):\n");
			print_fields(hca_cap_fields, out + MBOX_HDR, 0x100, "  ");
		}
	}
	free(out);
	return rc;
}

static int cmd_adapter(int fd, const char *node)
{
	unsigned char in[MBOX_HDR] = { 0 }, out[MBOX_HDR + 0x100];
	int rc;

	mbox_hdr(in, MLX5_CMD_OP_QUERY_ADAPTER, 0);
	rc = mbox(fd, node, FWCTL_RPC_CONFIGURATION, in, sizeof(in), out,
		  sizeof(out));
	if (rc)
		return rc;
	if (opt_json) {
		js_obj(NULL);
		js_str("command", "QUERY_ADAPTER");
		js_str("scope", "configuration");
		js_obj("adapter");
		print_fields(adapter_fields, out + MBOX_HDR, 0x100, "");
		js_end_obj();
		js_end_obj();
	} else {
		printf("QUERY_ADAPTER:\n");
		print_fields(adapter_fields, out + MBOX_HDR, 0x100, "  ");
	}
	return EXIT_OK;
}

/* ---- the command ------------------------------------------------------------- */

void usage_mlx5(FILE *f)
{
	unsigned int i;

	fprintf(f,
		"Usage: fwctl [-j [-p]] mlx5 DEV caps\n"
		"       fwctl [-j [-p]] mlx5 DEV adapter\n"
		"       fwctl [-j [-p]] mlx5 DEV reg NAME\n"
		"\n"
		"mlx5 firmware commands with their fields decoded:\n"
		"  caps       QUERY_HCA_CAP, general capabilities (scope configuration)\n"
		"  adapter    QUERY_ADAPTER: vendor ids, PSID (scope configuration)\n"
		"  reg NAME   ACCESS_REG read of a register (scope debug-read-only):\n");
	for (i = 0; i < ARRAY_SIZE(regs); i++)
		fprintf(f, "             %-6s %s\n", regs[i].name, regs[i].what);
}

int cmd_mlx5(int argc, char **argv)
{
	const char *sub;
	struct fwdev d;
	unsigned int type, ilen;
	int rc, fd;

	rc = common_opts(argc, argv, usage_mlx5);
	if (rc >= 0)
		return rc;
	if (argc - optind < 2) {
		usage_mlx5(stderr);
		return EXIT_USAGE;
	}
	sub = argv[optind + 1];
	if (!strcmp(sub, "reg") ? argc - optind != 3 :
	    (strcmp(sub, "caps") && strcmp(sub, "adapter")) || argc - optind != 2) {
		usage_mlx5(stderr);
		return EXIT_USAGE;
	}
	rc = resolve_dev(argv[optind], &d);
	if (rc)
		return rc == -EINVAL ? EXIT_USAGE : EXIT_ERR;
	fd = open_dev(&d);
	if (fd < 0)
		return EXIT_ERR;
	if (do_info(fd, NULL, 0, &type, &ilen) || type != FWCTL_DEVICE_TYPE_MLX5) {
		err_msg("%s: not an mlx5 fwctl device", d.name);
		close_dev(fd);
		return EXIT_ERR;
	}
	if (!strcmp(sub, "caps"))
		rc = cmd_caps(fd, d.node);
	else if (!strcmp(sub, "adapter"))
		rc = cmd_adapter(fd, d.node);
	else
		rc = cmd_reg(fd, d.node, argv[optind + 2]);
	close_dev(fd);
	return rc;
}
