// SPDX-License-Identifier: GPL-2.0
/*
 * stress: lifetime and privilege scenarios for fwctl, one per subcommand.
 *
 *   stress privilege
 *	node mode 0600 root; uid 65534 cannot open it; without
 *	CAP_SYS_RAWIO DEBUG_WRITE_FULL is EPERM (also on a file root opened);
 *	the first DEBUG_WRITE taints the kernel with one new flag and one log
 *	line. Run it first in a boot.
 *   stress taint-once
 *	at the end of a boot: the log line was printed exactly once.
 *   stress unregister-inflight [ROUNDS THREADS DELAY_MS]
 *	unregister a fwctl_test device while threads sleep inside FWCTL_RPC.
 *   stress rmmod-inflight [ROUNDS THREADS DELAY_MS]
 *	the same, by unloading fwctl_test.
 *   stress cycles CYCLES
 *	load/open/unload sequences of fwctl, fwctl_test and, when given, the
 *	mlx5 modules, in every order the dependencies allow, with unload
 *	attempts while files are open and a thread racing open()s.
 *   stress scm-rights
 *	files passed over SCM_RIGHTS outlive their opener, in flight, in a
 *	unix socket garbage cycle, and across unregister.
 *   stress mlx5-inflight [THREADS DELAY_MS [no-remove]]
 *	remove (PCI hot unplug) and reload every mlx5_mock function while
 *	threads run RPCs on its fwctl device against a slow firmware.
 *   stress memory [FILES CYCLES]
 *	memory per open file and per device is bounded; device numbers and
 *	driver contexts are given back.
 *
 * Modules are named with --mod NAME=PATH (fwctl, fwctl_test, and for the
 * mlx5 sequences mlx5_core, mlx5_mock, fwctl_mlx5_test), before the
 * subcommand. Every check prints "ok N - ..." or "not ok N - ..."; the
 * last line is "N passed, N failed". Exit status 0 only when all passed.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/capability.h>

#include <fwctl/fwctl.h>
#include "../core/fwctl_test.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define TEST_DEBUGFS "/sys/kernel/debug/fwctl_test"
#define MOCK_DEBUGFS "/sys/kernel/debug/mlx5_mock"
#define TAINT_LINE "requested debug write access"
#define TAINT_LINE_FULL "requested full access"
/* TAINT_USER, the substitute before 6.15, and upstream's TAINT_FWCTL. */
#define TAINT_BIT_USER 6
#define TAINT_BIT_FWCTL 19

static unsigned int passed, failed;

static void __attribute__((format(printf, 2, 3)))
check(bool cond, const char *fmt, ...)
{
	va_list ap;

	printf("%s %u - ", cond ? "ok" : "not ok", passed + failed + 1);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	if (cond)
		passed++;
	else
		failed++;
}

static void __attribute__((format(printf, 1, 2))) note(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void msleep(unsigned int ms)
{
	usleep(ms * 1000);
}

/* ---- files of the kernel ------------------------------------------------ */

static int write_str(const char *path, const char *fmt, ...)
{
	char buf[64];
	va_list ap;
	int fd, len, ret = 0;

	va_start(ap, fmt);
	len = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, buf, len) != len)
		ret = -errno;
	close(fd);
	return ret;
}

/* Value of "@key N" in the fwctl_test stats, -1 if missing. */
static long test_stat(const char *key)
{
	char line[128], k[64];
	long v, ret = -1;
	FILE *f = fopen(TEST_DEBUGFS "/stats", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%63s %ld", k, &v) == 2 && !strcmp(k, key))
			ret = v;
	fclose(f);
	return ret;
}

/* /dev/fwctl/fwctlN of fwctl_test device @index into @path; false if none. */
static bool test_node(unsigned int index, char *path, size_t len)
{
	char line[128], key[16], want[16], name[64];
	bool found = false;
	FILE *f = fopen(TEST_DEBUGFS "/stats", "r");

	if (!f)
		return false;
	snprintf(want, sizeof(want), "dev%u", index);
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%15s %63s", key, name) == 2 &&
		    !strcmp(key, want) && strcmp(name, "-")) {
			snprintf(path, len, "/dev/fwctl/%.40s", name);
			found = true;
		}
	}
	fclose(f);
	return found;
}

/* The mock function behind fwctl node @name, -1 if not a mock one. */
static int mock_fn_of(const char *name)
{
	char p[300], link[PATH_MAX], *m;
	ssize_t n;

	snprintf(p, sizeof(p), "/sys/class/fwctl/%s/device", name);
	n = readlink(p, link, sizeof(link) - 1);
	if (n < 0)
		return -1;
	link[n] = 0;
	m = strstr(link, "/mlx5mock.");
	return m ? atoi(m + 10) : -1;
}

/* The fwctl node of mock function @fn (any, if @fn < 0) into @path. */
static bool mock_fn_node(int fn, char *path, size_t len)
{
	struct dirent *de;
	bool found = false;
	DIR *d = opendir("/sys/class/fwctl");

	if (!d)
		return false;
	while (!found && (de = readdir(d))) {
		int m = de->d_name[0] != '.' ? mock_fn_of(de->d_name) : -1;

		if (m >= 0 && (fn < 0 || m == fn)) {
			snprintf(path, len, "/dev/fwctl/%.40s", de->d_name);
			found = true;
		}
	}
	closedir(d);
	return found;
}

static unsigned long tainted(void)
{
	unsigned long t = 0;
	FILE *f = fopen("/proc/sys/kernel/tainted", "r");

	if (f) {
		if (fscanf(f, "%lu", &t) != 1)
			t = 0;
		fclose(f);
	}
	return t;
}

/* Kernel log records containing @needle, from the start of the buffer. */
static int kmsg_count(const char *needle)
{
	char rec[8192];
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	int n = 0;

	if (fd < 0)
		return -1;
	for (;;) {
		ssize_t len = read(fd, rec, sizeof(rec) - 1);

		if (len < 0 && errno == EPIPE)
			continue;	/* overwritten records: go on */
		if (len <= 0)
			break;
		rec[len] = 0;
		if (strstr(rec, needle))
			n++;
	}
	close(fd);
	return n;
}

/* ---- ioctls ------------------------------------------------------------------ */

