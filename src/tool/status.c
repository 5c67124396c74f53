// SPDX-License-Identifier: GPL-2.0
/*
 * fwctl status: module facts (libkmod, /sys/module) and mlx5 functions.
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
#include <libkmod.h>

#ifndef FWCTL_TOOL_VERSION
#define FWCTL_TOOL_VERSION "unknown"
#endif

/* ---- status: module facts ----------------------------------------------- */

struct modrec {
	const char *name;
	bool optional;		/* shown only when present */
	char state[16];		/* live, coming, going, builtin, or "" (not loaded) */
	int refcnt;		/* -1: unknown */
	char holders[256];
	char path[PATH_MAX];	/* the file modprobe would load, or "" */
	const char *location;	/* dkms, updates, extra, in-tree, other */
	char version[64];	/* of the file */
	char srcversion[64];	/* of the file */
	char vermagic[128];
	char signer[256];
	char sig_key[256];
	char sig_hashalgo[32];
	char loaded_version[64];
	char loaded_srcversion[64];
	char taint[32];		/* /sys/module/<m>/taint */
	char note[160];
};

const char *location_of(const char *path)
{
	if (!*path)
		return NULL;
	if (strstr(path, "/updates/dkms/"))
		return "dkms";
	if (strstr(path, "/updates/"))
		return "updates";
	if (strstr(path, "/extra/"))
		return "extra";
	if (strstr(path, "/kernel/"))
		return "in-tree";
	return "other";
}

/* What only a loaded module shows: /sys/module/<name>/. */
void sysfs_module(struct modrec *m)
{
	char path[PATH_MAX], buf[64];

	pathf(path, sizeof(path), "%s/module/%s/version", sysfs, m->name);
	read_line(path, m->loaded_version, sizeof(m->loaded_version));
	pathf(path, sizeof(path), "%s/module/%s/srcversion", sysfs, m->name);
	read_line(path, m->loaded_srcversion, sizeof(m->loaded_srcversion));
	pathf(path, sizeof(path), "%s/module/%s/taint", sysfs, m->name);
	read_line(path, m->taint, sizeof(m->taint));
	if (!*m->state) {
		pathf(path, sizeof(path), "%s/module/%s/initstate", sysfs, m->name);
		if (read_line(path, m->state, sizeof(m->state))) {
			/* "live" etc. */
		} else {
			/* Built-in code with parameters has a /sys/module dir too. */
			pathf(path, sizeof(path), "%s/module/%s", sysfs, m->name);
			if (is_dir(path))
				snprintf(m->state, sizeof(m->state), "builtin");
		}
	}
	if (m->refcnt < 0) {
		pathf(path, sizeof(path), "%s/module/%s/refcnt", sysfs, m->name);
		if (read_line(path, buf, sizeof(buf)))
			m->refcnt = atoi(buf);
	}
	if (!*m->holders) {
		struct dirent *de;
		DIR *dir;

		pathf(path, sizeof(path), "%s/module/%s/holders", sysfs, m->name);
		dir = opendir(path);
		while (dir && (de = readdir(dir))) {
			size_t l = strlen(m->holders);

			if (de->d_name[0] == '.')
				continue;
			snprintf(m->holders + l, sizeof(m->holders) - l, "%s%s",
				 l ? "," : "", de->d_name);
		}
		if (dir)
			closedir(dir);
	}
}

void copy_val(char *dst, size_t size, const char *v)
{
	snprintf(dst, size, "%s", v ? v : "");
}

void module_facts(struct kmod_ctx *ctx, struct modrec *m)
{
	struct kmod_module *mod = NULL;
	struct kmod_list *info = NULL, *l;
	int st;

	m->refcnt = -1;
	if (!ctx || kmod_module_new_from_name(ctx, m->name, &mod) < 0) {
		sysfs_module(m);
		return;
	}
	st = kmod_module_get_initstate(mod);
	if (st >= 0)
		copy_val(m->state, sizeof(m->state), kmod_module_initstate_str(st));
	if (st == KMOD_MODULE_LIVE || st == KMOD_MODULE_COMING ||
	    st == KMOD_MODULE_GOING)
		m->refcnt = kmod_module_get_refcnt(mod);
	copy_val(m->path, sizeof(m->path), kmod_module_get_path(mod));
	if (*m->path && kmod_module_get_info(mod, &info) >= 0) {
		kmod_list_foreach(l, info) {
			const char *k = kmod_module_info_get_key(l);
			const char *v = kmod_module_info_get_value(l);

			if (!strcmp(k, "version"))
				copy_val(m->version, sizeof(m->version), v);
			else if (!strcmp(k, "srcversion"))
				copy_val(m->srcversion, sizeof(m->srcversion), v);
			else if (!strcmp(k, "vermagic"))
				copy_val(m->vermagic, sizeof(m->vermagic), v);
			else if (!strcmp(k, "signer"))
				copy_val(m->signer, sizeof(m->signer), v);
			else if (!strcmp(k, "sig_key"))
				copy_val(m->sig_key, sizeof(m->sig_key), v);
			else if (!strcmp(k, "sig_hashalgo"))
				copy_val(m->sig_hashalgo, sizeof(m->sig_hashalgo), v);
		}
		kmod_module_info_free_list(info);
	}
	kmod_module_unref(mod);
	sysfs_module(m);
}


