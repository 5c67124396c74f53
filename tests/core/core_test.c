// SPDX-License-Identifier: GPL-2.0
/*
 * core_test: drives the fwctl core ioctls on the devices of the fwctl_test
 * driver (fwctl_test.h) and checks every answer against the upstream fwctl
 * semantics. Run as root with fwctl_test loaded and debugfs mounted.
 *
 * Prints "ok N - name" or "not ok N - name: why" per test, then one line
 * "N passed, N failed"; exits 1 on any failure.
 *
 * Helpers return 0 or a positive errno, as pthread functions do, so the
 * value can be compared and printed as is.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/capability.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <fwctl/fwctl.h>
#include <fwctl/bnxt.h>
#include <fwctl/cxl.h>
#include <fwctl/mlx5.h>
#include <fwctl/pds.h>

#include "fwctl_test.h"

/* The UAPI headers build in userspace, with upstream's sizes. */
_Static_assert(sizeof(struct fwctl_rpc_cxl) == 48 &&
	       sizeof(struct fwctl_rpc_cxl_out) == 16 &&
	       sizeof(struct cxl_feat_entry) == 48 &&
	       sizeof(struct fwctl_rpc_pds) == 48 &&
	       sizeof(struct fwctl_info_bnxt) == 4 &&
	       sizeof(struct fwctl_info_mlx5) == 8, "UAPI sizes");

#define DEBUGFS "/sys/kernel/debug/fwctl_test"
#define SYSCLASS "/sys/class/fwctl"
#define MAX_RPC_LEN (2U << 20)
#define MAX_DEVS 8
/* Linux 6.15 added TAINT_FWCTL; older kernels get the TAINT_USER substitute. */
#define TAINT_FWCTL_BIT 19
#define TAINT_USER_BIT 6
/* Whole run; each phase that could hang gets its own, shorter bound. */
#define TIMEOUT_S 300

/* Test bookkeeping: one test may check several things; the first failure wins. */
static int n_tests, n_passed, n_failed;
static const char *cur_name;
static char cur_why[512];
static bool cur_failed;
static const char *cur_skip;
static const char *watch_what = "core_test";
static unsigned int watch_secs = TIMEOUT_S;

static void finish(void)
{
	printf("%d passed, %d failed\n", n_passed, n_failed);
	fflush(stdout);
}

static void on_alarm(int sig)
{
	char msg[256];
	int n;

	(void)sig;
	n = snprintf(msg, sizeof(msg),
		     "not ok %d - timeout: %s hung for %u s\n%d passed, %d failed\n",
		     n_tests + 1, watch_what, watch_secs, n_passed,
		     n_failed + 1);
	if (write(STDOUT_FILENO, msg, n) < 0)
		_exit(2);
	_exit(1);
}

/* Bound what follows to @secs seconds; watchdog(TIMEOUT_S, NULL) ends it. */
static void watchdog(unsigned int secs, const char *what)
{
	watch_what = what ? what : "core_test";
	watch_secs = secs;
	alarm(secs);
}

static void begin(const char *name)
{
	cur_name = name;
	cur_failed = false;
	cur_skip = NULL;
	cur_why[0] = 0;
}

#define __printf(a, b) __attribute__((format(printf, a, b)))
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static bool __printf(2, 3) expect(bool cond, const char *fmt, ...)
{
	va_list ap;

	if (cond || cur_failed)
		return cond;
	cur_failed = true;
	va_start(ap, fmt);
	vsnprintf(cur_why, sizeof(cur_why), fmt, ap);
	va_end(ap);
	return false;
}

static bool end(void)
{
	n_tests++;
	if (cur_failed) {
		n_failed++;
		printf("not ok %d - %s: %s\n", n_tests, cur_name, cur_why);
	} else {
		n_passed++;
		if (cur_skip)
			printf("ok %d - %s # SKIP %s\n", n_tests, cur_name,
			       cur_skip);
		else
			printf("ok %d - %s\n", n_tests, cur_name);
	}
	fflush(stdout);
	return !cur_failed;
}

static const char *ename(int err)
{
	static char buf[8][32];
	static int slot;
	const char *name;

	if (!err)
		return "success";
	name = strerrorname_np(err);
	if (name)
		return name;
	slot = (slot + 1) % 8;
	snprintf(buf[slot], sizeof(buf[slot]), "errno %d", err);
	return buf[slot];
}

static bool expect_err(int got, int want, const char *what)
{
	return expect(got == want, "%s: expected %s got %s", what, ename(want),
		      ename(got));
}

static bool expect_u64(__u64 got, __u64 want, const char *what)
{
	return expect(got == want, "%s: expected %llu got %llu", what,
		      (unsigned long long)want, (unsigned long long)got);
}

/* Single-check tests. */
static bool test_err(const char *name, int got, int want)
{
	begin(name);
	expect_err(got, want, "result");
	return end();
}

static void test_skip(const char *name, const char *why)
{
	begin(name);
	cur_skip = why;
	end();
}

static void die(const char *what)
{
	printf("not ok %d - setup: %s: %s\n", ++n_tests, what,
	       strerror(errno));
	n_failed++;
	finish();
	exit(1);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* ioctl wrappers returning 0 or an errno */

static int xioctl(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) ? errno : 0;
}

static int do_info(int fd, void *data, __u32 len, __u32 *type,
		   __u32 *ret_len)
{
	struct fwctl_info info = {
		.size = sizeof(info),
		.out_device_type = 0xdeadbeef,
		.device_data_len = len,
		.out_device_data = (uintptr_t)data,
	};
	int err = xioctl(fd, FWCTL_INFO, &info);

	if (type)
		*type = info.out_device_type;
	if (ret_len)
		*ret_len = info.device_data_len;
	return err;
}

static int do_rpc(int fd, __u32 scope, const void *in, __u32 in_len,
		  void *out, __u32 out_len, __u32 *ret_len)
{
	struct fwctl_rpc rpc = {
		.size = sizeof(rpc),
		.scope = scope,
		.in_len = in_len,
		.out_len = out_len,
		.in = (uintptr_t)in,
		.out = (uintptr_t)out,
	};
	int err = xioctl(fd, FWCTL_RPC, &rpc);

	if (ret_len)
		*ret_len = rpc.out_len;
	return err;
}

/* A request with no payload for the ops that only look at op and arg. */
static int do_op(int fd, __u32 scope, __u32 op, __u32 arg,
		 void *out, __u32 out_len, __u32 *ret_len)
{
	struct fwctl_test_req req = { .op = op, .arg = arg };

	return do_rpc(fd, scope, &req, sizeof(req), out, out_len, ret_len);
}

static int do_status(int fd, __u32 scope, struct fwctl_test_reply *reply)
{
	__u32 len = 0;
	int err;

	memset(reply, 0, sizeof(*reply));
	err = do_op(fd, scope, FWCTL_TEST_OP_STATUS, 0, reply, sizeof(*reply),
		    &len);
	if (!err && (len != sizeof(*reply) || reply->magic != FWCTL_TEST_MAGIC))
		err = EPROTO;	/* not the answer of a status op */
	return err;
}

/* memory helpers */

static size_t page_size;

static void *map_rw(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		die("mmap");
	return p;
}

/*
 * Inaccessible memory is a PROT_NONE mapping rather than a hole: a hole
 * may be filled by the next mmap().
 */
static void *guard_page(void)
{
	void *p = mmap(NULL, page_size, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED)
		die("mmap");
	return p;
}

/* An address the process cannot access. */
static void *unmapped(void)
{
	static void *p;

	if (!p)
		p = guard_page();
	return p;
}

/* A page followed by an inaccessible one: returns the first. */
static char *map_edge(void)
{
	char *p = map_rw(2 * page_size);

	if (mprotect(p + page_size, page_size, PROT_NONE))
		die("mprotect");
	return p;
}

static size_t first_diff(const void *a, const void *b, size_t len)
{
	const unsigned char *x = a, *y = b;
	size_t i;

	for (i = 0; i < len; i++)
		if (x[i] != y[i])
			return i;
	return SIZE_MAX;
}

/* Index of the first byte of buf[from, to) that is not @c, or SIZE_MAX. */
static size_t first_not(const void *buf, size_t from, size_t to, int c)
{
	const unsigned char *p = buf;
	size_t i;

	for (i = from; i < to; i++)
		if (p[i] != (unsigned char)c)
			return i;
	return SIZE_MAX;
}

static size_t first_not_pattern(const void *buf, size_t len)
{
	const unsigned char *p = buf;
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i] != fwctl_test_pattern(i))
			return i;
	return SIZE_MAX;
}

/* debugfs control of the test driver */

struct stats {
	long opened, open_failed, closed, active, infos, rpcs, rpcs_running;
	char dev[MAX_DEVS][32];
};

static int read_stats(struct stats *s)
{
	char key[64], val[64];
	FILE *f;

	memset(s, 0, sizeof(*s));
	f = fopen(DEBUGFS "/stats", "r");
	if (!f)
		return errno;
	while (fscanf(f, "%63s %63s", key, val) == 2) {
		unsigned int i;

		if (!strcmp(key, "opened"))
			s->opened = atol(val);
		else if (!strcmp(key, "open_failed"))
			s->open_failed = atol(val);
		else if (!strcmp(key, "closed"))
			s->closed = atol(val);
		else if (!strcmp(key, "active"))
			s->active = atol(val);
		else if (!strcmp(key, "infos"))
			s->infos = atol(val);
		else if (!strcmp(key, "rpcs"))
			s->rpcs = atol(val);
		else if (!strcmp(key, "rpcs_running"))
			s->rpcs_running = atol(val);
		else if (sscanf(key, "dev%u", &i) == 1 && i < MAX_DEVS)
			snprintf(s->dev[i], sizeof(s->dev[i]), "%.31s", val);
	}
	fclose(f);
	return 0;
}

