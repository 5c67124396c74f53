// SPDX-License-Identifier: GPL-2.0
/*
 * fwctl_bench: micro-benchmarks of the fwctl core through the fwctl_test
 * driver (tests/core), run in the guest by tests/bench/run. Every result is
 * one line "BENCH <key> <value>" for the host to turn into ratios.
 *
 *   fwctl_bench latency DEV             no-op ioctls, echo RPCs, plain copies
 *   fwctl_bench threads DEV0 DEV1 SECS  throughput with 1 and 2 threads
 *   fwctl_bench memory DEV N            kernel memory per open file
 *   fwctl_bench time CMD [ARGS]         wall time of a command, in us
 *   fwctl_bench mlx5 SHIM OWN [KEY]     64 B NOP RPCs of fwctl_mlx5 on a
 *                                       shim device and on mlx5_core's own
 *   fwctl_bench mlx5threads DEV SECS KEY  the same with 1 and 2 files
 *
 * The echo op of fwctl_test copies the request into a new reply buffer:
 * the zero-cost firmware used for RPC costs here. The mlx5 commands run on
 * the simulated firmware of tests/mlx5 (mlx5_mock.ko, fwctl_mlx5_test.ko).
 */
#define _GNU_SOURCE
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <fwctl/fwctl.h>
#include "../core/fwctl_test.h"

#define ROUNDS 101
#define ROUND_NS 1000000ULL	/* 1 ms of guest time per round */

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static int open_dev(const char *dev)
{
	char path[256];
	int fd;

	if (dev[0] == '/')
		snprintf(path, sizeof(path), "%s", dev);
	else
		snprintf(path, sizeof(path), "/dev/fwctl/%s", dev);
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		die(path);
	return fd;
}

/* ---- the operations measured ---- */

struct op {
	int fd;
	uint32_t scope;		/* of RPCs; 0 is FWCTL_RPC_CONFIGURATION */
	size_t len;
	void *in, *out;
	int (*fn)(struct op *op);
};

static int op_enotty(struct op *op)
{
	/* An ioctl number the core does not know: syscall and dispatch only. */
	return ioctl(op->fd, _IO(FWCTL_TYPE, 0x7f)) < 0 && errno == ENOTTY ? 0 : -1;
}

static int op_info(struct op *op)
{
	struct fwctl_info info = { .size = sizeof(info) };

	/* No device data: the core answers without calling the driver. */
	return ioctl(op->fd, FWCTL_INFO, &info);
}

static int rpc(struct op *op, uint32_t in_len, uint32_t out_len)
{
	struct fwctl_rpc r = {
		.size = sizeof(r),
		.scope = op->scope,
		.in_len = in_len,
		.out_len = out_len,
		.in = (uintptr_t)op->in,
		.out = (uintptr_t)op->out,
	};

	return ioctl(op->fd, FWCTL_RPC, &r);
}

static int op_info_data(struct op *op)
{
	struct fwctl_info info = {
		.size = sizeof(info),
		.device_data_len = FWCTL_TEST_INFO_LEN,
		.out_device_data = (uintptr_t)op->out,
	};

	/* The driver's info() allocates its blob, the core frees it. */
	return ioctl(op->fd, FWCTL_INFO, &info);
}

/* Echo: len bytes in, the same len bytes back. */
static int op_echo(struct op *op)
{
	return rpc(op, (uint32_t)op->len, (uint32_t)op->len);
}

/* Status: len bytes in, a 32-byte reply: the cost of carrying the request. */
static int op_in_only(struct op *op)
{
	return rpc(op, (uint32_t)op->len, sizeof(struct fwctl_test_reply));
}

/*
 * mlx5 NOP, len bytes in and out: the reply fits the request, so fwctl_mlx5
 * answers in the request's own buffer. The firmware's status must be OK.
 */
#define MLX5_CMD_OP_NOP 0x80d
static int op_mlx5_nop(struct op *op)
{
	if (rpc(op, (uint32_t)op->len, (uint32_t)op->len))
		return -1;
	return *(unsigned char *)op->out ? -1 : 0;
}