/* ---- status: mlx5 functions --------------------------------------------- */

struct mlx5fn {
	char name[256];		/* device name: a PCI address, on the pci bus */
	char bus[256];
	char aux[256];		/* its mlx5_core.fwctl.N, or "" */
	char aux_driver[128];	/* the auxiliary device's driver, or "" */
	char fwctl[32];		/* the fwctl device below the function, or "" */
	const char *state;
	const char *why;
};

int fn_cmp(const void *a, const void *b)
{
	const struct mlx5fn *x = a, *y = b;
	int c = strcmp(x->bus, y->bus);

	return c ? c : strcmp(x->name, y->name);
}

/*
 * Every device bound to a driver named mlx5_core: the PCI functions, and on
 * test machines the functions of tests/mlx5's mock bus.
 */
static struct mlx5fn *mlx5_functions(size_t *count)
{
	char path[PATH_MAX];
	struct dirent *bde, *de;
	struct mlx5fn *v = xmalloc(sizeof(*v));
	size_t n = 0;
	DIR *buses, *dir;

	pathf(path, sizeof(path), "%s/bus", sysfs);
	buses = opendir(path);
	while (buses && (bde = readdir(buses))) {
		if (bde->d_name[0] == '.')
			continue;
		if (!pathf(path, sizeof(path), "%s/bus/%s/drivers/mlx5_core", sysfs,
			   bde->d_name))
			continue;
		dir = opendir(path);
		while (dir && (de = readdir(dir))) {
			struct stat st;
			char link[PATH_MAX];

			/* The bound devices are the links to directories. */
			if (de->d_name[0] == '.' || !strcmp(de->d_name, "module") ||
			    !pathf(link, sizeof(link), "%s/%s", path, de->d_name) ||
			    lstat(link, &st) || !S_ISLNK(st.st_mode) || !is_dir(link))
				continue;
			v = xrealloc(v, (n + 1) * sizeof(*v));
			memset(&v[n], 0, sizeof(v[n]));
			snprintf(v[n].name, sizeof(v[n].name), "%s", de->d_name);
			snprintf(v[n].bus, sizeof(v[n].bus), "%s", bde->d_name);
			n++;
		}
		if (dir)
			closedir(dir);
	}
	if (buses)
		closedir(buses);
	qsort(v, n, sizeof(*v), fn_cmp);
	*count = n;
	return v;
}

static void mlx5_function(struct mlx5fn *f, char **fwnames)
{
	char path[PATH_MAX], real[PATH_MAX];
	struct dirent *de;
	size_t rl;
	char **p;
	DIR *dir;

	pathf(path, sizeof(path), "%s/bus/%s/drivers/mlx5_core/%s", sysfs, f->bus,
	      f->name);
	if (!realpath(path, real))
		real[0] = '\0';
	rl = strlen(real);
	dir = *real ? opendir(real) : NULL;
	while (dir && (de = readdir(dir))) {
		if (strncmp(de->d_name, "mlx5_core.fwctl.", 16))
			continue;
		snprintf(f->aux, sizeof(f->aux), "%s", de->d_name);
		if (pathf(path, sizeof(path), "%s/%s/driver", real, de->d_name))
			link_name(path, f->aux_driver, sizeof(f->aux_driver));
		break;
	}
	if (dir)
		closedir(dir);
	/* Its fwctl device sits below it: on the function or on the aux device. */
	for (p = fwnames; *p && rl; p++) {
		struct fwdev d;

		if (fwdev_load(*p, &d) && !strncmp(d.real, real, rl) &&
		    d.real[rl] == '/') {
			snprintf(f->fwctl, sizeof(f->fwctl), "%s", d.name);
			break;
		}
	}
	if (*f->fwctl) {
		f->state = "ok";
	} else if (!*f->aux) {
		f->state = "no-aux-device";
		f->why = "no mlx5_core.fwctl auxiliary device: fwctl_mlx5 is not loaded (its shim creates it on older kernels), or the firmware lacks uctx_cap";
	} else if (!*f->aux_driver) {
		f->state = "unbound";
		f->why = "the auxiliary device has no driver: load fwctl_mlx5";
	} else {
		f->state = "no-fwctl-device";
		f->why = "the driver is bound but registered no fwctl device: see the kernel log";
	}
}