static long stat_rpcs(void)
{
	struct stats s;

	return read_stats(&s) ? -1 : s.rpcs;
}

static int dbg_write(const char *file, const char *val)
{
	char path[128];
	int fd, err = 0;
	ssize_t n;

	snprintf(path, sizeof(path), DEBUGFS "/%s", file);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return errno;
	n = write(fd, val, strlen(val));
	if (n < 0)
		err = errno;
	else if ((size_t)n != strlen(val))
		err = EIO;
	close(fd);
	return err;
}

static int dbg_write_index(const char *file, int index)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%d", index);
	return dbg_write(file, buf);
}

/* device discovery */

struct tdev {
	char name[32];	/* fwctlN */
	char path[48];	/* /dev/fwctl/fwctlN */
};

/*
 * Finds the fwctl class device whose parent is named @want.
 * Returns 0 and fills @d, or ENOENT.
 */
static int find_parent(const char *want, struct tdev *d)
{
	char link[PATH_MAX], target[PATH_MAX];
	struct dirent *de;
	DIR *dir;
	int err = ENOENT;

	dir = opendir(SYSCLASS);
	if (!dir)
		return err;
	while ((de = readdir(dir))) {
		const char *base;
		ssize_t n;

		if (de->d_name[0] == '.')
			continue;
		snprintf(link, sizeof(link), SYSCLASS "/%s/device",
			 de->d_name);
		n = readlink(link, target, sizeof(target) - 1);
		if (n < 0)
			continue;
		target[n] = 0;
		base = strrchr(target, '/');
		base = base ? base + 1 : target;
		if (strcmp(base, want))
			continue;
		snprintf(d->name, sizeof(d->name), "%.31s", de->d_name);
		snprintf(d->path, sizeof(d->path), "/dev/fwctl/%s", d->name);
		err = 0;
		break;
	}
	closedir(dir);
	return err;
}

/* The fwctl class device whose parent is fwctl_test.<index>. */
static int find_dev(int index, struct tdev *d)
{
	char want[32];

	snprintf(want, sizeof(want), FWCTL_TEST_NAME ".%d", index);
	return find_parent(want, d);
}

static int count_test_devs(void)
{
	struct tdev d;
	int i, n = 0;

	for (i = 0; i < MAX_DEVS; i++)
		n += !find_dev(i, &d);
	return n;
}

static int open_dev(const struct tdev *d)
{
	return open(d->path, O_RDWR | O_CLOEXEC);
}

/* tests */

static struct tdev dev0, dev1;
static int fd0;

static void t_discovery(void)
{
	char path[128], buf[32];
	unsigned int maj, min;
	struct stat st;
	FILE *f;
	int ok;

	begin("discovery: fwctl_test.0 and fwctl_test.1 have fwctl class devices");
	expect_err(find_dev(0, &dev0), 0, "fwctl_test.0");
	expect_err(find_dev(1, &dev1), 0, "fwctl_test.1");
	expect(strcmp(dev0.name, dev1.name), "both parents map to %s",
	       dev0.name);
	expect(!strncmp(dev0.name, "fwctl", 5) && !strncmp(dev1.name, "fwctl", 5),
	       "class device names: expected fwctlN got %s, %s", dev0.name,
	       dev1.name);
	if (!end())
		die("test devices missing");

	begin("discovery: /dev/fwctl/fwctlN is the char device of /sys/class/fwctl/fwctlN/dev");
	snprintf(path, sizeof(path), SYSCLASS "/%s/dev", dev0.name);
	f = fopen(path, "r");
	ok = f && fgets(buf, sizeof(buf), f) &&
	     sscanf(buf, "%u:%u", &maj, &min) == 2;
	if (f)
		fclose(f);
	if (expect(ok, "cannot read %s", path) &&
	    expect(!stat(dev0.path, &st), "stat %s: %s", dev0.path,
		   ename(errno))) {
		expect(S_ISCHR(st.st_mode), "%s is not a char device",
		       dev0.path);
		expect(major(st.st_rdev) == maj && minor(st.st_rdev) == min,
		       "%s is %u:%u, sysfs says %u:%u", dev0.path,
		       major(st.st_rdev), minor(st.st_rdev), maj, min);
	}
	end();

	fd0 = open_dev(&dev0);
	test_err("open /dev/fwctl/fwctlN", fd0 < 0 ? errno : 0, 0);
	if (fd0 < 0)
		die("open");
}

/* Expected info blob of a device's open file. */
static void expected_info(struct fwctl_test_info *want, __u32 index)
{
	unsigned int i;

	memset(want, 0, sizeof(*want));
	want->magic = FWCTL_TEST_MAGIC;
	want->dev_index = index;
	for (i = 0; i < sizeof(want->pattern); i++)
		want->pattern[i] = fwctl_test_pattern(16 + i);
}

/*
 * FWCTL_INFO into a 256-byte buffer prefilled with 0xAA, offering @len
 * bytes. Checks the type, the returned length, the blob in the first
 * min(len, 64) bytes, zeros up to @len and untouched bytes after it.
 */
static void t_info_len(const char *name, __u32 len)
{
	unsigned char buf[256];
	struct fwctl_test_info want;
	__u32 type, ret_len, cmp;
	size_t at;
	int err;

	begin(name);
	expected_info(&want, 0);
	memset(buf, 0xaa, sizeof(buf));
	err = do_info(fd0, buf, len, &type, &ret_len);
	if (!expect_err(err, 0, "FWCTL_INFO"))
		return (void)end();
	expect_u64(type, FWCTL_DEVICE_TYPE_ERROR, "out_device_type");
	expect_u64(ret_len, len ? FWCTL_TEST_INFO_LEN : 0, "device_data_len");

	cmp = len < FWCTL_TEST_INFO_LEN ? len : FWCTL_TEST_INFO_LEN;
	/* uctx_id and info_calls (bytes 8..15) vary; take them as read. */
	if (cmp > 8)
		memcpy((char *)&want + 8, buf + 8, (cmp < 16 ? cmp : 16) - 8);
	at = first_diff(buf, &want, cmp);
	expect(at == SIZE_MAX, "blob byte %zu: expected 0x%02x got 0x%02x",
	       at, at < cmp ? ((unsigned char *)&want)[at] : 0,
	       at < cmp ? buf[at] : 0);
	if (cmp >= 12)
		expect(want.uctx_id != 0, "uctx_id is 0");
	at = first_not(buf, cmp, len, 0);
	expect(at == SIZE_MAX, "byte %zu of the zero padding is 0x%02x", at,
	       at < sizeof(buf) ? buf[at] : 0);
	at = first_not(buf, len, sizeof(buf), 0xaa);
	expect(at == SIZE_MAX,
	       "byte %zu beyond device_data_len was written (0x%02x)", at,
	       at < sizeof(buf) ? buf[at] : 0);
	end();
}

static void t_info(void)
{
	struct fwctl_test_info a, b;
	struct stats s1, s2;
	__u32 type = 0, len = 0;
	int err;

	t_info_len("INFO: device_data_len exact (64)", FWCTL_TEST_INFO_LEN);
	t_info_len("INFO: device_data_len short (10) truncates", 10);
	t_info_len("INFO: device_data_len 1 truncates", 1);
	t_info_len("INFO: device_data_len long (100) zero-pads", 100);
	t_info_len("INFO: device_data_len 200 zero-pads", 200);

	begin("INFO: device_data_len 0 returns 0, leaves the buffer alone, skips info()");
	read_stats(&s1);
	{
		unsigned char buf[64];

		memset(buf, 0xaa, sizeof(buf));
		err = do_info(fd0, buf, 0, &type, &len);
		read_stats(&s2);
		if (expect_err(err, 0, "FWCTL_INFO")) {
			expect_u64(type, FWCTL_DEVICE_TYPE_ERROR,
				   "out_device_type");
			expect_u64(len, 0, "device_data_len");
			expect(first_not(buf, 0, sizeof(buf), 0xaa) == SIZE_MAX,
			       "buffer written");
			expect_u64(s2.infos - s1.infos, 0, "info() calls");
		}
	}
	end();

	begin("INFO: device_data_len 0 with a NULL out_device_data");
	err = do_info(fd0, NULL, 0, &type, &len);
	expect_err(err, 0, "FWCTL_INFO");
	expect_u64(type, FWCTL_DEVICE_TYPE_ERROR, "out_device_type");
	end();

	begin("INFO: an info() error is returned and the buffer left alone");
	err = dbg_write("fail_info", "121");
	if (expect_err(err, 0, "writing fail_info")) {
		unsigned char buf[64];
		struct fwctl_info arg = {
			.size = sizeof(arg),
			.out_device_type = 0xdeadbeef,
			.device_data_len = sizeof(buf),
			.out_device_data = (uintptr_t)buf,
		};

		memset(buf, 0xaa, sizeof(buf));
		err = xioctl(fd0, FWCTL_INFO, &arg);
		expect_err(err, EREMOTEIO, "FWCTL_INFO");
		expect(first_not(buf, 0, sizeof(buf), 0xaa) == SIZE_MAX,
		       "buffer written");
		expect_u64(arg.out_device_type, 0xdeadbeef, "out_device_type");
		expect_u64(arg.device_data_len, sizeof(buf), "device_data_len");
		expect_err(do_info(fd0, NULL, 0, NULL, NULL), 0,
			   "FWCTL_INFO with device_data_len 0");
		expect_err(dbg_write("fail_info", "0"), 0, "resetting fail_info");
		expect_err(do_info(fd0, buf, sizeof(buf), NULL, NULL), 0,
			   "FWCTL_INFO once info() works again");
	}
	end();

	begin("INFO: each call reaches the driver's info() of this open file");
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	err = do_info(fd0, &a, sizeof(a), NULL, NULL);
	if (!err)
		err = do_info(fd0, &b, sizeof(b), NULL, NULL);
	if (expect_err(err, 0, "FWCTL_INFO")) {
		expect_u64(b.info_calls, a.info_calls + 1ULL,
			   "info_calls of the second call");
		expect_u64(b.uctx_id, a.uctx_id, "uctx_id");
	}
	end();
}