/* PRM mailbox header, big-endian: opcode and uid (the driver's), op_mod */
static void fill_mlx5_nop(void *in)
{
	uint32_t hdr[2] = { htobe32((uint32_t)MLX5_CMD_OP_NOP << 16), 0 };

	memcpy(in, hdr, sizeof(hdr));
}

static void fill_echo(void *in)
{
	memcpy(in, &(struct fwctl_test_req){ .op = FWCTL_TEST_OP_ECHO },
	       sizeof(struct fwctl_test_req));
}

/* Baselines: the same bytes copied into the kernel and back out. */
static int op_memfd(struct op *op)
{
	if (pwrite(op->fd, op->in, op->len, 0) != (ssize_t)op->len ||
	    pread(op->fd, op->out, op->len, 0) != (ssize_t)op->len)
		return -1;
	return 0;
}

static int op_zero(struct op *op)
{
	return read(op->fd, op->out, op->len) == (ssize_t)op->len ? 0 : -1;
}

static int op_memcpy(struct op *op)
{
	/* In and out, as the RPC's copy_from_user and copy_to_user do. */
	memcpy(op->out, op->in, op->len);
	__asm__ volatile("" : : "r"(op->out) : "memory");
	memcpy(op->in, op->out, op->len);
	__asm__ volatile("" : : "r"(op->in) : "memory");
	return 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Time per op in ns over ROUNDS short rounds (about 1 ms each): the fastest
 * round in *min, the median in *med. The host may run other work beside
 * QEMU; the fastest of many short rounds is the one it disturbed least.
 */
static void measure(struct op *op, double *min, double *med)
{
	uint64_t iters = 1, per[ROUNDS];
	int r;

	/* Warm up and size a round to about ROUND_NS. */
	for (;;) {
		uint64_t t0 = now_ns(), i;

		for (i = 0; i < iters; i++)
			if (op->fn(op))
				die("benchmark op");
		if (now_ns() - t0 >= ROUND_NS)
			break;
		iters *= 2;
	}
	for (r = 0; r < ROUNDS; r++) {
		uint64_t t0 = now_ns(), i;

		for (i = 0; i < iters; i++)
			if (op->fn(op))
				die("benchmark op");
		per[r] = (now_ns() - t0) * 1000 / iters;	/* in ns/1000 */
	}
	qsort(per, ROUNDS, sizeof(per[0]), cmp_u64);
	*min = per[0] / 1000.0;
	*med = per[ROUNDS / 2] / 1000.0;
}

static void report(const char *key, struct op *op)
{
	double min, med;

	measure(op, &min, &med);
	printf("BENCH %s_ns %.1f\nBENCH %s_med_ns %.1f\n", key, min, key, med);
}

static void *payload(size_t len, uint32_t op)
{
	unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	struct fwctl_test_req req = { .op = op };
	size_t i;

	if (p == MAP_FAILED)
		die("mmap");
	for (i = 0; i < len; i++)
		p[i] = (unsigned char)(i * 13);
	memcpy(p, &req, sizeof(req));
	return p;
}

static int cmd_latency(const char *dev)
{
	static const size_t sizes[] = { 64, 4096, 65536, 2U << 20 };
	struct op op = { .fd = open_dev(dev) };
	int memfd = memfd_create("bench", 0), zero = open("/dev/zero", O_RDONLY);
	char key[64];
	size_t i;

	if (memfd < 0 || zero < 0)
		die("memfd_create or /dev/zero");
	op.fn = op_enotty;
	report("noop_enotty", &op);
	op.fn = op_info;
	report("noop_info", &op);

	/*
	 * The zero-cost firmware: the reply is the request's own buffer (as
	 * upstream mlx5 does when the reply fits), no allocation, no copy.
	 */
	op.len = 64;
	op.in = payload(op.len, FWCTL_TEST_OP_ECHO_INPLACE);
	op.out = payload(op.len, 0);
	op.fn = op_echo;
	report("rpc_inplace_64", &op);
	munmap(op.in, op.len);
	munmap(op.out, op.len);

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		size_t n = sizes[i];
		struct op o = { .fd = op.fd, .len = n };

		o.in = payload(n, FWCTL_TEST_OP_ECHO);
		o.out = payload(n, 0);
		o.fn = op_echo;
		snprintf(key, sizeof(key), "rpc_%zu", n);
		report(key, &o);
		memcpy(o.in, &(struct fwctl_test_req){ .op = FWCTL_TEST_OP_STATUS },
		       sizeof(struct fwctl_test_req));
		o.fn = op_in_only;
		snprintf(key, sizeof(key), "rpc_in_%zu", n);
		report(key, &o);

		/* The memfd keeps its pages: no allocation in the loop. */
		if (ftruncate(memfd, (off_t)n))
			die("ftruncate");
		o.fd = memfd;
		o.fn = op_memfd;
		snprintf(key, sizeof(key), "copy_memfd_%zu", n);
		report(key, &o);
		o.fd = zero;
		o.fn = op_zero;
		snprintf(key, sizeof(key), "copy_zero_%zu", n);
		report(key, &o);
		o.fn = op_memcpy;
		snprintf(key, sizeof(key), "copy_memcpy_%zu", n);
		report(key, &o);
		munmap(o.in, n);
		munmap(o.out, n);
	}
	return 0;
}

