// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz: a structured ioctl fuzzer for fwctl character devices.
 *
 * Several processes of several threads each issue FWCTL_INFO, FWCTL_RPC
 * and random ioctls on /dev/fwctl/fwctlN, with random and boundary values
 * in every field and user buffers placed across page boundaries into
 * read-only, PROT_NONE and unmapped pages, in pages another thread keeps
 * remapping, or at kernel and non-canonical addresses. Files are opened,
 * dup()ed and closed at random; with --churn a thread unregisters and
 * re-registers the fwctl_test devices and makes open fail, and removes,
 * re-adds, reloads and fails the mlx5_mock functions, through the test
 * drivers' debugfs files; with --faults, /proc/<tid>/fail-nth fails a
 * random slab allocation or user copy inside some calls.
 *
 * Only devices of the test drivers (parents fwctl_test.N and mlx5mock.N)
 * are touched unless --any-device is given: random mailboxes are not for
 * real hardware.
 *
 * Every call's outcome is checked against a model of the fwctl ioctl rules
 * (tests/README.md, ../shared/fwctl-facts.md) and of the driver's simulated
 * firmware: the errno, and for successful calls the data written back,
 * including guard bytes after every output. Each thread has its own random
 * stream derived from --seed, so a run is repeatable as far as the
 * interleaving of threads allows.
 *
 * A thread that makes no progress for --hang-timeout seconds is reported
 * with its kernel stack, and the run fails; alarm() bounds the whole run.
 *
 * Output ends with "N ioctls" and "N passed, N failed" (one check per
 * ioctl and per open). Exit status 0 only when nothing failed.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
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
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/capability.h>

#include <fwctl/fwctl.h>
#include "../core/fwctl_test.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

#define PAGE 4096UL
#define MAX_RPC_LEN (2U << 20)
#define MAX_PROCS 16
#define MAX_THREADS 16
#define MAX_DEVS 16
#define MAX_FDS 8
#define CANARY 0xa5
#define CANARY_LEN 64
#define MLX5_HDR_LEN 16
#define TEST_DEBUGFS "/sys/kernel/debug/fwctl_test"
#define MOCK_DEBUGFS "/sys/kernel/debug/mlx5_mock"

/* ---- options ------------------------------------------------------------ */

static struct {
	uint64_t seed;
	uint64_t iterations;	/* ioctls in total */
	unsigned int procs;
	unsigned int threads;
	unsigned int duration;	/* seconds, 0: until iterations are done */
	unsigned int hang_timeout;
	unsigned int max_reports;
	bool churn;
	bool mlx5_down;
	bool mlx5_fail;
	bool mlx5_no_remove;
	bool faults;
	bool any_device;
	bool nocap;		/* odd processes drop CAP_SYS_RAWIO */
	bool verbose;
	const char *dir;
} opt = {
	.seed = 1,
	.iterations = 100000,
	.procs = 2,
	.threads = 4,
	.hang_timeout = 120,
	.max_reports = 30,
	.nocap = true,
	.dir = "/dev/fwctl",
};

/* ---- state shared by all processes (MAP_SHARED) ------------------------- */

struct call_desc {
	unsigned long cmd;
	uint32_t size, a, b, c;	/* struct fields as sent */
	uint32_t op, arg;	/* test firmware request, if any */
	int dev;
};

struct slot {
	uint64_t beats;		/* bumped after every call */
	pid_t tid;
	int done;
	struct call_desc now;	/* the call in progress */
};

struct devinfo {
	char name[32];
	int type;		/* enum fwctl_device_type, -1 unknown */
};

struct shared {
	uint64_t ioctls, passed, failed, opens, churns, injected, reports;
	uint64_t churn_beats, mlx5_ok;
	int stop;
	int ndevs;
	struct devinfo devs[MAX_DEVS];
	struct slot slots[MAX_PROCS * MAX_THREADS];
};

static struct shared *sh;

#define ADD(field, n) __atomic_fetch_add(&sh->field, (n), __ATOMIC_RELAXED)

/* ---- random numbers ------------------------------------------------------ */