static int do_info(int fd, uint32_t *type, struct fwctl_test_info *ti)
{
	struct fwctl_test_info buf = {};
	struct fwctl_info info = {
		.size = sizeof(info),
		.device_data_len = sizeof(buf),
		.out_device_data = (uintptr_t)&buf,
	};

	if (ioctl(fd, FWCTL_INFO, &info))
		return errno;
	if (type)
		*type = info.out_device_type;
	if (ti)
		*ti = buf;
	return 0;
}

/* An RPC of the test firmware; 0 or the errno. */
static int test_rpc(int fd, uint32_t scope, uint32_t op, uint32_t arg,
		    struct fwctl_test_reply *rep)
{
	struct fwctl_test_req req = { .op = op, .arg = arg };
	struct fwctl_test_reply buf = {};
	struct fwctl_rpc rpc = {
		.size = sizeof(rpc),
		.scope = scope,
		.in_len = sizeof(req),
		.out_len = sizeof(buf),
		.in = (uintptr_t)&req,
		.out = (uintptr_t)&buf,
	};

	if (ioctl(fd, FWCTL_RPC, &rpc))
		return errno;
	if (rep)
		*rep = buf;
	return 0;
}

/* An mlx5 NOP (0x80d, allowed from DEBUG_READ_ONLY); 0 or the errno. */
static int mlx5_nop(int fd)
{
	uint32_t in[4] = { htobe32(0x80d << 16) }, out[4] = {};
	struct fwctl_rpc rpc = {
		.size = sizeof(rpc),
		.scope = FWCTL_RPC_DEBUG_READ_ONLY,
		.in_len = sizeof(in),
		.out_len = sizeof(out),
		.in = (uintptr_t)in,
		.out = (uintptr_t)out,
	};

	return ioctl(fd, FWCTL_RPC, &rpc) ? errno : 0;
}

/* ---- capabilities -------------------------------------------------------------- */

static void drop_cap(int cap)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];

	if (syscall(SYS_capget, &h, d))
		_exit(100);
	d[cap / 32].effective &= ~(1U << (cap % 32));
	d[cap / 32].permitted &= ~(1U << (cap % 32));
	if (syscall(SYS_capset, &h, d))
		_exit(101);
}

static void become_nobody(void)
{
	if (setgroups(0, NULL) || setgid(65534) || setuid(65534))
		_exit(102);
}

