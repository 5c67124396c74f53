// SPDX-License-Identifier: GPL-2.0
/*
 * fwctl list.
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

/* ---- list --------------------------------------------------------------- */

void usage_list(FILE *f)
{
	fprintf(f,
		"Usage: fwctl [-j [-p]] list\n"
		"\n"
		"List every fwctl device: name, device type (from FWCTL_INFO), parent\n"
		"device (its PCI address when there is one), and the driver and\n"
		"module that own it. Without permission to open a device node, the\n"
		"type is shown as '?'.\n");
}

struct listrow {
	struct fwdev d;
	unsigned int type;
	int err;
};

int cmd_list(int argc, char **argv)
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
