// SPDX-License-Identifier: GPL-2.0
/*
 * fwctl info DEV.
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

/* ---- info --------------------------------------------------------------- */

void usage_info(FILE *f)
{
	fprintf(f,
		"Usage: fwctl [-j [-p]] info DEV\n"
		"\n"
		"Show what FWCTL_INFO reports for DEV, decoded per device type:\n"
		"mlx5: the firmware user context id (uid) and its capabilities.\n"
		"DEV is fwctlN, a device node path, or a PCI address.\n");
}

void print_caps(const char *const *names, size_t count, uint32_t caps)
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

void js_caps(const char *k, const char *const *names, size_t count,
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

/* The bytes of FWCTL_INFO data a type's layout has */
static unsigned int info_len(const struct fwctl_type *t)
{
	return t->has_uid ? 8 : 4;
}

/* The __u32 at byte @off of FWCTL_INFO data (host order, as the kernel) */
static uint32_t info_u32(const unsigned char *data, size_t off)
{
	uint32_t v;

	memcpy(&v, data + off, sizeof(v));
	return v;
}

int cmd_info(int argc, char **argv)
{
	unsigned char *data;
	unsigned int type = 0, len = 0, cap = 256;
	const struct fwctl_type *t;
	struct fwdev d;
	uint32_t caps;
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

	t = fwctl_type(type);
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
		if (t && t->has_caps && len >= info_len(t)) {
			js_obj(t->name);
			if (t->has_uid)
				js_num("uid", info_u32(data, 0));
			caps = info_u32(data, t->has_uid ? 4 : 0);
			js_num("uctx_caps", caps);
			js_caps("uctx_caps_names", t->cap_names, t->ncaps, caps);
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
		if (t && t->has_caps && len >= info_len(t)) {
			if (t->has_uid)
				printf("  uid %u\n", info_u32(data, 0));
			printf("  uctx_caps ");
			print_caps(t->cap_names, t->ncaps,
				   info_u32(data, t->has_uid ? 4 : 0));
			putchar('\n');
		} else {
			printf("  device data: %u bytes\n", len);
			hex_dump(stdout, data, len, "    ");
		}
	}
	free(data);
	return EXIT_OK;
}