/* ---- status ------------------------------------------------------------- */

void usage_status(FILE *f)
{
	fprintf(f,
		"Usage: fwctl [-j [-p]] status\n"
		"\n"
		"Tell whether the fwctl modules are loaded and from where (DKMS,\n"
		"extra, in-tree), their version, srcversion, signer and taint, the\n"
		"kernel's taint, and whether each mlx5 PCI function has its fwctl\n"
		"device. Exits 3 when fwctl is not loaded or an mlx5 function has\n"
		"no fwctl device.\n");
}

/* Kernel taint letters by bit (kernel/panic.c); 'J' is TAINT_FWCTL (6.15). */
const char taint_letters[] = "PFSRMBUDAWCIOEKLXTNJ";

void taint_string(unsigned long t, char *buf, size_t size)
{
	size_t i, n = 0;

	for (i = 0; i < sizeof(taint_letters) - 1 && n + 1 < size; i++)
		if (t & (1UL << i))
			buf[n++] = taint_letters[i];
	if (t >> (sizeof(taint_letters) - 1) && n + 1 < size)
		buf[n++] = '?';
	buf[n] = '\0';
}

void print_mod_text(const struct modrec *m)
{
	bool loaded = *m->state != '\0';

	printf("%s: ", m->name);
	if (!loaded)
		printf("not loaded%s\n", *m->path ? "" : ", not installed");
	else if (m->refcnt >= 0)
		printf("%s, refcnt %d%s%s\n", m->state, m->refcnt,
		       *m->holders ? ", used by " : "", m->holders);
	else
		printf("%s\n", m->state);
	if (*m->path)
		printf("  file        %s (%s)\n", m->path, m->location);
	if (*m->version || *m->loaded_version)
		printf("  version     %s\n", *m->loaded_version ? m->loaded_version : m->version);
	if (*m->srcversion || *m->loaded_srcversion)
		printf("  srcversion  %s\n",
		       *m->loaded_srcversion ? m->loaded_srcversion : m->srcversion);
	if (loaded && *m->loaded_srcversion && *m->srcversion &&
	    strcmp(m->loaded_srcversion, m->srcversion))
		printf("  warning     the loaded module is not the file above (file srcversion %s): reload it\n",
		       m->srcversion);
	if (*m->path)
		printf("  signer      %s\n", *m->signer ? m->signer : "(unsigned)");
	if (*m->sig_key)
		printf("  sig_key     %s (%s)\n", m->sig_key,
		       *m->sig_hashalgo ? m->sig_hashalgo : "?");
	if (loaded && strcmp(m->state, "builtin"))
		printf("  taint       %s\n", *m->taint ? m->taint : "(none)");
	if (*m->note)
		printf("  note        %s\n", m->note);
}

void print_mod_json(const struct modrec *m)
{
	bool loaded = *m->state != '\0';

	js_obj(NULL);
	js_str("name", m->name);
	js_bool("loaded", loaded);
	js_str_or_null("state", m->state);
	if (m->refcnt >= 0)
		js_num("refcnt", m->refcnt);
	else
		js_str("refcnt", NULL);
	js_arr("holders");
	{
		char buf[sizeof(m->holders)], *save = NULL, *t;

		snprintf(buf, sizeof(buf), "%s", m->holders);
		for (t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save))
			js_str(NULL, t);
	}
	js_end_arr();
	js_str_or_null("path", m->path);
	js_str_or_null("location", m->location);
	js_str_or_null("version", *m->loaded_version ? m->loaded_version : m->version);
	js_str_or_null("srcversion", m->srcversion);
	js_str_or_null("loaded_srcversion", m->loaded_srcversion);
	js_bool("stale", loaded && *m->loaded_srcversion && *m->srcversion &&
			 strcmp(m->loaded_srcversion, m->srcversion));
	js_str_or_null("vermagic", m->vermagic);
	js_str_or_null("signer", m->signer);
	js_str_or_null("sig_key", m->sig_key);
	js_str_or_null("sig_hashalgo", m->sig_hashalgo);
	js_str("taint", loaded ? m->taint : NULL);
	js_str_or_null("note", m->note);
	js_end_obj();
}