static uint64_t splitmix(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

struct rng {
	uint64_t s;
};

static uint64_t rnd(struct rng *r)
{
	return splitmix(&r->s);
}

static uint32_t below(struct rng *r, uint64_t n)
{
	return n ? rnd(r) % n : 0;
}

static bool chance(struct rng *r, unsigned int percent)
{
	return below(r, 1000) < percent * 10;
}

static bool permille(struct rng *r, unsigned int n)
{
	return below(r, 1000) < n;
}

/* @len random bytes, eight per draw. */
static void fill_random(struct rng *r, unsigned char *p, size_t len)
{
	while (len >= 8) {
		uint64_t v = rnd(r);

		memcpy(p, &v, 8);
		p += 8;
		len -= 8;
	}
	if (len) {
		uint64_t v = rnd(r);

		memcpy(p, &v, len);
	}
}

static const uint32_t interesting_u32[] = {
	0, 1, 2, 3, 4, 7, 8, 15, 16, 23, 24, 25, 31, 32, 33, 63, 64, 65,
	127, 128, 255, 256, 4095, 4096, 4097, 65535, 65536,
	MAX_RPC_LEN - 1, MAX_RPC_LEN, MAX_RPC_LEN + 1,
	0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff,
};

/* A u32 near @base, or a boundary value, or anything. */
static uint32_t fuzz_u32(struct rng *r, uint32_t base)
{
	switch (below(r, 10)) {
	case 0: case 1: case 2: case 3:
		return base;
	case 4: case 5:
		return interesting_u32[below(r, ARRAY_SIZE(interesting_u32))];
	case 6:
		return base + below(r, 17) - 8;
	case 7:
		return below(r, 256);
	case 8:
		return (1U << below(r, 32)) + below(r, 3) - 1;
	default:
		return rnd(r);
	}
}

/* ---- user memory --------------------------------------------------------

 * Each thread's arena, PAGE-sized slots:
 *
 *	0-1  RW		struct zone
 *	2-3  RW		input zone
 *	4-6  RW		output zone
 *	7    RO		read-only, a RW->RO boundary before it
 *	8    NONE
 *	9    RW
 *	10   hole	unmapped
 *	11   RW
 *	12   NONE
 *
 * plus a 2 MiB + 8 KiB RW "big" region with a PROT_NONE page after it,
 * and, per process, a "flip" page that a thread keeps mprotect()ing,
 * replacing and zapping under everybody's feet.
 */
enum { PROT_RW_, PROT_RO_, PROT_NONE_, PROT_HOLE_ };

enum {
	Z_STRUCT = 0, Z_STRUCT_LEN = 2 * PAGE,
	Z_IN = 2 * PAGE, Z_IN_LEN = 2 * PAGE,
	Z_OUT = 4 * PAGE, Z_OUT_LEN = 3 * PAGE,
	PG_RO = 7, PG_NONE = 8, PG_RW2 = 9, PG_HOLE = 10, PG_RW3 = 11,
	PG_NONE2 = 12, ARENA_PAGES = 13,
};

static const unsigned char arena_prot[ARENA_PAGES] = {
	PROT_RW_, PROT_RW_, PROT_RW_, PROT_RW_, PROT_RW_, PROT_RW_, PROT_RW_,
	PROT_RO_, PROT_NONE_, PROT_RW_, PROT_HOLE_, PROT_RW_, PROT_NONE_,
};

#define BIG_LEN (MAX_RPC_LEN + 2 * PAGE)

struct flip {
	unsigned char *page;
	pthread_t thread;
	struct rng rng;
};

/* The flip page's content: an INFO at 0, an RPC at 64 using 128 and 256. */
enum { FLIP_INFO = 0, FLIP_RPC = 64, FLIP_IN = 128, FLIP_OUT = 256 };

static struct flip flip;

enum place {
	P_GOOD, P_NULL, P_KERNEL, P_NONCANON, P_HOLE, P_RO,
	P_RW_RO, P_RO_NONE, P_RW_HOLE, P_RW_NONE, P_FLIP, P_RANDOM,
	P_BIG_END,
	NR_PLACES
};

static const char *const place_name[NR_PLACES] = {
	"good", "null", "kernel", "noncanon", "hole", "ro", "rw|ro",
	"ro|none", "rw|hole", "rw|none", "flip", "random", "big|none",
};

struct buf {
	uint64_t addr;
	enum place place;
	uint64_t len;		/* bytes the call may touch */
};

struct worker {
	unsigned int proc, index;
	struct slot *slot;
	struct rng rng;
	unsigned char *arena;
	unsigned char *ro_alias;	/* a writable view of the RO page */
	unsigned char *big;
	bool cap_rawio;
	int fail_nth_fd;
	int fds[MAX_FDS];
	int fd_dev[MAX_FDS];
	int fd_type[MAX_FDS];
	uint32_t fd_uctx[MAX_FDS];	/* fwctl_test uctx id, 0 unknown */
	uint64_t ioctls, passed, failed, opens, calls;
	unsigned char img[256];
	/* The test devices as last seen in opt.dir: churn renumbers them. */
	char names[MAX_DEVS][32];
	int nnames;
	unsigned int names_age;
};

static int shared_fds[MAX_DEVS];
static int shared_types[MAX_DEVS];
static bool have_cap_rawio;

/* Access to [addr, addr + len): how many bytes from addr, -1 when unknown. */
static int64_t accessible(struct worker *w, uint64_t addr, uint64_t len,
			  bool write)
{
	uint64_t a = (uintptr_t)w->arena, b = (uintptr_t)w->big;
	uint64_t f = (uintptr_t)flip.page, done = 0;

	if (!len)
		return 0;
	if (addr >= a && addr < a + ARENA_PAGES * PAGE) {
		while (done < len) {
			uint64_t pg = (addr + done - a) / PAGE;
			int prot;

			if (pg >= ARENA_PAGES)
				break;
			prot = arena_prot[pg];
			if (prot == PROT_NONE_ || prot == PROT_HOLE_ ||
			    (write && prot == PROT_RO_))
				break;
			done = a + (pg + 1) * PAGE - addr;
		}
		return MIN(done, len);
	}
	if (addr >= b && addr < b + BIG_LEN)
		return MIN(len, b + BIG_LEN - addr);
	if (addr >= f && addr < f + PAGE)
		return -1;
	/* NULL, kernel and non-canonical addresses never are. */
	if (addr < PAGE || addr >= 0x00007ffffffff000ULL)
		return 0;
	return -1;
}

static void page_prot(struct worker *w, unsigned int pg, int prot)
{
	if (mprotect(w->arena + pg * PAGE, PAGE, prot)) {
		perror("mprotect");
		exit(2);
	}
}

/* Store @len bytes at @addr wherever the arena has memory there. */
static void poke(struct worker *w, uint64_t addr, const void *src,
		 uint64_t len)
{
	uint64_t a = (uintptr_t)w->arena, b = (uintptr_t)w->big, i;
	const unsigned char *s = src;

	for (i = 0; i < len;) {
		uint64_t p = addr + i, pg, n;

		if (p >= b && p < b + BIG_LEN) {
			n = MIN(len - i, b + BIG_LEN - p);
			memcpy((void *)(uintptr_t)p, s + i, n);
			i += n;
			continue;
		}
		if (p < a || p >= a + ARENA_PAGES * PAGE)
			return;
		pg = (p - a) / PAGE;
		n = MIN(len - i, a + (pg + 1) * PAGE - p);
		switch (arena_prot[pg]) {
		case PROT_RW_:
			memcpy((void *)(uintptr_t)p, s + i, n);
			break;
		case PROT_RO_:
			/* Through the writable alias of the same page. */
			memcpy(w->ro_alias + (p - a - pg * PAGE), s + i, n);
			break;
		default:
			break;
		}
		i += n;
	}
}

static void poke_fill(struct worker *w, uint64_t addr, int c, uint64_t len)
{
	uint64_t a = (uintptr_t)w->arena, b = (uintptr_t)w->big;
	unsigned char chunk[512];

	/* Nothing to do past the end of the mapping @addr is in. */
	if (addr >= a && addr < a + ARENA_PAGES * PAGE)
		len = MIN(len, a + ARENA_PAGES * PAGE - addr);
	else if (addr >= b && addr < b + BIG_LEN)
		len = MIN(len, b + BIG_LEN - addr);
	else
		return;

	memset(chunk, c, sizeof(chunk));
	while (len) {
		uint64_t n = MIN(len, sizeof(chunk));

		poke(w, addr, chunk, n);
		addr += n;
		len -= n;
	}
}

/* Offset of the first non-zero byte in readable [addr, addr + len), or -1. */
static int64_t first_nonzero(uint64_t addr, uint64_t len)
{
	const unsigned char *p = (const unsigned char *)(uintptr_t)addr;
	uint64_t i = 0, v;

	for (; i < len && ((uintptr_t)(p + i) & 7); i++)
		if (p[i])
			return i;
	for (; i + 8 <= len; i += 8) {
		memcpy(&v, p + i, 8);
		if (v)
			break;
	}
	for (; i < len; i++)
		if (p[i])
			return i;
	return -1;
}

/* A buffer of @len bytes at a random place; zone @zone of @zone_len for P_GOOD. */
static struct buf place_buf(struct worker *w, uint64_t len, uint64_t zone,
			    uint64_t zone_len, unsigned int hostile)
{
	uint64_t a = (uintptr_t)w->arena, k;
	struct rng *r = &w->rng;
	struct buf b = { .len = len, .place = P_GOOD };
	uint64_t span = MIN(len, 512);

	if (chance(r, hostile))
		b.place = 1 + below(r, NR_PLACES - 1);

	/* How far into the next page a straddling buffer reaches. */
	k = below(r, 4) ? below(r, MIN(span, 40) + 1) : below(r, span + 1);

	switch (b.place) {
	case P_GOOD:
		if (zone == Z_STRUCT && len > zone_len) {
			/* A struct bigger than its zone runs on into the next. */
			b.addr = a + zone + (below(r, zone_len / 8) & ~7ULL);
		} else if (len + CANARY_LEN <= zone_len) {
			uint64_t room = zone_len - len - CANARY_LEN;
			uint64_t off = below(r, room + 1);

			if (chance(r, 80))
				off &= ~7ULL;
			b.addr = a + zone + off;
		} else if (len + CANARY_LEN <= BIG_LEN) {
			b.addr = (uintptr_t)w->big +
				 (below(r, 2) ? 0 :
				  below(r, BIG_LEN - len - CANARY_LEN + 1));
		} else {
			b.addr = (uintptr_t)w->big;
		}
		break;
	case P_NULL:
		b.addr = below(r, 2) ? 0 : below(r, PAGE);
		break;
	case P_KERNEL:
		b.addr = below(r, 2) ? 0xffff888000000000ULL + below(r, 1 << 20) :
				       0xffffffff81000000ULL;
		break;
	case P_NONCANON:
		b.addr = 0x8000000000000000ULL + (rnd(r) & 0xffffffffffffULL);
		break;
	case P_HOLE:
		b.addr = a + PG_HOLE * PAGE + below(r, PAGE);
		break;
	case P_RO:
		b.addr = a + PG_RO * PAGE + below(r, PAGE - MIN(len, PAGE) + 1);
		break;
	case P_RW_RO:
		b.addr = a + PG_RO * PAGE - k;
		break;
	case P_RO_NONE:
		b.addr = a + PG_NONE * PAGE - k;
		break;
	case P_RW_HOLE:
		b.addr = a + PG_HOLE * PAGE - k;
		break;
	case P_RW_NONE:
		b.addr = a + PG_NONE2 * PAGE - k;
		break;
	case P_FLIP:
		b.addr = (uintptr_t)flip.page + below(r, PAGE);
		break;
	case P_RANDOM:
		/* Random, but where nothing of ours is mapped. */
		b.addr = 0x100000000000ULL + (rnd(r) & 0xfffffffffffULL);
		break;
	case P_BIG_END:
		b.addr = (uintptr_t)w->big + BIG_LEN - k;
		break;
	default:
		break;
	}
	return b;
}

static bool overlaps(const struct buf *x, uint64_t xlen, const struct buf *y,
		     uint64_t ylen)
{
	return x->addr < y->addr + ylen && y->addr < x->addr + xlen;
}

/* ---- the flip thread ----------------------------------------------------- */

static void flip_fill(unsigned char *p)
{
	struct fwctl_info info = {
		.size = sizeof(info),
	};
	struct fwctl_rpc rpc = {
		.size = sizeof(rpc),
		.scope = FWCTL_RPC_DEBUG_READ_ONLY,
		.in_len = sizeof(struct fwctl_test_req),
		.out_len = 64,
		.in = (uintptr_t)p + FLIP_IN,
		.out = (uintptr_t)p + FLIP_OUT,
	};
	struct fwctl_test_req req = { .op = FWCTL_TEST_OP_STATUS };

	memcpy(p + FLIP_INFO, &info, sizeof(info));
	memcpy(p + FLIP_RPC, &rpc, sizeof(rpc));
	memcpy(p + FLIP_IN, &req, sizeof(req));
}

static void *flip_thread(void *unused)
{
	struct rng *r = &flip.rng;

	(void)unused;
	while (!__atomic_load_n(&sh->stop, __ATOMIC_RELAXED)) {
		switch (below(r, 4)) {
		case 0:
			mprotect(flip.page, PAGE, PROT_NONE);
			usleep(below(r, 300));
			mprotect(flip.page, PAGE, PROT_READ | PROT_WRITE);
			break;
		case 1:
			mprotect(flip.page, PAGE, PROT_READ);
			usleep(below(r, 300));
			mprotect(flip.page, PAGE, PROT_READ | PROT_WRITE);
			break;
		case 2:
			/* A fresh zero page, never a gap in the mapping. */
			if (mmap(flip.page, PAGE, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1,
				 0) == MAP_FAILED) {
				perror("mmap flip");
				exit(2);
			}
			flip_fill(flip.page);
			break;
		default:
			madvise(flip.page, PAGE, MADV_DONTNEED);
			flip_fill(flip.page);
			break;
		}
		/* Each flip costs TLB shootdowns on every CPU: not too often. */
		usleep(1000 + below(r, 4000));
	}
	return NULL;
}

/* ---- expectations ---------------------------------------------------------- */

#define MAX_ALLOW 24

struct expect {
	int want;		/* errno the rules give (0: success), -1: any */
	int allow[MAX_ALLOW];	/* also tolerated */
	int nallow;
	bool check_data;	/* success must carry the modelled data */
	const char *why;	/* the rule that gave @want */
};

static void allow(struct expect *e, int err)
{
	int i;

	for (i = 0; i < e->nallow; i++)
		if (e->allow[i] == err)
			return;
	if (e->nallow < MAX_ALLOW)
		e->allow[e->nallow++] = err;
}

static bool expected(const struct expect *e, int err)
{
	int i;

	if (e->want == -1 || e->want == err)
		return true;
	for (i = 0; i < e->nallow; i++)
		if (e->allow[i] == err)
			return true;
	return false;
}

static void want(struct expect *e, int err, const char *why)
{
	e->want = err;
	e->why = why;
}

/* ---- reporting ------------------------------------------------------------- */

/* What a call was, rendered only when it failed. */
struct call {
	const char *what;	/* INFO, RPC, ioctl, open */
	unsigned long cmd;
	uint32_t size, a, b, c;	/* INFO: flags ddl; RPC: scope in_len out_len */
	enum place p0, p1, p2;	/* struct, data/in, out */
	int type, op;
	const char *path;
};

static const char *describe(const struct call *c)
{
	static __thread char buf[320];

	if (c->path)
		snprintf(buf, sizeof(buf), "open %s", c->path);
	else if (c->cmd == FWCTL_INFO)
		snprintf(buf, sizeof(buf),
			 "INFO size=%u flags=%#x ddl=%u struct@%s data@%s type=%d",
			 c->size, c->a, c->b, place_name[c->p0],
			 place_name[c->p1], c->type);
	else if (c->cmd == FWCTL_RPC)
		snprintf(buf, sizeof(buf),
			 "RPC size=%u scope=%u in_len=%u out_len=%u struct@%s in@%s out@%s type=%d op=%d",
			 c->size, c->a, c->b, c->c, place_name[c->p0],
			 place_name[c->p1], place_name[c->p2], c->type, c->op);
	else
		snprintf(buf, sizeof(buf), "cmd=%#lx arg@%s", c->cmd,
			 place_name[c->p0]);
	return buf;
}

static void out_line(const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	n = MIN(n, (int)sizeof(line) - 2);
	line[n++] = '\n';
	/* One write per line: lines of several processes do not mix. */
	if (write(STDOUT_FILENO, line, n) < 0)
		return;
}

static const char *errname(int err)
{
	static __thread char buf[16];

	switch (err) {
	case 0: return "success";
	case EPERM: return "EPERM";
	case ENOENT: return "ENOENT";
	case EIO: return "EIO";
	case ENXIO: return "ENXIO";
	case E2BIG: return "E2BIG";
	case EBADF: return "EBADF";
	case EAGAIN: return "EAGAIN";
	case ENOMEM: return "ENOMEM";
	case EACCES: return "EACCES";
	case EFAULT: return "EFAULT";
	case EBUSY: return "EBUSY";
	case ENODEV: return "ENODEV";
	case EINVAL: return "EINVAL";
	case ENOTTY: return "ENOTTY";
	case ENOSPC: return "ENOSPC";
	case ENOMSG: return "ENOMSG";
	case EBADMSG: return "EBADMSG";
	case EMSGSIZE: return "EMSGSIZE";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	case ETIMEDOUT: return "ETIMEDOUT";
	case EREMOTEIO: return "EREMOTEIO";
	case -1: return "anything";
	default:
		snprintf(buf, sizeof(buf), "errno %d", err);
		return buf;
	}
}

static void report(struct worker *w, const char *what, const char *fmt, ...)
{
	char detail[768];
	va_list ap;

	w->failed++;
	if (__atomic_fetch_add(&sh->reports, 1, __ATOMIC_RELAXED) >=
	    opt.max_reports)
		return;
	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	out_line("fuzz: FAIL p%u.t%u call %" PRIu64 " %s: %s", w->proc,
		 w->index, w->calls, what, detail);
}

static void judge(struct worker *w, const char *what, int err,
		  const struct expect *e, const struct call *c)
{
	if (expected(e, err)) {
		w->passed++;
		return;
	}
	report(w, what, "got %s, want %s (%s) [%s]", errname(err),
	       errname(e->want), e->why ? e->why : "?", describe(c));
}

/* ---- fault injection ----------------------------------------------------- */

static bool inject(struct worker *w, struct expect *e)
{
	char n[16];
	int len;

	if (w->fail_nth_fd < 0 || !chance(&w->rng, 4))
		return false;
	len = snprintf(n, sizeof(n), "%u", 1 + below(&w->rng, 8));
	if (pwrite(w->fail_nth_fd, n, len, 0) != len)
		return false;
	allow(e, ENOMEM);
	allow(e, EFAULT);
	e->check_data = false;
	return true;
}

static void inject_end(struct worker *w)
{
	char n[16] = "";
	int i;

	/*
	 * fail-nth reads 0 once the failure was injected. If the ioctl did
	 * not get that far, the countdown goes on into these very calls:
	 * one of them may then fail with EFAULT, after which it is 0.
	 */
	if (pread(w->fail_nth_fd, n, sizeof(n) - 1, 0) > 0 && atoi(n) == 0)
		ADD(injected, 1);
	for (i = 0; i < 3; i++)
		if (pwrite(w->fail_nth_fd, "0", 1, 0) == 1)
			return;
	perror("fail-nth");
	exit(2);
}

/* ---- the modelled ioctl prologue ------------------------------------------ */

/*
 * The generic path of both ioctls: size read first, EINVAL below the last
 * mandatory field, copy_struct_from_user() rules above the struct size,
 * ENODEV after unregister. Returns false when the outcome is decided.
 */
static bool model_prologue(struct worker *w, const struct buf *s,
			   uint32_t size, uint32_t ksize, struct expect *e)
{
	int64_t r = accessible(w, s->addr, MAX(size, 4), false);

	if (r < 0) {
		/* The flip page: its own content, or a fault. */
		want(e, -1, "flip");
		return false;
	}
	if (r < 4) {
		want(e, EFAULT, "size unreadable");
		return false;
	}
	if (size < ksize) {
		want(e, EINVAL, "size below the last field");
		return false;
	}
	if (size > ksize) {
		int64_t nz = first_nonzero(s->addr + ksize,
					   MIN((uint64_t)r, size) - MIN((uint64_t)r, ksize));

		if (nz >= 0 && (uint64_t)r > ksize) {
			want(e, E2BIG, "non-zero byte past the struct");
			return false;
		}
	}
	if ((uint64_t)r < size) {
		want(e, EFAULT, "struct unreadable");
		return false;
	}
	if (opt.churn)
		allow(e, ENODEV);
	return true;
}

/* ---- FWCTL_INFO ------------------------------------------------------------ */

static uint32_t gen_size(struct rng *r, uint32_t ksize);

static void check_canary(struct worker *w, const char *what, uint64_t addr,
			 uint64_t len, const struct call *c)
{
	const unsigned char *p = (const unsigned char *)(uintptr_t)addr;
	int64_t n = accessible(w, addr, len, true);
	uint64_t i;

	for (i = 0; n > 0 && i < (uint64_t)n; i++) {
		if (p[i] != CANARY) {
			report(w, what, "byte %" PRIu64 " past the output changed (0x%02x) [%s]",
			       i, p[i], describe(c));
			return;
		}
	}
}

static void fuzz_info(struct worker *w, int slot)
{
	struct rng *r = &w->rng;
	struct fwctl_info info = {};
	struct expect e = { .check_data = true };
	uint32_t size, ddl, drv_len;
	struct buf s, d;
	struct call c = { .cmd = FWCTL_INFO };
	bool injected;
	int err, type = w->fd_type[slot];
	int64_t wd;

	size = gen_size(r, sizeof(info));
	ddl = chance(r, 30) ? 0 : fuzz_u32(r, FWCTL_TEST_INFO_LEN);
	if (ddl > 8192 && !permille(r, 20))
		ddl = below(r, 8192);

	info.size = size;
	info.flags = chance(r, 90) ? 0 : fuzz_u32(r, 1);
	info.out_device_type = rnd(r);	/* output only */
	info.device_data_len = ddl;
	s = place_buf(w, MAX(size, 4), Z_STRUCT, Z_STRUCT_LEN, 8);
	d = place_buf(w, ddl, Z_OUT, Z_OUT_LEN, 12);
	info.out_device_data = d.addr;

	/* The struct, then a zero or dirty tail. */
	memset(w->img, 0, sizeof(w->img));
	memcpy(w->img, &info, sizeof(info));
	if (size > sizeof(info) && chance(r, 20))
		w->img[sizeof(info) + below(r, MIN(size - sizeof(info), 200))] =
			1 + below(r, 255);
	if (size > sizeof(w->img))
		poke_fill(w, s.addr + sizeof(w->img), 0,
			  MIN(size - sizeof(w->img), 3 * PAGE));
	poke_fill(w, d.addr, CANARY, (uint64_t)ddl + CANARY_LEN);
	poke(w, s.addr, w->img, MIN(MAX(size, 4), sizeof(w->img)));
	if (overlaps(&s, MAX(size, sizeof(info)), &d, ddl + CANARY_LEN))
		e.check_data = false;

	c = (struct call){ .cmd = FWCTL_INFO, .size = size, .a = info.flags,
			   .b = ddl, .p0 = s.place, .p1 = d.place, .type = type };

	if (!model_prologue(w, &s, size, sizeof(info), &e))
		goto call;
	if (info.flags) {
		want(&e, EOPNOTSUPP, "flags");
		goto call;
	}
	drv_len = type == FWCTL_DEVICE_TYPE_MLX5 ? 8 : FWCTL_TEST_INFO_LEN;
	if (type < 0)
		e.check_data = false;	/* the first INFO on the file */
	if (ddl) {
		wd = accessible(w, d.addr, ddl, true);
		if (wd < 0) {
			allow(&e, EFAULT);
			e.check_data = false;
		} else if ((uint64_t)wd < ddl) {
			want(&e, EFAULT, "device data unwritable");
			goto call;
		}
	}
	wd = accessible(w, s.addr, sizeof(info), true);
	if (wd >= 0 && (uint64_t)wd < sizeof(info)) {
		want(&e, EFAULT, "struct unwritable");
		goto call;
	}
	want(&e, 0, "valid");

call:
	w->slot->now = (struct call_desc){
		.cmd = FWCTL_INFO, .size = size, .a = info.flags, .b = ddl,
		.dev = w->fd_dev[slot],
	};
	injected = inject(w, &e);
	err = ioctl(w->fds[slot], FWCTL_INFO, (void *)(uintptr_t)s.addr) ? errno : 0;
	if (injected)
		inject_end(w);
	w->ioctls++;
	judge(w, "INFO", err, &e, &c);
	if (err || e.want != 0)
		return;

	/* Learn the device type and test uctx id from the first answer. */
	memcpy(&info, (void *)(uintptr_t)s.addr, sizeof(info));
	if (w->fd_type[slot] < 0)
		w->fd_type[slot] = info.out_device_type;
	type = w->fd_type[slot];
	if (info.out_device_type != (uint32_t)type) {
		report(w, "INFO", "device type %u, was %d [%s]",
		       info.out_device_type, type, describe(&c));
		return;
	}
	if (type == FWCTL_DEVICE_TYPE_ERROR && ddl >= 12 && e.check_data) {
		struct fwctl_test_info ti = {};

		memcpy(&ti, (void *)(uintptr_t)d.addr, MIN(ddl, sizeof(ti)));
		if (!w->fd_uctx[slot])
			w->fd_uctx[slot] = ti.uctx_id;
		if (ti.magic != FWCTL_TEST_MAGIC ||
		    ti.uctx_id != w->fd_uctx[slot]) {
			report(w, "INFO", "test info magic %#x uctx %u, want %u [%s]",
			       ti.magic, ti.uctx_id, w->fd_uctx[slot], describe(&c));
			return;
		}
	}
	if (!e.check_data)
		return;
	drv_len = type == FWCTL_DEVICE_TYPE_MLX5 ? 8 : FWCTL_TEST_INFO_LEN;
	if (info.size != size || info.flags ||
	    info.device_data_len != (ddl ? drv_len : 0) ||
	    info.out_device_data != d.addr) {
		report(w, "INFO", "answer size %u flags %u ddl %u (want %u) [%s]",
		       info.size, info.flags, info.device_data_len,
		       ddl ? drv_len : 0, describe(&c));
		return;
	}
	if (size > sizeof(info) &&
	    first_nonzero(s.addr + sizeof(info),
			  MIN(size - sizeof(info), 3 * PAGE)) >= 0) {
		report(w, "INFO", "struct tail written [%s]", describe(&c));
		return;
	}
	if (ddl > drv_len &&
	    first_nonzero(d.addr + drv_len, ddl - drv_len) >= 0) {
		report(w, "INFO", "device data not zero-padded [%s]", describe(&c));
		return;
	}
	if (type == FWCTL_DEVICE_TYPE_ERROR && ddl > 16) {
		const unsigned char *p = (const unsigned char *)(uintptr_t)d.addr;
		uint32_t i;

		for (i = 16; i < MIN(ddl, drv_len); i++) {
			if (p[i] != fwctl_test_pattern(i)) {
				report(w, "INFO", "info byte %u wrong [%s]", i, describe(&c));
				return;
			}
		}
	}
	check_canary(w, "INFO", d.addr + ddl, CANARY_LEN, &c);
}

/* ---- FWCTL_RPC ------------------------------------------------------------- */

/*
 * mlx5 opcodes to favour: most are on the driver's allow-list in some
 * scope (src/mlx5/main.c), a few are the ones it must never pass (user
 * contexts, HCA init/teardown, page management).
 */
static const uint16_t mlx5_favoured_ops[] = {
	0x100, 0x101, 0x109, 0x80d, 0x10e, 0x107, 0x10a, 0x805, 0xb0c,
	0x819, 0x820, 0x821, 0xb22, 0x762, 0x760, 0x750, 0x754, 0x770,
	0x773, 0x822, 0x823, 0x824, 0x842, 0x932, 0xa02, 0xa05, 0x8000,
	0xa04, 0xa06, 0x102, 0x103, 0x108, 0x10d,
};

struct rpc_model {
	bool known;		/* the reply below is what the driver gives */
	int err;		/* the driver's errno */
	uint64_t len;		/* reply length */
	int op;
	uint32_t arg;
};

/* What the fwctl_test firmware answers to the request at @in. */
static struct rpc_model model_test_fw(const unsigned char *in, uint32_t in_len)
{
	struct rpc_model m = { .known = true };
	struct fwctl_test_req req;

	if (in_len < sizeof(req)) {
		m.err = EBADMSG;
		return m;
	}
	memcpy(&req, in, sizeof(req));
	m.op = req.op;
	m.arg = req.arg;
	switch (req.op) {
	case FWCTL_TEST_OP_ECHO:
		m.len = in_len;
		break;
	case FWCTL_TEST_OP_ECHO_INPLACE:
		m.len = req.arg && req.arg < in_len ? req.arg : in_len;
		break;
	case FWCTL_TEST_OP_STATUS:
	case FWCTL_TEST_OP_DELAY:
		m.len = sizeof(struct fwctl_test_reply);
		break;
	case FWCTL_TEST_OP_ERROR:
		m.err = req.arg && req.arg <= 4095 ? (int)req.arg : EINVAL;
		/* vfs_ioctl() turns the kernel-internal ENOIOCTLCMD into ENOTTY. */
		if (m.err == 515)
			m.err = ENOTTY;
		break;
	case FWCTL_TEST_OP_LARGE:
		if (req.arg > FWCTL_TEST_MAX_REPLY)
			m.err = EINVAL;
		m.len = req.arg;
		break;
	default:
		m.err = ENOMSG;
		break;
	}
	return m;
}

/* Fill a fwctl_test request of @in_len bytes into @img. */
static void gen_test_req(struct rng *r, unsigned char *img, uint32_t in_len)
{
	struct fwctl_test_req req;

	switch (below(r, 20)) {
	case 0: case 1: case 2: case 3: case 4:
		req.op = FWCTL_TEST_OP_ECHO;
		req.arg = rnd(r);
		break;
	case 5: case 6: case 7: case 8:
		req.op = FWCTL_TEST_OP_ECHO_INPLACE;
		req.arg = below(r, 3) ? 0 : fuzz_u32(r, in_len / 2);
		break;
	case 9: case 10: case 11: case 12:
		req.op = FWCTL_TEST_OP_STATUS;
		req.arg = rnd(r);
		break;
	case 13:
		req.op = FWCTL_TEST_OP_DELAY;
		req.arg = permille(r, 10) ? below(r, 100) : below(r, 3);
		break;
	case 14: case 15:
		req.op = FWCTL_TEST_OP_ERROR;
		req.arg = chance(r, 70) ? 1 + below(r, 4095) : fuzz_u32(r, 4095);
		break;
	case 16: case 17:
		req.op = FWCTL_TEST_OP_LARGE;
		req.arg = permille(r, 20) ? fuzz_u32(r, FWCTL_TEST_MAX_REPLY) :
					    below(r, 8192);
		if (req.arg > 65536 && !permille(r, 50))
			req.arg = below(r, 65536);
		break;
	default:
		req.op = FWCTL_TEST_OP_LARGE + 1 + below(r, 3);
		if (chance(r, 30))
			req.op = rnd(r);
		if (req.op == FWCTL_TEST_OP_DELAY)
			req.op = FWCTL_TEST_OP_STATUS;
		req.arg = rnd(r);
		break;
	}
	memcpy(img, &req, MIN(in_len, sizeof(req)));
	if (in_len > sizeof(req))
		fill_random(r, img + sizeof(req), in_len - sizeof(req));
}

/* Fill an mlx5 command mailbox of @in_len bytes into @img. */
static void gen_mlx5_mbox(struct rng *r, unsigned char *img, uint32_t in_len)
{
	uint32_t dw[2], i;
	uint16_t opcode;

	if (chance(r, 60))
		opcode = mlx5_favoured_ops[below(r, ARRAY_SIZE(mlx5_favoured_ops))];
	else if (chance(r, 50))
		opcode = 0x100 + below(r, 0xb00);
	else
		opcode = rnd(r);
	/* Big-endian PRM layout: opcode | uid, then op_mod. */
	dw[0] = htobe32((uint32_t)opcode << 16 | (uint16_t)(chance(r, 50) ? 0 : rnd(r)));
	dw[1] = htobe32(chance(r, 60) ? below(r, 4) : (uint32_t)rnd(r));
	/* Mostly zeroes, like real mailboxes, with some garbage. */
	memset(img, 0, in_len);
	for (i = below(r, in_len / 8 + 1); i; i--)
		img[below(r, in_len)] = rnd(r);
	memcpy(img, dw, MIN(in_len, sizeof(dw)));
}

static uint32_t gen_in_len(struct rng *r, int type)
{
	uint32_t base = type == FWCTL_DEVICE_TYPE_MLX5 ? MLX5_HDR_LEN :
				sizeof(struct fwctl_test_req);
	uint32_t len;

	switch (below(r, 10)) {
	case 0: case 1: case 2:
		return base;
	case 3: case 4: case 5:
		return base + below(r, 256);
	case 6:
		return below(r, base + 1);
	case 7:
		return below(r, Z_IN_LEN + 1);
	default:
		len = fuzz_u32(r, base);
		if (len > Z_IN_LEN && !permille(r, 30))
			len = below(r, Z_IN_LEN);
		return len;
	}
}

static uint32_t gen_out_len(struct rng *r)
{
	uint32_t len;

	switch (below(r, 10)) {
	case 0: case 1: case 2: case 3:
		return below(r, 300);
	case 4:
		return sizeof(struct fwctl_test_reply);
	case 5:
		return MLX5_HDR_LEN + below(r, 0x1010);
	default:
		len = fuzz_u32(r, 64);
		if (len > Z_OUT_LEN && !permille(r, 30))
			len = below(r, Z_OUT_LEN - CANARY_LEN);
		return len;
	}
}

/* The size field: mostly the struct's, sometimes around or far from it. */
static uint32_t gen_size(struct rng *r, uint32_t ksize)
{
	switch (below(r, 20)) {
	case 0: case 1:
		return ksize + 1 + below(r, 64);
	case 2:
		return below(r, ksize);
	case 3:
		return interesting_u32[below(r, ARRAY_SIZE(interesting_u32))];
	case 4:
		return fuzz_u32(r, ksize);
	default:
		return ksize;
	}
}

static uint32_t gen_scope(struct rng *r)
{
	if (chance(r, 90))
		return below(r, 4);
	return fuzz_u32(r, 4);
}

/* Compare a test firmware reply with what the model says it is. */
static bool check_test_reply(struct worker *w, int slot, const struct rpc_model *m,
			     const unsigned char *in, uint32_t in_len,
			     uint32_t scope, uint32_t out_len,
			     const unsigned char *out, uint64_t n)
{
	unsigned char want_buf[sizeof(struct fwctl_test_reply)];
	const unsigned char *want_p = NULL;
	uint64_t i;

	switch (m->op) {
	case FWCTL_TEST_OP_ECHO:
		return !memcmp(out, in, n);
	case FWCTL_TEST_OP_ECHO_INPLACE:
		for (i = 0; i < n; i++) {
			unsigned char c = i < sizeof(struct fwctl_test_req) ?
					  in[i] : (unsigned char)~in[i];

			if (out[i] != c)
				return false;
		}
		return true;
	case FWCTL_TEST_OP_LARGE:
		for (i = 0; i < n; i++)
			if (out[i] != fwctl_test_pattern(i))
				return false;
		return true;
	case FWCTL_TEST_OP_STATUS:
	case FWCTL_TEST_OP_DELAY: {
		struct fwctl_test_reply rep = {
			.magic = FWCTL_TEST_MAGIC,
			.op = m->op,
			.scope = scope,
			.in_len = in_len,
			.out_len = out_len,
		};
		struct fwctl_test_reply got = {};

		memcpy(&got, out, MIN(n, sizeof(got)));
		rep.uctx_id = w->fd_uctx[slot] ? w->fd_uctx[slot] : got.uctx_id;
		rep.dev_index = got.dev_index;
		rep.uctx_rpcs = got.uctx_rpcs;
		memcpy(want_buf, &rep, sizeof(rep));
		want_p = want_buf;
		return !memcmp(out, want_p, MIN(n, sizeof(rep)));
	}
	default:
		return true;
	}
}

static void fuzz_rpc(struct worker *w, int slot)
{
	static const int other_errs[] = {
		EMSGSIZE, EBADMSG, EINVAL, EIO, ENOMEM, EREMOTEIO, ETIMEDOUT,
		ENXIO, EOPNOTSUPP, EPERM, ENOTCONN, ENOSPC, EBUSY, EAGAIN,
	};
	struct rng *r = &w->rng;
	int type = w->fd_type[slot];
	struct fwctl_rpc rpc = {};
	struct expect e = { .check_data = true };
	struct rpc_model m = {};
	unsigned char *in_img = NULL;
	uint32_t size, in_len, out_len, scope;
	struct buf s, in, out;
	struct call c;
	int64_t acc;
	bool injected;
	uint32_t gen;
	uint64_t n;
	size_t i;
	int err;

	size = gen_size(r, sizeof(rpc));
	scope = gen_scope(r);
	in_len = gen_in_len(r, type);
	out_len = gen_out_len(r);

	s = place_buf(w, MAX(size, 4), Z_STRUCT, Z_STRUCT_LEN, 8);
	in = place_buf(w, in_len, Z_IN, Z_IN_LEN, 10);
	out = place_buf(w, out_len, Z_OUT, Z_OUT_LEN, 10);
	if (chance(r, 3)) {
		/* In and out the same buffer. */
		out.addr = in.addr;
		out.place = in.place;
	}

	rpc.size = size;
	rpc.scope = scope;
	rpc.in_len = in_len;
	rpc.out_len = out_len;
	rpc.in = in.addr;
	rpc.out = out.addr;

	/*
	 * The struct's tail, the request, the output canary, the struct;
	 * then the request as it now is in memory, which is what the
	 * kernel will read when buffers overlap.
	 */
	memset(w->img, 0, sizeof(w->img));
	memcpy(w->img, &rpc, sizeof(rpc));
	if (size > sizeof(rpc) && chance(r, 20))
		w->img[sizeof(rpc) + below(r, MIN(size - sizeof(rpc), 200))] =
			1 + below(r, 255);
	if (size > sizeof(w->img))
		poke_fill(w, s.addr + sizeof(w->img), 0,
			  MIN(size - sizeof(w->img), 3 * PAGE));
	gen = MIN(in_len, Z_IN_LEN);
	in_img = calloc(1, MAX(gen, 1));
	if (!in_img) {
		perror("calloc");
		exit(2);
	}
	if (type == FWCTL_DEVICE_TYPE_MLX5)
		gen_mlx5_mbox(r, in_img, gen);
	else
		gen_test_req(r, in_img, gen);
	if (in_len <= MAX_RPC_LEN) {
		poke(w, in.addr, in_img, gen);
		if (in_len > gen)
			poke_fill(w, in.addr + gen, 0, in_len - gen);
	}
	if (out.addr != in.addr && out_len <= MAX_RPC_LEN)
		poke_fill(w, out.addr, CANARY, (uint64_t)out_len + CANARY_LEN);
	poke(w, s.addr, w->img, MIN(MAX(size, 4), sizeof(w->img)));
	acc = accessible(w, in.addr, gen, false);
	if (acc > 0)
		memcpy(in_img, (void *)(uintptr_t)in.addr, acc);

	if (out.addr == in.addr ||
	    overlaps(&s, MAX(size, sizeof(rpc)), &in, in_len) ||
	    overlaps(&s, MAX(size, sizeof(rpc)), &out, out_len + CANARY_LEN) ||
	    overlaps(&in, in_len, &out, out_len + CANARY_LEN) ||
	    in_len > Z_IN_LEN)
		e.check_data = false;

	c = (struct call){ .cmd = FWCTL_RPC, .size = size, .a = scope,
			   .b = in_len, .c = out_len, .p0 = s.place,
			   .p1 = in.place, .p2 = out.place, .type = type,
			   .op = gen >= 4 ? (int)((struct fwctl_test_req *)in_img)->op : -1 };

	if (!model_prologue(w, &s, size, sizeof(rpc), &e))
		goto call;
	if (in_len > MAX_RPC_LEN || out_len > MAX_RPC_LEN) {
		want(&e, EMSGSIZE, "length above 2 MiB");
		goto call;
	}
	switch (scope) {
	case FWCTL_RPC_CONFIGURATION:
	case FWCTL_RPC_DEBUG_READ_ONLY:
	case FWCTL_RPC_DEBUG_WRITE:
		break;
	case FWCTL_RPC_DEBUG_WRITE_FULL:
		if (!w->cap_rawio) {
			want(&e, EPERM, "no CAP_SYS_RAWIO");
			goto call;
		}
		break;
	default:
		want(&e, EOPNOTSUPP, "unknown scope");
		goto call;
	}
	acc = accessible(w, in.addr, in_len, false);
	if (acc >= 0 && (uint64_t)acc < in_len) {
		want(&e, EFAULT, "input unreadable");
		goto call;
	}
	if (acc < 0) {
		/* Flip page input: whatever it holds now, or a fault. */
		want(&e, -1, "input in the flip page");
		goto call;
	}
	if (type < 0) {
		/* INFO failed on this file, the driver is not known. */
		want(&e, -1, "unknown driver");
		goto call;
	}

	if (type == FWCTL_DEVICE_TYPE_ERROR) {
		m = model_test_fw(in_img, in_len);
		if (m.err) {
			want(&e, m.err, "test firmware error");
			goto call;
		}
		n = MIN(out_len, m.len);
		acc = accessible(w, out.addr, n, true);
		if (acc < 0) {
			allow(&e, EFAULT);
			e.check_data = false;
		} else if ((uint64_t)acc < n) {
			want(&e, EFAULT, "output unwritable");
			goto call;
		}
	} else if (type == FWCTL_DEVICE_TYPE_MLX5) {
		/*
		 * Headers first; then the allow-list, which this model leaves
		 * to the mlx5 suite; a command the firmware ran, whatever
		 * its status, answers out_len bytes.
		 */
		if (in_len < MLX5_HDR_LEN || out_len < MLX5_HDR_LEN) {
			want(&e, EMSGSIZE, "mailbox shorter than its header");
			goto call;
		}
		allow(&e, EBADMSG);
		if (opt.churn) {
			allow(&e, ENXIO);	/* function down */
			allow(&e, ENODEV);	/* reloaded since open */
		}
		m.len = out_len;
		acc = accessible(w, out.addr, out_len, true);
		if (acc < 0) {
			allow(&e, EFAULT);
			e.check_data = false;
		} else if ((uint64_t)acc < out_len) {
			want(&e, EFAULT, "output unwritable");
			goto call;
		}
	} else {
		/* A driver this model does not know. */
		for (i = 0; i < ARRAY_SIZE(other_errs); i++)
			allow(&e, other_errs[i]);
		allow(&e, EFAULT);
		e.check_data = false;
	}
	acc = accessible(w, s.addr, sizeof(rpc), true);
	if (acc >= 0 && (uint64_t)acc < sizeof(rpc)) {
		want(&e, EFAULT, "struct unwritable");
		goto call;
	}
	want(&e, 0, "valid");

call:
	w->slot->now = (struct call_desc){
		.cmd = FWCTL_RPC, .size = size, .a = scope, .b = in_len,
		.c = out_len, .op = m.op, .arg = m.arg, .dev = w->fd_dev[slot],
	};
	injected = inject(w, &e);
	err = ioctl(w->fds[slot], FWCTL_RPC, (void *)(uintptr_t)s.addr) ? errno : 0;
	if (injected)
		inject_end(w);
	w->ioctls++;
	judge(w, "RPC", err, &e, &c);
	if (err || e.want != 0 || !e.check_data)
		goto out;
	if (type == FWCTL_DEVICE_TYPE_MLX5)
		__atomic_fetch_add(&sh->mlx5_ok, 1, __ATOMIC_RELAXED);

	memcpy(&rpc, (void *)(uintptr_t)s.addr, sizeof(rpc));
	if (rpc.out_len != m.len || rpc.size != size || rpc.scope != scope ||
	    rpc.in_len != in_len || rpc.in != in.addr || rpc.out != out.addr) {
		report(w, "RPC", "answer out_len %u (want %" PRIu64 ") or fields changed [%s]",
		       rpc.out_len, m.len, describe(&c));
		goto out;
	}
	if (size > sizeof(rpc) &&
	    first_nonzero(s.addr + sizeof(rpc),
			  MIN(size - sizeof(rpc), 3 * PAGE)) >= 0) {
		report(w, "RPC", "struct tail written [%s]", describe(&c));
		goto out;
	}
	n = MIN(out_len, m.len);
	if (type == FWCTL_DEVICE_TYPE_ERROR &&
	    !check_test_reply(w, slot, &m, in_img, in_len, scope, out_len,
			      (const unsigned char *)(uintptr_t)out.addr, n)) {
		report(w, "RPC", "reply content wrong [%s]", describe(&c));
		goto out;
	}
	check_canary(w, "RPC", out.addr + n, out_len - n + CANARY_LEN, &c);
out:
	free(in_img);
}

/* ---- other ioctls ----------------------------------------------------------- */

static void fuzz_other(struct worker *w, int slot)
{
	struct rng *r = &w->rng;
	struct expect e = { .check_data = false };
	unsigned long cmd;
	unsigned int type;
	struct buf b;
	struct call c;
	int err;

	do {
		if (below(r, 2))
			cmd = _IOC(below(r, 4), FWCTL_TYPE,
				   below(r, 3) ? below(r, 4) : below(r, 256),
				   below(r, 3) ? below(r, 64) : below(r, 1 << 14));
		else
			cmd = (uint32_t)rnd(r);
		type = _IOC_TYPE(cmd);
		/* The VFS answers these itself, for every file. */
	} while (cmd == FWCTL_INFO || cmd == FWCTL_RPC || type == 0 ||
		 type == 'T' || type == 'X' || type == 'f' || type == 0x94 ||
		 type == 0x15);

	b = place_buf(w, 64, Z_STRUCT, Z_STRUCT_LEN, 30);
	poke_fill(w, b.addr, 0, 64);
	want(&e, ENOTTY, "unknown ioctl");
	c = (struct call){ .cmd = cmd, .p0 = b.place };
	w->slot->now = (struct call_desc){ .cmd = cmd, .dev = w->fd_dev[slot] };
	err = ioctl(w->fds[slot], cmd, (void *)(uintptr_t)b.addr) ? errno : 0;
	w->ioctls++;
	judge(w, "ioctl", err, &e, &c);
}

/* ---- files -------------------------------------------------------------------- */

static void fd_forget(struct worker *w, int slot)
{
	w->fds[slot] = -1;
	w->fd_dev[slot] = -1;
	w->fd_type[slot] = -1;
	w->fd_uctx[slot] = 0;
}

static bool is_test_device(const char *name);

/* Refresh @w's list of the test devices there are now. */
static void scan_names(struct worker *w)
{
	struct dirent *de;
	DIR *dir = opendir(opt.dir);

	w->nnames = 0;
	w->names_age = 0;
	if (!dir)
		return;
	while ((de = readdir(dir)) && w->nnames < MAX_DEVS) {
		if (strncmp(de->d_name, "fwctl", 5) ||
		    (!opt.any_device && !is_test_device(de->d_name)))
			continue;
		snprintf(w->names[w->nnames++], sizeof(w->names[0]), "%.31s",
			 de->d_name);
	}
	closedir(dir);
}

static void fuzz_open(struct worker *w, int slot)
{
	static const int flags[] = { O_RDWR, O_RDONLY, O_WRONLY,
				     O_RDWR | O_NONBLOCK };
	struct rng *r = &w->rng;
	struct expect e = {};
	char path[300];
	struct call c = { .path = path };
	int dev, fd, err;

	if (!w->nnames || w->names_age++ >= 64)
		scan_names(w);
	if (!w->nnames) {
		/* Everything unregistered at the moment. */
		if (!opt.churn)
			report(w, "open", "no test device left in %s", opt.dir);
		usleep(1000);
		return;
	}
	snprintf(path, sizeof(path), "%s/%s", opt.dir,
		 w->names[below(r, w->nnames)]);
	dev = atoi(path + strlen(opt.dir) + 1 + 5);
	want(&e, 0, "open");
	if (opt.churn) {
		/* Gone, going, or told by the driver to fail. */
		allow(&e, ENOENT);
		allow(&e, ENODEV);
		allow(&e, ENXIO);
		allow(&e, ENOMEM);
		allow(&e, EIO);
		allow(&e, ENOSPC);
		/*
		 * mlx5: the function is down, or CREATE_UCTX failed with
		 * the errno mlx5_cmd_exec() gives its status
		 */
		allow(&e, EINVAL);
		allow(&e, EBUSY);
		allow(&e, EAGAIN);
	}
	w->slot->now = (struct call_desc){ .cmd = 0, .dev = dev };
	fd = open(path, flags[below(r, ARRAY_SIZE(flags))] | O_CLOEXEC);
	err = fd < 0 ? errno : 0;
	w->opens++;
	judge(w, "open", err, &e, &c);
	if (fd < 0) {
		if (err == ENOENT || err == ENODEV || err == ENXIO)
			w->names_age = UINT_MAX - 1;	/* rescan next time */
		return;
	}
	w->fds[slot] = fd;
	w->fd_dev[slot] = dev;
	w->fd_type[slot] = -1;
	w->fd_uctx[slot] = 0;
	/* Learn what it is, the fuzzed way: the model accepts any answer. */
	fuzz_info(w, slot);
}

static void fuzz_files(struct worker *w)
{
	struct rng *r = &w->rng;
	int slot = below(r, MAX_FDS), j;

	if (w->fds[slot] < 0) {
		fuzz_open(w, slot);
		return;
	}
	if (chance(r, 30)) {
		/* A second file descriptor for the same open file. */
		for (j = 0; j < MAX_FDS; j++) {
			if (w->fds[j] >= 0)
				continue;
			w->fds[j] = dup(w->fds[slot]);
			if (w->fds[j] < 0) {
				perror("dup");
				exit(2);
			}
			w->fd_dev[j] = w->fd_dev[slot];
			w->fd_type[j] = w->fd_type[slot];
			w->fd_uctx[j] = w->fd_uctx[slot];
			return;
		}
	}
	if (close(w->fds[slot]))
		report(w, "close", "close: %s", strerror(errno));
	fd_forget(w, slot);
}

/* ---- workers ----------------------------------------------------------------- */

static void flush_counts(struct worker *w)
{
	ADD(ioctls, w->ioctls);
	ADD(passed, w->passed);
	ADD(failed, w->failed);
	ADD(opens, w->opens);
	w->ioctls = w->passed = w->failed = w->opens = 0;
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct rng *r = &w->rng;
	uint64_t per_worker, done = 0;
	int slot, i;

	w->slot->tid = syscall(SYS_gettid);
	per_worker = opt.iterations / (opt.procs * opt.threads);
	if (opt.duration)
		per_worker = UINT64_MAX;

	for (i = 0; i < MAX_FDS; i++)
		fd_forget(w, i);

	while (done < per_worker && !__atomic_load_n(&sh->stop, __ATOMIC_RELAXED)) {
		uint64_t before = w->ioctls;

		w->calls++;
		slot = below(r, MAX_FDS);
		if (chance(r, 3) || w->fds[slot] < 0) {
			fuzz_files(w);
		} else {
			int use = slot;
			int saved_fd = w->fds[slot];
			int saved_type = w->fd_type[slot];
			int saved_dev = w->fd_dev[slot];
			uint32_t saved_uctx = w->fd_uctx[slot];
			unsigned int k = below(r, 100);

			/* Now and then a file every thread of the process uses. */
			if (chance(r, 15)) {
				int d = below(r, sh->ndevs);

				if (shared_fds[d] >= 0) {
					w->fds[slot] = shared_fds[d];
					w->fd_type[slot] = shared_types[d];
					w->fd_dev[slot] = d;
					w->fd_uctx[slot] = 0;
				}
			}
			if (k < 4)
				fuzz_other(w, use);
			else if (k < 30)
				fuzz_info(w, use);
			else
				fuzz_rpc(w, use);
			if (w->fds[slot] != saved_fd) {
				w->fds[slot] = saved_fd;
				w->fd_type[slot] = saved_type;
				w->fd_dev[slot] = saved_dev;
				w->fd_uctx[slot] = saved_uctx;
			}
		}
		done += w->ioctls - before;
		if (!opt.duration && w->calls > 20 * per_worker + 100000) {
			report(w, "run", "%" PRIu64 " calls for %" PRIu64 " ioctls: the devices stay unusable",
			       w->calls, done);
			break;
		}
		__atomic_store_n(&w->slot->beats, w->calls, __ATOMIC_RELAXED);
		if (!(w->calls & 255))
			flush_counts(w);
	}
	for (i = 0; i < MAX_FDS; i++)
		if (w->fds[i] >= 0)
			close(w->fds[i]);
	/* The model took the hole for unmapped all along: was it? */
	if (!msync(w->arena + PG_HOLE * PAGE, PAGE, MS_ASYNC) || errno != ENOMEM)
		report(w, "run", "something got mapped in the arena's hole");
	flush_counts(w);
	__atomic_store_n(&w->slot->done, 1, __ATOMIC_RELAXED);
	return NULL;
}

static void *map_or_die(size_t len, int prot)
{
	void *p = mmap(NULL, len, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		perror("mmap");
		exit(2);
	}
	return p;
}

static void worker_init(struct worker *w, unsigned int proc, unsigned int index)
{
	uint64_t seed = opt.seed ^ ((uint64_t)proc << 40) ^ ((uint64_t)index << 20);
	unsigned int pg;
	char path[64];
	int mfd;

	w->proc = proc;
	w->index = index;
	w->slot = &sh->slots[proc * opt.threads + index];
	w->rng.s = splitmix(&seed);
	w->cap_rawio = have_cap_rawio;

	/* One more page than the arena for the alias below. */
	w->arena = map_or_die((ARENA_PAGES + 1) * PAGE, PROT_READ | PROT_WRITE);
	/*
	 * The read-only page is a memfd page mapped twice, so the fuzzer
	 * writes it through an alias without an mprotect() per call (each
	 * is a TLB shootdown on every CPU, slow under TCG). The alias takes
	 * the page after the arena: a page mapped anywhere else could land
	 * in another thread's hole.
	 */
	mfd = memfd_create("fuzz-ro", MFD_CLOEXEC);
	if (mfd < 0 || ftruncate(mfd, PAGE)) {
		perror("memfd");
		exit(2);
	}
	w->ro_alias = mmap(w->arena + ARENA_PAGES * PAGE, PAGE,
			   PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, mfd, 0);
	if (w->ro_alias == MAP_FAILED ||
	    mmap(w->arena + PG_RO * PAGE, PAGE, PROT_READ, MAP_SHARED | MAP_FIXED,
		 mfd, 0) == MAP_FAILED) {
		perror("mmap memfd");
		exit(2);
	}
	close(mfd);
	/* It holds zeroes, then garbage. */
	for (pg = 0; pg < PAGE / 2; pg++)
		w->ro_alias[PAGE / 2 + pg] = 1 + (pg % 255);
	for (pg = 0; pg < ARENA_PAGES; pg++) {
		switch (arena_prot[pg]) {
		case PROT_NONE_:
			page_prot(w, pg, PROT_NONE);
			break;
		case PROT_HOLE_:
			if (munmap(w->arena + pg * PAGE, PAGE)) {
				perror("munmap");
				exit(2);
			}
			break;
		}
	}
	w->big = map_or_die(BIG_LEN + PAGE, PROT_READ | PROT_WRITE);
	if (mprotect(w->big + BIG_LEN, PAGE, PROT_NONE)) {
		perror("mprotect");
		exit(2);
	}

	w->fail_nth_fd = -1;
	if (opt.faults) {
		snprintf(path, sizeof(path), "/proc/self/task/%ld/fail-nth",
			 (long)syscall(SYS_gettid));
		w->fail_nth_fd = open(path, O_RDWR | O_CLOEXEC);
	}
}

static void *worker_thread(void *arg)
{
	struct worker *w = arg;

	/* fail-nth is per thread: open it from the thread itself. */
	worker_init(w, w->proc, w->index);
	return worker_main(w);
}

/* ---- churn: unregister, register and failing opens ------------------------ */

static int knob_write(const char *dir, const char *file, const char *fmt, ...)
{
	char path[128], buf[64];
	int fd, len, ret = 0;
	va_list ap;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	va_start(ap, fmt);
	len = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (write(fd, buf, len) != len)
		ret = -errno;
	close(fd);
	return ret;
}

static unsigned int module_param_uint(const char *mod, const char *param)
{
	unsigned int n = 0;
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "/sys/module/%s/parameters/%s", mod, param);
	f = fopen(path, "r");
	if (f) {
		if (fscanf(f, "%u", &n) != 1)
			n = 0;
		fclose(f);
	}
	return n;
}

