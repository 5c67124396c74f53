// SPDX-License-Identifier: GPL-2.0
/*
 * mlx5_test: fwctl_mlx5 against the fake functions of mlx5_mock.ko.
 *
 *   mlx5_test		run every test, print "N passed, N failed"
 *   mlx5_test hold FN	open fn FN's fwctl device, print "held", wait for
 *			a line on stdin, then exit 0 if FWCTL_RPC fails with
 *			ENODEV (the driver went away meanwhile), 1 otherwise
 *
 * mlx5_mock's functions (module parameters set by suite.sh): fn0 and fn3
 * advertise TOOLS_RESOURCES (uctx_cap 0x7), fn1 no uctx at all (0), fn2
 * only a basic uctx (0x1); fn3 creates mlx5_core.fwctl itself like an
 * mlx5_core of Linux 6.15+, the others rely on fwctl_mlx5's shim.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <fwctl/fwctl.h>
#include <fwctl/mlx5.h>

#define MOCK "/sys/kernel/debug/mlx5_mock"
#define MOCK_BUS "/sys/bus/mlx5mock_pci"
#define MOCK_IDX_BASE 100
#define UCTX_CAP_TOOLS_RESOURCES 0x4

enum { CONFIG, READ, WRITE, FULL };

/*
 * The expected allow-list, kept apart from the driver's own table and
 * reviewed against upstream drivers/fwctl/mlx5/main.c (2025, with the
 * MODIFY_CONG_STATUS and adjacent function patches): opcode, lowest scope.
 * ACCESS_REG and ACCESS_REGISTER_USER are special: op_mod 0 needs
 * CONFIGURATION, any other op_mod DEBUG_READ_ONLY.
 */