int cmd_status(int argc, char **argv)
{
	struct modrec mods[] = {
		{ .name = "fwctl" },
		{ .name = "fwctl_mlx5" },
		/* Upstream's name for its in-tree mlx5 driver (6.15+). */
		{ .name = "mlx5_fwctl", .optional = true },
		{ .name = "mlx5_core" },
	};
	const size_t nmods = sizeof(mods) / sizeof(mods[0]);
	char buf[64], taint[32] = "", **fwnames, **p;
	unsigned long ktaint = 0;
	bool have_taint, degraded = false;
	struct utsname uts;
	size_t i, nfns, nfw;
	int rc = common_opts(argc, argv, usage_status);

	if (rc >= 0)
		return rc;
	if (optind != argc) {
		usage_status(stderr);
		return EXIT_USAGE;
	}

	uname(&uts);
	struct kmod_ctx *ctx = kmod_new(NULL, NULL);

	if (ctx)
		kmod_load_resources(ctx);
	for (i = 0; i < nmods; i++)
		module_facts(ctx, &mods[i]);
	if (ctx)
		kmod_unref(ctx);
	for (i = 0; i < nmods; i++)
		mods[i].location = location_of(mods[i].path);
	if (!*mods[0].state)
		degraded = true;

	have_taint = read_line("/proc/sys/kernel/tainted", buf, sizeof(buf));
	if (have_taint) {
		ktaint = strtoul(buf, NULL, 10);
		taint_string(ktaint, taint, sizeof(taint));
	}

	fwnames = fwdev_names(&nfw);
	struct mlx5fn *fn = mlx5_functions(&nfns);

	for (i = 0; i < nfns; i++) {
		mlx5_function(&fn[i], fwnames);
		if (strcmp(fn[i].state, "ok"))
			degraded = true;
	}

	if (opt_json) {
		js_obj(NULL);
		js_str("tool_version", FWCTL_TOOL_VERSION);
		js_str("kernel", uts.release);
		js_bool("libkmod", true);
		if (have_taint) {
			js_num("taint", (long long)ktaint);
			js_str("taint_flags", taint);
		} else {
			js_str("taint", NULL);
			js_str("taint_flags", NULL);
		}
		js_arr("modules");
		for (i = 0; i < nmods; i++)
			if (!mods[i].optional || *mods[i].state || *mods[i].path)
				print_mod_json(&mods[i]);
		js_end_arr();
		js_arr("devices");
		for (p = fwnames; *p; p++)
			js_str(NULL, *p);
		js_end_arr();
		js_arr("mlx5_functions");
		for (i = 0; i < nfns; i++) {
			js_obj(NULL);
			js_str("device", fn[i].name);
			js_str("bus", fn[i].bus);
			js_str_or_null("aux_device", fn[i].aux);
			js_str_or_null("aux_driver", fn[i].aux_driver);
			js_str_or_null("fwctl", fn[i].fwctl);
			js_str("state", fn[i].state);
			js_end_obj();
		}
		js_end_arr();
		js_bool("ok", !degraded);
		js_end_obj();
	} else {
		printf("kernel %s", uts.release);
		if (have_taint)
			printf(", taint %lu%s%s%s", ktaint, *taint ? " (" : "", taint,
			       *taint ? ")" : "");
		putchar('\n');
		for (i = 0; i < nmods; i++)
			if (!mods[i].optional || *mods[i].state || *mods[i].path)
				print_mod_text(&mods[i]);
		printf("fwctl devices: %zu\n", nfw);
		printf("mlx5 functions: %zu\n", nfns);
		for (i = 0; i < nfns; i++) {
			printf("  %s  %s", fn[i].name, *fn[i].fwctl ? fn[i].fwctl : fn[i].state);
			if (*fn[i].aux)
				printf("  (%s%s%s)", fn[i].aux, *fn[i].aux_driver ? " bound to " : "",
				       fn[i].aux_driver);
			putchar('\n');
			if (fn[i].why)
				printf("      %s\n", fn[i].why);
		}
	}

	free(fn);
	free_names(fwnames);
	return degraded ? EXIT_DEGRADED : EXIT_OK;
}