/* Raw FWCTL_INFO with a caller-built struct in a 4 KiB zeroed buffer. */
static unsigned char *big_arg;

static int raw_info(__u32 size, __u32 flags, void *data, __u32 len)
{
	struct fwctl_info *info = (struct fwctl_info *)big_arg;

	memset(big_arg, 0, page_size);
	info->size = size;
	info->flags = flags;
	info->device_data_len = len;
	info->out_device_data = (uintptr_t)data;
	return xioctl(fd0, FWCTL_INFO, info);
}

static int raw_rpc(__u32 size, __u32 scope, void *in, __u32 in_len,
		   void *out, __u32 out_len)
{
	struct fwctl_rpc *rpc = (struct fwctl_rpc *)big_arg;

	memset(big_arg, 0, page_size);
	rpc->size = size;
	rpc->scope = scope;
	rpc->in_len = in_len;
	rpc->out_len = out_len;
	rpc->in = (uintptr_t)in;
	rpc->out = (uintptr_t)out;
	return xioctl(fd0, FWCTL_RPC, rpc);
}

static void t_sizes(void)
{
	struct fwctl_test_req req = { .op = FWCTL_TEST_OP_STATUS };
	struct fwctl_test_reply reply;
	struct fwctl_info *info;
	struct fwctl_rpc *rpc;
	unsigned char data[64];
	int err;

	big_arg = map_rw(page_size);
	info = (struct fwctl_info *)big_arg;
	rpc = (struct fwctl_rpc *)big_arg;

	test_err("INFO: size 0 is EINVAL", raw_info(0, 0, data, 64), EINVAL);
	test_err("INFO: size 4 is EINVAL", raw_info(4, 0, data, 64), EINVAL);
	test_err("INFO: size 23 (one short of out_device_data) is EINVAL",
		 raw_info(offsetof(struct fwctl_info, out_device_data) + 7, 0,
			  data, 64), EINVAL);
	test_err("INFO: size 16 is EINVAL", raw_info(16, 0, data, 64), EINVAL);

	begin("INFO: size 24 (exact) works");
	err = raw_info(sizeof(struct fwctl_info), 0, data, 64);
	expect_err(err, 0, "FWCTL_INFO");
	expect_u64(info->device_data_len, FWCTL_TEST_INFO_LEN,
		   "device_data_len");
	end();

	begin("INFO: size 32 with a zero tail works and the tail stays zero");
	err = raw_info(32, 0, data, 64);
	expect_err(err, 0, "FWCTL_INFO");
	expect_u64(info->device_data_len, FWCTL_TEST_INFO_LEN,
		   "device_data_len");
	expect(first_not(big_arg, 24, page_size, 0) == SIZE_MAX,
	       "tail written");
	end();

	begin("INFO: size 4096 with a zero tail works");
	err = raw_info(page_size, 0, data, 64);
	expect_err(err, 0, "FWCTL_INFO");
	expect_u64(info->device_data_len, FWCTL_TEST_INFO_LEN,
		   "device_data_len");
	end();

	memset(big_arg, 0, page_size);
	info->size = 32;
	info->device_data_len = 64;
	info->out_device_data = (uintptr_t)data;
	big_arg[31] = 1;
	test_err("INFO: size 32 with a non-zero tail is E2BIG",
		 xioctl(fd0, FWCTL_INFO, info), E2BIG);

	memset(big_arg, 0, page_size);
	info->size = page_size;
	info->device_data_len = 64;
	info->out_device_data = (uintptr_t)data;
	big_arg[page_size - 1] = 0x80;
	test_err("INFO: size 4096 with a non-zero last byte is E2BIG",
		 xioctl(fd0, FWCTL_INFO, info), E2BIG);

	test_err("INFO: flags 1 is EOPNOTSUPP",
		 raw_info(sizeof(struct fwctl_info), 1, data, 64), EOPNOTSUPP);
	test_err("INFO: flags 0x80000000 is EOPNOTSUPP",
		 raw_info(sizeof(struct fwctl_info), 0x80000000, data, 64),
		 EOPNOTSUPP);

	test_err("RPC: size 0 is EINVAL",
		 raw_rpc(0, 0, &req, sizeof(req), &reply, sizeof(reply)),
		 EINVAL);
	test_err("RPC: size 24 (the size of fwctl_info) is EINVAL",
		 raw_rpc(24, 0, &req, sizeof(req), &reply, sizeof(reply)),
		 EINVAL);
	test_err("RPC: size 31 (one short of out) is EINVAL",
		 raw_rpc(31, 0, &req, sizeof(req), &reply, sizeof(reply)),
		 EINVAL);

	begin("RPC: size 32 (exact) works");
	err = raw_rpc(32, 0, &req, sizeof(req), &reply, sizeof(reply));
	expect_err(err, 0, "FWCTL_RPC");
	expect_u64(rpc->out_len, sizeof(reply), "out_len");
	end();

	begin("RPC: size 40 with a zero tail works and the tail stays zero");
	err = raw_rpc(40, 0, &req, sizeof(req), &reply, sizeof(reply));
	expect_err(err, 0, "FWCTL_RPC");
	expect_u64(rpc->out_len, sizeof(reply), "out_len");
	expect(first_not(big_arg, 32, page_size, 0) == SIZE_MAX,
	       "tail written");
	end();

	memset(big_arg, 0, page_size);
	rpc->size = 40;
	rpc->in_len = sizeof(req);
	rpc->out_len = sizeof(reply);
	rpc->in = (uintptr_t)&req;
	rpc->out = (uintptr_t)&reply;
	big_arg[36] = 0xff;
	test_err("RPC: size 40 with a non-zero tail is E2BIG",
		 xioctl(fd0, FWCTL_RPC, rpc), E2BIG);
}

static void t_enotty(void)
{
	struct fwctl_rpc rpc = { .size = sizeof(rpc) };
	struct fwctl_info info = { .size = sizeof(info) };
	static const struct {
		const char *name;
		unsigned long cmd;
	} cmds[] = {
		{ "_IO(0x9A, 2)", _IO(FWCTL_TYPE, 2) },
		{ "_IO(0x9A, 0x7f)", _IO(FWCTL_TYPE, 0x7f) },
		{ "_IO(0x9A, 0xff)", _IO(FWCTL_TYPE, 0xff) },
		{ "_IOWR(0x9A, 0, struct fwctl_info)",
		  _IOWR(FWCTL_TYPE, 0, struct fwctl_info) },
		{ "_IOW(0x9A, 1, struct fwctl_rpc)",
		  _IOW(FWCTL_TYPE, 1, struct fwctl_rpc) },
		{ "_IO(0x9B, 0)", _IO(0x9B, 0) },
		{ "_IO(0x9B, 1)", _IO(0x9B, 1) },
		{ "TCGETS (0x5401)", 0x5401 },
	};
	char name[96];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		snprintf(name, sizeof(name), "unknown ioctl %s is ENOTTY",
			 cmds[i].name);
		begin(name);
		expect_err(xioctl(fd0, cmds[i].cmd, &rpc), ENOTTY,
			   "with a valid fwctl_rpc");
		expect_err(xioctl(fd0, cmds[i].cmd, &info), ENOTTY,
			   "with a valid fwctl_info");
		expect_err(xioctl(fd0, cmds[i].cmd, NULL), ENOTTY,
			   "with NULL");
		end();
	}
}