/* Run @fn(@arg) in a child; its exit code, or 128 + signal. */
static int in_child(int (*fn)(void *), void *arg)
{
	pid_t pid = fork();
	int status;

	if (pid < 0)
		return 127;
	if (!pid) {
		fflush(stdout);
		_exit(fn(arg));
	}
	if (waitpid(pid, &status, 0) < 0)
		return 127;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* ---- privilege ------------------------------------------------------------------- */

static const char *g_path;
static int g_fd = -1;

static int child_nobody_open(void *arg)
{
	int flags = *(int *)arg, fd;

	become_nobody();
	fd = open(g_path, flags);
	if (fd >= 0)
		return 0;
	return errno == EACCES ? 1 : 2;
}

/* Without CAP_SYS_RAWIO: errno of a DEBUG_WRITE_FULL, 200+ if scope 1 failed. */
static int child_nocap_rpc(void *arg)
{
	bool nobody = *(bool *)arg;
	int fd = g_fd, err;

	if (nobody) {
		become_nobody();
	} else {
		drop_cap(CAP_SYS_RAWIO);
		fd = open(g_path, O_RDWR);
		if (fd < 0)
			return 210;
	}
	if (test_rpc(fd, FWCTL_RPC_DEBUG_READ_ONLY, FWCTL_TEST_OP_STATUS, 0, NULL))
		return 200;
	if (do_info(fd, NULL, NULL))
		return 201;
	err = test_rpc(fd, FWCTL_RPC_DEBUG_WRITE_FULL, FWCTL_TEST_OP_STATUS, 0,
		       NULL);
	return err;
}

static int child_debug_write(void *arg)
{
	int fd = open(g_path, O_RDWR);

	(void)arg;
	if (fd < 0)
		return 210;
	return test_rpc(fd, FWCTL_RPC_DEBUG_WRITE, FWCTL_TEST_OP_STATUS, 0, NULL);
}

static int cmd_privilege(int argc, char **argv)
{
	int rdwr = O_RDWR, rdonly = O_RDONLY, ret, lines, bits;
	unsigned long t0, t1, t2, fresh;
	char path[64];
	struct stat st;
	bool nobody;

	(void)argc;
	(void)argv;
	if (!test_node(0, path, sizeof(path))) {
		check(false, "fwctl_test device 0 is registered");
		return 1;
	}
	g_path = path;

	memset(&st, 0, sizeof(st));
	ret = stat(path, &st);
	check(!ret && S_ISCHR(st.st_mode) &&
	      (st.st_mode & 07777) == 0600 && st.st_uid == 0 && st.st_gid == 0,
	      "%s is a char device, mode 0600 root:root (mode %o uid %u gid %u)",
	      path, st.st_mode & 07777, st.st_uid, st.st_gid);

	ret = in_child(child_nobody_open, &rdwr);
	check(ret == 1, "uid 65534 cannot open it read-write: EACCES (child %d)", ret);
	ret = in_child(child_nobody_open, &rdonly);
	check(ret == 1, "uid 65534 cannot open it read-only: EACCES (child %d)", ret);

	t0 = tainted();
	lines = kmsg_count(TAINT_LINE);
	check(lines == 0, "no debug-write log line yet this boot (%d)", lines);

	nobody = false;
	ret = in_child(child_nocap_rpc, &nobody);
	check(ret == EPERM, "root without CAP_SYS_RAWIO: DEBUG_WRITE_FULL is EPERM, READ_ONLY works (child %d)",
	      ret);

	g_fd = open(path, O_RDWR | O_CLOEXEC);
	check(g_fd >= 0, "root opens %s", path);
	nobody = true;
	ret = in_child(child_nocap_rpc, &nobody);
	check(ret == EPERM, "uid 65534 holding root's file: DEBUG_WRITE_FULL is EPERM, READ_ONLY works (child %d)",
	      ret);

	check(tainted() == t0, "refused and read-only RPCs do not taint (%#lx)",
	      tainted());

	ret = test_rpc(g_fd, FWCTL_RPC_DEBUG_WRITE, FWCTL_TEST_OP_STATUS, 0, NULL);
	t1 = tainted();
	fresh = t1 & ~t0;
	bits = __builtin_popcountl(fresh);
	check(!ret && bits == 1 &&
	      (fresh == 1UL << TAINT_BIT_USER || fresh == 1UL << TAINT_BIT_FWCTL),
	      "the first DEBUG_WRITE taints with one flag, U or J (rpc %d, taint %#lx -> %#lx)",
	      ret, t0, t1);
	check(kmsg_count(TAINT_LINE) == 1, "and logs one line naming the process");

	ret = test_rpc(g_fd, FWCTL_RPC_DEBUG_WRITE_FULL, FWCTL_TEST_OP_STATUS, 0, NULL);
	check(!ret, "DEBUG_WRITE_FULL with CAP_SYS_RAWIO works (%d)", ret);
	ret = in_child(child_debug_write, NULL);
	check(!ret, "another process's DEBUG_WRITE works (%d)", ret);
	t2 = tainted();
	lines = kmsg_count(TAINT_LINE);
	check(t2 == t1 && lines == 1,
	      "later debug writes add no flag and no line (taint %#lx, %d lines)",
	      t2, lines);
	close(g_fd);
	return failed ? 1 : 0;
}

/* ---- modules ----------------------------------------------------------------------- */

struct mod {
	char name[32];
	char path[PATH_MAX];
};

static struct mod mods[8];
static unsigned int nmods;

static const char *mod_path(const char *name)
{
	unsigned int i;

	for (i = 0; i < nmods; i++)
		if (!strcmp(mods[i].name, name))
			return mods[i].path;
	return NULL;
}

static bool mod_loaded(const char *name)
{
	char p[128];

	snprintf(p, sizeof(p), "/sys/module/%s/initstate", name);
	return !access(p, F_OK);
}

static int mod_load(const char *name, const char *params)
{
	const char *path = mod_path(name);
	int fd, ret = 0;

	if (!path)
		return -ENOENT;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (syscall(SYS_finit_module, fd, params ? params : "", 0))
		ret = -errno;
	close(fd);
	return ret;
}

static int mod_unload(const char *name)
{
	return syscall(SYS_delete_module, name, O_NONBLOCK) ? -errno : 0;
}

/* Unload, retrying while a racing opener holds a file for a moment. */
static int mod_unload_wait(const char *name)
{
	int i, ret = 0;

	for (i = 0; i < 500; i++) {
		ret = mod_unload(name);
		if (ret != -EAGAIN && ret != -EBUSY)
			break;
		msleep(10);
	}
	return ret;
}

static void unload_all(void)
{
	static const char *const order[] = {
		"fwctl_mlx5_test", "mlx5_mock", "fwctl_test", "fwctl",
		"mlx5_core",
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(order); i++)
		if (mod_loaded(order[i]) && mod_path(order[i]))
			mod_unload_wait(order[i]);
}

/*
 * The line is logged once per load of fwctl.ko: a boot that reloads the
 * module may hold several, in either wording.  So this runs on a fresh load,
 * after everything else: a full-access write, then debug writes from this
 * and another process, must add exactly one line, worded for full access.
 */
static int cmd_taint_once(int argc, char **argv)
{
	char path[64];
	int before, full_before, lines, full, fd, ret;

	(void)argc;
	(void)argv;
	if (mod_loaded("fwctl")) {
		check(false, "fwctl is not loaded before taint-once");
		return 1;
	}
	before = kmsg_count(TAINT_LINE) + kmsg_count(TAINT_LINE_FULL);
	full_before = kmsg_count(TAINT_LINE_FULL);
	ret = mod_load("fwctl", NULL);
	if (!ret)
		ret = mod_load(FWCTL_TEST_NAME, NULL);
	check(!ret, "fwctl and fwctl_test load (%d)", ret);
	if (ret || !test_node(0, path, sizeof(path))) {
		check(false, "fwctl_test device 0 is registered");
		unload_all();
		return 1;
	}
	fd = open(path, O_RDWR | O_CLOEXEC);
	check(fd >= 0, "root opens %s", path);
	ret = test_rpc(fd, FWCTL_RPC_DEBUG_WRITE_FULL, FWCTL_TEST_OP_STATUS, 0, NULL);
	check(!ret, "DEBUG_WRITE_FULL works on the fresh load (%d)", ret);
	ret = test_rpc(fd, FWCTL_RPC_DEBUG_WRITE, FWCTL_TEST_OP_STATUS, 0, NULL);
	check(!ret, "DEBUG_WRITE works after it (%d)", ret);
	g_path = path;
	ret = in_child(child_debug_write, NULL);
	check(!ret, "another process's DEBUG_WRITE works (%d)", ret);
	close(fd);
	lines = kmsg_count(TAINT_LINE) + kmsg_count(TAINT_LINE_FULL) - before;
	full = kmsg_count(TAINT_LINE_FULL) - full_before;
	check(lines == 1 && full == 1,
	      "one taint line for this load, worded for full access (%d lines, %d full)",
	      lines, full);
	unload_all();
	check(!mod_loaded("fwctl"), "fwctl unloads after taint-once");
	return failed ? 1 : 0;
}

/* ---- unregister and rmmod with RPCs in flight ------------------------------------- */

struct inflight {
	int fd;
	unsigned int delay;
	pthread_t thread;
	unsigned int ok, enodev, bad;
	int bad_err;
	bool stop;
};

static void *inflight_thread(void *arg)
{
	struct inflight *t = arg;

	while (!__atomic_load_n(&t->stop, __ATOMIC_RELAXED)) {
		struct fwctl_test_reply rep = {};
		int err = test_rpc(t->fd, FWCTL_RPC_DEBUG_READ_ONLY,
				   FWCTL_TEST_OP_DELAY, t->delay, &rep);

		if (!err && rep.magic == FWCTL_TEST_MAGIC) {
			t->ok++;
		} else if (err == ENODEV) {
			/* Gone for good: everything else is ENODEV too. */
			t->enodev++;
			if (do_info(t->fd, NULL, NULL) != ENODEV ||
			    test_rpc(t->fd, 0, FWCTL_TEST_OP_STATUS, 0, NULL) != ENODEV) {
				t->bad++;
				t->bad_err = -1;
			}
			break;
		} else {
			t->bad++;
			t->bad_err = err;
			break;
		}
	}
	return NULL;
}

static int inflight_rounds(int argc, char **argv, bool by_rmmod)
{
	unsigned int rounds = argc > 1 ? atoi(argv[1]) : 5;
	unsigned int nthreads = argc > 2 ? atoi(argv[2]) : 8;
	unsigned int delay = argc > 3 ? atoi(argv[3]) : 200;
	unsigned int r, i;

	for (r = 0; r < rounds; r++) {
		struct inflight *t = calloc(nthreads, sizeof(*t));
		unsigned int ok = 0, enodev = 0, bad = 0;
		long rpcs0, opened0, closed0, active;
		char path[64];
		int shared, ret, fd;
		double t0, took;

		if (!t)
			return 1;
		if (!test_node(0, path, sizeof(path))) {
			check(false, "round %u: fwctl_test device 0 registered", r);
			free(t);
			return 1;
		}
		opened0 = test_stat("opened");
		closed0 = test_stat("closed");
		shared = open(path, O_RDWR | O_CLOEXEC);
		for (i = 0; i < nthreads; i++) {
			/* Half the threads share one file. */
			t[i].fd = i % 2 ? dup(shared) : open(path, O_RDWR | O_CLOEXEC);
			t[i].delay = delay;
		}
		rpcs0 = test_stat("rpcs");
		for (i = 0; i < nthreads; i++)
			pthread_create(&t[i].thread, NULL, inflight_thread, &t[i]);
		/* Until every thread is in the firmware at least once. */
		for (i = 0; i < 2000 && test_stat("rpcs") < rpcs0 + nthreads; i++)
			msleep(5);
		msleep(delay / 3);

		t0 = now();
		if (by_rmmod)
			ret = mod_unload(FWCTL_TEST_NAME);
		else
			ret = write_str(TEST_DEBUGFS "/unregister", "0");
		took = now() - t0;
		for (i = 0; i < nthreads; i++) {
			pthread_join(t[i].thread, NULL);
			ok += t[i].ok;
			enodev += t[i].enodev;
			bad += t[i].bad;
			if (t[i].bad)
				note("thread %u: errno %d", i, t[i].bad_err);
		}
		check(!ret, "round %u: %s with %u threads inside FWCTL_RPC: %d, %.2fs (each RPC sleeps %ums)",
		      r, by_rmmod ? "rmmod fwctl_test" : "unregister", nthreads,
		      ret, took, delay);
		check(took < delay / 1000.0 * 3 + 30,
		      "round %u: it waited for the running RPCs only", r);
		check(!bad && enodev == nthreads,
		      "round %u: in-flight RPCs completed (%u), then every thread got ENODEV (%u/%u), nothing else (%u)",
		      r, ok, enodev, nthreads, bad);
		if (!by_rmmod) {
			active = test_stat("active");
			check(active == 0,
			      "round %u: unregister closed every driver context with files still open (active %ld)",
			      r, active);
		}
		fd = open(path, O_RDWR | O_CLOEXEC);
		check(fd < 0 && (errno == ENOENT || errno == ENODEV || errno == ENXIO),
		      "round %u: open of the gone device fails (%s)", r,
		      fd < 0 ? strerror(errno) : "opened");
		if (fd >= 0)
			close(fd);
		for (i = 0; i < nthreads; i++)
			close(t[i].fd);
		close(shared);
		if (by_rmmod) {
			ret = mod_load(FWCTL_TEST_NAME, NULL);
			check(!ret, "round %u: fwctl_test loads again (%d)", r, ret);
		} else {
			check(test_stat("opened") - opened0 ==
			      test_stat("closed") - closed0,
			      "round %u: each context was closed exactly once (opened %ld closed %ld)",
			      r, test_stat("opened") - opened0,
			      test_stat("closed") - closed0);
			ret = write_str(TEST_DEBUGFS "/register", "0");
			check(!ret, "round %u: device 0 registers again (%d)", r, ret);
		}
		free(t);
	}
	return failed ? 1 : 0;
}

static int cmd_unregister_inflight(int argc, char **argv)
{
	return inflight_rounds(argc, argv, false);
}

static int cmd_rmmod_inflight(int argc, char **argv)
{
	if (!mod_path(FWCTL_TEST_NAME)) {
		check(false, "--mod fwctl_test=PATH given");
		return 1;
	}
	return inflight_rounds(argc, argv, true);
}

/* ---- mlx5: hot unplug and reload with RPCs in flight ---------------------------------- */

struct mlx5_thread {
	int fd;
	bool stop;
	pthread_t thread;
	unsigned int ok, gone, bad;
	int bad_err;
	int info_err;	/* FWCTL_INFO once RPCs said ENODEV */
};

static void *mlx5_thread(void *arg)
{
	struct mlx5_thread *t = arg;

	for (;;) {
		int err = mlx5_nop(t->fd);

		if (!err) {
			t->ok++;
		} else if (err == ENODEV) {
			t->gone++;
			t->info_err = do_info(t->fd, NULL, NULL);
			break;
		} else {
			t->bad++;
			t->bad_err = err;
			break;
		}
		if (__atomic_load_n(&t->stop, __ATOMIC_RELAXED))
			break;
	}
	return NULL;
}

static long mock_violations(void)
{
	long v = -1;
	FILE *f = fopen(MOCK_DEBUGFS "/violations", "r");

	if (f) {
		if (fscanf(f, "%ld", &v) != 1)
			v = -1;
		fclose(f);
	}
	return v;
}

/*
 * For every mock function with a fwctl device: threads loop on RPCs the
 * slowed-down firmware answers, and the function goes away underneath
 * them, by PCI removal or by a reload; every thread must then get ENODEV
 * and the firmware must see nothing it should not.
 */
static int cmd_mlx5_inflight(int argc, char **argv)
{
	unsigned int nthreads = argc > 1 ? atoi(argv[1]) : 4;
	unsigned int delay = argc > 2 ? atoi(argv[2]) : 100;
	bool no_remove = argc > 3 && !strcmp(argv[3], "no-remove");
	static const char *const how[] = { "remove", "reload" };
	unsigned int fn, h, i, tested = 0;
	char path[64], file[96];

	if (mock_violations() < 0) {
		printf("# no mlx5_mock: nothing to do\n");
		return 0;
	}
	for (fn = 0; fn < 8; fn++) {
		for (h = no_remove; h < ARRAY_SIZE(how); h++) {
			struct mlx5_thread *t;
			unsigned int ok = 0, gone = 0, bad = 0, info_ok = 0;
			long v0 = mock_violations();
			double t0, took;
			int ret;

			if (!mock_fn_node(fn, path, sizeof(path)))
				break;
			t = calloc(nthreads, sizeof(*t));
			if (!t)
				return 1;
			snprintf(file, sizeof(file), MOCK_DEBUGFS "/fn%u/delay_ms", fn);
			write_str(file, "%u", delay);
			for (i = 0; i < nthreads; i++) {
				t[i].fd = open(path, O_RDWR | O_CLOEXEC);
				pthread_create(&t[i].thread, NULL, mlx5_thread, &t[i]);
			}
			msleep(delay * 2);
			t0 = now();
			if (h == 0) {
				ret = write_str(MOCK_DEBUGFS "/remove", "%u", fn);
			} else {
				snprintf(file, sizeof(file), MOCK_DEBUGFS "/fn%u/reload", fn);
				ret = write_str(file, "1");
			}
			took = now() - t0;
			/* Each thread's next RPC must see the function gone. */
			msleep(delay * 3 + 1000);
			for (i = 0; i < nthreads; i++)
				__atomic_store_n(&t[i].stop, true, __ATOMIC_RELAXED);
			for (i = 0; i < nthreads; i++) {
				pthread_join(t[i].thread, NULL);
				ok += t[i].ok;
				gone += t[i].gone;
				bad += t[i].bad;
				info_ok += t[i].gone && !t[i].info_err;
				if (t[i].bad)
					note("thread %u: errno %d", i, t[i].bad_err);
				close(t[i].fd);
			}
			free(t);
			check(!ret && !bad && gone == nthreads,
			      "fn%u %s with %u threads in RPCs (firmware %ums): %.2fs, %u answered, then ENODEV for all (%u), nothing else (%u)",
			      fn, how[h], nthreads, delay, took, ok, gone, bad);
			/*
			 * A removed device answers nothing but ENODEV. A reload
			 * retires the files of a shim device in the driver only
			 * (the uid died with the firmware context), so FWCTL_INFO,
			 * which does not reach the firmware, may still answer.
			 */
			if (h == 0)
				check(!info_ok, "fn%u: after the removal FWCTL_INFO is ENODEV too (%u answered)",
				      fn, info_ok);
			else if (info_ok)
				note("fn%u: after the reload FWCTL_INFO still answers on %u of %u files",
				     fn, info_ok, nthreads);
			if (h == 0)
				ret = write_str(MOCK_DEBUGFS "/add", "%u", fn);
			snprintf(file, sizeof(file), MOCK_DEBUGFS "/fn%u/delay_ms", fn);
			write_str(file, "0");
			check(!ret && mock_violations() == v0,
			      "fn%u back after the %s, the firmware saw nothing wrong (violations %ld -> %ld)",
			      fn, how[h], v0, mock_violations());
			tested++;
		}
	}
	check(tested > 0, "%u times a mock function with a fwctl device went away under RPCs",
	      tested);
	return failed ? 1 : 0;
}

/* ---- load/open/unload cycles ---------------------------------------------------------- */

/*
 * A sequence is a string of steps:
 *   L<m>  load module m, U<m> unload it, !<m> unloading it must fail now
 *   O / o open the fwctl_test / an mlx5_mock device, R / r RPC on it,
 *   E / e ioctls on it give ENODEV, C / c close it
 * with modules a fwctl, b fwctl_test, k mlx5_core, m mlx5_mock,
 * t fwctl_mlx5_test.
 */
static const char *const core_seqs[] = {
	"La Lb O R C Ub Ua",
	"La Lb O R Ub E C Ua",
	"La Lb O Ub E !a C Ua",
	"La Lb O !a Ub E !a C Ua",
	"La Lb O Ub Lb E C O R C Ub Ua",
	"La Lb Ub Ua",
	"La Ua",
	"La Lb O R C O R Ub E C Ua",
};

static const char *const mlx5_seqs[] = {
	"Lk La Lm Lt o r c Ut Um Ua Uk",
	"La Lk Lm Lt o r Ut e c Um Uk Ua",
	"Lk Lm La Lt o !a !m !k Ut e !a c Um Ua Uk",
	"Lk La Lb Lm Lt O o R r Ub E Ut e C c Um Ua Uk",
};

static const char *mod_of(char c)
{
	switch (c) {
	case 'a': return "fwctl";
	case 'b': return FWCTL_TEST_NAME;
	case 'k': return "mlx5_core";
	case 'm': return "mlx5_mock";
	case 't': return "fwctl_mlx5_test";
	default: return NULL;
	}
}

struct racer {
	pthread_t thread;
	bool stop;
	unsigned long opens, bad;
	char bad_what[512];
};

/* Open, query and close every node there is, over and over. */
static void *racer_thread(void *arg)
{
	struct racer *rc = arg;

	while (!__atomic_load_n(&rc->stop, __ATOMIC_RELAXED)) {
		struct dirent *de;
		DIR *d = opendir("/dev/fwctl");

		if (!d) {
			msleep(1);
			continue;
		}
		while ((de = readdir(d))) {
			char p[300];
			int fd, err;

			if (strncmp(de->d_name, "fwctl", 5))
				continue;
			snprintf(p, sizeof(p), "/dev/fwctl/%s", de->d_name);
			fd = open(p, O_RDWR | O_CLOEXEC);
			if (fd < 0) {
				if (errno != ENOENT && errno != ENODEV &&
				    errno != ENXIO && !rc->bad++)
					snprintf(rc->bad_what, sizeof(rc->bad_what),
						 "open %s: %s", p, strerror(errno));
				continue;
			}
			rc->opens++;
			err = do_info(fd, NULL, NULL);
			if (err && err != ENODEV && !rc->bad++)
				snprintf(rc->bad_what, sizeof(rc->bad_what),
					 "INFO %s: %s", p, strerror(err));
			close(fd);
		}
		closedir(d);
	}
	return NULL;
}

/* Run one sequence; false (with a note) at the first step that went wrong. */
static bool run_seq(const char *seq, char *why, size_t len)
{
	int fd_test = -1, fd_mock = -1, err;
	const char *p = seq;
	char path[64];
	bool ok = true;

	while (ok && *p) {
		char op = *p++, arg = *p ? *p : 0;
		const char *m = mod_of(arg);
		unsigned int i;

		if (op == ' ')
			continue;
		switch (op) {
		case 'L':
			p++;
			err = mod_load(m, NULL);
			if (err) {
				snprintf(why, len, "load %s: %s", m, strerror(-err));
				ok = false;
			}
			break;
		case 'U':
			p++;
			err = mod_unload_wait(m);
			if (err || mod_loaded(m)) {
				snprintf(why, len, "unload %s: %s", m, strerror(-err));
				ok = false;
			}
			break;
		case '!':
			p++;
			err = mod_unload(m);
			if ((err != -EAGAIN && err != -EBUSY) || !mod_loaded(m)) {
				snprintf(why, len, "unload %s while in use: %s, want EAGAIN/EBUSY",
					 m, err ? strerror(-err) : "succeeded");
				ok = false;
			}
			break;
		case 'O':
		case 'o':
			for (i = 0; i < 200; i++) {
				if (op == 'O' ? test_node(0, path, sizeof(path)) :
						mock_fn_node(-1, path, sizeof(path)))
					break;
				msleep(10);
			}
			err = open(path, O_RDWR | O_CLOEXEC);
			if (i == 200 || err < 0) {
				snprintf(why, len, "open %s device: %s",
					 op == 'O' ? "test" : "mock",
					 i == 200 ? "none" : strerror(errno));
				ok = false;
				break;
			}
			if (op == 'O')
				fd_test = err;
			else
				fd_mock = err;
			err = do_info(err, NULL, NULL);
			if (err) {
				snprintf(why, len, "INFO: %s", strerror(err));
				ok = false;
			}
			break;
		case 'R':
		case 'r':
			err = op == 'R' ?
			      test_rpc(fd_test, 0, FWCTL_TEST_OP_STATUS, 0, NULL) :
			      mlx5_nop(fd_mock);
			if (err) {
				snprintf(why, len, "RPC: %s", strerror(err));
				ok = false;
			}
			break;
		case 'E':
		case 'e':
			err = op == 'E' ?
			      test_rpc(fd_test, 0, FWCTL_TEST_OP_STATUS, 0, NULL) :
			      mlx5_nop(fd_mock);
			if (err != ENODEV ||
			    do_info(op == 'E' ? fd_test : fd_mock, NULL, NULL) != ENODEV) {
				snprintf(why, len, "ioctl after removal: %s, want ENODEV",
					 strerror(err));
				ok = false;
			}
			break;
		case 'C':
		case 'c':
			if (close(op == 'C' ? fd_test : fd_mock)) {
				snprintf(why, len, "close: %s", strerror(errno));
				ok = false;
			}
			if (op == 'C')
				fd_test = -1;
			else
				fd_mock = -1;
			break;
		default:
			snprintf(why, len, "bad step '%c'", op);
			ok = false;
			break;
		}
	}
	if (fd_test >= 0)
		close(fd_test);
	if (fd_mock >= 0)
		close(fd_mock);
	return ok;
}

static int cmd_cycles(int argc, char **argv)
{
	unsigned int cycles = argc > 1 ? atoi(argv[1]) : 200;
	const char *seqs[ARRAY_SIZE(core_seqs) + ARRAY_SIZE(mlx5_seqs)];
	unsigned int nseqs = 0, i, c, bad = 0;
	unsigned int runs[ARRAY_SIZE(seqs)] = {};
	bool mlx5 = mod_path("mlx5_core") && mod_path("mlx5_mock") &&
		    mod_path("fwctl_mlx5_test");
	struct racer rc = {};
	double t0 = now();
	char why[256];

	if (!mod_path("fwctl") || !mod_path(FWCTL_TEST_NAME)) {
		check(false, "--mod fwctl=PATH and --mod fwctl_test=PATH given");
		return 1;
	}
	for (i = 0; i < ARRAY_SIZE(core_seqs); i++)
		seqs[nseqs++] = core_seqs[i];
	for (i = 0; mlx5 && i < ARRAY_SIZE(mlx5_seqs); i++)
		seqs[nseqs++] = mlx5_seqs[i];
	if (!mlx5)
		note("no mlx5 modules given: core sequences only");

	unload_all();
	pthread_create(&rc.thread, NULL, racer_thread, &rc);
	for (c = 0; c < cycles; c++) {
		i = c % nseqs;
		runs[i]++;
		if (!run_seq(seqs[i], why, sizeof(why))) {
			if (bad++ < 10)
				note("cycle %u, \"%s\": %s", c, seqs[i], why);
			unload_all();
		}
		/* Nothing may be left behind by a sequence. */
		if (mod_loaded("fwctl") || mod_loaded(FWCTL_TEST_NAME) ||
		    mod_loaded("fwctl_mlx5_test") || mod_loaded("mlx5_mock")) {
			if (bad++ < 10)
				note("cycle %u left modules loaded", c);
			unload_all();
		}
	}
	__atomic_store_n(&rc.stop, true, __ATOMIC_RELAXED);
	pthread_join(rc.thread, NULL);

	for (i = 0; i < nseqs; i++)
		note("%3u x %s", runs[i], seqs[i]);
	check(!bad, "%u load/open/unload cycles over %u sequences in %.0fs (%u failed)",
	      cycles, nseqs, now() - t0, bad);
	check(!rc.bad, "a racing opener saw only ENOENT/ENODEV/ENXIO (%lu opens, %lu bad%s%s)",
	      rc.opens, rc.bad, rc.bad ? ": " : "", rc.bad_what);

	/* Leave fwctl and fwctl_test loaded for what follows. */
	unload_all();
	if (mod_load("fwctl", NULL) || mod_load(FWCTL_TEST_NAME, NULL))
		check(false, "fwctl and fwctl_test load again after the cycles");
	return failed ? 1 : 0;
}

/* ---- SCM_RIGHTS -------------------------------------------------------------------------- */

static int send_fd(int sock, int fd)
{
	char data = 'f';
	struct iovec iov = { .iov_base = &data, .iov_len = 1 };
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u = {};
	struct msghdr msg = {
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = u.buf,
		.msg_controllen = sizeof(u.buf),
	};
	struct cmsghdr *cm = CMSG_FIRSTHDR(&msg);

	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	return sendmsg(sock, &msg, 0) == 1 ? 0 : -errno;
}

static int recv_fd(int sock)
{
	char data;
	struct iovec iov = { .iov_base = &data, .iov_len = 1 };
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	struct msghdr msg = {
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = u.buf,
		.msg_controllen = sizeof(u.buf),
	};
	struct cmsghdr *cm;
	int fd;

	if (recvmsg(sock, &msg, MSG_CMSG_CLOEXEC) != 1)
		return -1;
	cm = CMSG_FIRSTHDR(&msg);
	if (!cm || cm->cmsg_type != SCM_RIGHTS)
		return -1;
	memcpy(&fd, CMSG_DATA(cm), sizeof(int));
	return fd;
}

/* The opener: open, report the uctx id through the socket, pass, exit. */
static int sender(int sock, const char *path, bool close_socket_first)
{
	struct fwctl_test_info ti;
	pid_t pid = fork();
	int status, fd;

	if (pid < 0)
		return -1;
	if (!pid) {
		fd = open(path, O_RDWR | O_CLOEXEC);
		if (fd < 0 || do_info(fd, NULL, &ti) ||
		    write(sock, &ti.uctx_id, sizeof(ti.uctx_id)) != sizeof(ti.uctx_id) ||
		    send_fd(sock, fd))
			_exit(1);
		close(fd);
		if (close_socket_first)
			close(sock);
		_exit(0);
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static bool active_back_to(long want)
{
	int i;

	for (i = 0; i < 300; i++) {
		if (test_stat("active") == want)
			return true;
		msleep(10);
	}
	return false;
}

static int cmd_scm_rights(int argc, char **argv)
{
	struct fwctl_test_reply rep;
	struct fwctl_test_info ti;
	uint32_t uctx = 0;
	char path[64];
	long active0;
	int sv[2], fd, ret, cyc[2];

	(void)argc;
	(void)argv;
	if (!test_node(0, path, sizeof(path))) {
		check(false, "fwctl_test device 0 is registered");
		return 1;
	}
	active0 = test_stat("active");

	/* 1: received after the opener exited, then used. */
	socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv);
	ret = sender(sv[1], path, false);
	check(!ret, "opener passed its file and exited (%d)", ret);
	ret = read(sv[0], &uctx, sizeof(uctx)) == sizeof(uctx) ? 0 : -1;
	fd = recv_fd(sv[0]);
	check(!ret && fd >= 0, "receiver got the file after the opener exited");
	ret = do_info(fd, NULL, &ti);
	check(!ret && ti.uctx_id == uctx,
	      "INFO on it: the opener's context (uctx %u, opener's %u, err %d)",
	      ti.uctx_id, uctx, ret);
	ret = test_rpc(fd, FWCTL_RPC_CONFIGURATION, FWCTL_TEST_OP_STATUS, 0, &rep);
	check(!ret && rep.uctx_id == uctx, "RPC on it works (%d, uctx %u)", ret,
	      rep.uctx_id);
	close(fd);
	close(sv[0]);
	close(sv[1]);
	check(active_back_to(active0), "closing it released the context (active %ld)",
	      test_stat("active"));

	/* 2: never received; the socket's end releases it. */
	socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv);
	ret = sender(sv[1], path, true);
	check(!ret && test_stat("active") == active0 + 1,
	      "a file in flight in a socket keeps its context (active %ld)",
	      test_stat("active"));
	close(sv[0]);
	close(sv[1]);
	check(active_back_to(active0),
	      "closing the socket with the file unreceived releases it (active %ld)",
	      test_stat("active"));

	/* 3: unregistered while in flight, received afterwards. */
	socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv);
	ret = sender(sv[1], path, false);
	check(!ret, "opener passed another file and exited (%d)", ret);
	ret = write_str(TEST_DEBUGFS "/unregister", "0");
	check(!ret, "device 0 unregistered with the file in flight (%d)", ret);
	if (read(sv[0], &uctx, sizeof(uctx)) != sizeof(uctx))
		uctx = 0;
	fd = recv_fd(sv[0]);
	ret = do_info(fd, NULL, NULL);
	check(fd >= 0 && ret == ENODEV, "received afterwards, it answers ENODEV (%d)",
	      ret);
	check(!close(fd), "and closes cleanly");
	close(sv[0]);
	close(sv[1]);
	ret = write_str(TEST_DEBUGFS "/register", "0");
	check(!ret, "device 0 registers again (%d)", ret);
	check(active_back_to(active0), "no context left behind (active %ld)",
	      test_stat("active"));

	/*
	 * 4: a garbage cycle: the file rides on a socket that is itself in
	 * flight on its peer; only the unix socket collector frees them.
	 */
	if (!test_node(0, path, sizeof(path)) ||
	    socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, cyc)) {
		check(false, "set up a garbage cycle");
		return 1;
	}
	fd = open(path, O_RDWR | O_CLOEXEC);
	ret = send_fd(cyc[0], fd) || send_fd(cyc[0], cyc[0]) || send_fd(cyc[1], cyc[1]);
	close(fd);
	close(cyc[0]);
	close(cyc[1]);
	check(!ret, "file and sockets sent into a unix socket cycle");
	/* Closing any unix socket runs the collector when fds are in flight. */
	socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv);
	close(sv[0]);
	close(sv[1]);
	check(active_back_to(active0), "the collector released the file (active %ld)",
	      test_stat("active"));
	return failed ? 1 : 0;
}

