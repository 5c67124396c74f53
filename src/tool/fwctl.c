// SPDX-License-Identifier: GPL-2.0
/*
 * fwctl: list, inspect and talk to /dev/fwctl devices, and tell whether the
 * fwctl modules are loaded and from where.
 *
 *   fwctl [-j] list
 *   fwctl [-j] info DEV
 *   fwctl [-j] rpc DEV --scope S [--in FILE] [--out FILE] [--out-len N]
 *   fwctl [-j] status
 *
 * Module facts come from libkmod (the module file modprobe would load, its
 * modinfo and signer) and /sys/module (what is loaded).
 *
 * FWCTL_SYSFS and FWCTL_DEVDIR (default /sys and /dev) let the tests point
 * the tool at a synthetic sysfs tree.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <fwctl/fwctl.h>
#include <fwctl/mlx5.h>

#include "tool.h"

#include <libkmod.h>

#ifndef FWCTL_TOOL_VERSION
#define FWCTL_TOOL_VERSION "unknown"
#endif


#define MAX_RPC_LEN (2U << 20)
#define DEFAULT_OUT_LEN 4096U

const char *prog = "fwctl";
bool opt_json;
bool opt_pretty;
static const char *sysfs = "/sys";
static const char *devdir = "/dev";

/* ---- small helpers ------------------------------------------------------ */

void __attribute__((format(printf, 1, 2))) err_msg(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* "fwctl: WHO: WHAT: strerror (hint)" */
void err_errno(int err, const char *who, const char *what,
	       const char *hint)
{
	fflush(stdout);
	fprintf(stderr, "%s: %s: ", prog, who);
	if (what)
		fprintf(stderr, "%s: ", what);
	fputs(strerror(err), stderr);
	if (hint && *hint)
		fprintf(stderr, " (%s)", hint);
	fputc('\n', stderr);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p) {
		err_msg("out of memory");
		exit(EXIT_ERR);
	}
	return p;
}

static void *xrealloc(void *old, size_t n)
{
	void *p = realloc(old, n ? n : 1);

	if (!p) {
		err_msg("out of memory");
		exit(EXIT_ERR);
	}
	return p;
}

/* snprintf that reports truncation as failure. */
static bool __attribute__((format(printf, 3, 4)))
pathf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n >= 0 && (size_t)n < size;
}

/* Read a one-line sysfs attribute, without its newline. */
static bool read_line(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "re");
	bool ok;

	if (!f)
		return false;
	ok = fgets(buf, (int)size, f) != NULL;
	fclose(f);
	if (!ok)
		return false;
	buf[strcspn(buf, "\n")] = '\0';
	return true;
}

/* Basename of a symlink's target, e.g. the driver of a device. */
static bool link_name(const char *path, char *buf, size_t size)
{
	char target[PATH_MAX];
	ssize_t n = readlink(path, target, sizeof(target) - 1);
	const char *base;

	if (n < 0)
		return false;
	target[n] = '\0';
	base = strrchr(target, '/');
	base = base ? base + 1 : target;
	if (strlen(base) >= size)
		return false;
	strcpy(buf, base);
	return true;
}

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* "0000:08:00.0" */
static bool is_pci_addr(const char *s)
{
	unsigned int dom, bus, dev, fn;
	int n = 0;

	return sscanf(s, "%4x:%2x:%2x.%1x%n", &dom, &bus, &dev, &fn, &n) == 4 &&
	       n == 12 && s[n] == '\0';
}

/* "08:00.0" as lspci prints it, for domain 0000 */
static bool is_short_pci_addr(const char *s)
{
	unsigned int bus, dev, fn;
	int n = 0;

	return sscanf(s, "%2x:%2x.%1x%n", &bus, &dev, &fn, &n) == 3 &&
	       n == 7 && s[n] == '\0';
}

/* ---- JSON output -------------------------------------------------------- */

/*
 * A minimal streaming writer: containers nest up to 16 deep, commas and
 * (with -p) indentation are placed automatically.
 */
static struct {
	int depth;
	bool first[16];
	bool after_key;
} js;

static void js_sep(void)
{
	if (js.after_key) {
		js.after_key = false;
		return;
	}
	if (js.depth > 0) {
		if (!js.first[js.depth])
			putchar(',');
		js.first[js.depth] = false;
		if (opt_pretty)
			printf("\n%*s", js.depth * 2, "");
	}
}

static void js_raw_string(const char *s)
{
	const unsigned char *p;

	putchar('"');
	for (p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", stdout); break;
		case '\\': fputs("\\\\", stdout); break;
		case '\b': fputs("\\b", stdout); break;
		case '\f': fputs("\\f", stdout); break;
		case '\n': fputs("\\n", stdout); break;
		case '\r': fputs("\\r", stdout); break;
		case '\t': fputs("\\t", stdout); break;
		default:
			/*
			 * Control bytes are escaped; other bytes pass through,
			 * so UTF-8 stays UTF-8 (sysfs names are ASCII anyway).
			 */
			if (*p < 0x20 || *p == 0x7f)
				printf("\\u%04x", *p);
			else
				putchar(*p);
		}
	}
	putchar('"');
}

static void js_open(char c)
{
	js_sep();
	putchar(c);
	js.depth++;
	js.first[js.depth] = true;
}

static void js_close(char c)
{
	bool empty = js.first[js.depth];

	js.depth--;
	if (opt_pretty && !empty)
		printf("\n%*s", js.depth * 2, "");
	putchar(c);
	if (js.depth == 0)
		putchar('\n');
}

static void js_key(const char *k)
{
	js_sep();
	js_raw_string(k);
	fputs(opt_pretty ? ": " : ":", stdout);
	js.after_key = true;
}

void js_str(const char *k, const char *v)
{
	if (k)
		js_key(k);
	js_sep();
	if (v)
		js_raw_string(v);
	else
		fputs("null", stdout);
}

/* Empty strings become null: "no such value". */
static void js_str_or_null(const char *k, const char *v)
{
	js_str(k, v && *v ? v : NULL);
}

void js_num(const char *k, long long v)
{
	if (k)
		js_key(k);
	js_sep();
	printf("%lld", v);
}

void js_bool(const char *k, bool v)
{
	if (k)
		js_key(k);
	js_sep();
	fputs(v ? "true" : "false", stdout);
}

void js_obj(const char *k)
{
	if (k)
		js_key(k);
	js_open('{');
}

void js_arr(const char *k)
{
	if (k)
		js_key(k);
	js_open('[');
}

void js_end_obj(void) { js_close('}'); }
void js_end_arr(void) { js_close(']'); }

/* ---- hex ---------------------------------------------------------------- */

/* Bytes as hex, 4-byte groups, 16 bytes a line, each line after @indent. */
void hex_dump(FILE *f, const unsigned char *buf, size_t len,
	      const char *indent)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (i % 16 == 0)
			fputs(indent, f);
		fprintf(f, "%02x", buf[i]);
		if (i % 16 == 15 || i == len - 1)
			fputc('\n', f);
		else if (i % 4 == 3)
			fputc(' ', f);
	}
}

void js_hex(const char *k, const unsigned char *buf, size_t len)
{
	char *s = xmalloc(len * 2 + 1);
	size_t i;

	for (i = 0; i < len; i++)
		sprintf(s + 2 * i, "%02x", buf[i]);
	s[2 * len] = '\0';
	js_str(k, s);
	free(s);
}