/* fwctl_test: unregister, register, make open_uctx fail for a while. */
static void churn_test(struct rng *r, unsigned int ndevs)
{
	static const unsigned int open_errs[] = { ENOMEM, EIO, ENOSPC };
	unsigned int idx = below(r, ndevs);

	switch (below(r, 10)) {
	case 0: case 1: case 2: case 3:
		knob_write(TEST_DEBUGFS, "unregister", "%u", idx);
		break;
	case 4: case 5: case 6: case 7:
		knob_write(TEST_DEBUGFS, "register", "%u", idx);
		break;
	default:
		knob_write(TEST_DEBUGFS, "fail_open", "%u",
			   open_errs[below(r, ARRAY_SIZE(open_errs))]);
		usleep(below(r, 5000));
		knob_write(TEST_DEBUGFS, "fail_open", "0");
		break;
	}
}

/* mlx5_mock: hot unplug and replug, reload, down/up, failing commands. */
static void churn_mlx5(struct rng *r, unsigned int nfns)
{
	unsigned int fn = below(r, nfns);
	char file[32];

	switch (below(r, 12)) {
	case 0: case 1: case 2:
		if (opt.mlx5_no_remove)
			break;
		knob_write(MOCK_DEBUGFS, "remove", "%u", fn);
		break;
	case 3: case 4: case 5:
		knob_write(MOCK_DEBUGFS, "add", "%u", fn);
		break;
	case 6: case 7:
		snprintf(file, sizeof(file), "fn%u/reload", fn);
		knob_write(MOCK_DEBUGFS, file, "1");
		break;
	case 8:
		/*
		 * An unload that keeps the auxiliary devices: see the
		 * --mlx5-down option. Otherwise a reload instead.
		 */
		if (!opt.mlx5_down) {
			snprintf(file, sizeof(file), "fn%u/reload", fn);
			knob_write(MOCK_DEBUGFS, file, "1");
			break;
		}
		snprintf(file, sizeof(file), "fn%u/down", fn);
		knob_write(MOCK_DEBUGFS, file, "1");
		usleep(below(r, 5000));
		knob_write(MOCK_DEBUGFS, file, "0");
		break;
	case 9: case 10:
		/*
		 * Failing the next commands may fail the driver's own
		 * DESTROY_UCTX, which the mock then counts against it: see
		 * the --mlx5-fail option. Otherwise a short delay.
		 */
		if (!opt.mlx5_fail) {
			snprintf(file, sizeof(file), "fn%u/delay_ms", fn);
			knob_write(MOCK_DEBUGFS, file, "0");
			break;
		}
		snprintf(file, sizeof(file), "fn%u/fail", fn);
		knob_write(MOCK_DEBUGFS, file, "%u %u %u", 1 + below(r, 0x10),
			   (unsigned int)rnd(r), below(r, 4));
		break;
	default:
		/* A slow firmware for a while (msleep(): at least a jiffy). */
		snprintf(file, sizeof(file), "fn%u/delay_ms", fn);
		knob_write(MOCK_DEBUGFS, file, "%u", below(r, 4) ? 0 : 1);
		break;
	}
}