static const struct {
	uint16_t opcode;
	int scope;
	const char *name;
} expected[] = {
	{ 0x100, CONFIG, "QUERY_HCA_CAP" },
	{ 0x101, CONFIG, "QUERY_ADAPTER" },
	{ 0x109, CONFIG, "SET_HCA_CAP" },
	{ 0x10e, CONFIG, "QUERY_OTHER_HCA_CAP" },
	{ 0x731, CONFIG, "DELEGATE_VHCA_MANAGEMENT" },
	{ 0x740, CONFIG, "QUERY_ESW_FUNCTIONS" },
	{ 0x760, CONFIG, "QUERY_ROCE_ADDRESS" },
	{ 0x762, CONFIG, "QUERY_HCA_VPORT_CONTEXT" },
	{ 0x823, CONFIG, "MODIFY_CONG_STATUS" },
	{ 0xb22, CONFIG, "QUERY_VUID" },
	{ 0xb2e, CONFIG, "POSTPONE_CONNECTED_QP_TIMEOUT" },

	{ 0x107, READ, "QUERY_PAGES" },
	{ 0x10a, READ, "QUERY_ISSI" },
	{ 0x10c, READ, "QUERY_DRIVER_VERSION" },
	{ 0x111, READ, "QUERY_SF_PARTITION" },
	{ 0x117, READ, "QUERY_VHCA_MIGRATION_STATE" },
	{ 0x201, READ, "QUERY_MKEY" },
	{ 0x203, READ, "QUERY_SPECIAL_CONTEXTS" },
	{ 0x303, READ, "QUERY_EQ" },
	{ 0x402, READ, "QUERY_CQ" },
	{ 0x50b, READ, "QUERY_QP" },
	{ 0x512, READ, "QUERY_RDB" },
	{ 0x602, READ, "QUERY_PSV" },
	{ 0x702, READ, "QUERY_SRQ" },
	{ 0x707, READ, "QUERY_XRC_SRQ" },
	{ 0x713, READ, "QUERY_DCT" },
	{ 0x716, READ, "QUERY_DC_CNAK_TRACE" },
	{ 0x719, READ, "QUERY_XRQ" },
	{ 0x722, READ, "QUERY_NVMF_BACKEND_CONTROLLER" },
	{ 0x725, READ, "QUERY_XRQ_DC_PARAMS_ENTRY" },
	{ 0x727, READ, "QUERY_XRQ_ERROR_PARAMS" },
	{ 0x728, READ, "QUERY_NVMF_NAMESPACE_CONTEXT" },
	{ 0x730, READ, "QUERY_ADJACENT_FUNCTIONS_ID" },
	{ 0x732, READ, "QUERY_DELEGATED_VHCA" },
	{ 0x750, READ, "QUERY_VPORT_STATE" },
	{ 0x752, READ, "QUERY_ESW_VPORT_CONTEXT" },
	{ 0x754, READ, "QUERY_NIC_VPORT_CONTEXT" },
	{ 0x764, READ, "QUERY_HCA_VPORT_GID" },
	{ 0x765, READ, "QUERY_HCA_VPORT_PKEY" },
	{ 0x76f, READ, "QUERY_VNIC_ENV" },
	{ 0x770, READ, "QUERY_VPORT_COUNTER" },
	{ 0x773, READ, "QUERY_Q_COUNTER" },
	{ 0x781, READ, "QUERY_RATE_LIMIT" },
	{ 0x784, READ, "QUERY_SCHEDULING_ELEMENT" },
	{ 0x80b, READ, "QUERY_MAD_DEMUX" },
	{ 0x80d, READ, "NOP" },
	{ 0x813, READ, "QUERY_BURST_SIZE" },
	{ 0x819, READ, "QUERY_DIAGNOSTIC_PARAMS" },
	{ 0x821, READ, "QUERY_DIAGNOSTIC_COUNTERS" },
	{ 0x822, READ, "QUERY_CONG_STATUS" },
	{ 0x824, READ, "QUERY_CONG_PARAMS" },
	{ 0x826, READ, "QUERY_CONG_STATISTICS" },
	{ 0x82a, READ, "QUERY_L2_TABLE_ENTRY" },
	{ 0x831, READ, "QUERY_WOL_ROL" },
	{ 0x842, READ, "QUERY_LAG" },
	{ 0x903, READ, "QUERY_TIR" },
	{ 0x907, READ, "QUERY_SQ" },
	{ 0x90b, READ, "QUERY_RQ" },
	{ 0x90f, READ, "QUERY_RMP" },
	{ 0x911, READ, "QUERY_DELAY_DROP_PARAMS" },
	{ 0x915, READ, "QUERY_TIS" },
	{ 0x919, READ, "QUERY_RQT" },
	{ 0x932, READ, "QUERY_FLOW_TABLE" },
	{ 0x935, READ, "QUERY_FLOW_GROUP" },
	{ 0x937, READ, "QUERY_FLOW_TABLE_ENTRY" },
	{ 0x93b, READ, "QUERY_FLOW_COUNTER" },
	{ 0x93f, READ, "QUERY_PACKET_REFORMAT_CONTEXT" },
	{ 0x942, READ, "QUERY_MODIFY_HEADER_CONTEXT" },
	{ 0x962, READ, "FPGA_QUERY_QP" },
	{ 0x964, READ, "FPGA_QUERY_QP_COUNTERS" },
	{ 0x971, READ, "QUERY_AFU" },
	{ 0x981, READ, "QUERY_CAPI_PEC" },
	{ 0xa02, READ, "QUERY_GENERAL_OBJECT" },
	{ 0xa05, READ, "QUERY_UCTX" },
	{ 0xa09, READ, "QUERY_UMEM" },
	{ 0xb02, READ, "QUERY_NVMF_CC_RESPONSE" },
	{ 0xb03, READ, "QUERY_EMULATED_FUNCTIONS_INFO" },
	{ 0xb05, READ, "QUERY_REGEXP_PARAMS" },
	{ 0xb07, READ, "QUERY_REGEXP_REGISTER" },
	{ 0xb08, READ, "USER_QUERY_XRQ_DC_PARAMS_ENTRY" },
	{ 0xb0a, READ, "USER_QUERY_XRQ_ERROR_PARAMS" },
	{ 0xb0d, READ, "QUERY_VHCA_STATE" },
	{ 0xb0f, READ, "QUERY_EMULATION_DEVICE_EQ_MSIX_MAPPING" },
	{ 0xb13, READ, "QUERY_MATCH_SAMPLE_INFO" },
	{ 0xb14, READ, "QUERY_CRYPTO_STATE" },
	{ 0xb28, READ, "QUERY_DPA_PARTITION" },
	{ 0xb2a, READ, "QUERY_DPA_PARTITIONS" },
	{ 0xb2f, READ, "QUERY_EMULATED_RESOURCES_INFO" },
	{ 0x8000, READ, "QUERY_RSV_RESOURCES" },
	{ 0x8001, READ, "QUERY_MTT" },
	{ 0x8006, READ, "QUERY_SCHED_QUEUE" },

	{ 0x820, WRITE, "SET_DIAGNOSTIC_PARAMS" },
};

#define OP_ACCESS_REG 0x805
#define OP_ACCESS_REGISTER_USER 0xb0c
#define OP_NOP 0x80d
#define OP_QUERY_HCA_CAP 0x100
#define OP_QUERY_ADAPTER 0x101

static int passed, failed;
/* fwctl_mlx5 has its shim here: mlx5_mock/shim (else 6.15-style only) */
static int shim;

static void check(int cond, const char *fmt, ...)
{
	va_list ap;

	printf("%s - ", cond ? "ok" : "not ok");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	if (cond)
		passed++;
	else
		failed++;
}

/* Lowest scope allowing opcode/op_mod, or -1 when refused in every scope */
static int expected_scope(uint16_t opcode, uint16_t op_mod)
{
	size_t i;

	if (opcode == OP_ACCESS_REG || opcode == OP_ACCESS_REGISTER_USER)
		return op_mod ? READ : CONFIG;
	for (i = 0; i < sizeof(expected) / sizeof(expected[0]); i++)
		if (expected[i].opcode == opcode)
			return expected[i].scope;
	return -1;
}

/* ---- debugfs / sysfs ---------------------------------------------------- */

static int read_file(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = 0;
	return 0;
}