/*
 * Parse hex text: pairs of hex digits, with any whitespace, optional "0x"
 * before a group, and '#' comments to the end of the line.
 */
static int parse_hex(const char *text, size_t tlen, unsigned char **out,
		     size_t *out_len)
{
	unsigned char *buf = xmalloc(tlen / 2 + 1);
	size_t n = 0, i = 0;
	int hi = -1;

	while (i < tlen) {
		unsigned char c = (unsigned char)text[i];

		if (c == '#') {
			while (i < tlen && text[i] != '\n')
				i++;
			continue;
		}
		if (isspace(c) || c == ':' || c == ',') {
			if (hi >= 0)
				goto odd;
			i++;
			continue;
		}
		if (c == '0' && hi < 0 && i + 1 < tlen &&
		    (text[i + 1] == 'x' || text[i + 1] == 'X')) {
			i += 2;
			continue;
		}
		if (!isxdigit(c)) {
			err_msg("hex input: unexpected character '%c' at offset %zu",
				isprint(c) ? c : '?', i);
			free(buf);
			return -1;
		}
		c = (unsigned char)(isdigit(c) ? c - '0' : tolower(c) - 'a' + 10);
		if (hi < 0) {
			hi = c;
		} else {
			buf[n++] = (unsigned char)(hi << 4 | c);
			hi = -1;
		}
		i++;
	}
	if (hi >= 0)
		goto odd;
	*out = buf;
	*out_len = n;
	return 0;
odd:
	err_msg("hex input: odd number of hex digits in a group");
	free(buf);
	return -1;
}

/* Read all of @fd; fails past @limit bytes. */
static int read_all(int fd, unsigned char **out, size_t *out_len, size_t limit)
{
	size_t cap = 4096, n = 0;
	unsigned char *buf = xmalloc(cap);

	for (;;) {
		ssize_t r;

		if (n == cap) {
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			free(buf);
			return -errno;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > limit) {
			free(buf);
			return -EFBIG;
		}
	}
	*out = buf;
	*out_len = n;
	return 0;
}

/* ---- device types ------------------------------------------------------- */

static const char *type_name(unsigned int type)
{
	switch (type) {
	case FWCTL_DEVICE_TYPE_ERROR: return "error";
	case FWCTL_DEVICE_TYPE_MLX5: return "mlx5";
	case FWCTL_DEVICE_TYPE_CXL: return "cxl";
	case FWCTL_DEVICE_TYPE_PDS: return "pds";
	}
	return "unknown";
}

/* MLX5_UCTX_OBJECT_CAP_* bits (PRM, "uctx" object) */
static const char *const mlx5_cap_names[] = {
	"RAW_TX", "INTERNAL_DEVICE_RESOURCES", "TOOLS_RESOURCES",
};

/* pds_fwctl capability bits (upstream include/uapi/fwctl/pds.h) */
static const char *const pds_cap_names[] = {
	"QUERY", "SEND",
};

static const struct {
	const char *name;
	unsigned int scope;
} scopes[] = {
	{ "configuration", FWCTL_RPC_CONFIGURATION },
	{ "debug-read-only", FWCTL_RPC_DEBUG_READ_ONLY },
	{ "debug-write", FWCTL_RPC_DEBUG_WRITE },
	{ "debug-write-full", FWCTL_RPC_DEBUG_WRITE_FULL },
	/* aliases */
	{ "config", FWCTL_RPC_CONFIGURATION },
	{ "read-only", FWCTL_RPC_DEBUG_READ_ONLY },
	{ "ro", FWCTL_RPC_DEBUG_READ_ONLY },
	{ "write", FWCTL_RPC_DEBUG_WRITE },
	{ "write-full", FWCTL_RPC_DEBUG_WRITE_FULL },
};

static const char *scope_name(unsigned int scope)
{
	return scope <= FWCTL_RPC_DEBUG_WRITE_FULL ? scopes[scope].name : "unknown";
}

/*
 * A scope by name (case and '-'/'_' insensitive, with or without the
 * FWCTL_RPC_ prefix) or by number.
 */
static bool parse_scope(const char *arg, unsigned int *scope)
{
	char norm[64];
	const char *s = arg;
	size_t i;
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(arg, &end, 0);
	if (*arg && !*end && !errno && v <= UINT32_MAX && isdigit((unsigned char)*arg)) {
		*scope = (unsigned int)v;
		return true;
	}
	if (!strncasecmp(s, "FWCTL_RPC_", 10))
		s += 10;
	for (i = 0; s[i] && i < sizeof(norm) - 1; i++)
		norm[i] = s[i] == '_' ? '-' : (char)tolower((unsigned char)s[i]);
	norm[i] = '\0';
	for (i = 0; i < sizeof(scopes) / sizeof(scopes[0]); i++) {
		if (!strcmp(norm, scopes[i].name)) {
			*scope = scopes[i].scope;
			return true;
		}
	}
	return false;
}

/* ---- sysfs view of fwctl devices ---------------------------------------- */


/*
 * Who registered the fwctl device: the driver of its parent, except where
 * that parent carries an auxiliary device "<x>.fwctl.<n>" (mlx5 registers
 * its fwctl device on the PCI function, next to the auxiliary device that
 * fwctl_mlx5 binds to); then that auxiliary device's driver.
 */
static void owner_of(const char *pdir, struct fwdev *d)
{
	char path[PATH_MAX];
	struct dirent *de;
	DIR *dir;

	dir = opendir(pdir);
	if (dir) {
		while ((de = readdir(dir))) {
			if (!strstr(de->d_name, ".fwctl."))
				continue;
			if (pathf(path, sizeof(path), "%s/%s/driver", pdir, de->d_name) &&
			    link_name(path, d->driver, sizeof(d->driver))) {
				pathf(path, sizeof(path), "%s/%s/driver/module", pdir,
				      de->d_name);
				if (!link_name(path, d->module, sizeof(d->module)))
					d->module[0] = '\0';
				closedir(dir);
				return;
			}
		}
		closedir(dir);
	}
	if (pathf(path, sizeof(path), "%s/driver", pdir))
		link_name(path, d->driver, sizeof(d->driver));
	if (pathf(path, sizeof(path), "%s/driver/module", pdir))
		link_name(path, d->module, sizeof(d->module));
}

static bool fwdev_load(const char *name, struct fwdev *d)
{
	char path[PATH_MAX], real[PATH_MAX], sub[64], devices[PATH_MAX];
	char *slash;

	memset(d, 0, sizeof(*d));
	if (strlen(name) >= sizeof(d->name))
		return false;
	strcpy(d->name, name);
	if (!pathf(path, sizeof(path), "%s/class/fwctl/%s", sysfs, name) ||
	    !realpath(path, d->real) || !is_dir(d->real))
		return false;
	pathf(d->node, sizeof(d->node), "%s/fwctl/%s", devdir, name);
	if (pathf(path, sizeof(path), "%s/class/fwctl/%s/dev", sysfs, name))
		read_line(path, d->devt, sizeof(d->devt));

	if (!pathf(path, sizeof(path), "%s/class/fwctl/%s/device", sysfs, name) ||
	    !realpath(path, real))
		return true;	/* no parent: a virtual device */
	slash = strrchr(real, '/');
	snprintf(d->parent, sizeof(d->parent), "%s", slash + 1);
	owner_of(real, d);

	/* Up the parent chain, within /sys/devices, to a PCI device. */
	if (!realpath(sysfs, devices) ||
	    !pathf(devices + strlen(devices), sizeof(devices) - strlen(devices),
		   "/devices"))
		return true;
	while (strlen(real) > strlen(devices) &&
	       !strncmp(real, devices, strlen(devices))) {
		if (pathf(path, sizeof(path), "%s/subsystem", real) &&
		    link_name(path, sub, sizeof(sub)) && !strcmp(sub, "pci")) {
			snprintf(d->pci, sizeof(d->pci), "%s", strrchr(real, '/') + 1);
			break;
		}
		slash = strrchr(real, '/');
		*slash = '\0';
	}
	return true;
}

