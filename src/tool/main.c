// SPDX-License-Identifier: GPL-2.0
/*
 * fwctl: list, inspect and talk to /dev/fwctl devices, and tell whether the
 * fwctl modules are loaded and from where.
 *
 *   fwctl [-j] list
 *   fwctl [-j] info DEV
 *   fwctl [-j] rpc DEV --scope S [--in FILE] [--out FILE] [--out-len N]
 *   fwctl [-j] status
 *   fwctl [-j] mlx5 DEV caps|adapter|reg NAME
 *
 * main.c is the command line; each command is a file (list.c, info.c,
 * rpc.c, status.c, mlx5.c) on top of device discovery (discovery.c), the
 * device types (types.c), output (json.c) and helpers (util.c).
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

#ifndef FWCTL_TOOL_VERSION
#define FWCTL_TOOL_VERSION "unknown"
#endif



const char *prog = "fwctl";
bool opt_json;
bool opt_pretty;
const char *sysfs = "/sys";
const char *devdir = "/dev";


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