static void t_efault(void)
{
	struct fwctl_test_req req = { .op = FWCTL_TEST_OP_STATUS };
	struct fwctl_test_reply reply;
	unsigned char data[64];
	char *edge, *ro;
	long before;
	int err;

	test_err("INFO: NULL argument is EFAULT",
		 xioctl(fd0, FWCTL_INFO, NULL), EFAULT);
	test_err("RPC: NULL argument is EFAULT", xioctl(fd0, FWCTL_RPC, NULL),
		 EFAULT);
	test_err("INFO: unmapped argument is EFAULT",
		 xioctl(fd0, FWCTL_INFO, unmapped()), EFAULT);
	test_err("RPC: unmapped argument is EFAULT",
		 xioctl(fd0, FWCTL_RPC, unmapped()), EFAULT);

	/* size readable, the rest of the struct runs into an unmapped page */
	edge = map_edge();
	{
		struct fwctl_rpc *rpc = (void *)(edge + page_size - 8);

		rpc->size = sizeof(*rpc);
		rpc->scope = 0;
		test_err("RPC: argument running into an unmapped page is EFAULT",
			 xioctl(fd0, FWCTL_RPC, rpc), EFAULT);
	}
	{
		struct fwctl_info *info = (void *)(edge + page_size - 8);

		info->size = sizeof(*info);
		info->flags = 0;
		test_err("INFO: argument running into an unmapped page is EFAULT",
			 xioctl(fd0, FWCTL_INFO, info), EFAULT);
	}

	/* read-only argument: the kernel can read it but not answer */
	ro = map_rw(page_size);
	{
		struct fwctl_info *info = (void *)ro;

		info->size = sizeof(*info);
		info->device_data_len = sizeof(data);
		info->out_device_data = (uintptr_t)data;
		mprotect(ro, page_size, PROT_READ);
		test_err("INFO: read-only argument is EFAULT",
			 xioctl(fd0, FWCTL_INFO, info), EFAULT);
		mprotect(ro, page_size, PROT_READ | PROT_WRITE);
	}
	{
		struct fwctl_rpc *rpc = (void *)ro;

		memset(ro, 0, page_size);
		rpc->size = sizeof(*rpc);
		rpc->in_len = sizeof(req);
		rpc->out_len = sizeof(reply);
		rpc->in = (uintptr_t)&req;
		rpc->out = (uintptr_t)&reply;
		mprotect(ro, page_size, PROT_READ);
		test_err("RPC: read-only argument is EFAULT",
			 xioctl(fd0, FWCTL_RPC, rpc), EFAULT);
		mprotect(ro, page_size, PROT_READ | PROT_WRITE);
	}

	test_err("INFO: unmapped out_device_data is EFAULT",
		 do_info(fd0, unmapped(), 64, NULL, NULL), EFAULT);
	test_err("INFO: NULL out_device_data with a length is EFAULT",
		 do_info(fd0, NULL, 64, NULL, NULL), EFAULT);
	mprotect(ro, page_size, PROT_READ);
	test_err("INFO: read-only out_device_data is EFAULT",
		 do_info(fd0, ro, 64, NULL, NULL), EFAULT);
	test_err("INFO: zero padding running into an unmapped page is EFAULT",
		 do_info(fd0, edge + page_size - 80, 100, NULL, NULL), EFAULT);

	begin("RPC: unmapped in is EFAULT and does not reach the driver");
	before = stat_rpcs();
	err = do_rpc(fd0, 0, unmapped(), 16, &reply, sizeof(reply), NULL);
	expect_err(err, EFAULT, "FWCTL_RPC");
	expect_u64(stat_rpcs() - before, 0, "driver fw_rpc calls");
	end();

	begin("RPC: in running into an unmapped page is EFAULT");
	memcpy(edge + page_size - 8, &req, sizeof(req));
	err = do_rpc(fd0, 0, edge + page_size - 8, 16, &reply, sizeof(reply),
		     NULL);
	expect_err(err, EFAULT, "FWCTL_RPC");
	end();

	test_err("RPC: unmapped out is EFAULT",
		 do_rpc(fd0, 0, &req, sizeof(req), unmapped(), sizeof(reply),
			NULL), EFAULT);
	test_err("RPC: NULL out with a length is EFAULT",
		 do_rpc(fd0, 0, &req, sizeof(req), NULL, sizeof(reply), NULL),
		 EFAULT);
	test_err("RPC: read-only out is EFAULT",
		 do_rpc(fd0, 0, &req, sizeof(req), ro, sizeof(reply), NULL),
		 EFAULT);
	{
		unsigned char in[64] = { 0 };
		struct fwctl_test_req *r = (void *)in;

		r->op = FWCTL_TEST_OP_ECHO_INPLACE;
		test_err("RPC: read-only out of an in-place reply is EFAULT",
			 do_rpc(fd0, 0, in, sizeof(in), ro, sizeof(in), NULL),
			 EFAULT);
		r->op = FWCTL_TEST_OP_ECHO;
		test_err("RPC: out running into an unmapped page is EFAULT",
			 do_rpc(fd0, 0, in, sizeof(in), edge + page_size - 8,
				sizeof(in), NULL), EFAULT);
	}

	begin("RPC: out_len 0 with a NULL out reports the reply length");
	{
		__u32 len = 0;

		err = do_op(fd0, 0, FWCTL_TEST_OP_STATUS, 0, NULL, 0, &len);
		expect_err(err, 0, "FWCTL_RPC");
		expect_u64(len, sizeof(reply), "out_len");
	}
	end();

	begin("the file still works after the EFAULTs");
	expect_err(do_status(fd0, 0, &reply), 0, "FWCTL_RPC");
	end();

	munmap(ro, page_size);
	munmap(edge, 2 * page_size);
}

static void t_rpc_lengths(void)
{
	size_t big = MAX_RPC_LEN + page_size;
	unsigned char *in = map_rw(big), *out = map_rw(big);
	struct fwctl_test_req *req = (void *)in;
	__u32 len;
	long before;
	size_t at;
	int err;

	req->op = FWCTL_TEST_OP_ECHO;

	begin("RPC: in_len 2 MiB + 1 is EMSGSIZE and does not reach the driver");
	before = stat_rpcs();
	err = do_rpc(fd0, 0, in, MAX_RPC_LEN + 1, out, 64, NULL);
	expect_err(err, EMSGSIZE, "FWCTL_RPC");
	expect_u64(stat_rpcs() - before, 0, "driver fw_rpc calls");
	end();
	test_err("RPC: out_len 2 MiB + 1 is EMSGSIZE",
		 do_rpc(fd0, 0, in, 64, out, MAX_RPC_LEN + 1, NULL), EMSGSIZE);
	test_err("RPC: in_len 0xffffffff is EMSGSIZE",
		 do_rpc(fd0, 0, in, 0xffffffff, out, 64, NULL), EMSGSIZE);
	test_err("RPC: out_len 0xffffffff is EMSGSIZE",
		 do_rpc(fd0, 0, in, 64, out, 0xffffffff, NULL), EMSGSIZE);

	begin("RPC: in_len and out_len of exactly 2 MiB work (echo)");
	for (at = sizeof(*req); at < MAX_RPC_LEN; at++)
		in[at] = fwctl_test_pattern(at);
	memset(out, 0xaa, big);
	len = 0;
	err = do_rpc(fd0, 0, in, MAX_RPC_LEN, out, MAX_RPC_LEN, &len);
	if (expect_err(err, 0, "FWCTL_RPC")) {
		expect_u64(len, MAX_RPC_LEN, "out_len");
		at = first_diff(in, out, MAX_RPC_LEN);
		expect(at == SIZE_MAX, "reply differs at byte %zu", at);
		at = first_not(out, MAX_RPC_LEN, big, 0xaa);
		expect(at == SIZE_MAX, "byte %zu after out_len written", at);
	}
	end();

	begin("RPC: 3 MiB reply into 2 MiB is truncated, out_len is 3 MiB");
	memset(out, 0xaa, big);
	len = 0;
	err = do_op(fd0, 0, FWCTL_TEST_OP_LARGE, 3U << 20, out, MAX_RPC_LEN,
		    &len);
	if (expect_err(err, 0, "FWCTL_RPC")) {
		expect_u64(len, 3U << 20, "out_len");
		at = first_not_pattern(out, MAX_RPC_LEN);
		expect(at == SIZE_MAX, "reply wrong at byte %zu", at);
		at = first_not(out, MAX_RPC_LEN, big, 0xaa);
		expect(at == SIZE_MAX, "byte %zu after out_len written", at);
	}
	end();

	begin("RPC: 1000-byte reply into 100 bytes is truncated, out_len is 1000");
	memset(out, 0xaa, 4096);
	len = 0;
	err = do_op(fd0, 0, FWCTL_TEST_OP_LARGE, 1000, out, 100, &len);
	if (expect_err(err, 0, "FWCTL_RPC")) {
		expect_u64(len, 1000, "out_len");
		at = first_not_pattern(out, 100);
		expect(at == SIZE_MAX, "reply wrong at byte %zu", at);
		at = first_not(out, 100, 4096, 0xaa);
		expect(at == SIZE_MAX, "byte %zu after out_len written", at);
	}
	end();

	begin("RPC: 100-byte reply into 1000 bytes sets out_len 100, rest untouched");
	memset(out, 0xaa, 4096);
	len = 0;
	err = do_op(fd0, 0, FWCTL_TEST_OP_LARGE, 100, out, 1000, &len);
	if (expect_err(err, 0, "FWCTL_RPC")) {
		expect_u64(len, 100, "out_len");
		at = first_not_pattern(out, 100);
		expect(at == SIZE_MAX, "reply wrong at byte %zu", at);
		at = first_not(out, 100, 4096, 0xaa);
		expect(at == SIZE_MAX, "byte %zu after the reply written", at);
	}
	end();

	begin("RPC: empty reply sets out_len 0");
	len = 12345;
	err = do_op(fd0, 0, FWCTL_TEST_OP_LARGE, 0, out, 100, &len);
	expect_err(err, 0, "FWCTL_RPC");
	expect_u64(len, 0, "out_len");
	end();

	munmap(in, big);
	munmap(out, big);
}

