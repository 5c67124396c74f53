// SPDX-License-Identifier: GPL-2.0
/*
 * fwctl tool: messages, memory, sysfs files, PCI addresses, hex input.
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

void *xrealloc(void *old, size_t n)
{
	void *p = realloc(old, n ? n : 1);

	if (!p) {
		err_msg("out of memory");
		exit(EXIT_ERR);
	}
	return p;
}

/* snprintf that reports truncation as failure. */
bool __attribute__((format(printf, 3, 4)))
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
bool read_line(const char *path, char *buf, size_t size)
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
bool link_name(const char *path, char *buf, size_t size)
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

bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* "0000:08:00.0" */
bool is_pci_addr(const char *s)
{
	unsigned int dom, bus, dev, fn;
	int n = 0;

	return sscanf(s, "%4x:%2x:%2x.%1x%n", &dom, &bus, &dev, &fn, &n) == 4 &&
	       n == 12 && s[n] == '\0';
}

/* "08:00.0" as lspci prints it, for domain 0000 */
bool is_short_pci_addr(const char *s)
{
	unsigned int bus, dev, fn;
	int n = 0;

	return sscanf(s, "%2x:%2x.%1x%n", &bus, &dev, &fn, &n) == 3 &&
	       n == 7 && s[n] == '\0';
}


/* ---- hex input ---------------------------------------------------------- */

/*
 * Parse hex text: pairs of hex digits, with any whitespace, optional "0x"
 * before a group, and '#' comments to the end of the line.
 */
int parse_hex(const char *text, size_t tlen, unsigned char **out,
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
int read_all(int fd, unsigned char **out, size_t *out_len, size_t limit)
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
