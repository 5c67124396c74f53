/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the parts of the fwctl tool share: exit codes, messages, JSON output,
 * device lookup.
 */
#ifndef FWCTL_TOOL_H
#define FWCTL_TOOL_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Exit codes (also in fwctl.8). */
enum {
	EXIT_OK = 0,
	EXIT_ERR = 1,		/* an operation failed */
	EXIT_USAGE = 2,		/* bad command line or input */
	EXIT_DEGRADED = 3,	/* status: fwctl missing, or an mlx5 function without fwctl */
};

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

extern const char *prog;
extern bool opt_json;
extern bool opt_pretty;

void __attribute__((format(printf, 1, 2))) err_msg(const char *fmt, ...);
void err_errno(int err, const char *who, const char *what, const char *hint);
void *xmalloc(size_t n);

void js_str(const char *k, const char *v);
void js_num(const char *k, long long v);
void js_bool(const char *k, bool v);
void js_obj(const char *k);
void js_arr(const char *k);
void js_end_obj(void);
void js_end_arr(void);
void js_hex(const char *k, const unsigned char *buf, size_t len);
void hex_dump(FILE *f, const unsigned char *buf, size_t len,
	      const char *indent);

struct fwdev {
	char name[32];		/* fwctlN */
	char node[PATH_MAX];	/* /dev/fwctl/fwctlN */
	char parent[256];	/* name of the parent device */
	char pci[32];		/* PCI address up the parent chain, or "" */
	char driver[128];	/* driver of the device that owns the fwctl device */
	char module[128];	/* its module */
	char devt[32];		/* "major:minor" */
	char real[PATH_MAX];	/* resolved sysfs directory */
};

int resolve_dev(const char *arg, struct fwdev *d);
int open_dev(const struct fwdev *d);
void close_dev(int fd);
int do_info(int fd, void *data, unsigned int cap, unsigned int *type,
	    unsigned int *len);
int common_opts(int argc, char **argv, void (*usage)(FILE *));

/* mlx5.c */
int cmd_mlx5(int argc, char **argv);
void usage_mlx5(FILE *f);

#endif