/* ---- threads ---- */

struct worker {
	pthread_t th;
	int cpu;
	struct op op;
	volatile bool *stop;
	uint64_t ops;
};

static void *worker_fn(void *arg)
{
	struct worker *w = arg;
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(w->cpu, &set);
	sched_setaffinity(0, sizeof(set), &set);
	while (!*w->stop) {
		if (w->op.fn(&w->op))
			die("worker op");
		w->ops++;
	}
	return NULL;
}

/*
 * Ops per second of @n workers, each on its own open file of devs[i], 64 B
 * requests that @fill makes, at @scope.
 */
static double throughput(int n, const char *const *devs, int (*fn)(struct op *),
			 double secs, void (*fill)(void *in), uint32_t scope)
{
	struct worker w[2];
	volatile bool stop = false;
	uint64_t total = 0, t0, t1;
	int i;

	for (i = 0; i < n; i++) {
		memset(&w[i], 0, sizeof(w[i]));
		w[i].cpu = i;
		w[i].stop = &stop;
		w[i].op.fd = open_dev(devs[i]);
		w[i].op.len = 64;
		w[i].op.scope = scope;
		w[i].op.in = payload(64, 0);
		fill(w[i].op.in);
		w[i].op.out = payload(64, 0);
		w[i].op.fn = fn;
	}
	t0 = now_ns();
	for (i = 0; i < n; i++)
		if (pthread_create(&w[i].th, NULL, worker_fn, &w[i]))
			die("pthread_create");
	usleep((useconds_t)(secs * 1e6));
	stop = true;
	for (i = 0; i < n; i++) {
		pthread_join(w[i].th, NULL);
		total += w[i].ops;
		close(w[i].op.fd);
		munmap(w[i].op.in, 64);
		munmap(w[i].op.out, 64);
	}
	t1 = now_ns();
	return (double)total * 1e9 / (double)(t1 - t0);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/*
 * Windows of each configuration, interleaved, WINDOWS times. Prints the
 * median ops/s of each configuration, the median and best scaling, and the
 * scaling relative to that of the ENOTTY ioctl in the same repetition: a
 * host too busy to run both vCPUs at once holds back both alike.
 */
#define WINDOWS 8
static int cmd_threads(const char *dev0, const char *dev1, double secs)
{
	const char *same[2] = { dev0, dev0 }, *two[2] = { dev0, dev1 };
	static const struct {
		const char *key;
		int n;
		int two_devs;
		int (*fn)(struct op *op);
	} cfg[] = {
		{ "thr1_rpc", 1, 0, op_echo },
		{ "thr2_rpc_samedev", 2, 0, op_echo },
		{ "thr2_rpc_twodevs", 2, 1, op_echo },
		{ "thr1_enotty", 1, 0, op_enotty },
		{ "thr2_enotty", 2, 0, op_enotty },
		{ "thr1_info", 1, 0, op_info },
		{ "thr2_info", 2, 0, op_info },
		{ "thr1_infodata", 1, 0, op_info_data },
		{ "thr2_infodata", 2, 0, op_info_data },
	};
	/* scaling = cfg[num] / cfg[den] */
	static const struct { const char *key; int num, den; } sc[] = {
		{ "scale_rpc_samedev", 1, 0 },
		{ "scale_rpc_twodevs", 2, 0 },
		{ "scale_enotty", 4, 3 },
		{ "scale_info", 6, 5 },
		{ "scale_infodata", 8, 7 },
	};
	const size_t ncfg = sizeof(cfg) / sizeof(cfg[0]), nsc = sizeof(sc) / sizeof(sc[0]);
	double v[9][WINDOWS], s[5][WINDOWS], rel[WINDOWS];
	size_t c, k;
	int w;

	for (w = 0; w < WINDOWS; w++)
		for (c = 0; c < ncfg; c++)
			v[c][w] = throughput(cfg[c].n, cfg[c].two_devs ? two : same,
					     cfg[c].fn, secs, fill_echo,
					     FWCTL_RPC_CONFIGURATION);
	for (k = 0; k < nsc; k++)
		for (w = 0; w < WINDOWS; w++)
			s[k][w] = v[sc[k].num][w] / v[sc[k].den][w];
	/* rpc (same device) and rpc (two devices) against enotty */
	for (k = 0; k < 2; k++) {
		for (w = 0; w < WINDOWS; w++)
			rel[w] = s[k][w] / s[2][w];
		qsort(rel, WINDOWS, sizeof(double), cmp_double);
		printf("BENCH %s_rel %.3f\n", sc[k].key,
		       (rel[WINDOWS / 2 - 1] + rel[WINDOWS / 2]) / 2);
	}
	for (k = 0; k < nsc; k++) {
		qsort(s[k], WINDOWS, sizeof(double), cmp_double);
		printf("BENCH %s %.3f\nBENCH %s_best %.3f\n", sc[k].key,
		       (s[k][WINDOWS / 2 - 1] + s[k][WINDOWS / 2]) / 2, sc[k].key,
		       s[k][WINDOWS - 1]);
	}
	for (c = 0; c < ncfg; c++) {
		qsort(v[c], WINDOWS, sizeof(double), cmp_double);
		printf("BENCH %s_ops %.0f\n", cfg[c].key,
		       (v[c][WINDOWS / 2 - 1] + v[c][WINDOWS / 2]) / 2);
	}
	return 0;
}

/* ---- mlx5 on the simulated firmware ---- */

/*
 * 64 B NOP round trips (DEBUG_READ_ONLY, the scope NOP needs) on a function
 * behind the shim and on one whose mlx5_core has its own fwctl device,
 * measured twice in turn (A B A B) against drift; the better of each.
 */
static int cmd_mlx5(const char *shim, const char *own, const char *key)
{
	static const char *const which[] = { "shim", "own" };
	double min[2] = { 0, 0 }, med[2] = { 0, 0 };
	struct op op[2];
	int i, pass;

	for (i = 0; i < 2; i++) {
		memset(&op[i], 0, sizeof(op[i]));
		op[i].fd = open_dev(i ? own : shim);
		op[i].scope = FWCTL_RPC_DEBUG_READ_ONLY;
		op[i].len = 64;
		op[i].fn = op_mlx5_nop;
		op[i].in = payload(64, 0);
		fill_mlx5_nop(op[i].in);
		op[i].out = payload(64, 0);
	}
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < 2; i++) {
			double mi, me;

			measure(&op[i], &mi, &me);
			if (!pass || mi < min[i])
				min[i] = mi;
			if (!pass || me < med[i])
				med[i] = me;
		}
	for (i = 0; i < 2; i++) {
		printf("BENCH %s_%s_64_ns %.1f\nBENCH %s_%s_64_med_ns %.1f\n",
		       key, which[i], min[i], key, which[i], med[i]);
		munmap(op[i].in, 64);
		munmap(op[i].out, 64);
		close(op[i].fd);
	}
	return 0;
}