static void *churn_thread(void *arg)
{
	unsigned int ndevs = 0, nfns = 0, i;
	struct rng r = { .s = opt.seed ^ 0xc0ffee };
	char file[32];

	(void)arg;
	if (!access(TEST_DEBUGFS "/unregister", W_OK))
		ndevs = module_param_uint("fwctl_test", "ndevs");
	if (!access(MOCK_DEBUGFS "/remove", W_OK))
		nfns = module_param_uint("mlx5_mock", "nr_fns");

	while (!__atomic_load_n(&sh->stop, __ATOMIC_RELAXED)) {
		usleep(1000 + below(&r, 20000));
		if (ndevs && (!nfns || below(&r, 2)))
			churn_test(&r, ndevs);
		else if (nfns)
			churn_mlx5(&r, nfns);
		ADD(churns, 1);
		__atomic_fetch_add(&sh->churn_beats, 1, __ATOMIC_RELAXED);
	}
	/* Leave every device registered, loaded and healthy. */
	if (ndevs)
		knob_write(TEST_DEBUGFS, "fail_open", "0");
	for (i = 0; i < ndevs; i++)
		knob_write(TEST_DEBUGFS, "register", "%u", i);
	for (i = 0; i < nfns; i++) {
		knob_write(MOCK_DEBUGFS, "add", "%u", i);
		snprintf(file, sizeof(file), "fn%u/down", i);
		knob_write(MOCK_DEBUGFS, file, "0");
		snprintf(file, sizeof(file), "fn%u/fail", i);
		knob_write(MOCK_DEBUGFS, file, "0 0 0");
		snprintf(file, sizeof(file), "fn%u/delay_ms", i);
		knob_write(MOCK_DEBUGFS, file, "0");
	}
	__atomic_fetch_add(&sh->churn_beats, 1, __ATOMIC_RELAXED);
	return NULL;
}