static int fwname_cmp(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	long nx = strtol(x + 5, NULL, 10), ny = strtol(y + 5, NULL, 10);

	return nx < ny ? -1 : nx > ny;
}

/* Names of every fwctl class device, sorted by number; NULL-terminated. */
static char **fwdev_names(size_t *count)
{
	char path[PATH_MAX], **names = NULL;
	size_t n = 0;
	struct dirent *de;
	DIR *dir;

	pathf(path, sizeof(path), "%s/class/fwctl", sysfs);
	dir = opendir(path);
	if (dir) {
		while ((de = readdir(dir))) {
			if (strncmp(de->d_name, "fwctl", 5) ||
			    !isdigit((unsigned char)de->d_name[5]))
				continue;
			names = xrealloc(names, (n + 2) * sizeof(*names));
			names[n++] = strdup(de->d_name);
		}
		closedir(dir);
	}
	if (n)
		qsort(names, n, sizeof(*names), fwname_cmp);
	else
		names = xmalloc(sizeof(*names));
	names[n] = NULL;
	*count = n;
	return names;
}

static void free_names(char **names)
{
	char **p;

	for (p = names; *p; p++)
		free(*p);
	free(names);
}

/*
 * DEV as given on the command line: "fwctlN", a device node path (also a
 * /dev/fwctl/by-pci/ link), or a PCI address ("0000:08:00.0", "08:00.0").
 */
int resolve_dev(const char *arg, struct fwdev *d)
{
	char pci[32] = "", **names, **p;
	size_t n;
	int found = 0;

	if (!strncmp(arg, "fwctl", 5) && !strchr(arg, '/')) {
		if (fwdev_load(arg, d))
			return 0;
		err_msg("%s: no such fwctl device (see 'fwctl list')", arg);
		return -ENODEV;
	}
	if (is_pci_addr(arg))
		snprintf(pci, sizeof(pci), "%s", arg);
	else if (is_short_pci_addr(arg))
		snprintf(pci, sizeof(pci), "0000:%s", arg);

	if (!*pci && !strchr(arg, '/')) {
		err_msg("%s: not a fwctl device name, device node or PCI address", arg);
		return -EINVAL;
	}

	names = fwdev_names(&n);
	if (*pci) {
		struct fwdev tmp;

		for (p = names; *p; p++) {
			if (fwdev_load(*p, &tmp) && !strcasecmp(tmp.pci, pci)) {
				if (found++) {
					err_msg("%s: several fwctl devices (%s, %s...): name one",
						pci, d->name, tmp.name);
					free_names(names);
					return -EINVAL;
				}
				*d = tmp;
			}
		}
		free_names(names);
		if (!found) {
			err_msg("%s: no fwctl device on this PCI device (see 'fwctl status')",
				pci);
			return -ENODEV;
		}
		return 0;
	}

	/* A path: match its device number against the class devices. */
	struct stat st;

	if (stat(arg, &st)) {
		int e = errno;

		free_names(names);
		err_errno(e, arg, NULL, NULL);
		return -e;
	}
	if (!S_ISCHR(st.st_mode)) {
		free_names(names);
		err_msg("%s: not a character device", arg);
		return -ENODEV;
	}
	for (p = names; *p && !found; p++) {
		char want[32];

		snprintf(want, sizeof(want), "%u:%u", major(st.st_rdev),
			 minor(st.st_rdev));
		if (fwdev_load(*p, d) && !strcmp(d->devt, want))
			found = 1;
	}
	free_names(names);
	if (!found) {
		err_msg("%s: not a fwctl device (no /sys/class/fwctl entry has its number %u:%u)",
			arg, major(st.st_rdev), minor(st.st_rdev));
		return -ENODEV;
	}
	snprintf(d->node, sizeof(d->node), "%s", arg);
	return 0;
}

static const char *open_hint(int err)
{
	switch (err) {
	case EACCES:
		return "fwctl device nodes are root-only unless a udev rule grants a group, see fwctl(8)";
	case ENODEV:
	case ENXIO:
		return "the device was removed";
	case ENOENT:
		return "no device node: is devtmpfs or udev running?";
	}
	return NULL;
}

int open_dev(const struct fwdev *d)
{
	int fd = open(d->node, O_RDWR | O_CLOEXEC);

	if (fd < 0) {
		int e = errno;

		err_errno(e, d->node, "open", open_hint(e));
		return -e;
	}
	return fd;
}

void close_dev(int fd)
{
	close(fd);
}

/* FWCTL_INFO with room for @cap bytes of device data at @data. */
int do_info(int fd, void *data, unsigned int cap, unsigned int *type,
	    unsigned int *len)
{
	struct fwctl_info info = {
		.size = sizeof(info),
		.device_data_len = cap,
		.out_device_data = (uintptr_t)data,
	};

	if (ioctl(fd, FWCTL_INFO, &info))
		return -errno;
	*type = info.out_device_type;
	*len = info.device_data_len;
	return 0;
}

static const char *info_hint(int err)
{
	switch (err) {
	case ENOTTY: return "not a fwctl device, or a different fwctl ABI";
	case ENODEV: return "the device was removed";
	}
	return NULL;
}

/* ---- list --------------------------------------------------------------- */

static void usage_list(FILE *f)
{
	fprintf(f,
		"Usage: fwctl [-j [-p]] list\n"
		"\n"
		"List every fwctl device: name, device type (from FWCTL_INFO), parent\n"
		"device (its PCI address when there is one), and the driver and\n"
		"module that own it. Without permission to open a device node, the\n"
		"type is shown as '?'.\n");
}

static int cmd_list(int argc, char **argv);
static int cmd_info(int argc, char **argv);
static int cmd_rpc(int argc, char **argv);
static int cmd_status(int argc, char **argv);