/*
 * 64 B NOPs from one thread against two threads on two files of @dev, in
 * interleaved windows as cmd_threads(), and the ENOTTY ioctl's scaling in
 * the same windows. Keys start with @key.
 */
static int cmd_mlx5_threads(const char *dev, double secs, const char *key)
{
	const char *same[2] = { dev, dev };
	double v[4][WINDOWS], s[2][WINDOWS], rel[WINDOWS];
	int c, w;

	for (w = 0; w < WINDOWS; w++)
		for (c = 0; c < 4; c++)
			v[c][w] = throughput(c % 2 + 1, same,
					     c < 2 ? op_mlx5_nop : op_enotty,
					     secs, fill_mlx5_nop,
					     FWCTL_RPC_DEBUG_READ_ONLY);
	for (w = 0; w < WINDOWS; w++) {
		s[0][w] = v[1][w] / v[0][w];
		s[1][w] = v[3][w] / v[2][w];
		rel[w] = s[0][w] / s[1][w];
	}
	qsort(rel, WINDOWS, sizeof(double), cmp_double);
	printf("BENCH %s_scale_rel %.3f\n", key,
	       (rel[WINDOWS / 2 - 1] + rel[WINDOWS / 2]) / 2);
	for (c = 0; c < 2; c++) {
		qsort(s[c], WINDOWS, sizeof(double), cmp_double);
		printf("BENCH %s_%s %.3f\nBENCH %s_%s_best %.3f\n", key,
		       c ? "scale_enotty" : "scale",
		       (s[c][WINDOWS / 2 - 1] + s[c][WINDOWS / 2]) / 2, key,
		       c ? "scale_enotty" : "scale", s[c][WINDOWS - 1]);
	}
	for (c = 0; c < 2; c++) {
		qsort(v[c], WINDOWS, sizeof(double), cmp_double);
		printf("BENCH %s_thr%d_ops %.0f\n", key, c + 1,
		       (v[c][WINDOWS / 2 - 1] + v[c][WINDOWS / 2]) / 2);
	}
	return 0;
}

