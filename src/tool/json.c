// SPDX-License-Identifier: GPL-2.0
/*
 * fwctl tool: JSON and hex output.
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

void js_sep(void)
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

void js_raw_string(const char *s)
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

void js_open(char c)
{
	js_sep();
	putchar(c);
	js.depth++;
	js.first[js.depth] = true;
}

void js_close(char c)
{
	bool empty = js.first[js.depth];

	js.depth--;
	if (opt_pretty && !empty)
		printf("\n%*s", js.depth * 2, "");
	putchar(c);
	if (js.depth == 0)
		putchar('\n');
}

void js_key(const char *k)
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
void js_str_or_null(const char *k, const char *v)
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