static int write_file(const char *path, const char *fmt, ...)
{
	char buf[128];
	va_list ap;
	int fd, ret = 0;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -errno;
	if (write(fd, buf, strlen(buf)) < 0)
		ret = -errno;
	close(fd);
	return ret;
}

static long mock_num(int fn, const char *file)
{
	char path[128], buf[64];

	if (fn >= 0)
		snprintf(path, sizeof(path), MOCK "/fn%d/%s", fn, file);
	else
		snprintf(path, sizeof(path), MOCK "/%s", file);
	if (read_file(path, buf, sizeof(buf)))
		return -1;
	return strtol(buf, NULL, 0);
}

static int mock_has_uid(int fn, unsigned int uid)
{
	char path[128], buf[4096], *p, *save;

	snprintf(path, sizeof(path), MOCK "/fn%d/uids", fn);
	if (read_file(path, buf, sizeof(buf)))
		return -1;
	for (p = strtok_r(buf, "\n", &save); p; p = strtok_r(NULL, "\n", &save))
		if (strtoul(p, NULL, 0) == uid)
			return 1;
	return 0;
}

static int mock_nr_uids(int fn)
{
	char path[128], buf[4096];
	int n = 0;
	char *p;

	snprintf(path, sizeof(path), MOCK "/fn%d/uids", fn);
	if (read_file(path, buf, sizeof(buf)))
		return -1;
	for (p = buf; *p; p++)
		n += *p == '\n';
	return n;
}

static unsigned int mock_last_uid(int fn)
{
	char path[128], buf[64];
	unsigned int op, uid = ~0u;

	snprintf(path, sizeof(path), MOCK "/fn%d/last", fn);
	if (!read_file(path, buf, sizeof(buf)))
		sscanf(buf, "%x %u", &op, &uid);
	return uid;
}

/*
 * The fwctl char devices whose parent is fake function @fn: fills @path
 * with the first one's node, returns how many there are.
 */
static int find_fwctl(int fn, char *path, size_t len)
{
	char link[300], want[32], target[256];
	struct dirent *de;
	int n = 0;
	DIR *d;

	snprintf(want, sizeof(want), "mlx5mock.%d", fn);
	d = opendir("/sys/class/fwctl");
	if (!d)
		return 0;
	while ((de = readdir(d))) {
		ssize_t l;
		char *base;

		if (de->d_name[0] == '.')
			continue;
		snprintf(link, sizeof(link), "/sys/class/fwctl/%s/device",
			 de->d_name);
		l = readlink(link, target, sizeof(target) - 1);
		if (l < 0)
			continue;
		target[l] = 0;
		base = strrchr(target, '/');
		if (strcmp(base ? base + 1 : target, want))
			continue;
		if (!n++ && path)
			snprintf(path, len, "/dev/fwctl/%s", de->d_name);
	}
	closedir(d);
	return n;
}

static int open_fn(int fn)
{
	char path[300];

	int fd;

	if (!find_fwctl(fn, path, sizeof(path)))
		return -ENODEV;
	fd = open(path, O_RDWR);
	return fd < 0 ? -errno : fd;
}

/* ---- ioctls --------------------------------------------------------------- */

static int get_info(int fd, struct fwctl_info_mlx5 *mi)
{
	struct fwctl_info info = {
		.size = sizeof(info),
		.device_data_len = sizeof(*mi),
		.out_device_data = (uintptr_t)mi,
	};

	memset(mi, 0, sizeof(*mi));
	if (ioctl(fd, FWCTL_INFO, &info))
		return -errno;
	return info.out_device_type == FWCTL_DEVICE_TYPE_MLX5 ? 0 : -EPROTO;
}

static int rpc(int fd, int scope, void *in, uint32_t in_len, void *out,
	       uint32_t *out_len)
{
	struct fwctl_rpc r = {
		.size = sizeof(r),
		.scope = scope,
		.in_len = in_len,
		.out_len = *out_len,
		.in = (uintptr_t)in,
		.out = (uintptr_t)out,
	};

	if (ioctl(fd, FWCTL_RPC, &r))
		return -errno;
	*out_len = r.out_len;
	return 0;
}

/* PRM mailbox header: big-endian dwords */
static void set_hdr(uint32_t *in, uint16_t opcode, uint16_t uid,
		    uint16_t op_mod)
{
	in[0] = htobe32((uint32_t)opcode << 16 | uid);
	in[1] = htobe32(op_mod);
}

static int out_status(const uint32_t *out)
{
	return be32toh(out[0]) >> 24;
}

static uint32_t out_syndrome(const uint32_t *out)
{
	return be32toh(out[1]);
}

static int simple_rpc(int fd, uint16_t opcode, uint16_t op_mod, int scope)
{
	uint32_t in[4] = {}, out[4] = {};
	uint32_t out_len = sizeof(out);

	set_hdr(in, opcode, 0, op_mod);
	return rpc(fd, scope, in, sizeof(in), out, &out_len);
}

static int nop(int fd)
{
	return simple_rpc(fd, OP_NOP, 0, READ);
}

/* ---- tests ---------------------------------------------------------------- */