/* ---- memory per open ---- */

static long meminfo_kb(const char *key)
{
	char line[256];
	size_t kl = strlen(key);
	long v = -1;
	FILE *f = fopen("/proc/meminfo", "re");

	if (!f)
		die("/proc/meminfo");
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, kl) && line[kl] == ':')
			v = strtol(line + kl + 1, NULL, 10);
	fclose(f);
	return v;
}

static void vmstat_refresh(void)
{
	int fd = open("/proc/sys/vm/stat_refresh", O_WRONLY | O_CLOEXEC);

	if (fd >= 0) {
		if (write(fd, "1", 1) < 0)
			perror("stat_refresh");
		close(fd);
	}
	usleep(100000);
}

/* Bytes of allocated slab objects: sum of active_objs * objsize. */
static long slab_object_bytes(void)
{
	char line[512], name[128];
	unsigned long active, num, size;
	long total = 0;
	FILE *f = fopen("/proc/slabinfo", "re");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%127s %lu %lu %lu", name, &active, &num, &size) == 4)
			total += (long)(active * size);
	fclose(f);
	return total;
}

static void open_delta(const char *path, int n, long *slab, long *objs,
		       long *used)
{
	int *fds = calloc((size_t)n, sizeof(int)), i;
	long s0, u0, f0;

	if (!fds)
		die("calloc");
	/* Fold the per-CPU vmstat deltas before each reading. */
	vmstat_refresh();
	s0 = meminfo_kb("Slab");
	u0 = slab_object_bytes();
	f0 = meminfo_kb("MemFree");
	for (i = 0; i < n; i++) {
		fds[i] = open(path, O_RDWR | O_CLOEXEC);
		if (fds[i] < 0)
			die(path);
	}
	vmstat_refresh();
	*slab = meminfo_kb("Slab") - s0;
	*objs = slab_object_bytes() - u0;
	*used = f0 - meminfo_kb("MemFree");
	for (i = 0; i < n; i++)
		close(fds[i]);
	free(fds);
}