static void t_rpc_ops(void)
{
	unsigned char in[100], out[256], want[100];
	struct fwctl_test_req *req = (void *)in;
	struct fwctl_test_reply reply, r2;
	struct fwctl_rpc rpc;
	__u32 len;
	size_t at, i;
	int err;

	for (i = 0; i < sizeof(in); i++)
		in[i] = i * 3 + 1;
	req->op = FWCTL_TEST_OP_ECHO;
	req->arg = 0;

	begin("RPC: echo returns the request in a new buffer");
	memset(out, 0xaa, sizeof(out));
	err = do_rpc(fd0, 0, in, sizeof(in), out, sizeof(out), &len);
	if (expect_err(err, 0, "FWCTL_RPC")) {
		expect_u64(len, sizeof(in), "out_len");
		at = first_diff(in, out, sizeof(in));
		expect(at == SIZE_MAX, "reply differs at byte %zu", at);
		expect(first_not(out, sizeof(in), sizeof(out), 0xaa) ==
		       SIZE_MAX, "bytes after the reply written");
	}
	end();

	/* in place: payload bytes inverted */
	req->op = FWCTL_TEST_OP_ECHO_INPLACE;
	memcpy(want, in, sizeof(in));
	for (i = sizeof(*req); i < sizeof(want); i++)
		want[i] ^= 0xff;

	begin("RPC: in-place reply (driver returns rpc_in)");
	memset(out, 0xaa, sizeof(out));
	err = do_rpc(fd0, 0, in, sizeof(in), out, sizeof(out), &len);
	if (expect_err(err, 0, "FWCTL_RPC")) {
		expect_u64(len, sizeof(in), "out_len");
		at = first_diff(want, out, sizeof(want));
		expect(at == SIZE_MAX, "reply differs at byte %zu", at);
		expect(first_not(out, sizeof(in), sizeof(out), 0xaa) ==
		       SIZE_MAX, "bytes after the reply written");
		expect(in[8] == 8 * 3 + 1, "the caller's request was changed");
	}
	end();

	begin("RPC: in-place reply truncated to out_len 10, out_len is 100");
	memset(out, 0xaa, sizeof(out));
	err = do_rpc(fd0, 0, in, sizeof(in), out, 10, &len);
	if (expect_err(err, 0, "FWCTL_RPC")) {
		expect_u64(len, sizeof(in), "out_len");
		at = first_diff(want, out, 10);
		expect(at == SIZE_MAX, "reply differs at byte %zu", at);
		expect(first_not(out, 10, sizeof(out), 0xaa) == SIZE_MAX,
		       "bytes after out_len written");
	}
	end();

	begin("RPC: in-place reply shorter than the request (20 of 100 bytes)");
	req->arg = 20;
	memcpy(want, in, sizeof(*req));
	memset(out, 0xaa, sizeof(out));
	err = do_rpc(fd0, 0, in, sizeof(in), out, sizeof(out), &len);
	if (expect_err(err, 0, "FWCTL_RPC")) {
		expect_u64(len, 20, "out_len");
		at = first_diff(want, out, 20);
		expect(at == SIZE_MAX, "reply differs at byte %zu", at);
		expect(first_not(out, 20, sizeof(out), 0xaa) == SIZE_MAX,
		       "bytes after the reply written");
	}
	end();

	test_err("RPC: driver error EREMOTEIO is returned",
		 do_op(fd0, 0, FWCTL_TEST_OP_ERROR, EREMOTEIO, out, 64, NULL),
		 EREMOTEIO);
	test_err("RPC: driver error ENOSPC is returned",
		 do_op(fd0, 0, FWCTL_TEST_OP_ERROR, ENOSPC, out, 64, NULL),
		 ENOSPC);
	test_err("RPC: driver error for an unknown op is returned (ENOMSG)",
		 do_op(fd0, 0, 0x1234, 0, out, 64, NULL), ENOMSG);
	test_err("RPC: driver error for a short request is returned (EBADMSG)",
		 do_rpc(fd0, 0, in, 4, out, 64, NULL), EBADMSG);

	begin("RPC: a failed RPC does not write the argument or out");
	{
		struct fwctl_test_req ereq = {
			.op = FWCTL_TEST_OP_ERROR, .arg = EIO,
		};

		memset(&rpc, 0, sizeof(rpc));
		rpc.size = sizeof(rpc);
		rpc.in_len = sizeof(ereq);
		rpc.out_len = sizeof(out);
		rpc.in = (uintptr_t)&ereq;
		rpc.out = (uintptr_t)out;
		memset(out, 0xaa, sizeof(out));
		err = xioctl(fd0, FWCTL_RPC, &rpc);
		expect_err(err, EIO, "FWCTL_RPC");
		expect_u64(rpc.out_len, sizeof(out), "out_len");
		expect(first_not(out, 0, sizeof(out), 0xaa) == SIZE_MAX,
		       "out written");
	}
	end();

	begin("RPC: driver sees in_len, the open file's uctx and counts its RPCs");
	err = do_status(fd0, 0, &reply);
	if (!err)
		err = do_status(fd0, 0, &r2);
	if (expect_err(err, 0, "FWCTL_RPC")) {
		expect_u64(reply.in_len, sizeof(struct fwctl_test_req),
			   "in_len");
		expect_u64(reply.dev_index, 0, "dev_index");
		expect(reply.uctx_id != 0, "uctx_id 0");
		expect_u64(r2.uctx_id, reply.uctx_id, "uctx_id");
		expect_u64(r2.uctx_rpcs, reply.uctx_rpcs + 1ULL, "uctx_rpcs");
	}
	end();

	{
		char name[64];
		__u32 scope;

		for (scope = FWCTL_RPC_CONFIGURATION;
		     scope <= FWCTL_RPC_DEBUG_READ_ONLY; scope++) {
			snprintf(name, sizeof(name),
				 "RPC: scope %u reaches the driver as %u", scope,
				 scope);
			begin(name);
			err = do_status(fd0, scope, &reply);
			if (expect_err(err, 0, "FWCTL_RPC"))
				expect_u64(reply.scope, scope, "scope");
			end();
		}
	}

	begin("RPC: scope 4 is EOPNOTSUPP and does not reach the driver");
	{
		long before = stat_rpcs();

		err = do_status(fd0, 4, &reply);
		expect_err(err, EOPNOTSUPP, "FWCTL_RPC");
		expect_u64(stat_rpcs() - before, 0, "driver fw_rpc calls");
	}
	end();
	test_err("RPC: scope 0xffffffff is EOPNOTSUPP",
		 do_status(fd0, 0xffffffff, &reply), EOPNOTSUPP);
	test_err("RPC: scope 0x80000002 is EOPNOTSUPP",
		 do_status(fd0, 0x80000002, &reply), EOPNOTSUPP);
}

/* capabilities and taint */

static int drop_cap_sys_rawio(void)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2];
	__u32 bit = 1U << (CAP_SYS_RAWIO % 32);

	if (syscall(SYS_capget, &hdr, data))
		return errno;
	data[CAP_SYS_RAWIO / 32].effective &= ~bit;
	data[CAP_SYS_RAWIO / 32].permitted &= ~bit;
	data[CAP_SYS_RAWIO / 32].inheritable &= ~bit;
	if (syscall(SYS_capset, &hdr, data))
		return errno;
	memset(data, 0, sizeof(data));
	if (syscall(SYS_capget, &hdr, data))
		return errno;
	/* still effective: the capset was ignored */
	return data[CAP_SYS_RAWIO / 32].effective & bit ? EPERM : 0;
}

/* The file the forked children of run_child() use. */
static int child_fd;

struct child_result {
	int drop;	/* dropping CAP_SYS_RAWIO */
	int full;	/* DEBUG_WRITE_FULL without it */
	int config;	/* CONFIGURATION without it */
	int write;	/* DEBUG_WRITE */
	pid_t pid;
};

/*
 * Runs @fn in a forked child and returns what it reported. The
 * child's fwctl calls come from another pid than ours.
 */
static int run_child(void (*fn)(struct child_result *), struct child_result *r)
{
	int pipefd[2], status, err = 0;
	pid_t pid;

	memset(r, 0xff, sizeof(*r));
	if (pipe(pipefd))
		return errno;
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return errno;
	if (!pid) {
		struct child_result cr = { .pid = getpid() };

		close(pipefd[0]);
		fn(&cr);
		if (write(pipefd[1], &cr, sizeof(cr)) != sizeof(cr))
			_exit(1);
		_exit(0);
	}
	close(pipefd[1]);
	if (read(pipefd[0], r, sizeof(*r)) != sizeof(*r))
		r->drop = EPIPE;
	close(pipefd[0]);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		err = ECHILD;
	return err;
}

static void child_no_rawio(struct child_result *r)
{
	struct fwctl_test_reply reply;

	r->drop = drop_cap_sys_rawio();
	if (r->drop)
		return;
	r->full = do_status(child_fd, FWCTL_RPC_DEBUG_WRITE_FULL, &reply);
	r->config = do_status(child_fd, FWCTL_RPC_CONFIGURATION, &reply);
}

static void child_debug_write(struct child_result *r)
{
	struct fwctl_test_reply reply;

	r->write = do_status(child_fd, FWCTL_RPC_DEBUG_WRITE, &reply);
	if (!r->write && reply.scope != FWCTL_RPC_DEBUG_WRITE)
		r->write = EPROTO;
}

static bool kernel_at_least(unsigned int major, unsigned int minor)
{
	struct utsname u;
	unsigned int ma = 0, mi = 0;

	if (uname(&u) || sscanf(u.release, "%u.%u", &ma, &mi) != 2)
		return false;
	return ma > major || (ma == major && mi >= minor);
}

static unsigned long read_tainted(void)
{
	unsigned long v = ~0UL;
	FILE *f = fopen("/proc/sys/kernel/tainted", "r");

	if (f) {
		if (fscanf(f, "%lu", &v) != 1)
			v = ~0UL;
		fclose(f);
	}
	return v;
}

/* Adds the flags in @bits (the kernel only ever adds through this file). */
static int set_tainted(unsigned long bits)
{
	FILE *f = fopen("/proc/sys/kernel/tainted", "w");
	int err = 0;

	if (!f)
		return errno;
	if (fprintf(f, "%lu\n", bits) < 0)
		err = errno ? errno : EIO;
	if (fclose(f) && !err)
		err = errno;
	return err;
}

/* /dev/kmsg positioned at its end, to read what gets logged from now on */
static int kmsg_open(void)
{
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	if (fd >= 0)
		lseek(fd, 0, SEEK_END);
	return fd;
}

static bool has_number(const char *s, long n)
{
	char num[24];
	const char *p = s;
	size_t l;

	l = snprintf(num, sizeof(num), "%ld", n);
	while ((p = strstr(p, num))) {
		bool left = p == s || p[-1] < '0' || p[-1] > '9';
		bool right = p[l] < '0' || p[l] > '9';

		if (left && right)
			return true;
		p += l;
	}
	return false;
}

/*
 * The core's audit line, once per fwctl load on the first debug-write RPC:
 * "<comm>(<pid>): has requested ..." ending in TAINT_TEXT_WRITE or
 * TAINT_TEXT_FULL (upstream's words) after the scope of that RPC.
 */
#define TAINT_LINE "has requested "
#define TAINT_TEXT_WRITE "debug write access to the physical device"
#define TAINT_TEXT_FULL "full access to the physical device"

/*
 * Counts the new kernel log lines containing TAINT_LINE, and among them the
 * ones naming @pid and @comm; copies the first into @line.
 */
