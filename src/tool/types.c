// SPDX-License-Identifier: GPL-2.0
/*
 * fwctl tool: device types, their FWCTL_INFO data, and RPC scopes.
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

/* ---- device types ------------------------------------------------------- */

/*
 * The upstream device types and the layout of their FWCTL_INFO data, where
 * it is public: include/uapi/fwctl/{mlx5,pds,bnxt}.h. Every layout starts
 * with the same two things when it has them: a uid (mlx5 only), then a
 * __u32 of capability bits, named here by their enums.
 */

/* MLX5_UCTX_OBJECT_CAP_* bits (PRM, "uctx" object) */
static const char *const mlx5_cap_names[] = {
	"RAW_TX", "INTERNAL_DEVICE_RESOURCES", "TOOLS_RESOURCES",
};

/* enum pds_fwctl_capabilities: PDS_FWCTL_<name>_CAP */
static const char *const pds_cap_names[] = {
	"QUERY", "SEND",
};

/* enum fwctl_bnxt_commands: FWCTL_BNXT_<name>_COMMANDS */
static const char *const bnxt_cap_names[] = {
	"INLINE", "QUERY", "SEND",
};

static const struct fwctl_type types[] = {
	{ .id = FWCTL_DEVICE_TYPE_ERROR, .name = "error" },
	{ .id = FWCTL_DEVICE_TYPE_MLX5, .name = "mlx5", .has_uid = true,
	  .has_caps = true, .cap_names = mlx5_cap_names,
	  .ncaps = ARRAY_SIZE(mlx5_cap_names) },
	/* struct fwctl_info_cxl is not part of the UAPI headers we carry */
	{ .id = FWCTL_DEVICE_TYPE_CXL, .name = "cxl" },
	{ .id = FWCTL_DEVICE_TYPE_BNXT, .name = "bnxt", .has_caps = true,
	  .cap_names = bnxt_cap_names, .ncaps = ARRAY_SIZE(bnxt_cap_names) },
	{ .id = FWCTL_DEVICE_TYPE_PDS, .name = "pds", .has_caps = true,
	  .cap_names = pds_cap_names, .ncaps = ARRAY_SIZE(pds_cap_names) },
};

const struct fwctl_type *fwctl_type(unsigned int type)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(types); i++)
		if (types[i].id == type)
			return &types[i];
	return NULL;
}

const char *type_name(unsigned int type)
{
	const struct fwctl_type *t = fwctl_type(type);

	return t ? t->name : "unknown";
}

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

const char *scope_name(unsigned int scope)
{
	return scope <= FWCTL_RPC_DEBUG_WRITE_FULL ? scopes[scope].name : "unknown";
}

/*
 * A scope by name (case and '-'/'_' insensitive, with or without the
 * FWCTL_RPC_ prefix) or by number.
 */
bool parse_scope(const char *arg, unsigned int *scope)
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