/* ---- memory ------------------------------------------------------------------------------- */

/*
 * Bytes in allocated slab objects, from /proc/slabinfo: exact where the
 * vmstat counters of /proc/meminfo lag by per-CPU batches.
 */
static long slab_bytes(void)
{
	char line[512], name[64];
	long active, num, size, total = 0;
	FILE *f = fopen("/proc/slabinfo", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%63s %ld %ld %ld", name, &active, &num, &size) == 4 &&
		    name[0] != '#')
			total += active * size;
	fclose(f);
	return total;
}

static int cmd_memory(int argc, char **argv)
{
	unsigned int nfiles = argc > 1 ? atoi(argv[1]) : 2000;
	unsigned int cycles = argc > 2 ? atoi(argv[2]) : 100;
	struct rlimit rl = { nfiles + 64, nfiles + 64 };
	long before, during, opened0, closed0, per_file;
	char path[64], first[64];
	unsigned int i, opened = 0, renamed = 0;
	int *fds = calloc(nfiles, sizeof(int));
	int ret;

	(void)argc;
	if (!fds || !test_node(0, path, sizeof(path))) {
		check(false, "fwctl_test device 0 is registered");
		return 1;
	}
	setrlimit(RLIMIT_NOFILE, &rl);

	/* Per open file. */
	opened0 = test_stat("opened");
	closed0 = test_stat("closed");
	before = slab_bytes();
	for (i = 0; i < nfiles; i++) {
		fds[i] = open(path, O_RDWR | O_CLOEXEC);
		if (fds[i] >= 0 && !do_info(fds[i], NULL, NULL))
			opened++;
	}
	during = slab_bytes();
	per_file = (during - before) / (long)nfiles;
	note("%u files: slab objects %ld -> %ld KiB, %ld bytes per file",
	     nfiles, before >> 10, during >> 10, per_file);
	check(opened == nfiles, "%u files open at once (%u)", nfiles, opened);
	/* struct file, the uctx and the checkers' metadata: a few KiB at most. */
	check(per_file < 16384, "memory per open file is bounded: %ld bytes < 16 KiB",
	      per_file);
	for (i = 0; i < nfiles; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	check(test_stat("opened") - opened0 == nfiles &&
	      test_stat("closed") - closed0 == nfiles,
	      "each of them got and gave back one driver context (opened %ld, closed %ld)",
	      test_stat("opened") - opened0, test_stat("closed") - closed0);

	/*
	 * Per device: unregister and register again, with a file open
	 * across the unregister every other time.
	 */
	snprintf(first, sizeof(first), "%s", path);
	before = slab_bytes();
	for (i = 0; i < cycles; i++) {
		int fd = open(path, O_RDWR | O_CLOEXEC);

		if (fd < 0 || do_info(fd, NULL, NULL))
			break;
		if (i % 2)
			close(fd);
		if (write_str(TEST_DEBUGFS "/unregister", "0") ||
		    write_str(TEST_DEBUGFS "/register", "0") ||
		    !test_node(0, path, sizeof(path)))
			break;
		if (!(i % 2))
			close(fd);
		if (strcmp(path, first))
			renamed++;
	}
	during = slab_bytes();
	note("%u device cycles: slab objects %ld -> %ld KiB (KASAN's quarantine holds freed ones a while)",
	     i, before >> 10, during >> 10);
	check(i == cycles, "%u unregister/register cycles with files open (%u)",
	      cycles, i);
	/*
	 * A file open across unregister keeps its device and number until
	 * it is closed, so the next registration may get another number;
	 * with every file closed, the first number must be free again.
	 */
	note("%u of %u registrations got another number than %s", renamed, i,
	     first);
	/*
	 * With CONFIG_DEBUG_KOBJECT_RELEASE every release runs 1 to 4 s
	 * late, and the number is given back only then: try for 10 s.
	 */
	for (i = 0; i < 10; i++) {
		ret = write_str(TEST_DEBUGFS "/unregister", "0");
		if (!ret)
			ret = write_str(TEST_DEBUGFS "/register", "0");
		if (ret || !test_node(0, path, sizeof(path)) ||
		    !strcmp(path, first))
			break;
		sleep(1);
	}
	check(!ret && test_node(0, path, sizeof(path)) && !strcmp(path, first),
	      "every device was released: %s is free again (got %s)", first,
	      path);

	/*
	 * What a registered device holds: registering 8 devices at once,
	 * nothing freed meanwhile, so KASAN's quarantine does not blur it.
	 */
	if (!mod_path(FWCTL_TEST_NAME)) {
		note("no --mod fwctl_test=PATH: memory per device not measured");
		free(fds);
		return failed ? 1 : 0;
	}
	ret = mod_unload_wait(FWCTL_TEST_NAME);
	if (!ret)
		ret = mod_load(FWCTL_TEST_NAME, "ndevs=8");
	for (i = 0; !ret && i < 8; i++)
		ret = write_str(TEST_DEBUGFS "/unregister", "%u", i);
	before = slab_bytes();
	for (i = 0; !ret && i < 8; i++)
		ret = write_str(TEST_DEBUGFS "/register", "%u", i);
	during = slab_bytes();
	note("8 devices registered: slab objects %ld -> %ld KiB", before >> 10,
	     during >> 10);
	check(!ret && (during - before) / 8 < 65536,
	      "memory per registered device is bounded: %ld bytes < 64 KiB (%d)",
	      (during - before) / 8, ret);
	ret = mod_unload_wait(FWCTL_TEST_NAME);
	if (!ret)
		ret = mod_load(FWCTL_TEST_NAME, NULL);
	check(!ret, "fwctl_test reloads with its defaults (%d)", ret);
	free(fds);
	return failed ? 1 : 0;
}

/* ---- main ----------------------------------------------------------------------------------- */

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
} cmds[] = {
	{ "privilege", cmd_privilege },
	{ "taint-once", cmd_taint_once },
	{ "unregister-inflight", cmd_unregister_inflight },
	{ "rmmod-inflight", cmd_rmmod_inflight },
	{ "cycles", cmd_cycles },
	{ "scm-rights", cmd_scm_rights },
	{ "memory", cmd_memory },
	{ "mlx5-inflight", cmd_mlx5_inflight },
};

int main(int argc, char **argv)
{
	unsigned int i;
	int ret = 2;

	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN);
	while (argc > 2 && !strcmp(argv[1], "--mod")) {
		char *eq = strchr(argv[2], '=');

		if (eq && nmods < ARRAY_SIZE(mods)) {
			snprintf(mods[nmods].name, sizeof(mods[nmods].name), "%.*s",
				 (int)(eq - argv[2]), argv[2]);
			snprintf(mods[nmods].path, sizeof(mods[nmods].path), "%s",
				 eq + 1);
			nmods++;
		}
		argc -= 2;
		argv += 2;
	}
	for (i = 0; argc > 1 && i < ARRAY_SIZE(cmds); i++)
		if (!strcmp(argv[1], cmds[i].name))
			ret = cmds[i].fn(argc - 1, argv + 1);
	if (ret == 2) {
		fprintf(stderr, "usage: stress [--mod NAME=PATH]... COMMAND [ARGS]\n");
		return 2;
	}
	printf("%u passed, %u failed\n", passed, failed);
	return ret;
}