static int kmsg_count(int fd, long pid, const char *comm, int *mine,
		      char *line, size_t line_len)
{
	char rec[2048];
	int total = 0;
	ssize_t n;

	*mine = 0;
	for (;;) {
		char *msg, *nl;

		n = read(fd, rec, sizeof(rec) - 1);
		if (n < 0 && errno == EPIPE)
			continue;
		if (n <= 0)
			break;
		rec[n] = 0;
		msg = strchr(rec, ';');
		msg = msg ? msg + 1 : rec;
		nl = strchr(msg, '\n');
		if (nl)
			*nl = 0;
		if (!strstr(msg, TAINT_LINE))
			continue;
		total++;
		if (has_number(msg, pid) && strstr(msg, comm)) {
			if (!*mine && line)
				snprintf(line, line_len, "%.*s",
					 (int)line_len - 1, msg);
			(*mine)++;
		}
	}
	return total;
}

static void t_scopes_privileged(void)
{
	unsigned long before, after, added;
	struct fwctl_test_reply reply;
	struct child_result cr;
	char line[512] = "";
	int kfd, total, mine, err, want_bit;
	long rpcs;

	/* Without CAP_SYS_RAWIO: refused before it can taint anything. */
	begin("RPC: DEBUG_WRITE_FULL without CAP_SYS_RAWIO is EPERM and does not taint");
	before = read_tainted();
	rpcs = stat_rpcs();
	child_fd = fd0;
	err = run_child(child_no_rawio, &cr);
	after = read_tainted();
	if (expect_err(err, 0, "child") &&
	    expect_err(cr.drop, 0, "dropping CAP_SYS_RAWIO")) {
		expect_err(cr.full, EPERM, "DEBUG_WRITE_FULL");
		expect_err(cr.config, 0, "CONFIGURATION");
		expect_u64(stat_rpcs() - rpcs, 1, "driver fw_rpc calls");
		expect(after == before, "tainted went from %lu to %lu", before,
		       after);
	}
	end();

	/*
	 * An already tainted kernel must not lose the audit line: before 6.15
	 * the substitute flag is 'U', which setpci on a bound device or an
	 * *_unsafe module parameter also sets. Set it first, as they would.
	 */
	begin("taint: set TAINT_USER ('U') first, as setpci or an *_unsafe parameter would");
	err = set_tainted(1UL << TAINT_USER_BIT);
	if (expect_err(err, 0, "write /proc/sys/kernel/tainted"))
		expect(read_tainted() & (1UL << TAINT_USER_BIT),
		       "tainted %lu lacks bit %d", read_tainted(),
		       TAINT_USER_BIT);
	end();

	kfd = kmsg_open();
	before = read_tainted();
	want_bit = kernel_at_least(6, 15) ? TAINT_FWCTL_BIT : TAINT_USER_BIT;
	begin("RPC: first DEBUG_WRITE sets TAINT_FWCTL (or its substitute 'U') and no other flag");
	err = do_status(fd0, FWCTL_RPC_DEBUG_WRITE, &reply);
	after = read_tainted();
	added = after & ~before;
	if (expect_err(err, 0, "DEBUG_WRITE")) {
		expect_u64(reply.scope, FWCTL_RPC_DEBUG_WRITE, "scope");
		expect(after & (1UL << want_bit),
		       "tainted %lu lacks bit %d (%s)", after, want_bit,
		       want_bit == TAINT_FWCTL_BIT ? "TAINT_FWCTL 'J'" :
						     "TAINT_USER 'U'");
		expect(!(added & ~(1UL << want_bit)),
		       "tainted went from %lu to %lu: only bit %d may be new",
		       before, after, want_bit);
	}
	if (end())
		printf("# taint bit %d (%s)\n", want_bit,
		       want_bit == TAINT_FWCTL_BIT ? "TAINT_FWCTL 'J'" :
						     "TAINT_USER 'U', substitute");

	begin("RPC: first DEBUG_WRITE logs the process's comm and pid once, already tainted or not");
	if (kfd < 0) {
		expect(false, "open /dev/kmsg: %s", ename(errno));
	} else {
		total = kmsg_count(kfd, getpid(), "core_test", &mine, line,
				   sizeof(line));
		expect_u64(mine, 1, "log lines with \"" TAINT_LINE "\", \"core_test\" and our pid");
		expect_u64(total, 1, "log lines with \"" TAINT_LINE "\"");
		if (mine)
			expect(strstr(line, TAINT_TEXT_WRITE) &&
			       !strstr(line, "full access"),
			       "DEBUG_WRITE's line: expected \"..." TAINT_TEXT_WRITE "\" got \"%s\"",
			       line);
	}
	if (end() && kfd >= 0)
		printf("# log: %s\n", line);

	begin("RPC: DEBUG_WRITE_FULL with CAP_SYS_RAWIO works, adds no taint and no log line");
	before = read_tainted();
	err = do_status(fd0, FWCTL_RPC_DEBUG_WRITE_FULL, &reply);
	after = read_tainted();
	if (expect_err(err, 0, "DEBUG_WRITE_FULL")) {
		expect_u64(reply.scope, FWCTL_RPC_DEBUG_WRITE_FULL, "scope");
		expect(after == before, "tainted went from %lu to %lu", before,
		       after);
		if (kfd >= 0) {
			total = kmsg_count(kfd, getpid(), "core_test", &mine,
					   NULL, 0);
			expect_u64(total, 0, "new \"" TAINT_LINE "\" log lines");
		}
	}
	end();

	begin("RPC: DEBUG_WRITE from another process adds no taint and no log line");
	before = read_tainted();
	child_fd = fd0;
	err = run_child(child_debug_write, &cr);
	after = read_tainted();
	if (expect_err(err, 0, "child")) {
		expect_err(cr.write, 0, "DEBUG_WRITE");
		expect(after == before, "tainted went from %lu to %lu", before,
		       after);
		if (kfd >= 0) {
			total = kmsg_count(kfd, cr.pid, "core_test", &mine,
					   NULL, 0);
			expect_u64(total, 0, "new \"" TAINT_LINE "\" log lines");
		}
	}
	end();

	if (kfd >= 0)
		close(kfd);
}

/* open_uctx failures and several opens */

static void t_opens(void)
{
	struct fwctl_test_reply r[3];
	struct stats s1, s2, s3;
	int fds[3], fd, err, i;

	begin("open: open_uctx failure is returned by open() and close_uctx is not called");
	read_stats(&s1);
	err = dbg_write("fail_open", "18");
	if (expect_err(err, 0, "writing fail_open")) {
		fd = open_dev(&dev0);
		err = fd < 0 ? errno : 0;
		if (fd >= 0)
			close(fd);
		dbg_write("fail_open", "0");
		read_stats(&s2);
		expect_err(err, EXDEV, "open");
		expect_u64(s2.open_failed - s1.open_failed, 1,
			   "failed open_uctx calls");
		expect_u64(s2.opened - s1.opened, 0, "successful open_uctx calls");
		expect_u64(s2.closed - s1.closed, 0, "close_uctx calls");
	}
	end();

	begin("open: works again once open_uctx succeeds");
	fd = open_dev(&dev0);
	expect_err(fd < 0 ? errno : 0, 0, "open");
	if (fd >= 0) {
		expect_err(do_status(fd, 0, &r[0]), 0, "FWCTL_RPC");
		close(fd);
	}
	end();

	begin("open: each open gets its own uctx");
	read_stats(&s1);
	for (i = 0; i < 3; i++) {
		fds[i] = open_dev(&dev0);
		expect_err(fds[i] < 0 ? errno : 0, 0, "open");
	}
	for (i = 0; i < 3 && !cur_failed; i++) {
		expect_err(do_status(fds[i], 0, &r[i]), 0, "FWCTL_RPC");
		expect_u64(r[i].uctx_rpcs, 1, "first RPC's uctx_rpcs");
	}
	if (!cur_failed) {
		expect(r[0].uctx_id != r[1].uctx_id &&
		       r[1].uctx_id != r[2].uctx_id &&
		       r[0].uctx_id != r[2].uctx_id,
		       "uctx ids %u, %u, %u are not distinct", r[0].uctx_id,
		       r[1].uctx_id, r[2].uctx_id);
	}
	read_stats(&s2);
	for (i = 0; i < 3; i++)
		if (fds[i] >= 0)
			expect_err(close(fds[i]) ? errno : 0, 0, "close");
	read_stats(&s3);
	expect_u64(s2.opened - s1.opened, 3, "open_uctx calls");
	expect_u64(s2.closed - s1.closed, 0, "close_uctx calls before close");
	expect_u64(s3.closed - s2.closed, 3, "close_uctx calls at close");
	end();

	begin("open: a file shared by fork and dup is one uctx, closed once");
	read_stats(&s1);
	fd = open_dev(&dev0);
	if (expect_err(fd < 0 ? errno : 0, 0, "open")) {
		int fd2 = dup(fd);
		struct child_result cr;

		expect_err(do_status(fd2, 0, &r[1]), 0, "RPC on the dup");
		expect_err(do_status(fd, 0, &r[0]), 0, "RPC");
		expect_u64(r[1].uctx_id, r[0].uctx_id, "uctx_id of the dup");
		child_fd = fd;
		expect_err(run_child(child_debug_write, &cr), 0, "child");
		expect_err(cr.write, 0, "RPC in the child");
		close(fd2);
		read_stats(&s2);
		expect_u64(s2.closed - s1.closed, 0,
			   "close_uctx calls with a reference left");
		close(fd);
		read_stats(&s3);
		expect_u64(s3.closed - s1.closed, 1, "close_uctx calls");
	}
	end();

	begin("second device: INFO and RPC report dev_index 1");
	fd = open_dev(&dev1);
	if (expect_err(fd < 0 ? errno : 0, 0, "open")) {
		struct fwctl_test_info info;

		expect_err(do_status(fd, 0, &r[0]), 0, "FWCTL_RPC");
		expect_u64(r[0].dev_index, 1, "RPC dev_index");
		expect_err(do_info(fd, &info, sizeof(info), NULL, NULL), 0,
			   "FWCTL_INFO");
		expect_u64(info.dev_index, 1, "INFO dev_index");
		close(fd);
	}
	end();
}

/* unregister and re-register */

struct slow_rpc {
	int fd;
	unsigned int ms;
	int err;
	struct fwctl_test_reply reply;
};