/* ---- processes ---------------------------------------------------------------- */

static bool rawio_effective(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];

	if (syscall(SYS_capget, &h, d))
		return false;
	return d[CAP_SYS_RAWIO / 32].effective & (1U << (CAP_SYS_RAWIO % 32));
}

static void drop_rawio(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];
	unsigned int bit = 1U << (CAP_SYS_RAWIO % 32);

	if (syscall(SYS_capget, &h, d)) {
		perror("capget");
		exit(2);
	}
	d[CAP_SYS_RAWIO / 32].effective &= ~bit;
	d[CAP_SYS_RAWIO / 32].permitted &= ~bit;
	d[CAP_SYS_RAWIO / 32].inheritable &= ~bit;
	if (syscall(SYS_capset, &h, d)) {
		perror("capset");
		exit(2);
	}
}

static int proc_main(unsigned int proc)
{
	struct worker *ws = calloc(opt.threads, sizeof(*ws));
	pthread_t *th = calloc(opt.threads, sizeof(*th));
	pthread_t churner;
	unsigned int i;
	int d;

	if (!ws || !th) {
		perror("calloc");
		return 2;
	}
	if (opt.nocap && (proc & 1))
		drop_rawio();
	have_cap_rawio = rawio_effective();

	/*
	 * PROT_NONE pages on both sides: a call running off the flip page
	 * must fault, not scribble over whatever is mapped next to it.
	 */
	flip.page = map_or_die(3 * PAGE, PROT_NONE);
	flip.page += PAGE;
	if (mprotect(flip.page, PAGE, PROT_READ | PROT_WRITE)) {
		perror("mprotect");
		return 2;
	}
	flip_fill(flip.page);
	flip.rng.s = opt.seed ^ ((uint64_t)proc << 8) ^ 0xf11b;

	for (d = 0; d < sh->ndevs; d++) {
		char path[300];

		snprintf(path, sizeof(path), "%s/%s", opt.dir, sh->devs[d].name);
		shared_fds[d] = open(path, O_RDWR | O_CLOEXEC);
		shared_types[d] = sh->devs[d].type;
	}

	for (i = 0; i < opt.threads; i++) {
		ws[i].proc = proc;
		ws[i].index = i;
		if (pthread_create(&th[i], NULL, worker_thread, &ws[i])) {
			perror("pthread_create");
			return 2;
		}
	}
	if (pthread_create(&flip.thread, NULL, flip_thread, NULL)) {
		perror("pthread_create");
		return 2;
	}
	if (opt.churn && proc == 0 &&
	    pthread_create(&churner, NULL, churn_thread, NULL)) {
		perror("pthread_create");
		return 2;
	}

	for (i = 0; i < opt.threads; i++)
		pthread_join(th[i], NULL);
	/* The last worker of all stops the helpers. */
	if (proc == 0) {
		for (i = 0; i < opt.procs * opt.threads; i++)
			while (!__atomic_load_n(&sh->slots[i].done, __ATOMIC_RELAXED) &&
			       !__atomic_load_n(&sh->stop, __ATOMIC_RELAXED))
				usleep(10000);
		__atomic_store_n(&sh->stop, 1, __ATOMIC_RELAXED);
	}
	while (!__atomic_load_n(&sh->stop, __ATOMIC_RELAXED))
		usleep(10000);
	pthread_join(flip.thread, NULL);
	if (opt.churn && proc == 0)
		pthread_join(churner, NULL);
	for (d = 0; d < sh->ndevs; d++)
		if (shared_fds[d] >= 0)
			close(shared_fds[d]);
	return 0;
}