static void test_devices(void)
{
	static const struct { int fn, n; } want[] = {
		{ 0, 1 }, { 1, 0 }, { 2, 1 }, { 3, 1 },
	};
	char path[128];
	size_t i;

	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		check(find_fwctl(want[i].fn, NULL, 0) == want[i].n,
		      "fn%d has %d fwctl device(s)", want[i].fn, want[i].n);
	for (i = 0; i < 4; i++) {
		snprintf(path, sizeof(path),
			 "/sys/bus/auxiliary/devices/mlx5_core.fwctl.%zu",
			 MOCK_IDX_BASE + i);
		check(!access(path, F_OK) == (i != 1), "%s %s", path,
		      i != 1 ? "exists" : "does not exist");
	}
}

static void test_info(void)
{
	static const struct { int fn; unsigned int caps; } want[] = {
		{ 0, UCTX_CAP_TOOLS_RESOURCES }, { 2, 0 },
		{ 3, UCTX_CAP_TOOLS_RESOURCES },
	};
	struct fwctl_info_mlx5 mi;
	size_t i;

	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		int fd = open_fn(want[i].fn);
		int ret = fd < 0 ? fd : get_info(fd, &mi);

		check(!ret && mi.uid && mi.uctx_caps == want[i].caps &&
		      mock_has_uid(want[i].fn, mi.uid) == 1,
		      "fn%d: FWCTL_INFO: uid %u allocated, uctx_caps 0x%x (want 0x%x)",
		      want[i].fn, mi.uid, mi.uctx_caps, want[i].caps);
		if (fd >= 0)
			close(fd);
	}
}

static void test_uids(void)
{
	struct fwctl_info_mlx5 a, b;
	int fa = open_fn(0), fb = open_fn(0);
	int before, ra = get_info(fa, &a), rb = get_info(fb, &b);

	check(fa >= 0 && fb >= 0 && !ra && !rb && a.uid != b.uid, "two files get different uids (%u, %u)", a.uid,
	      b.uid);
	check(mock_has_uid(0, a.uid) == 1 && mock_has_uid(0, b.uid) == 1,
	      "the firmware holds both uids");

	/* The uid field of a request is always replaced with the file's */
	{
		uint32_t in[4] = {}, out[4] = {};
		uint32_t out_len = sizeof(out);
		unsigned int forged[] = { 0, 0xffff, b.uid };
		size_t i;

		for (i = 0; i < 3; i++) {
			set_hdr(in, OP_NOP, forged[i], 0);
			out_len = sizeof(out);
			check(!rpc(fa, READ, in, sizeof(in), out, &out_len) &&
			      mock_last_uid(0) == a.uid,
			      "NOP with uid %u in the header reaches the firmware with the file's uid %u",
			      forged[i], a.uid);
		}
	}

	before = mock_nr_uids(0);
	close(fa);
	check(mock_has_uid(0, a.uid) == 0 && mock_nr_uids(0) == before - 1,
	      "close destroys the file's uctx (uid %u) and only it", a.uid);
	check(!nop(fb), "the other file still works");
	close(fb);
	check(mock_has_uid(0, b.uid) == 0, "close destroys uid %u", b.uid);
}

static void test_sizes(void)
{
	uint32_t in[8] = {}, out[8] = {};
	uint32_t out_len;
	int fd = open_fn(0);

	set_hdr(in, OP_NOP, 0, 0);
	out_len = 16;
	check(rpc(fd, READ, in, 15, out, &out_len) == -EMSGSIZE,
	      "in_len 15 < mbox_in_hdr: EMSGSIZE");
	out_len = 15;
	check(rpc(fd, READ, in, 16, out, &out_len) == -EMSGSIZE,
	      "out_len 15 < mbox_out_hdr: EMSGSIZE");
	out_len = 0;
	check(rpc(fd, READ, in, 16, out, &out_len) == -EMSGSIZE,
	      "out_len 0: EMSGSIZE");
	out_len = 16;
	check(!rpc(fd, READ, in, 16, out, &out_len) && out_len == 16 &&
	      !out_status(out), "in_len 16, out_len 16: NOP succeeds");
	out_len = 32;
	check(!rpc(fd, READ, in, 16, out, &out_len) && out_len == 32,
	      "out_len larger than in_len: answered in full (%u)", out_len);
	close(fd);
}

static void test_fw_status(void)
{
	uint32_t in[4] = {}, out[4] = {};
	uint32_t out_len = sizeof(out);
	int fd = open_fn(0);
	int ret;

	write_file(MOCK "/fn0/fail", "0x3 0xabcdef 1");
	set_hdr(in, OP_NOP, 0, 0);
	ret = rpc(fd, READ, in, sizeof(in), out, &out_len);
	check(!ret && out_status(out) == 3 && out_syndrome(out) == 0xabcdef,
	      "firmware status 0x3 syndrome 0xabcdef come back with success (ret %d status 0x%x syndrome 0x%x)",
	      ret, out_status(out), out_syndrome(out));
	out_len = sizeof(out);
	check(!rpc(fd, READ, in, sizeof(in), out, &out_len) &&
	      !out_status(out), "the next command succeeds again");
	close(fd);
}