static void *slow_rpc_thread(void *arg)
{
	struct slow_rpc *s = arg;
	__u32 len;

	s->err = do_op(s->fd, 0, FWCTL_TEST_OP_DELAY, s->ms, &s->reply,
		       sizeof(s->reply), &len);
	return NULL;
}

static bool wait_rpcs_above(long base, double timeout)
{
	double end_t = now() + timeout;

	while (now() < end_t) {
		if (stat_rpcs() > base)
			return true;
		sleep_ms(5);
	}
	return false;
}

static void t_unregister(void)
{
	struct fwctl_test_reply reply;
	struct slow_rpc slow = { .ms = 1000 };
	struct tdev old = dev1, d;
	struct stats s0, s1, s2, s3;
	char path[128], proc[64];
	pthread_t th;
	int a, b, p, fd, err;
	double t_start, t_done;
	long rpcs;

	read_stats(&s0);
	a = open_dev(&dev1);
	b = open_dev(&dev1);
	p = open(dev1.path, O_PATH | O_CLOEXEC);
	begin("unregister: set up two open files and an O_PATH handle");
	expect_err(a < 0 ? errno : 0, 0, "open a");
	expect_err(b < 0 ? errno : 0, 0, "open b");
	expect_err(p < 0 ? errno : 0, 0, "open O_PATH");
	if (!end())
		return;

	begin("unregister: waits for an RPC in flight, which completes");
	slow.fd = b;
	rpcs = stat_rpcs();
	err = pthread_create(&th, NULL, slow_rpc_thread, &slow);
	if (expect_err(err, 0, "pthread_create")) {
		expect(wait_rpcs_above(rpcs, 30), "the slow RPC never started");
		read_stats(&s1);
		expect_u64(s1.rpcs_running, 1, "RPCs running before unregister");
		t_start = now();
		err = dbg_write_index("unregister", 1);
		t_done = now();
		read_stats(&s1);
		pthread_join(th, NULL);
		expect_err(err, 0, "writing unregister");
		expect_u64(s1.rpcs_running, 0, "RPCs running once unregister returned");
		expect_err(slow.err, 0, "the slow RPC");
		expect_u64(slow.reply.op, FWCTL_TEST_OP_DELAY, "reply op");
		printf("# unregister took %.3f s\n", t_done - t_start);
	} else {
		err = dbg_write_index("unregister", 1);
	}
	end();

	read_stats(&s1);
	begin("unregister: close_uctx called for each open file");
	expect_u64(s1.closed - s0.closed, 2, "close_uctx calls");
	expect_u64(s1.active, s0.active, "active uctx");
	expect(!strcmp(s1.dev[1], "-"), "driver still has dev1 %s",
	       s1.dev[1]);
	end();

	test_err("unregister: INFO on an open file is ENODEV",
		 do_info(a, &reply, sizeof(reply), NULL, NULL), ENODEV);
	test_err("unregister: RPC on an open file is ENODEV",
		 do_status(a, 0, &reply), ENODEV);
	test_err("unregister: RPC on the file used by the slow RPC is ENODEV",
		 do_status(b, FWCTL_RPC_DEBUG_READ_ONLY, &reply), ENODEV);
	test_err("unregister: INFO with device_data_len 0 is ENODEV",
		 do_info(a, NULL, 0, NULL, NULL), ENODEV);
	test_err("unregister: unknown ioctl is still ENOTTY",
		 xioctl(a, _IO(FWCTL_TYPE, 2), &reply), ENOTTY);

	begin("unregister: /sys/class/fwctl entry and /dev node are gone");
	snprintf(path, sizeof(path), SYSCLASS "/%s", old.name);
	expect(access(path, F_OK) && errno == ENOENT, "%s still exists", path);
	expect(find_dev(1, &d) == ENOENT, "fwctl_test.1 still has %s", d.name);
	fd = open(old.path, O_RDWR | O_CLOEXEC);
	err = fd < 0 ? errno : 0;
	if (fd >= 0)
		close(fd);
	expect(err == ENOENT || err == ENODEV,
	       "open %s: expected ENOENT or ENODEV got %s", old.path,
	       ename(err));
	end();

	begin("unregister: open() of the gone device through an O_PATH handle is ENODEV");
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", p);
	fd = open(proc, O_RDWR | O_CLOEXEC);
	err = fd < 0 ? errno : 0;
	if (fd >= 0)
		close(fd);
	expect_err(err, ENODEV, "open");
	end();

	begin("unregister: close works and does not call close_uctx again");
	expect_err(close(a) ? errno : 0, 0, "close a");
	expect_err(close(b) ? errno : 0, 0, "close b");
	close(p);
	read_stats(&s2);
	expect_u64(s2.closed - s1.closed, 0, "close_uctx calls");
	expect_u64(s2.opened - s1.opened, 0, "open_uctx calls");
	expect_u64(s2.active, s0.active, "active uctx");
	end();

	begin("re-register: a new fwctl device works");
	err = dbg_write_index("register", 1);
	if (expect_err(err, 0, "writing register") &&
	    expect_err(find_dev(1, &dev1), 0, "finding fwctl_test.1")) {
		fd = open_dev(&dev1);
		if (expect_err(fd < 0 ? errno : 0, 0, "open")) {
			expect_err(do_status(fd, 0, &reply), 0, "FWCTL_RPC");
			expect_u64(reply.dev_index, 1, "dev_index");
			expect_err(do_info(fd, NULL, 0, NULL, NULL), 0,
				   "FWCTL_INFO");
			close(fd);
		}
	}
	read_stats(&s3);
	expect_u64(s3.active, s0.active, "active uctx");
	end();
	printf("# unregistered %s, re-registered as %s\n", old.name,
	       dev1.name);
}

/* many threads racing an unregister */

#define STRESS_FD_THREADS 16
#define STRESS_OPEN_THREADS 4

/* Set once the unregister returned; read by the threads racing it. */
static int unregistered;

struct stress {
	int fd;
	const char *path;
	int id;
	long ok, enodev, other, late_ok, flip, after;
	int other_err;
	const char *other_what;
};

static void stress_result(struct stress *s, int err, const char *what)
{
	if (!err) {
		s->ok++;
	} else if (err == ENODEV) {
		s->enodev++;
	} else if (!s->other++) {
		s->other_err = err;
		s->other_what = what;
	}
}

static void *stress_fd_thread(void *arg)
{
	struct stress *s = arg;
	struct fwctl_test_reply reply;
	struct fwctl_test_info info;
	unsigned int i;

	for (i = 0;; i++) {
		int late = __atomic_load_n(&unregistered, __ATOMIC_ACQUIRE);
		int err;
		__u32 len;

		switch ((i + s->id) % 4) {
		case 0:
			err = do_op(s->fd, i % 2, FWCTL_TEST_OP_DELAY,
				    5 + s->id % 20, &reply, sizeof(reply),
				    &len);
			break;
		case 1:
			err = do_status(s->fd, i % 2, &reply);
			break;
		case 2:
			err = do_info(s->fd, &info, sizeof(info), NULL, NULL);
			break;
		default:
			err = do_op(s->fd, 0, FWCTL_TEST_OP_LARGE, 3000,
				    s->id % 2 ? NULL : &info,
				    s->id % 2 ? 0 : sizeof(info), &len);
			break;
		}
		if (s->enodev && !err)
			s->flip++;
		stress_result(s, err, "ioctl");
		if (late && !err)
			s->late_ok++;
		if (s->enodev && ++s->after > 8)
			break;
	}
	return NULL;
}

static void *stress_open_thread(void *arg)
{
	struct stress *s = arg;
	struct fwctl_test_reply reply;

	for (;;) {
		int late = __atomic_load_n(&unregistered, __ATOMIC_ACQUIRE);
		int fd = open(s->path, O_RDWR | O_CLOEXEC);
		int err;

		if (fd < 0) {
			err = errno;
			/* the node or the cdev may be gone or going */
			if (err == ENOENT || err == ENODEV || err == ENXIO) {
				s->enodev++;
				if (late)
					break;
				continue;
			}
			stress_result(s, err, "open");
			break;
		}
		err = do_status(fd, 0, &reply);
		stress_result(s, err, "ioctl");
		if (late && !err)
			s->late_ok++;
		if (close(fd))
			stress_result(s, errno, "close");
		if (late)
			break;
	}
	return NULL;
}