/* Per-command options: -h and -j/-p; returns -1 to continue, else exit code. */
int common_opts(int argc, char **argv, void (*usage)(FILE *))
{
	static const struct option lo[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "json", no_argument, NULL, 'j' },
		{ "pretty", no_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "hjp", lo, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			return EXIT_OK;
		case 'j':
			opt_json = true;
			break;
		case 'p':
			opt_pretty = true;
			break;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	return -1;
}

struct listrow {
	struct fwdev d;
	unsigned int type;
	int err;
};

static int cmd_list(int argc, char **argv)
{
	static const char *const head[] = { "DEV", "TYPE", "PARENT", "DRIVER", "MODULE" };
	char **names, **p, t[16];
	const char *cell[5];
	struct listrow *rows;
	size_t n, nrows = 0, i, c, w[5];
	int rc = common_opts(argc, argv, usage_list);

	if (rc >= 0)
		return rc;
	if (optind != argc) {
		usage_list(stderr);
		return EXIT_USAGE;
	}

	names = fwdev_names(&n);
	rows = xmalloc((n + 1) * sizeof(*rows));
	for (p = names; *p; p++) {
		struct listrow *r = &rows[nrows];
		unsigned int len;
		int fd;

		if (!fwdev_load(*p, &r->d))
			continue;	/* gone meanwhile */
		r->type = 0;
		fd = open(r->d.node, O_RDWR | O_CLOEXEC);
		if (fd < 0) {
			r->err = errno;
		} else {
			r->err = -do_info(fd, NULL, 0, &r->type, &len);
			close(fd);
		}
		nrows++;
	}
	free_names(names);

	if (opt_json) {
		js_arr(NULL);
		for (i = 0; i < nrows; i++) {
			const struct listrow *r = &rows[i];

			js_obj(NULL);
			js_str("name", r->d.name);
			js_str("node", r->d.node);
			if (r->err) {
				js_str("type", NULL);
				js_str("type_id", NULL);
				js_str("error", strerror(r->err));
			} else {
				js_str("type", type_name(r->type));
				js_num("type_id", r->type);
			}
			js_str_or_null("parent", r->d.parent);
			js_str_or_null("pci", r->d.pci);
			js_str_or_null("driver", r->d.driver);
			js_str_or_null("module", r->d.module);
			js_end_obj();
		}
		js_end_arr();
		free(rows);
		return EXIT_OK;
	}

	/* Columns as wide as their widest cell; two passes, like ip -br. */
	for (c = 0; c < 5; c++)
		w[c] = strlen(head[c]);
	for (int pass = 0; pass < 2 && nrows; pass++) {
		if (pass)
			printf("%-*s  %-*s  %-*s  %-*s  %s\n", (int)w[0], head[0],
			       (int)w[1], head[1], (int)w[2], head[2], (int)w[3],
			       head[3], head[4]);
		for (i = 0; i < nrows; i++) {
			const struct listrow *r = &rows[i];
			if (r->err)
				snprintf(t, sizeof(t), "?");
			else if (!strcmp(type_name(r->type), "unknown"))
				snprintf(t, sizeof(t), "%u", r->type);
			else
				snprintf(t, sizeof(t), "%s", type_name(r->type));
			cell[0] = r->d.name;
			cell[1] = t;
			cell[2] = *r->d.pci ? r->d.pci : *r->d.parent ? r->d.parent : "-";
			cell[3] = *r->d.driver ? r->d.driver : "-";
			cell[4] = *r->d.module ? r->d.module : "-";
			for (c = 0; c < 5 && !pass; c++)
				if (strlen(cell[c]) > w[c])
					w[c] = strlen(cell[c]);
			if (pass)
				printf("%-*s  %-*s  %-*s  %-*s  %s\n", (int)w[0], cell[0],
				       (int)w[1], cell[1], (int)w[2], cell[2],
				       (int)w[3], cell[3], cell[4]);
		}
	}
	free(rows);
	return EXIT_OK;
}

/* ---- info --------------------------------------------------------------- */

static void usage_info(FILE *f)
{
	fprintf(f,
		"Usage: fwctl [-j [-p]] info DEV\n"
		"\n"
		"Show what FWCTL_INFO reports for DEV, decoded per device type:\n"
		"mlx5: the firmware user context id (uid) and its capabilities.\n"
		"DEV is fwctlN, a device node path, or a PCI address.\n");
}

static void print_caps(const char *const *names, size_t count, uint32_t caps)
{
	bool first = true;
	size_t i;

	printf("0x%x", caps);
	if (!caps)
		return;
	fputs(" <", stdout);
	for (i = 0; i < 32; i++) {
		if (!(caps & (1U << i)))
			continue;
		if (!first)
			putchar(',');
		first = false;
		if (i < count)
			fputs(names[i], stdout);
		else
			printf("bit%zu", i);
	}
	putchar('>');
}

static void js_caps(const char *k, const char *const *names, size_t count,
		    uint32_t caps)
{
	char buf[16];
	size_t i;

	js_arr(k);
	for (i = 0; i < 32; i++) {
		if (!(caps & (1U << i)))
			continue;
		if (i < count) {
			js_str(NULL, names[i]);
		} else {
			snprintf(buf, sizeof(buf), "bit%zu", i);
			js_str(NULL, buf);
		}
	}
	js_end_arr();
}

static int cmd_info(int argc, char **argv)
{
	unsigned char *data;
	unsigned int type = 0, len = 0, cap = 256;
	struct fwdev d;
	int fd, err, rc = common_opts(argc, argv, usage_info);

	if (rc >= 0)
		return rc;
	if (optind != argc - 1) {
		usage_info(stderr);
		return EXIT_USAGE;
	}
	err = resolve_dev(argv[optind], &d);
	if (err)
		return err == -EINVAL ? EXIT_USAGE : EXIT_ERR;
	fd = open_dev(&d);
	if (fd < 0)
		return EXIT_ERR;

	data = xmalloc(cap);
	err = do_info(fd, data, cap, &type, &len);
	if (!err && len > cap) {
		/* A longer blob than expected: ask again for all of it. */
		cap = len;
		data = xrealloc(data, cap);
		err = do_info(fd, data, cap, &type, &len);
		if (!err && len > cap)
			len = cap;
	}
	close(fd);
	if (err) {
		err_errno(-err, d.node, "FWCTL_INFO", info_hint(-err));
		free(data);
		return EXIT_ERR;
	}

	if (opt_json) {
		js_obj(NULL);
		js_str("name", d.name);
		js_str("node", d.node);
		js_str("type", type_name(type));
		js_num("type_id", type);
		js_str_or_null("parent", d.parent);
		js_str_or_null("pci", d.pci);
		js_str_or_null("driver", d.driver);
		js_str_or_null("module", d.module);
		js_num("device_data_len", len);
		js_hex("device_data", data, len);
		if (type == FWCTL_DEVICE_TYPE_MLX5 &&
		    len >= sizeof(struct fwctl_info_mlx5)) {
			struct fwctl_info_mlx5 m;

			memcpy(&m, data, sizeof(m));
			js_obj("mlx5");
			js_num("uid", m.uid);
			js_num("uctx_caps", m.uctx_caps);
			js_caps("uctx_caps_names", mlx5_cap_names, 3, m.uctx_caps);
			js_end_obj();
		} else if (type == FWCTL_DEVICE_TYPE_PDS && len >= 4) {
			uint32_t caps;

			memcpy(&caps, data, 4);
			js_obj("pds");
			js_num("uctx_caps", caps);
			js_caps("uctx_caps_names", pds_cap_names, 2, caps);
			js_end_obj();
		}
		js_end_obj();
	} else {
		printf("%s: type %s (%u)\n", d.name, type_name(type), type);
		printf("  node %s\n", d.node);
		printf("  parent %s", *d.parent ? d.parent : "-");
		if (*d.pci && strcmp(d.pci, d.parent))
			printf(" pci %s", d.pci);
		printf(" driver %s module %s\n", *d.driver ? d.driver : "-",
		       *d.module ? d.module : "-");
		if (type == FWCTL_DEVICE_TYPE_MLX5 &&
		    len >= sizeof(struct fwctl_info_mlx5)) {
			struct fwctl_info_mlx5 m;

			memcpy(&m, data, sizeof(m));
			printf("  uid %u\n  uctx_caps ", m.uid);
			print_caps(mlx5_cap_names, 3, m.uctx_caps);
			putchar('\n');
		} else if (type == FWCTL_DEVICE_TYPE_PDS && len >= 4) {
			uint32_t caps;

			memcpy(&caps, data, 4);
			printf("  uctx_caps ");
			print_caps(pds_cap_names, 2, caps);
			putchar('\n');
		} else {
			printf("  device data: %u bytes\n", len);
			hex_dump(stdout, data, len, "    ");
		}
	}
	free(data);
	return EXIT_OK;
}

/* ---- rpc ---------------------------------------------------------------- */

static void usage_rpc(FILE *f)
{
	fprintf(f,
		"Usage: fwctl [-j [-p]] rpc DEV --scope SCOPE [--in FILE] [--out FILE]\n"
		"                              [--out-len N]\n"
		"\n"
		"Send one raw firmware RPC (FWCTL_RPC) to DEV and print the reply.\n"
		"\n"
		"  -s, --scope SCOPE  configuration, debug-read-only, debug-write,\n"
		"                     debug-write-full, or a number; debug-write and\n"
		"                     debug-write-full taint the kernel, debug-write-full\n"
		"                     needs CAP_SYS_RAWIO\n"
		"  -i, --in FILE      the request as raw bytes (default: hex text on\n"
		"                     standard input)\n"
		"  -o, --out FILE     write the reply as raw bytes to FILE (default: hex\n"
		"                     on standard output)\n"
		"  -l, --out-len N    room for the reply in bytes (default %u, at most\n"
		"                     2M; K and M suffixes)\n"
		"\n"
		"The request is in the device's own format (mlx5: a command mailbox).\n",
		DEFAULT_OUT_LEN);
}

static bool parse_size(const char *s, unsigned long *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || end == s || *s == '-')
		return false;
	if (*end == 'k' || *end == 'K')
		v *= 1024, end++;
	else if (*end == 'm' || *end == 'M')
		v *= 1024 * 1024, end++;
	if (*end)
		return false;
	*out = v;
	return true;
}