static void test_queries(void)
{
	uint32_t in[32] = {}, out[256] = {};
	uint32_t out_len = sizeof(out);
	int fd = open_fn(0);
	unsigned int vendor;
	int ret;

	set_hdr(in, OP_QUERY_ADAPTER, 0, 0);
	ret = rpc(fd, CONFIG, in, 16, out, &out_len);
	vendor = be32toh(out[10]) & 0xffffff;
	check(!ret && !out_status(out) && vendor == 0x02c9,
	      "QUERY_ADAPTER in CONFIGURATION returns the vendor id (0x%x)",
	      vendor);

	/* ACCESS_REG: write register 5 (op_mod 0), read it back (op_mod 1) */
	memset(in, 0, sizeof(in));
	set_hdr(in, OP_ACCESS_REG, 0, 0);
	in[2] = htobe32(5);
	in[4] = htobe32(0x12345678);
	in[5] = htobe32(0x9abcdef0);
	out_len = 16;
	check(!rpc(fd, CONFIG, in, 24, out, &out_len) && !out_status(out),
	      "ACCESS_REG write (op_mod 0) in CONFIGURATION");
	set_hdr(in, OP_ACCESS_REG, 0, 1);
	out_len = 24;
	check(rpc(fd, CONFIG, in, 16, out, &out_len) == -EBADMSG,
	      "ACCESS_REG read (op_mod 1) in CONFIGURATION: EBADMSG");
	memset(out, 0, sizeof(out));
	out_len = 24;
	check(!rpc(fd, READ, in, 16, out, &out_len) && !out_status(out) &&
	      be32toh(out[4]) == 0x12345678 && be32toh(out[5]) == 0x9abcdef0,
	      "ACCESS_REG read (op_mod 1) in DEBUG_READ_ONLY returns the data");
	close(fd);
}

/* Every opcode in every scope, accepted or refused exactly per the table */
static void test_allow_list(void)
{
	static const uint16_t op_mods[] = { 0, 1 };
	long wrong = 0, accepted = 0, cmds0, cmds1;
	int fd = open_fn(0);
	size_t m;

	cmds0 = mock_num(0, "cmds");
	for (m = 0; m < 2; m++) {
		unsigned int op;
		int scope;

		for (scope = CONFIG; scope <= FULL; scope++) {
			for (op = 0; op <= 0xffff; op++) {
				int want = expected_scope(op, op_mods[m]);
				int ok = want >= 0 && scope >= want;
				int ret = simple_rpc(fd, op, op_mods[m], scope);

				if (ok)
					accepted++;
				if (ok ? ret == 0 : ret == -EBADMSG)
					continue;
				if (wrong++ < 10)
					printf("# opcode 0x%x op_mod %u scope %d: got %d, want %s\n",
					       op, op_mods[m], scope, ret,
					       ok ? "0" : "EBADMSG");
			}
		}
	}
	cmds1 = mock_num(0, "cmds");
	check(!wrong, "65536 opcodes x 4 scopes x op_mod 0/1: %ld wrong", wrong);
	check(cmds1 - cmds0 == accepted,
	      "the firmware saw exactly the %ld accepted commands (%ld)",
	      accepted, cmds1 - cmds0);
	close(fd);
}

static void test_reload(void)
{
	struct fwctl_info_mlx5 a, b;
	int fa = open_fn(0), fb, fc;

	get_info(fa, &a);
	check(!write_file(MOCK "/fn0/reload", "1"), "devlink reload of fn0");
	check(nop(fa) == -ENODEV,
	      "a file opened before the reload gets ENODEV");
	fb = open_fn(0);
	get_info(fb, &b);
	check(fb >= 0 && b.uid == a.uid && mock_has_uid(0, b.uid) == 1,
	      "a new file gets a new uctx, reusing the stale file's uid %u (%u)",
	      a.uid, b.uid);
	check(!nop(fb) && mock_last_uid(0) == b.uid,
	      "the new file's commands carry its uid");
	close(fa);
	check(mock_has_uid(0, b.uid) == 1 && !nop(fb),
	      "closing the stale file destroys nothing (uid %u still live)",
	      b.uid);
	close(fb);

	/*
	 * Unload and load without removing auxiliary devices (suspend): the
	 * shim's device stays, mlx5_core 6.15+ deletes its own.
	 */
	fa = open_fn(0);
	check(!write_file(MOCK "/fn0/down", "1"), "fn0 unloaded");
	check(nop(fa) == (shim ? -ENXIO : -ENODEV), "RPC while unloaded: %s",
	      shim ? "ENXIO" : "ENODEV");
	fc = open_fn(0);
	check(fc == (shim ? -ENXIO : -ENODEV), "open while unloaded: %s (%d)",
	      shim ? "ENXIO" : "ENODEV", fc);
	if (fc >= 0)
		close(fc);
	check(!write_file(MOCK "/fn0/down", "0"), "fn0 loaded again");
	check(nop(fa) == -ENODEV, "the file from before the unload: ENODEV");
	close(fa);
	fa = open_fn(0);
	check(fa >= 0 && !nop(fa), "a new file works");
	close(fa);

	/* fn3's fwctl device belongs to its mlx5_core, like 6.15+ */
	fa = open_fn(3);
	get_info(fa, &a);
	check(!write_file(MOCK "/fn3/reload", "1"), "reload of fn3");
	check(nop(fa) == -ENODEV,
	      "fn3: mlx5_core removed its fwctl device, the file gets ENODEV");
	check(mock_has_uid(3, a.uid) == 0, "fn3: no uid left behind");
	close(fa);
	fb = open_fn(3);
	check(fb >= 0 && !nop(fb), "fn3: the re-created device works");
	close(fb);
	check(find_fwctl(3, NULL, 0) == 1, "fn3: still exactly one device");
}

