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

/* main.c: the command line */
extern const char *prog;
extern bool opt_json;
extern bool opt_pretty;
extern const char *sysfs;	/* $FWCTL_SYSFS or /sys */
extern const char *devdir;	/* $FWCTL_DEVDIR or /dev */
int common_opts(int argc, char **argv, void (*usage)(FILE *));

/* util.c */
void __attribute__((format(printf, 1, 2))) err_msg(const char *fmt, ...);
void err_errno(int err, const char *who, const char *what, const char *hint);
void *xmalloc(size_t n);
void *xrealloc(void *old, size_t n);
bool __attribute__((format(printf, 3, 4)))
pathf(char *buf, size_t size, const char *fmt, ...);
bool read_line(const char *path, char *buf, size_t size);
bool link_name(const char *path, char *buf, size_t size);
bool is_dir(const char *path);
bool is_pci_addr(const char *s);
bool is_short_pci_addr(const char *s);
int parse_hex(const char *text, size_t tlen, unsigned char **out,
	      size_t *out_len);
int read_all(int fd, unsigned char **out, size_t *out_len, size_t limit);

/* json.c */
void js_str_or_null(const char *k, const char *v);

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

/* types.c */
struct fwctl_type {
	unsigned int id;		/* enum fwctl_device_type */
	const char *name;
	bool has_uid;			/* FWCTL_INFO data: __u32 uid first */
	bool has_caps;			/* then a __u32 of capability bits */
	const char *const *cap_names;	/* by bit */
	size_t ncaps;
};

const struct fwctl_type *fwctl_type(unsigned int type);
const char *type_name(unsigned int type);
const char *scope_name(unsigned int scope);
bool parse_scope(const char *arg, unsigned int *scope);

/* discovery.c */
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

bool fwdev_load(const char *name, struct fwdev *d);
char **fwdev_names(size_t *count);
void free_names(char **names);
int resolve_dev(const char *arg, struct fwdev *d);
int open_dev(const struct fwdev *d);
void close_dev(int fd);
int do_info(int fd, void *data, unsigned int cap, unsigned int *type,
	    unsigned int *len);
const char *info_hint(int err);

/* The commands: list.c, info.c, rpc.c, status.c, mlx5.c */
int cmd_list(int argc, char **argv);
void usage_list(FILE *f);
int cmd_info(int argc, char **argv);
void usage_info(FILE *f);
int cmd_rpc(int argc, char **argv);
void usage_rpc(FILE *f);
int cmd_status(int argc, char **argv);
void usage_status(FILE *f);
int cmd_mlx5(int argc, char **argv);
void usage_mlx5(FILE *f);

#endif