static long med3(const long *v)
{
	long a = v[0], b = v[1], c = v[2];

	if (a > b) {
		long t = a;

		a = b;
		b = t;
	}
	return c < a ? a : c > b ? b : c;
}

static int cmd_memory(const char *dev, int n)
{
	struct rlimit rl;
	char path[256];
	long s[3], u[3], m[3], ns[3], nu[3], nm[3];
	int r;

	getrlimit(RLIMIT_NOFILE, &rl);
	if (rl.rlim_cur < (rlim_t)n + 16) {
		rl.rlim_cur = rl.rlim_max = (rlim_t)n + 64;
		if (setrlimit(RLIMIT_NOFILE, &rl))
			die("setrlimit");
	}
	snprintf(path, sizeof(path), "/dev/fwctl/%s", dev);
	/* A first pass grows the fd table; it is not counted. */
	open_delta(path, n, &s[0], &u[0], &m[0]);
	for (r = 0; r < 3; r++) {
		open_delta(path, n, &s[r], &u[r], &m[r]);
		open_delta("/dev/null", n, &ns[r], &nu[r], &nm[r]);
	}
	/* Medians, as bytes per open. */
	printf("BENCH open_n %d\n", n);
	printf("BENCH open_fwctl_slab_bytes %.0f\n", med3(s) * 1024.0 / n);
	printf("BENCH open_fwctl_slabobj_bytes %.0f\n", med3(u) / (double)n);
	printf("BENCH open_fwctl_memfree_bytes %.0f\n", med3(m) * 1024.0 / n);
	printf("BENCH open_null_slab_bytes %.0f\n", med3(ns) * 1024.0 / n);
	printf("BENCH open_null_slabobj_bytes %.0f\n", med3(nu) / (double)n);
	printf("BENCH open_null_memfree_bytes %.0f\n", med3(nm) * 1024.0 / n);
	return 0;
}

/* ---- wall time of a command ---- */

static int cmd_time(char **argv)
{
	uint64_t t0 = now_ns();
	int status;
	pid_t pid = fork();

	if (pid < 0)
		die("fork");
	if (!pid) {
		execvp(argv[0], argv);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		die("waitpid");
	printf("%.0f\n", (now_ns() - t0) / 1000.0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc >= 3 && !strcmp(argv[1], "latency"))
		return cmd_latency(argv[2]);
	if (argc >= 5 && !strcmp(argv[1], "threads"))
		return cmd_threads(argv[2], argv[3], atof(argv[4]));
	if (argc >= 4 && !strcmp(argv[1], "memory"))
		return cmd_memory(argv[2], atoi(argv[3]));
	if (argc >= 3 && !strcmp(argv[1], "time"))
		return cmd_time(argv + 2);
	if (argc >= 4 && !strcmp(argv[1], "mlx5"))
		return cmd_mlx5(argv[2], argv[3], argc >= 5 ? argv[4] : "mlx5");
	if (argc >= 5 && !strcmp(argv[1], "mlx5threads"))
		return cmd_mlx5_threads(argv[2], atof(argv[3]), argv[4]);
	fprintf(stderr,
		"usage: fwctl_bench latency DEV | threads DEV0 DEV1 SECS |\n"
		"       memory DEV N | time CMD [ARGS] | mlx5 SHIM OWN [KEY] |\n"
		"       mlx5threads DEV SECS KEY\n");
	return 2;
}