/* Children hammer fn0 with RPCs; return how many saw an unexpected error */
static int hammer_start(pid_t *pids, int n, int fn, int reopen)
{
	int i;

	for (i = 0; i < n; i++) {
		pids[i] = fork();
		if (pids[i])
			continue;
		for (;;) {
			int fd = open_fn(fn), ret = 0;

			if (fd < 0) {
				if (!reopen)
					_exit(fd == -ENODEV ? 0 : 2);
				usleep(1000);
				continue;
			}
			while (!(ret = nop(fd)))
				;
			close(fd);
			if (ret != -ENODEV && ret != -ENXIO)
				_exit(3);
			if (!reopen)
				_exit(ret == -ENODEV ? 0 : 4);
		}
	}
	return 0;
}

static int hammer_stop(pid_t *pids, int n, int kill_them)
{
	int i, bad = 0, st;

	for (i = 0; i < n; i++) {
		if (kill_them)
			kill(pids[i], SIGKILL);
		waitpid(pids[i], &st, 0);
		if (kill_them ? !WIFSIGNALED(st) : !WIFEXITED(st) ||
		    WEXITSTATUS(st))
			bad++;
	}
	return bad;
}

static void test_reload_race(void)
{
	pid_t pids[3];
	int i, ok = 1;

	hammer_start(pids, 3, 0, 1);
	for (i = 0; i < 20; i++) {
		usleep(20000);
		ok &= !write_file(MOCK "/fn0/reload", "1");
		usleep(5000);
		ok &= !write_file(MOCK "/fn0/down", "1");
		usleep(5000);
		ok &= !write_file(MOCK "/fn0/down", "0");
	}
	check(!hammer_stop(pids, 3, 1) && ok,
	      "20 reloads and unload/loads under RPC load");
	check(mock_num(-1, "violations") == 0,
	      "no command reached fn0 while unloaded or with a stale uid");
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

/* Issue 11 item 1: an unload that deletes no auxiliary device */
static void test_unload_unseen(void)
{
	struct fwctl_info_mlx5 a, b;
	long stale = mock_num(0, "stale");
	int fa = open_fn(0), fb;

	check(fa >= 0 && !get_info(fa, &a) && !nop(fa), "fn0: file A works");
	check(!write_file(MOCK "/fn0/down", "1") &&
	      !write_file(MOCK "/fn0/down", "0"),
	      "fn0 unloaded and loaded with no RPC between and no aux device deleted");
	check(nop(fa) == -ENODEV, "unload_unseen: A gets ENODEV after the unload");
	fb = open_fn(0);
	check(fb >= 0 && !get_info(fb, &b) && b.uid == a.uid,
	      "file B gets A's old uid %u again (%u)", a.uid, b.uid);
	check(nop(fa) == -ENODEV,
	      "unload_unseen: A still gets ENODEV, never runs in B's context");
	close(fa);
	check(mock_has_uid(0, b.uid) == 1 && !nop(fb) &&
	      mock_last_uid(0) == b.uid,
	      "unload_unseen: A's close left B's context alive");
	check(mock_num(0, "stale") == stale,
	      "unload_unseen: the firmware got no command for an unallocated uid (%ld)",
	      mock_num(0, "stale") - stale);
	close(fb);
	check(mock_nr_uids(0) == 0, "B's close freed its uid");
}

/* Whether fake function @fn has @want fwctl devices within @secs seconds */
static int wait_fwctl(int fn, int want, int secs, double *took)
{
	double t0 = now();

	while (find_fwctl(fn, NULL, 0) != want) {
		if (now() - t0 > secs)
			return 0;
		usleep(100 * 1000);
	}
	*took = now() - t0;
	return 1;
}

/*
 * Issue 11 item 7: a firmware upgrade activated by a reload turns
 * uctx_cap on, then another turns it off; the device follows, as
 * mlx5_core 6.15+ decides at every load (the shim looks every 5 s).
 */
static void test_cap_follows_fw(void)
{
	double took = 0;
	int fd;

	check(find_fwctl(1, NULL, 0) == 0, "fn1 (no uctx_cap): no fwctl device");
	check(!write_file(MOCK "/fn1/fw_uctx_cap", "1") &&
	      !write_file(MOCK "/fn1/reload", "1"),
	      "fn1: firmware with uctx_cap, activated by a reload");
	check(wait_fwctl(1, 1, 15, &took),
	      "fn1: its fwctl device appears (after %.1f s)", took);
	fd = open_fn(1);
	check(fd >= 0 && !nop(fd), "fn1: a file of it works (%d)", fd);
	check(!write_file(MOCK "/fn1/fw_uctx_cap", "0") &&
	      !write_file(MOCK "/fn1/reload", "1"),
	      "fn1: firmware without uctx_cap, activated by a reload");
	check(nop(fd) == -ENODEV, "fn1: the open file gets ENODEV");
	check(wait_fwctl(1, 0, 15, &took),
	      "fn1: its fwctl device goes (after %.1f s)", took);
	if (fd >= 0)
		close(fd);
	check(mock_nr_uids(1) == 0, "fn1: no uid left behind");
}

/* Issue 11 item 3: a sibling auxiliary device leaves, no unload */
static void test_sibling(void)
{
	struct fwctl_info_mlx5 a;
	int fa = open_fn(0);

	check(fa >= 0 && !get_info(fa, &a), "fn0: a file is open (uid %u)",
	      a.uid);
	check(!write_file(MOCK "/fn0/sibling", "0") &&
	      !write_file(MOCK "/fn0/sibling", "1"),
	      "fn0's sibling aux device deleted and added again, no unload");
	check(!nop(fa), "sibling: RPCs still work");
	close(fa);
	check(mock_has_uid(0, a.uid) == 0,
	      "sibling: close destroyed uid %u (no leak)", a.uid);
}

/* Issue 11 item 4: two files of one function, 5 RPCs of 100 ms each */
static void test_concurrent(void)
{
	int fd[2] = { open_fn(0), open_fn(0) };
	pid_t pid[2];
	double t0, dt;
	int i, bad = 0, st;

	check(fd[0] >= 0 && fd[1] >= 0, "fn0: two files open");
	write_file(MOCK "/fn0/delay_ms", "100");
	t0 = now();
	for (i = 0; i < 2; i++) {
		pid[i] = fork();
		if (!pid[i]) {
			int n, ret = 0;

			for (n = 0; n < 5; n++)
				ret |= nop(fd[i]);
			_exit(!!ret);
		}
	}
	for (i = 0; i < 2; i++) {
		waitpid(pid[i], &st, 0);
		bad += !WIFEXITED(st) || WEXITSTATUS(st);
	}
	dt = now() - t0;
	write_file(MOCK "/fn0/delay_ms", "0");
	check(!bad, "concurrent: every RPC succeeded");
	check(dt < 0.8,
	      "concurrent: 2 files x 5 RPCs of 100 ms ran side by side: %.2f s (serial: 1.0 s)",
	      dt);
	close(fd[0]);
	close(fd[1]);
}

/* Issue 11 item 4: a hung command does not hold up mlx5_core's recovery */
static void test_hung(void)
{
	int fa = open_fn(0), fb, st;
	double t0, dt;
	pid_t pid;

	check(fa >= 0 && !nop(fa), "fn0: a file works");
	check(!write_file(MOCK "/fn0/hang", "1"), "fn0: the next command hangs");
	pid = fork();
	if (!pid)
		_exit(nop(fa) == -ENXIO ? 0 : 1);
	usleep(300000);
	t0 = now();
	check(!write_file(MOCK "/fn0/fatal", "1"),
	      "fn0: fatal error, handled under intf_state_mutex");
	dt = now() - t0;
	check(dt < 1.0,
	      "hung: the fatal error path did not wait for the hung command (%.2f s, timeout 5 s)",
	      dt);
	waitpid(pid, &st, 0);
	check(WIFEXITED(st) && !WEXITSTATUS(st),
	      "hung: the hung RPC was flushed with ENXIO");
	check(!write_file(MOCK "/fn0/reload", "1"), "fn0 recovered (reload)");
	check(nop(fa) == -ENODEV, "the file from before the recovery: ENODEV");
	close(fa);
	fb = open_fn(0);
	check(fb >= 0 && !nop(fb), "a new file works after the recovery");
	close(fb);
}

/* Issue 11 item 6: open() fails with the errno mlx5_cmd_exec() gives */
static void test_open_errno(void)
{
	static const struct { int status, err; const char *name; } map[] = {
		{ 0x01, EIO, "INT_ERR" },
		{ 0x03, EINVAL, "BAD_PARAM" },
		{ 0x06, EBUSY, "RES_BUSY" },
		{ 0x08, ENOMEM, "LIM_ERR" },
		{ 0x0f, EAGAIN, "NO_RES" },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		int fd;

		write_file(MOCK "/fn0/fail", "%d 0x77 1", map[i].status);
		fd = open_fn(0);
		check(fd == -map[i].err,
		      "open_errno: CREATE_UCTX refused with %s: open() is %s (%d)",
		      map[i].name, strerror(map[i].err), fd);
		if (fd >= 0)
			close(fd);
		write_file(MOCK "/fn0/fail", "0 0 0");
	}
}

/* Issue 11 item 5: another driver's devices never wait behind ours */
static void test_other_driver(void)
{
	pid_t rpc_pid, unbind_pid;
	double t0, dt;
	int fa, ok, st;

	if (!shim) {
		printf("# SKIP other_driver: no shim, no PCI bus notifier\n");
		return;
	}
	fa = open_fn(0);
	check(fa >= 0, "fn0: a file is open");
	write_file(MOCK "/fn0/delay_ms", "2000");
	rpc_pid = fork();
	if (!rpc_pid)
		_exit(nop(fa) ? 1 : 0);
	usleep(200000);
	/* fn0's detach waits for that RPC: about 1.8 s */
	unbind_pid = fork();
	if (!unbind_pid)
		_exit(write_file(MOCK_BUS "/drivers/mlx5_core/unbind",
				 "mlx5mock.0") ? 1 : 0);
	usleep(300000);
	t0 = now();
	ok = !write_file(MOCK_BUS "/drivers/mock_other/unbind",
			 "mlx5mock_other.0") &&
	     !write_file(MOCK_BUS "/drivers/mock_other/bind",
			 "mlx5mock_other.0");
	dt = now() - t0;
	check(ok, "other_driver: unbind and bind of another driver's device");
	check(dt < 0.5,
	      "other_driver: they did not wait behind fn0's slow detach (%.2f s)",
	      dt);
	waitpid(rpc_pid, &st, 0);
	check(WIFEXITED(st) && !WEXITSTATUS(st), "the RPC in flight completed");
	waitpid(unbind_pid, &st, 0);
	check(WIFEXITED(st) && !WEXITSTATUS(st), "fn0 was unbound");
	write_file(MOCK "/fn0/delay_ms", "0");
	close(fa);
	check(!write_file(MOCK_BUS "/drivers/mlx5_core/bind", "mlx5mock.0") &&
	      find_fwctl(0, NULL, 0) == 1, "fn0 bound again, with its device");
}

static void test_unbind(void)
{
	pid_t pids[4];
	int bad;

	write_file(MOCK "/fn0/delay_ms", "50");
	hammer_start(pids, 4, 0, 0);
	usleep(300000);
	check(!write_file(MOCK_BUS "/drivers/mlx5_core/unbind", "mlx5mock.0"),
	      "unbind fn0 from mlx5_core with RPCs in flight");
	bad = hammer_stop(pids, 4, 0);
	check(!bad, "every file then fails with ENODEV (%d bad)", bad);
	check(find_fwctl(0, NULL, 0) == 0 &&
	      access("/sys/bus/auxiliary/devices/mlx5_core.fwctl.100", F_OK),
	      "fn0's fwctl and auxiliary devices are gone");
	check(mock_nr_uids(0) == 0, "every uid was destroyed before the unbind");
	write_file(MOCK "/fn0/delay_ms", "0");
	check(!write_file(MOCK_BUS "/drivers/mlx5_core/bind", "mlx5mock.0") &&
	      find_fwctl(0, NULL, 0) == 1, "bind again: fn0 has its device");
	{
		int fd = open_fn(0);

		check(fd >= 0 && !nop(fd), "and it works");
		close(fd);
	}

	/* Hot unplug of fn2 with a file open */
	{
		int fd = open_fn(2);

		check(!write_file(MOCK "/remove", "2"), "remove fn2");
		check(fd >= 0 && nop(fd) == -ENODEV,
		      "the open file gets ENODEV");
		close(fd);
		check(!write_file(MOCK "/add", "2") &&
		      find_fwctl(2, NULL, 0) == 1, "add fn2 back: device back");
	}
}

static int hold(int fn)
{
	char line[16];
	int fd = open_fn(fn);

	if (fd < 0 || nop(fd))
		return 2;
	printf("held\n");
	fflush(stdout);
	if (!fgets(line, sizeof(line), stdin))
		return 3;
	return nop(fd) == -ENODEV ? 0 : 1;
}

int main(int argc, char **argv)
{
	struct timespec t0, t1;

	if (argc == 3 && !strcmp(argv[1], "hold"))
		return hold(atoi(argv[2]));

	{
		char buf[8] = "";

		read_file(MOCK "/shim", buf, sizeof(buf));
		shim = buf[0] == 'Y';
	}
	if (!shim)
		printf("# SKIP the shim's own cases: this kernel has "
		       "<linux/fwctl.h>, so fwctl_mlx5 has no shim and every "
		       "mock function creates its own fwctl device "
		       "(mlx5_core 6.15+)\n");

	test_devices();
	test_info();
	test_uids();
	test_sizes();
	test_fw_status();
	test_queries();
	clock_gettime(CLOCK_MONOTONIC, &t0);
	test_allow_list();
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("# allow-list sweep: %.1f s\n",
	       (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	test_reload();
	test_unload_unseen();
	test_sibling();
	test_cap_follows_fw();
	test_concurrent();
	test_hung();
	test_open_errno();
	test_other_driver();
	test_reload_race();
	test_unbind();
	check(mock_num(-1, "violations") == 0, "mlx5_mock saw no violation");
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
