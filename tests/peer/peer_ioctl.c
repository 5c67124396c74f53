// SPDX-License-Identifier: GPL-2.0
/*
 * peer_ioctl: what the peer suite asks a fwctl device directly.
 *
 *   peer_ioctl nr DEV N
 *	ioctl(_IO(0x9A, N)) with a zeroed 64-byte argument; prints "ok" or
 *	the errno name (mstflint's fast-burn path uses N = 2 and 3)
 *   peer_ioctl reg DEV SCOPE OP_MOD REG_ID LEN [HEX...]
 *	ACCESS_REG (0x805) of register REG_ID, LEN bytes of register data
 *	(HEX: 32-bit big-endian words of it, the rest zero) at SCOPE;
 *	prints "status S" and the register data as big-endian words, or
 *	the errno name
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <arpa/inet.h>

#include <fwctl/fwctl.h>

static const char *errname(int e)
{
	switch (e) {
	case ENOTTY: return "ENOTTY";
	case EBADMSG: return "EBADMSG";
	case EINVAL: return "EINVAL";
	case EPERM: return "EPERM";
	case ENODEV: return "ENODEV";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	case EMSGSIZE: return "EMSGSIZE";
	case EFAULT: return "EFAULT";
	}
	return "other";
}

static int fail(int e)
{
	printf("%s\n", errname(e));
	return 0;
}

int main(int argc, char **argv)
{
	uint32_t in[2 + 2 + 128] = { 0 }, out[2 + 2 + 128] = { 0 };
	unsigned long len;
	int fd, i;

	if (argc < 4)
		goto usage;
	fd = open(argv[2], O_RDWR);
	if (fd < 0) {
		perror(argv[2]);
		return 1;
	}
	if (!strcmp(argv[1], "nr") && argc == 4) {
		unsigned char arg[64] = { 0 };

		if (ioctl(fd, _IO(FWCTL_TYPE, strtoul(argv[3], NULL, 0)), arg))
			return fail(errno);
		printf("ok\n");
		return 0;
	}
	if (strcmp(argv[1], "reg") || argc < 7)
		goto usage;
	len = strtoul(argv[6], NULL, 0);
	if (len > sizeof(in) - 16 || len % 4 || (unsigned long)argc - 7 > len / 4)
		goto usage;
	/* PRM access_register_in: opcode, op_mod, register_id, argument */
	in[0] = htonl(0x805 << 16);
	in[1] = htonl(strtoul(argv[4], NULL, 0) & 0xffff);
	in[2] = htonl(strtoul(argv[5], NULL, 0) & 0xffff);
	for (i = 7; i < argc; i++)
		in[4 + i - 7] = htonl(strtoul(argv[i], NULL, 0));

	struct fwctl_rpc rpc = {
		.size = sizeof(rpc),
		.scope = strtoul(argv[3], NULL, 0),
		.in_len = 16 + len,
		.out_len = 16 + len,
		.in = (uintptr_t)in,
		.out = (uintptr_t)out,
	};

	if (ioctl(fd, FWCTL_RPC, &rpc))
		return fail(errno);
	printf("status %u\n", ntohl(out[0]) >> 24);
	for (i = 0; i < (int)len / 4; i++)
		printf("%08x%c", ntohl(out[4 + i]), i % 8 == 7 ? '\n' : ' ');
	if (len / 4 % 8)
		printf("\n");
	return 0;
usage:
	fprintf(stderr, "usage: peer_ioctl nr DEV N | reg DEV SCOPE OP_MOD REG_ID LEN [HEX...]\n");
	return 2;
}