/* ---- devices ------------------------------------------------------------------ */

/* Is /dev/fwctl/@name a device of fwctl_test or of mlx5_mock? */
static bool is_test_device(const char *name)
{
	char path[300], link[PATH_MAX];
	ssize_t n;

	snprintf(path, sizeof(path), "/sys/class/fwctl/%s/device", name);
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0)
		return false;
	link[n] = 0;
	return strstr(link, "/" FWCTL_TEST_NAME ".") ||
	       strstr(link, "/mlx5mock.");
}

static int find_devices(void)
{
	struct dirent *de;
	DIR *dir = opendir(opt.dir);

	if (!dir) {
		fprintf(stderr, "fuzz: %s: %s\n", opt.dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(dir)) && sh->ndevs < MAX_DEVS) {
		struct devinfo *d = &sh->devs[sh->ndevs];
		struct fwctl_info info = { .size = sizeof(info) };
		char path[300];
		int fd;

		if (strncmp(de->d_name, "fwctl", 5))
			continue;
		if (!opt.any_device && !is_test_device(de->d_name)) {
			printf("fuzz: skipping %s: not a test driver's device (use --any-device)\n",
			       de->d_name);
			continue;
		}
		snprintf(d->name, sizeof(d->name), "%.31s", de->d_name);
		snprintf(path, sizeof(path), "%s/%s", opt.dir, de->d_name);
		d->type = -1;
		fd = open(path, O_RDWR | O_CLOEXEC);
		if (fd >= 0 && !ioctl(fd, FWCTL_INFO, &info))
			d->type = info.out_device_type;
		if (fd >= 0)
			close(fd);
		printf("fuzz: %s: device type %d\n", d->name, d->type);
		sh->ndevs++;
	}
	closedir(dir);
	return sh->ndevs ? 0 : -1;
}