static const char *rpc_hint(int err, const struct fwctl_rpc *rpc,
			    unsigned int type, char *buf, size_t size)
{
	switch (err) {
	case EPERM:
		if (rpc->scope == FWCTL_RPC_DEBUG_WRITE_FULL)
			return "DEBUG_WRITE_FULL needs CAP_SYS_RAWIO";
		return "the driver refused the request";
	case EOPNOTSUPP:
		snprintf(buf, size, "scope %u is unknown to this kernel", rpc->scope);
		return buf;
	case EMSGSIZE:
		if (rpc->in_len > MAX_RPC_LEN || rpc->out_len > MAX_RPC_LEN)
			return "requests and replies are limited to 2 MiB";
		if (type == FWCTL_DEVICE_TYPE_MLX5)
			return "mlx5 needs at least a 16-byte mailbox header in the request and room for one in the reply, see --out-len";
		return "the driver refused the request or reply length";
	case EBADMSG:
		snprintf(buf, size, "the driver does not allow this command in scope %s%s",
			 scope_name(rpc->scope),
			 type == FWCTL_DEVICE_TYPE_MLX5 ? " (mlx5 allow-list)" : "");
		return buf;
	case ENODEV:
		return "the device was removed";
	case ENOTTY:
		return "not a fwctl device";
	case EREMOTEIO:
	case EIO:
		return "the device failed the command";
	}
	return NULL;
}