static void t_stress(void)
{
	struct stress st[STRESS_FD_THREADS + STRESS_OPEN_THREADS];
	pthread_t th[STRESS_FD_THREADS + STRESS_OPEN_THREADS];
	int nthreads = STRESS_FD_THREADS + STRESS_OPEN_THREADS;
	long ok = 0, enodev = 0, other = 0, late_ok = 0, flip = 0;
	struct stats s0, s1, s2;
	struct tdev d;
	int shared, i, err = 0, started = 0, ret;
	double t0;

	read_stats(&s0);
	shared = open_dev(&dev1);
	memset(st, 0, sizeof(st));
	for (i = 0; i < nthreads; i++) {
		st[i].id = i;
		if (i < STRESS_FD_THREADS / 2)
			st[i].fd = shared;
		else if (i < STRESS_FD_THREADS)
			st[i].fd = open_dev(&dev1);
		else
			st[i].path = dev1.path;
	}

	begin("stress: 20 threads racing an unregister get success or ENODEV, never hang");
	for (i = 0; i < STRESS_FD_THREADS; i++)
		expect(st[i].fd >= 0, "open: %s", ename(errno));
	if (cur_failed)
		return (void)end();
	for (i = 0; i < nthreads; i++) {
		void *(*fn)(void *) = i < STRESS_FD_THREADS ?
			stress_fd_thread : stress_open_thread;

		ret = pthread_create(&th[i], NULL, fn, &st[i]);
		if (ret) {
			expect_err(ret, 0, "pthread_create");
			break;
		}
		started = i + 1;
	}
	t0 = now();
	while (now() - t0 < 0.7)
		sleep_ms(50);
	err = dbg_write_index("unregister", 1);
	__atomic_store_n(&unregistered, 1, __ATOMIC_RELEASE);
	for (i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	read_stats(&s1);
	expect_err(err, 0, "writing unregister");
	for (i = 0; i < started; i++) {
		ok += st[i].ok;
		enodev += st[i].enodev;
		other += st[i].other;
		late_ok += st[i].late_ok;
		flip += st[i].flip;
		if (st[i].other)
			expect(false, "thread %d: %s returned %s", i,
			       st[i].other_what, ename(st[i].other_err));
		if (i < STRESS_FD_THREADS)
			expect(st[i].enodev > 0, "thread %d never saw ENODEV",
			       i);
	}
	expect_u64(late_ok, 0, "successful calls started after unregister");
	expect_u64(flip, 0, "successful calls after an ENODEV on the same file");
	expect(ok > 0, "no call succeeded before the unregister");
	end();
	printf("# stress: %ld ok, %ld ENODEV/gone, %ld other\n", ok, enodev,
	       other);

	begin("stress: after the race every uctx was closed exactly once");
	for (i = 0; i < STRESS_FD_THREADS; i++)
		if (st[i].fd >= 0 && st[i].fd != shared)
			close(st[i].fd);
	close(shared);
	read_stats(&s2);
	expect_u64(s2.closed - s1.closed, 0, "close_uctx calls after unregister");
	expect_u64(s2.active, s0.active, "active uctx");
	expect_u64(s2.closed - s0.closed, s2.opened - s0.opened,
		   "close_uctx calls against open_uctx calls");
	end();

	begin("stress: re-register after the race works");
	err = dbg_write_index("register", 1);
	if (expect_err(err, 0, "writing register") &&
	    expect_err(find_dev(1, &d), 0, "finding fwctl_test.1")) {
		struct fwctl_test_reply reply;
		int fd = open_dev(&d);

		dev1 = d;
		if (expect_err(fd < 0 ? errno : 0, 0, "open")) {
			expect_err(do_status(fd, 0, &reply), 0, "FWCTL_RPC");
			close(fd);
		}
	}
	end();
}

/*
 * The driver may go away with files open: they return ENODEV, and the
 * core module stays pinned until they are closed.
 */
static void t_rmmod(void)
{
	struct fwctl_test_reply reply;
	struct stats s;
	int fd1, err;

	if (read_stats(&s)) {
		test_skip("rmmod fwctl_test with open files", "no stats");
		return;
	}
	fd1 = open_dev(&dev1);

	begin("rmmod: fwctl_test unloads while files are open");
	err = syscall(SYS_delete_module, "fwctl_test", O_NONBLOCK) ? errno : 0;
	expect_err(err, 0, "delete_module(fwctl_test)");
	end();
	if (err)
		goto out;

	begin("rmmod: open files get ENODEV");
	expect_err(do_status(fd0, 0, &reply), ENODEV, "RPC");
	expect_err(do_info(fd0, NULL, 0, NULL, NULL), ENODEV, "INFO");
	if (fd1 >= 0)
		expect_err(do_status(fd1, 0, &reply), ENODEV, "RPC dev1");
	expect_u64(count_test_devs(), 0, "fwctl_test devices left");
	end();

	begin("rmmod: fwctl.ko stays loaded while its files are open");
	err = syscall(SYS_delete_module, "fwctl", O_NONBLOCK) ? errno : 0;
	expect_err(err, EWOULDBLOCK, "delete_module(fwctl)");
	end();

	begin("rmmod: close after the driver is gone");
	expect_err(close(fd0) ? errno : 0, 0, "close");
	fd0 = -1;
	if (fd1 >= 0)
		expect_err(close(fd1) ? errno : 0, 0, "close dev1");
	fd1 = -1;
	end();
out:
	if (fd1 >= 0)
		close(fd1);
}

/*
 * core_test --taint-full, run by suite.sh after it reloaded fwctl: the
 * audit line comes once per load (the kernel is tainted since the first
 * run), and says "full access" when the first debug write was
 * DEBUG_WRITE_FULL.
 */
static void t_taint_full(void)
{
	struct fwctl_test_reply reply;
	char line[512] = "";
	int kfd, total, mine, err;

	begin("taint: a new fwctl load on a tainted kernel");
	expect_err(find_dev(0, &dev0), 0, "fwctl_test.0");
	expect(read_tainted() & (1UL << TAINT_USER_BIT),
	       "tainted %lu lacks bit %d: not after the main run", read_tainted(),
	       TAINT_USER_BIT);
	if (!end())
		return;
	fd0 = open_dev(&dev0);
	test_err("open /dev/fwctl/fwctlN", fd0 < 0 ? errno : 0, 0);
	if (fd0 < 0)
		return;
	kfd = kmsg_open();

	begin("RPC: first DEBUG_WRITE_FULL of this load logs \"" TAINT_TEXT_FULL "\" once");
	err = do_status(fd0, FWCTL_RPC_DEBUG_WRITE_FULL, &reply);
	if (expect_err(err, 0, "DEBUG_WRITE_FULL") &&
	    expect(kfd >= 0, "open /dev/kmsg: %s", ename(errno))) {
		total = kmsg_count(kfd, getpid(), "core_test", &mine, line,
				   sizeof(line));
		expect_u64(mine, 1, "log lines with \"" TAINT_LINE "\", \"core_test\" and our pid");
		expect_u64(total, 1, "log lines with \"" TAINT_LINE "\"");
		if (mine)
			expect(strstr(line, TAINT_TEXT_FULL),
			       "expected \"..." TAINT_TEXT_FULL "\" got \"%s\"",
			       line);
	}
	if (end())
		printf("# log: %s\n", line);

	begin("RPC: a later DEBUG_WRITE of the same load logs nothing");
	err = do_status(fd0, FWCTL_RPC_DEBUG_WRITE, &reply);
	if (expect_err(err, 0, "DEBUG_WRITE") && kfd >= 0)
		expect_u64(kmsg_count(kfd, getpid(), "core_test", &mine, NULL,
				      0), 0, "new \"" TAINT_LINE "\" log lines");
	end();
	if (kfd >= 0)
		close(kfd);
}

/*
 * core_test --7x, run by suite.sh with fwctl_test7 loaded: a driver
 * written against the 7.x API (typed allocators and all) works.
 */
static void t_7x(void)
{
	__u32 in[3] = { 1, 2, 0xfffffffe }, out[4], type, len;
	struct fwctl_info_pds info;
	struct tdev d;
	int fd, err;

	begin("7.x driver: fwctl_test7.0 has a fwctl class device");
	expect_err(find_parent("fwctl_test7.0", &d), 0, "fwctl_test7.0");
	if (!end())
		return;
	fd = open_dev(&d);
	test_err("7.x driver: open", fd < 0 ? errno : 0, 0);
	if (fd < 0)
		return;

	begin("7.x driver: FWCTL_INFO is PDS with a kzalloc_obj()'d fwctl_info_pds");
	memset(&info, 0xa5, sizeof(info));
	err = do_info(fd, &info, sizeof(info), &type, &len);
	if (expect_err(err, 0, "FWCTL_INFO")) {
		expect_u64(type, FWCTL_DEVICE_TYPE_PDS, "out_device_type");
		expect_u64(len, sizeof(info), "device_data_len");
		expect_u64(info.uctx_caps,
			   (1U << PDS_FWCTL_QUERY_CAP) | (1U << PDS_FWCTL_SEND_CAP),
			   "uctx_caps");
	}
	end();

	begin("7.x driver: FWCTL_RPC answers from a kmalloc_objs() buffer");
	memset(out, 0, sizeof(out));
	err = do_rpc(fd, FWCTL_RPC_CONFIGURATION, in, sizeof(in), out,
		     sizeof(out), &len);
	if (expect_err(err, 0, "FWCTL_RPC")) {
		expect_u64(len, sizeof(in), "out_len");
		expect(out[0] == 2 && out[1] == 3 && out[2] == 0xffffffff &&
		       out[3] == 0, "answer %x %x %x %x", out[0], out[1],
		       out[2], out[3]);
	}
	end();

	begin("7.x driver: its ERR_PTR reaches userspace (EINVAL)");
	expect_err(do_rpc(fd, FWCTL_RPC_CONFIGURATION, in, 6, out, sizeof(out),
			  &len), EINVAL, "in_len 6");
	end();
	close(fd);
}

int main(int argc, char **argv)
{
	bool no_rmmod = argc > 1 && !strcmp(argv[1], "--no-rmmod");
	bool taint_full = argc > 1 && !strcmp(argv[1], "--taint-full");
	bool x7 = argc > 1 && !strcmp(argv[1], "--7x");

	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGALRM, on_alarm);
	signal(SIGPIPE, SIG_IGN);
	watchdog(TIMEOUT_S, NULL);
	page_size = sysconf(_SC_PAGESIZE);

	if (x7) {
		t_7x();
		finish();
		return n_failed ? 1 : 0;
	}
	if (access(DEBUGFS "/stats", R_OK))
		die("fwctl_test debugfs (load fwctl_test, mount debugfs)");

	if (taint_full) {
		t_taint_full();
		if (fd0 >= 0)
			close(fd0);
		finish();
		return n_failed ? 1 : 0;
	}
	t_discovery();
	t_info();
	t_sizes();
	t_enotty();
	t_efault();
	t_rpc_lengths();
	t_rpc_ops();
	t_scopes_privileged();
	t_opens();
	watchdog(60, "unregister with open files");
	t_unregister();
	watchdog(60, "the unregister race");
	t_stress();
	watchdog(TIMEOUT_S, NULL);
	if (!no_rmmod)
		t_rmmod();
	if (fd0 >= 0)
		close(fd0);

	finish();
	return n_failed ? 1 : 0;
}