/* ---- the parent: watchdog and summary ------------------------------------------ */

static volatile sig_atomic_t alarmed;

static void on_alarm(int sig)
{
	(void)sig;
	alarmed = 1;
}

static void dump_stack_of(pid_t tid)
{
	char path[64], buf[4096];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/stack", tid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n > 0) {
		buf[n] = 0;
		printf("fuzz: kernel stack of %d:\n%s", tid, buf);
	}
}

static void report_hang(unsigned int i, unsigned int secs)
{
	struct call_desc *c = &sh->slots[i].now;

	printf("fuzz: FAIL hang: p%u.t%u made no progress for %us in cmd %#lx size=%u %u/%u/%u op=%u arg=%u dev=%d\n",
	       i / opt.threads, i % opt.threads, secs, c->cmd, c->size, c->a,
	       c->b, c->c, c->op, c->arg, c->dev);
	dump_stack_of(sh->slots[i].tid);
	fflush(stdout);
}

static void usage(void)
{
	fprintf(stderr,
		"usage: fuzz [options]\n"
		"  --seed N           base seed (default 1)\n"
		"  --iterations N     ioctls in total (default 100000)\n"
		"  --long             soak: run until --duration (default 3600 s)\n"
		"  --duration S       stop after S seconds\n"
		"  --procs N          processes (default 2, max %d)\n"
		"  --threads N        threads per process (default 4, max %d)\n"
		"  --churn            unregister/register fwctl_test devices, remove,\n"
		"                     add, reload and fail mlx5_mock functions meanwhile\n"
		"  --mlx5-down        churn also unloads mlx5_mock functions keeping their\n"
		"                     auxiliary devices (fnN/down)\n"
		"  --mlx5-fail        churn also fails mlx5_mock commands (fnN/fail)\n"
		"  --mlx5-no-remove   churn does not hot-unplug mlx5_mock functions\n"
		"  --faults           inject allocation and user copy failures\n"
		"  --no-nocap         keep CAP_SYS_RAWIO in every process\n"
		"  --any-device       also fuzz devices of other drivers\n"
		"  --hang-timeout S   a thread stuck for S seconds fails (default 120)\n"
		"  --max-reports N    print at most N failures (default 30)\n"
		"  --dir D            device directory (default /dev/fwctl)\n",
		MAX_PROCS, MAX_THREADS);
	exit(2);
}