static int cmd_rpc(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "json", no_argument, NULL, 'j' },
		{ "pretty", no_argument, NULL, 'p' },
		{ "scope", required_argument, NULL, 's' },
		{ "in", required_argument, NULL, 'i' },
		{ "out", required_argument, NULL, 'o' },
		{ "out-len", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	const char *in_file = NULL, *out_file = NULL, *devarg = NULL;
	unsigned long out_cap = DEFAULT_OUT_LEN;
	unsigned int scope = 0, type = 0, ilen;
	bool have_scope = false;
	unsigned char *in = NULL, *out = NULL;
	size_t in_len = 0;
	struct fwctl_rpc rpc;
	struct fwdev d;
	char hintbuf[160];
	int c, fd, err, rc = EXIT_ERR;

	while ((c = getopt_long(argc, argv, "hjps:i:o:l:", lo, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage_rpc(stdout);
			return EXIT_OK;
		case 'j':
			opt_json = true;
			break;
		case 'p':
			opt_pretty = true;
			break;
		case 's':
			if (!parse_scope(optarg, &scope)) {
				err_msg("unknown scope '%s' (configuration, debug-read-only, debug-write, debug-write-full or a number)",
					optarg);
				return EXIT_USAGE;
			}
			have_scope = true;
			break;
		case 'i':
			in_file = optarg;
			break;
		case 'o':
			out_file = optarg;
			break;
		case 'l':
			if (!parse_size(optarg, &out_cap) || out_cap > UINT32_MAX) {
				err_msg("bad --out-len '%s'", optarg);
				return EXIT_USAGE;
			}
			break;
		default:
			usage_rpc(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind != argc - 1 || !have_scope) {
		if (optind == argc - 1)
			err_msg("rpc: --scope is required");
		usage_rpc(stderr);
		return EXIT_USAGE;
	}
	devarg = argv[optind];

	/* The request, before touching the device. */
	if (in_file) {
		int ifd = strcmp(in_file, "-") ? open(in_file, O_RDONLY | O_CLOEXEC) : 0;

		if (ifd < 0) {
			err_errno(errno, in_file, NULL, NULL);
			return EXIT_USAGE;
		}
		err = read_all(ifd, &in, &in_len, (size_t)UINT32_MAX);
		if (ifd)
			close(ifd);
		if (err) {
			err_errno(-err, in_file, "read", NULL);
			return EXIT_USAGE;
		}
	} else {
		unsigned char *text;
		size_t tlen;

		if (isatty(0))
			fprintf(stderr, "%s: reading the request as hex from standard input (^D to end)\n",
				prog);
		err = read_all(0, &text, &tlen, 64U << 20);
		if (err) {
			err_errno(-err, "standard input", "read", NULL);
			return EXIT_USAGE;
		}
		err = parse_hex((const char *)text, tlen, &in, &in_len);
		free(text);
		if (err)
			return EXIT_USAGE;
	}
	if (in_len > UINT32_MAX) {
		err_msg("request too long (%zu bytes)", in_len);
		free(in);
		return EXIT_USAGE;
	}

	err = resolve_dev(devarg, &d);
	if (err) {
		free(in);
		return err == -EINVAL ? EXIT_USAGE : EXIT_ERR;
	}
	fd = open_dev(&d);
	if (fd < 0) {
		free(in);
		return EXIT_ERR;
	}
	/* The type, for error hints; FWCTL_INFO without data has no side effects. */
	if (do_info(fd, NULL, 0, &type, &ilen))
		type = FWCTL_DEVICE_TYPE_ERROR;

	out = xmalloc(out_cap);
	memset(&rpc, 0, sizeof(rpc));
	rpc.size = sizeof(rpc);
	rpc.scope = scope;
	rpc.in_len = (uint32_t)in_len;
	rpc.out_len = (uint32_t)out_cap;
	rpc.in = (uintptr_t)in;
	rpc.out = (uintptr_t)out;
	if (ioctl(fd, FWCTL_RPC, &rpc)) {
		err = errno;
		err_errno(err, d.node, "FWCTL_RPC",
			  rpc_hint(err, &rpc, type, hintbuf, sizeof(hintbuf)));
		goto out;
	}

	size_t got = rpc.out_len < out_cap ? rpc.out_len : out_cap;
	bool truncated = rpc.out_len > out_cap;

	if (truncated)
		err_msg("%s: warning: reply truncated to %lu of %u bytes, use --out-len %u",
			d.node, out_cap, rpc.out_len, rpc.out_len);
	if (out_file) {
		int ofd = open(out_file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		size_t done = 0;

		if (ofd < 0) {
			err_errno(errno, out_file, NULL, NULL);
			goto out;
		}
		while (done < got) {
			ssize_t w = write(ofd, out + done, got - done);

			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0) {
				err_errno(errno, out_file, "write", NULL);
				close(ofd);
				goto out;
			}
			done += (size_t)w;
		}
		if (close(ofd)) {
			err_errno(errno, out_file, "close", NULL);
			goto out;
		}
	}
	if (opt_json) {
		js_obj(NULL);
		js_str("name", d.name);
		js_str("node", d.node);
		js_str("type", type_name(type));
		js_str("scope", scope_name(scope));
		js_num("scope_id", scope);
		js_num("in_len", (long long)in_len);
		js_num("out_len", rpc.out_len);
		js_bool("truncated", truncated);
		if (out_file)
			js_str("out_file", out_file);
		else
			js_hex("out", out, got);
		js_end_obj();
	} else if (!out_file) {
		hex_dump(stdout, out, got, "");
	}
	rc = EXIT_OK;
out:
	close(fd);
	free(in);
	free(out);
	return rc;
}

/* ---- status: module facts ----------------------------------------------- */

struct modrec {
	const char *name;
	bool optional;		/* shown only when present */
	char state[16];		/* live, coming, going, builtin, or "" (not loaded) */
	int refcnt;		/* -1: unknown */
	char holders[256];
	char path[PATH_MAX];	/* the file modprobe would load, or "" */
	const char *location;	/* dkms, updates, extra, in-tree, other */
	char version[64];	/* of the file */
	char srcversion[64];	/* of the file */
	char vermagic[128];
	char signer[256];
	char sig_key[256];
	char sig_hashalgo[32];
	char loaded_version[64];
	char loaded_srcversion[64];
	char taint[32];		/* /sys/module/<m>/taint */
	char note[160];
};

static const char *location_of(const char *path)
{
	if (!*path)
		return NULL;
	if (strstr(path, "/updates/dkms/"))
		return "dkms";
	if (strstr(path, "/updates/"))
		return "updates";
	if (strstr(path, "/extra/"))
		return "extra";
	if (strstr(path, "/kernel/"))
		return "in-tree";
	return "other";
}

/* What only a loaded module shows: /sys/module/<name>/. */
static void sysfs_module(struct modrec *m)
{
	char path[PATH_MAX], buf[64];

	pathf(path, sizeof(path), "%s/module/%s/version", sysfs, m->name);
	read_line(path, m->loaded_version, sizeof(m->loaded_version));
	pathf(path, sizeof(path), "%s/module/%s/srcversion", sysfs, m->name);
	read_line(path, m->loaded_srcversion, sizeof(m->loaded_srcversion));
	pathf(path, sizeof(path), "%s/module/%s/taint", sysfs, m->name);
	read_line(path, m->taint, sizeof(m->taint));
	if (!*m->state) {
		pathf(path, sizeof(path), "%s/module/%s/initstate", sysfs, m->name);
		if (read_line(path, m->state, sizeof(m->state))) {
			/* "live" etc. */
		} else {
			/* Built-in code with parameters has a /sys/module dir too. */
			pathf(path, sizeof(path), "%s/module/%s", sysfs, m->name);
			if (is_dir(path))
				snprintf(m->state, sizeof(m->state), "builtin");
		}
	}
	if (m->refcnt < 0) {
		pathf(path, sizeof(path), "%s/module/%s/refcnt", sysfs, m->name);
		if (read_line(path, buf, sizeof(buf)))
			m->refcnt = atoi(buf);
	}
	if (!*m->holders) {
		struct dirent *de;
		DIR *dir;

		pathf(path, sizeof(path), "%s/module/%s/holders", sysfs, m->name);
		dir = opendir(path);
		while (dir && (de = readdir(dir))) {
			size_t l = strlen(m->holders);

			if (de->d_name[0] == '.')
				continue;
			snprintf(m->holders + l, sizeof(m->holders) - l, "%s%s",
				 l ? "," : "", de->d_name);
		}
		if (dir)
			closedir(dir);
	}
}

static void copy_val(char *dst, size_t size, const char *v)
{
	snprintf(dst, size, "%s", v ? v : "");
}

static void module_facts(struct kmod_ctx *ctx, struct modrec *m)
{
	struct kmod_module *mod = NULL;
	struct kmod_list *info = NULL, *l;
	int st;

	m->refcnt = -1;
	if (!ctx || kmod_module_new_from_name(ctx, m->name, &mod) < 0) {
		sysfs_module(m);
		return;
	}
	st = kmod_module_get_initstate(mod);
	if (st >= 0)
		copy_val(m->state, sizeof(m->state), kmod_module_initstate_str(st));
	if (st == KMOD_MODULE_LIVE || st == KMOD_MODULE_COMING ||
	    st == KMOD_MODULE_GOING)
		m->refcnt = kmod_module_get_refcnt(mod);
	copy_val(m->path, sizeof(m->path), kmod_module_get_path(mod));
	if (*m->path && kmod_module_get_info(mod, &info) >= 0) {
		kmod_list_foreach(l, info) {
			const char *k = kmod_module_info_get_key(l);
			const char *v = kmod_module_info_get_value(l);

			if (!strcmp(k, "version"))
				copy_val(m->version, sizeof(m->version), v);
			else if (!strcmp(k, "srcversion"))
				copy_val(m->srcversion, sizeof(m->srcversion), v);
			else if (!strcmp(k, "vermagic"))
				copy_val(m->vermagic, sizeof(m->vermagic), v);
			else if (!strcmp(k, "signer"))
				copy_val(m->signer, sizeof(m->signer), v);
			else if (!strcmp(k, "sig_key"))
				copy_val(m->sig_key, sizeof(m->sig_key), v);
			else if (!strcmp(k, "sig_hashalgo"))
				copy_val(m->sig_hashalgo, sizeof(m->sig_hashalgo), v);
		}
		kmod_module_info_free_list(info);
	}
	kmod_module_unref(mod);
	sysfs_module(m);
}


/* ---- status: mlx5 functions --------------------------------------------- */

struct mlx5fn {
	char name[256];		/* device name: a PCI address, on the pci bus */
	char bus[256];
	char aux[256];		/* its mlx5_core.fwctl.N, or "" */
	char aux_driver[128];	/* the auxiliary device's driver, or "" */
	char fwctl[32];		/* the fwctl device below the function, or "" */
	const char *state;
	const char *why;
};

static int fn_cmp(const void *a, const void *b)
{
	const struct mlx5fn *x = a, *y = b;
	int c = strcmp(x->bus, y->bus);

	return c ? c : strcmp(x->name, y->name);
}

/*
 * Every device bound to a driver named mlx5_core: the PCI functions, and on
 * test machines the functions of tests/mlx5's mock bus.
 */
static struct mlx5fn *mlx5_functions(size_t *count)
{
	char path[PATH_MAX];
	struct dirent *bde, *de;
	struct mlx5fn *v = xmalloc(sizeof(*v));
	size_t n = 0;
	DIR *buses, *dir;

	pathf(path, sizeof(path), "%s/bus", sysfs);
	buses = opendir(path);
	while (buses && (bde = readdir(buses))) {
		if (bde->d_name[0] == '.')
			continue;
		if (!pathf(path, sizeof(path), "%s/bus/%s/drivers/mlx5_core", sysfs,
			   bde->d_name))
			continue;
		dir = opendir(path);
		while (dir && (de = readdir(dir))) {
			struct stat st;
			char link[PATH_MAX];

			/* The bound devices are the links to directories. */
			if (de->d_name[0] == '.' || !strcmp(de->d_name, "module") ||
			    !pathf(link, sizeof(link), "%s/%s", path, de->d_name) ||
			    lstat(link, &st) || !S_ISLNK(st.st_mode) || !is_dir(link))
				continue;
			v = xrealloc(v, (n + 1) * sizeof(*v));
			memset(&v[n], 0, sizeof(v[n]));
			snprintf(v[n].name, sizeof(v[n].name), "%s", de->d_name);
			snprintf(v[n].bus, sizeof(v[n].bus), "%s", bde->d_name);
			n++;
		}
		if (dir)
			closedir(dir);
	}
	if (buses)
		closedir(buses);
	qsort(v, n, sizeof(*v), fn_cmp);
	*count = n;
	return v;
}

static void mlx5_function(struct mlx5fn *f, char **fwnames)
{
	char path[PATH_MAX], real[PATH_MAX];
	struct dirent *de;
	size_t rl;
	char **p;
	DIR *dir;

	pathf(path, sizeof(path), "%s/bus/%s/drivers/mlx5_core/%s", sysfs, f->bus,
	      f->name);
	if (!realpath(path, real))
		real[0] = '\0';
	rl = strlen(real);
	dir = *real ? opendir(real) : NULL;
	while (dir && (de = readdir(dir))) {
		if (strncmp(de->d_name, "mlx5_core.fwctl.", 16))
			continue;
		snprintf(f->aux, sizeof(f->aux), "%s", de->d_name);
		if (pathf(path, sizeof(path), "%s/%s/driver", real, de->d_name))
			link_name(path, f->aux_driver, sizeof(f->aux_driver));
		break;
	}
	if (dir)
		closedir(dir);
	/* Its fwctl device sits below it: on the function or on the aux device. */
	for (p = fwnames; *p && rl; p++) {
		struct fwdev d;

		if (fwdev_load(*p, &d) && !strncmp(d.real, real, rl) &&
		    d.real[rl] == '/') {
			snprintf(f->fwctl, sizeof(f->fwctl), "%s", d.name);
			break;
		}
	}
	if (*f->fwctl) {
		f->state = "ok";
	} else if (!*f->aux) {
		f->state = "no-aux-device";
		f->why = "no mlx5_core.fwctl auxiliary device: fwctl_mlx5 is not loaded (its shim creates it on older kernels), or the firmware lacks uctx_cap";
	} else if (!*f->aux_driver) {
		f->state = "unbound";
		f->why = "the auxiliary device has no driver: load fwctl_mlx5";
	} else {
		f->state = "no-fwctl-device";
		f->why = "the driver is bound but registered no fwctl device: see the kernel log";
	}
}

/* ---- status ------------------------------------------------------------- */

static void usage_status(FILE *f)
{
	fprintf(f,
		"Usage: fwctl [-j [-p]] status\n"
		"\n"
		"Tell whether the fwctl modules are loaded and from where (DKMS,\n"
		"extra, in-tree), their version, srcversion, signer and taint, the\n"
		"kernel's taint, and whether each mlx5 PCI function has its fwctl\n"
		"device. Exits 3 when fwctl is not loaded or an mlx5 function has\n"
		"no fwctl device.\n");
}

/* Kernel taint letters by bit (kernel/panic.c); 'J' is TAINT_FWCTL (6.15). */
static const char taint_letters[] = "PFSRMBUDAWCIOEKLXTNJ";

static void taint_string(unsigned long t, char *buf, size_t size)
{
	size_t i, n = 0;

	for (i = 0; i < sizeof(taint_letters) - 1 && n + 1 < size; i++)
		if (t & (1UL << i))
			buf[n++] = taint_letters[i];
	if (t >> (sizeof(taint_letters) - 1) && n + 1 < size)
		buf[n++] = '?';
	buf[n] = '\0';
}

static void print_mod_text(const struct modrec *m)
{
	bool loaded = *m->state != '\0';

	printf("%s: ", m->name);
	if (!loaded)
		printf("not loaded%s\n", *m->path ? "" : ", not installed");
	else if (m->refcnt >= 0)
		printf("%s, refcnt %d%s%s\n", m->state, m->refcnt,
		       *m->holders ? ", used by " : "", m->holders);
	else
		printf("%s\n", m->state);
	if (*m->path)
		printf("  file        %s (%s)\n", m->path, m->location);
	if (*m->version || *m->loaded_version)
		printf("  version     %s\n", *m->loaded_version ? m->loaded_version : m->version);
	if (*m->srcversion || *m->loaded_srcversion)
		printf("  srcversion  %s\n",
		       *m->loaded_srcversion ? m->loaded_srcversion : m->srcversion);
	if (loaded && *m->loaded_srcversion && *m->srcversion &&
	    strcmp(m->loaded_srcversion, m->srcversion))
		printf("  warning     the loaded module is not the file above (file srcversion %s): reload it\n",
		       m->srcversion);
	if (*m->path)
		printf("  signer      %s\n", *m->signer ? m->signer : "(unsigned)");
	if (*m->sig_key)
		printf("  sig_key     %s (%s)\n", m->sig_key,
		       *m->sig_hashalgo ? m->sig_hashalgo : "?");
	if (loaded && strcmp(m->state, "builtin"))
		printf("  taint       %s\n", *m->taint ? m->taint : "(none)");
	if (*m->note)
		printf("  note        %s\n", m->note);
}

static void print_mod_json(const struct modrec *m)
{
	bool loaded = *m->state != '\0';

	js_obj(NULL);
	js_str("name", m->name);
	js_bool("loaded", loaded);
	js_str_or_null("state", m->state);
	if (m->refcnt >= 0)
		js_num("refcnt", m->refcnt);
	else
		js_str("refcnt", NULL);
	js_arr("holders");
	{
		char buf[sizeof(m->holders)], *save = NULL, *t;

		snprintf(buf, sizeof(buf), "%s", m->holders);
		for (t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save))
			js_str(NULL, t);
	}
	js_end_arr();
	js_str_or_null("path", m->path);
	js_str_or_null("location", m->location);
	js_str_or_null("version", *m->loaded_version ? m->loaded_version : m->version);
	js_str_or_null("srcversion", m->srcversion);
	js_str_or_null("loaded_srcversion", m->loaded_srcversion);
	js_bool("stale", loaded && *m->loaded_srcversion && *m->srcversion &&
			 strcmp(m->loaded_srcversion, m->srcversion));
	js_str_or_null("vermagic", m->vermagic);
	js_str_or_null("signer", m->signer);
	js_str_or_null("sig_key", m->sig_key);
	js_str_or_null("sig_hashalgo", m->sig_hashalgo);
	js_str("taint", loaded ? m->taint : NULL);
	js_str_or_null("note", m->note);
	js_end_obj();
}

static int cmd_status(int argc, char **argv)
{
	struct modrec mods[] = {
		{ .name = "fwctl" },
		{ .name = "fwctl_mlx5" },
		/* Upstream's name for its in-tree mlx5 driver (6.15+). */
		{ .name = "mlx5_fwctl", .optional = true },
		{ .name = "mlx5_core" },
	};
	const size_t nmods = sizeof(mods) / sizeof(mods[0]);
	char buf[64], taint[32] = "", **fwnames, **p;
	unsigned long ktaint = 0;
	bool have_taint, degraded = false;
	struct utsname uts;
	size_t i, nfns, nfw;
	int rc = common_opts(argc, argv, usage_status);

	if (rc >= 0)
		return rc;
	if (optind != argc) {
		usage_status(stderr);
		return EXIT_USAGE;
	}

	uname(&uts);
	struct kmod_ctx *ctx = kmod_new(NULL, NULL);

	if (ctx)
		kmod_load_resources(ctx);
	for (i = 0; i < nmods; i++)
		module_facts(ctx, &mods[i]);
	if (ctx)
		kmod_unref(ctx);
	for (i = 0; i < nmods; i++)
		mods[i].location = location_of(mods[i].path);
	if (!*mods[0].state)
		degraded = true;

	have_taint = read_line("/proc/sys/kernel/tainted", buf, sizeof(buf));
	if (have_taint) {
		ktaint = strtoul(buf, NULL, 10);
		taint_string(ktaint, taint, sizeof(taint));
	}

	fwnames = fwdev_names(&nfw);
	struct mlx5fn *fn = mlx5_functions(&nfns);

	for (i = 0; i < nfns; i++) {
		mlx5_function(&fn[i], fwnames);
		if (strcmp(fn[i].state, "ok"))
			degraded = true;
	}

	if (opt_json) {
		js_obj(NULL);
		js_str("tool_version", FWCTL_TOOL_VERSION);
		js_str("kernel", uts.release);
		js_bool("libkmod", true);
		if (have_taint) {
			js_num("taint", (long long)ktaint);
			js_str("taint_flags", taint);
		} else {
			js_str("taint", NULL);
			js_str("taint_flags", NULL);
		}
		js_arr("modules");
		for (i = 0; i < nmods; i++)
			if (!mods[i].optional || *mods[i].state || *mods[i].path)
				print_mod_json(&mods[i]);
		js_end_arr();
		js_arr("devices");
		for (p = fwnames; *p; p++)
			js_str(NULL, *p);
		js_end_arr();
		js_arr("mlx5_functions");
		for (i = 0; i < nfns; i++) {
			js_obj(NULL);
			js_str("device", fn[i].name);
			js_str("bus", fn[i].bus);
			js_str_or_null("aux_device", fn[i].aux);
			js_str_or_null("aux_driver", fn[i].aux_driver);
			js_str_or_null("fwctl", fn[i].fwctl);
			js_str("state", fn[i].state);
			js_end_obj();
		}
		js_end_arr();
		js_bool("ok", !degraded);
		js_end_obj();
	} else {
		printf("kernel %s", uts.release);
		if (have_taint)
			printf(", taint %lu%s%s%s", ktaint, *taint ? " (" : "", taint,
			       *taint ? ")" : "");
		putchar('\n');
		for (i = 0; i < nmods; i++)
			if (!mods[i].optional || *mods[i].state || *mods[i].path)
				print_mod_text(&mods[i]);
		printf("fwctl devices: %zu\n", nfw);
		printf("mlx5 functions: %zu\n", nfns);
		for (i = 0; i < nfns; i++) {
			printf("  %s  %s", fn[i].name, *fn[i].fwctl ? fn[i].fwctl : fn[i].state);
			if (*fn[i].aux)
				printf("  (%s%s%s)", fn[i].aux, *fn[i].aux_driver ? " bound to " : "",
				       fn[i].aux_driver);
			putchar('\n');
			if (fn[i].why)
				printf("      %s\n", fn[i].why);
		}
	}

	free(fn);
	free_names(fwnames);
	return degraded ? EXIT_DEGRADED : EXIT_OK;
}

/* ---- main --------------------------------------------------------------- */

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: fwctl [OPTIONS] COMMAND [ARGS]\n"
		"\n"
		"Commands:\n"
		"  list                       every fwctl device, its type, parent and driver\n"
		"  info DEV                   FWCTL_INFO of DEV, decoded per device type\n"
		"  rpc DEV --scope S [...]    send a raw firmware RPC (hex on stdin)\n"
		"  status                     fwctl modules, their origin, and mlx5 functions\n"
		"  mlx5 DEV caps|adapter|reg NAME\n"
		"                             mlx5 firmware commands, decoded\n"
		"  help [COMMAND]             this text, or a command's\n"
		"\n"
		"Options:\n"
		"  -j, --json      JSON output\n"
		"  -p, --pretty    indented JSON\n"
		"  -V, --version   print the version\n"
		"  -h, --help      this text\n"
		"\n"
		"DEV is fwctlN, a device node (/dev/fwctl/fwctlN), or a PCI address.\n"
		"'fwctl COMMAND --help' describes a command; see also fwctl(8).\n");
}

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	void (*usage)(FILE *f);
} commands[] = {
	{ "list", cmd_list, usage_list },
	{ "info", cmd_info, usage_info },
	{ "rpc", cmd_rpc, usage_rpc },
	{ "status", cmd_status, usage_status },
	{ "mlx5", cmd_mlx5, usage_mlx5 },
};

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "json", no_argument, NULL, 'j' },
		{ "pretty", no_argument, NULL, 'p' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *env;
	size_t i;
	int c;

	env = getenv("FWCTL_SYSFS");
	if (env && *env)
		sysfs = env;
	env = getenv("FWCTL_DEVDIR");
	if (env && *env)
		devdir = env;

	while ((c = getopt_long(argc, argv, "+hjpV", lo, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			return EXIT_OK;
		case 'j':
			opt_json = true;
			break;
		case 'p':
			opt_pretty = true;
			break;
		case 'V':
			printf("fwctl %s (libkmod)\n", FWCTL_TOOL_VERSION);
			return EXIT_OK;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return EXIT_USAGE;
	}

	const char *cmd = argv[optind];

	if (!strcmp(cmd, "help")) {
		if (optind + 1 < argc) {
			for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
				if (!strcmp(argv[optind + 1], commands[i].name)) {
					commands[i].usage(stdout);
					return EXIT_OK;
				}
			}
			err_msg("no command '%s'", argv[optind + 1]);
			return EXIT_USAGE;
		}
		usage(stdout);
		return EXIT_OK;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (!strcmp(cmd, commands[i].name)) {
			/* The command parses its own options from its name on. */
			argc -= optind;
			argv += optind;
			optind = 0;	/* glibc: start afresh, argv[0] is the command */
			return commands[i].fn(argc, argv);
		}
	}
	err_msg("unknown command '%s' (try 'fwctl --help')", cmd);
	return EXIT_USAGE;
}
