// SPDX-License-Identifier: GPL-2.0
/*
 * fwctl rpc DEV --scope S.
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

#define MAX_RPC_LEN (2U << 20)
#define DEFAULT_OUT_LEN 4096U

/* ---- rpc ---------------------------------------------------------------- */

void usage_rpc(FILE *f)
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

bool parse_size(const char *s, unsigned long *out)
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

const char *rpc_hint(int err, const struct fwctl_rpc *rpc,
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

int cmd_rpc(int argc, char **argv)
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