static void parse(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "iterations", required_argument, NULL, 'n' },
		{ "long", no_argument, NULL, 'L' },
		{ "duration", required_argument, NULL, 'd' },
		{ "procs", required_argument, NULL, 'p' },
		{ "threads", required_argument, NULL, 't' },
		{ "churn", no_argument, NULL, 'c' },
		{ "mlx5-down", no_argument, NULL, 'M' },
		{ "mlx5-fail", no_argument, NULL, 'F' },
		{ "mlx5-no-remove", no_argument, NULL, 'R' },
		{ "faults", no_argument, NULL, 'f' },
		{ "no-nocap", no_argument, NULL, 'N' },
		{ "any-device", no_argument, NULL, 'a' },
		{ "hang-timeout", required_argument, NULL, 'H' },
		{ "max-reports", required_argument, NULL, 'm' },
		{ "dir", required_argument, NULL, 'D' },
		{ "verbose", no_argument, NULL, 'v' },
		{}
	};
	int c;

	while ((c = getopt_long(argc, argv, "s:n:d:p:t:v", longopts, NULL)) != -1) {
		switch (c) {
		case 's': opt.seed = strtoull(optarg, NULL, 0); break;
		case 'n': opt.iterations = strtoull(optarg, NULL, 0); break;
		case 'L': if (!opt.duration) opt.duration = 3600; break;
		case 'd': opt.duration = strtoul(optarg, NULL, 0); break;
		case 'p': opt.procs = strtoul(optarg, NULL, 0); break;
		case 't': opt.threads = strtoul(optarg, NULL, 0); break;
		case 'c': opt.churn = true; break;
		case 'M': opt.mlx5_down = true; break;
		case 'F': opt.mlx5_fail = true; break;
		case 'R': opt.mlx5_no_remove = true; break;
		case 'f': opt.faults = true; break;
		case 'N': opt.nocap = false; break;
		case 'a': opt.any_device = true; break;
		case 'H': opt.hang_timeout = strtoul(optarg, NULL, 0); break;
		case 'm': opt.max_reports = strtoul(optarg, NULL, 0); break;
		case 'D': opt.dir = optarg; break;
		case 'v': opt.verbose = true; break;
		default: usage();
		}
	}
	if (optind != argc || !opt.procs || opt.procs > MAX_PROCS ||
	    !opt.threads || opt.threads > MAX_THREADS || !opt.hang_timeout)
		usage();
}

/* Set up failslab and fail_usercopy for fail-nth, quietly. */
static void faults_setup(void)
{
	static const char *const knobs[][2] = {
		{ "/sys/kernel/debug/failslab/ignore-gfp-wait", "N" },
		{ "/sys/kernel/debug/failslab/verbose", "0" },
		{ "/sys/kernel/debug/fail_usercopy/verbose", "0" },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(knobs); i++) {
		int fd = open(knobs[i][0], O_WRONLY | O_CLOEXEC);

		if (fd < 0 || write(fd, knobs[i][1], 1) != 1) {
			printf("fuzz: %s: %s: fault injection off\n",
			       knobs[i][0], strerror(errno));
			opt.faults = false;
		}
		if (fd >= 0)
			close(fd);
	}
	if (access("/proc/self/fail-nth", W_OK)) {
		printf("fuzz: no /proc/self/fail-nth: fault injection off\n");
		opt.faults = false;
	}
}

int main(int argc, char **argv)
{
	pid_t pids[MAX_PROCS];
	uint64_t last[MAX_PROCS * MAX_THREADS] = {};
	time_t still[MAX_PROCS * MAX_THREADS];
	struct timespec t0, t1;
	unsigned int i, live, nslots;
	bool hang = false, crashed = false;
	uint64_t churn_last = 0;
	time_t churn_still = time(NULL);
	double secs;
	int status;

	parse(argc, argv);
	setvbuf(stdout, NULL, _IOLBF, 0);
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED) {
		perror("mmap");
		return 2;
	}
	if (find_devices()) {
		printf("fuzz: no fwctl devices to fuzz in %s\n", opt.dir);
		return 2;
	}
	if (opt.churn && access(TEST_DEBUGFS "/unregister", W_OK) &&
	    access(MOCK_DEBUGFS "/remove", W_OK)) {
		printf("fuzz: no %s nor %s: churn off\n", TEST_DEBUGFS,
		       MOCK_DEBUGFS);
		opt.churn = false;
	}
	if (opt.faults)
		faults_setup();
	printf("fuzz: seed %" PRIu64 ", %u procs x %u threads, %s %" PRIu64 "%s, %d devices%s%s%s\n",
	       opt.seed, opt.procs, opt.threads,
	       opt.duration ? "for" : "ioctls",
	       opt.duration ? (uint64_t)opt.duration : opt.iterations,
	       opt.duration ? "s" : "", sh->ndevs,
	       opt.churn ? ", churn" : "", opt.faults ? ", faults" : "",
	       opt.nocap && opt.procs > 1 ? ", odd procs without CAP_SYS_RAWIO" : "");
	fflush(stdout);

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < opt.procs; i++) {
		pids[i] = fork();
		if (pids[i] < 0) {
			perror("fork");
			return 2;
		}
		if (!pids[i])
			_exit(proc_main(i));
	}

	signal(SIGALRM, on_alarm);
	/* The whole run's bound: its length plus one hang timeout. */
	alarm((opt.duration ? opt.duration : 3600) + opt.hang_timeout);
	nslots = opt.procs * opt.threads;
	for (i = 0; i < nslots; i++)
		still[i] = time(NULL);
	for (live = opt.procs; live;) {
		pid_t pid = waitpid(-1, &status, WNOHANG);

		if (pid > 0) {
			live--;
			if (!WIFEXITED(status) || WEXITSTATUS(status)) {
				printf("fuzz: FAIL process %d %s %d\n", pid,
				       WIFSIGNALED(status) ? "killed by signal" : "exited",
				       WIFSIGNALED(status) ? WTERMSIG(status) :
							     WEXITSTATUS(status));
				crashed = true;
				__atomic_store_n(&sh->stop, 1, __ATOMIC_RELAXED);
			}
			continue;
		}
		sleep(1);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (opt.duration && t1.tv_sec - t0.tv_sec >= (time_t)opt.duration)
			__atomic_store_n(&sh->stop, 1, __ATOMIC_RELAXED);
		for (i = 0; i < nslots && !hang; i++) {
			uint64_t b = __atomic_load_n(&sh->slots[i].beats, __ATOMIC_RELAXED);

			if (b != last[i] || sh->slots[i].done) {
				last[i] = b;
				still[i] = time(NULL);
			} else if (time(NULL) - still[i] >= (time_t)opt.hang_timeout) {
				report_hang(i, opt.hang_timeout);
				hang = true;
			}
		}
		if (opt.churn && !hang) {
			uint64_t b = __atomic_load_n(&sh->churn_beats, __ATOMIC_RELAXED);

			if (b != churn_last) {
				churn_last = b;
				churn_still = time(NULL);
			} else if (time(NULL) - churn_still >= (time_t)opt.hang_timeout) {
				printf("fuzz: FAIL hang: the churn thread made no progress for %us\n",
				       opt.hang_timeout);
				hang = true;
			}
		}
		if (alarmed && !hang) {
			printf("fuzz: FAIL hang: the run did not end in time\n");
			for (i = 0; i < nslots; i++)
				if (!sh->slots[i].done)
					report_hang(i, 0);
			hang = true;
		}
		if (hang) {
			/* Whatever is stuck in the kernel stays stuck: go. */
			__atomic_store_n(&sh->stop, 1, __ATOMIC_RELAXED);
			for (i = 0; i < opt.procs; i++)
				kill(pids[i], SIGKILL);
			break;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;

	if (hang || crashed)
		sh->failed++;
	printf("fuzz: %" PRIu64 " ioctls and %" PRIu64 " opens in %.1fs (%.0f ioctls/s), %" PRIu64 " churn events, %" PRIu64 " injected faults\n",
	       sh->ioctls, sh->opens, secs, secs > 0 ? sh->ioctls / secs : 0.0,
	       sh->churns, sh->injected);
	if (sh->mlx5_ok)
		printf("fuzz: %" PRIu64 " mlx5 RPCs the firmware answered\n",
		       sh->mlx5_ok);
	printf("%" PRIu64 " ioctls\n", sh->ioctls);
	printf("%" PRIu64 " passed, %" PRIu64 " failed\n", sh->passed, sh->failed);
	return sh->failed ? 1 : 0;
}
