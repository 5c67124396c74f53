// SPDX-License-Identifier: GPL-2.0
/*
 * fwctl tool: fwctl devices in sysfs, DEV arguments, opening a device.
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

/* ---- sysfs view of fwctl devices ---------------------------------------- */


/*
 * Who registered the fwctl device: the driver of its parent, except where
 * that parent carries an auxiliary device "<x>.fwctl.<n>" (mlx5 registers
 * its fwctl device on the PCI function, next to the auxiliary device that
 * fwctl_mlx5 binds to); then that auxiliary device's driver.
 */
void owner_of(const char *pdir, struct fwdev *d)
{
	char path[PATH_MAX];
	struct dirent *de;
	DIR *dir;

	dir = opendir(pdir);
	if (dir) {
		while ((de = readdir(dir))) {
			if (!strstr(de->d_name, ".fwctl."))
				continue;
			if (pathf(path, sizeof(path), "%s/%s/driver", pdir, de->d_name) &&
			    link_name(path, d->driver, sizeof(d->driver))) {
				pathf(path, sizeof(path), "%s/%s/driver/module", pdir,
				      de->d_name);
				if (!link_name(path, d->module, sizeof(d->module)))
					d->module[0] = '\0';
				closedir(dir);
				return;
			}
		}
		closedir(dir);
	}
	if (pathf(path, sizeof(path), "%s/driver", pdir))
		link_name(path, d->driver, sizeof(d->driver));
	if (pathf(path, sizeof(path), "%s/driver/module", pdir))
		link_name(path, d->module, sizeof(d->module));
}

bool fwdev_load(const char *name, struct fwdev *d)
{
	char path[PATH_MAX], real[PATH_MAX], sub[64], devices[PATH_MAX];
	char *slash;

	memset(d, 0, sizeof(*d));
	if (strlen(name) >= sizeof(d->name))
		return false;
	strcpy(d->name, name);
	if (!pathf(path, sizeof(path), "%s/class/fwctl/%s", sysfs, name) ||
	    !realpath(path, d->real) || !is_dir(d->real))
		return false;
	pathf(d->node, sizeof(d->node), "%s/fwctl/%s", devdir, name);
	if (pathf(path, sizeof(path), "%s/class/fwctl/%s/dev", sysfs, name))
		read_line(path, d->devt, sizeof(d->devt));

	if (!pathf(path, sizeof(path), "%s/class/fwctl/%s/device", sysfs, name) ||
	    !realpath(path, real))
		return true;	/* no parent: a virtual device */
	slash = strrchr(real, '/');
	snprintf(d->parent, sizeof(d->parent), "%s", slash + 1);
	owner_of(real, d);

	/* Up the parent chain, within /sys/devices, to a PCI device. */
	if (!realpath(sysfs, devices) ||
	    !pathf(devices + strlen(devices), sizeof(devices) - strlen(devices),
		   "/devices"))
		return true;
	while (strlen(real) > strlen(devices) &&
	       !strncmp(real, devices, strlen(devices))) {
		if (pathf(path, sizeof(path), "%s/subsystem", real) &&
		    link_name(path, sub, sizeof(sub)) && !strcmp(sub, "pci")) {
			snprintf(d->pci, sizeof(d->pci), "%s", strrchr(real, '/') + 1);
			break;
		}
		slash = strrchr(real, '/');
		*slash = '\0';
	}
	return true;
}

int fwname_cmp(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	long nx = strtol(x + 5, NULL, 10), ny = strtol(y + 5, NULL, 10);

	return nx < ny ? -1 : nx > ny;
}

/* Names of every fwctl class device, sorted by number; NULL-terminated. */
char **fwdev_names(size_t *count)
{
	char path[PATH_MAX], **names = NULL;
	size_t n = 0;
	struct dirent *de;
	DIR *dir;

	pathf(path, sizeof(path), "%s/class/fwctl", sysfs);
	dir = opendir(path);
	if (dir) {
		while ((de = readdir(dir))) {
			if (strncmp(de->d_name, "fwctl", 5) ||
			    !isdigit((unsigned char)de->d_name[5]))
				continue;
			names = xrealloc(names, (n + 2) * sizeof(*names));
			names[n++] = strdup(de->d_name);
		}
		closedir(dir);
	}
	if (n)
		qsort(names, n, sizeof(*names), fwname_cmp);
	else
		names = xmalloc(sizeof(*names));
	names[n] = NULL;
	*count = n;
	return names;
}

void free_names(char **names)
{
	char **p;

	for (p = names; *p; p++)
		free(*p);
	free(names);
}

/*
 * DEV as given on the command line: "fwctlN", a device node path (also a
 * /dev/fwctl/by-pci/ link), or a PCI address ("0000:08:00.0", "08:00.0").
 */
int resolve_dev(const char *arg, struct fwdev *d)
{
	char pci[32] = "", **names, **p;
	size_t n;
	int found = 0;

	if (!strncmp(arg, "fwctl", 5) && !strchr(arg, '/')) {
		if (fwdev_load(arg, d))
			return 0;
		err_msg("%s: no such fwctl device (see 'fwctl list')", arg);
		return -ENODEV;
	}
	if (is_pci_addr(arg))
		snprintf(pci, sizeof(pci), "%s", arg);
	else if (is_short_pci_addr(arg))
		snprintf(pci, sizeof(pci), "0000:%s", arg);

	if (!*pci && !strchr(arg, '/')) {
		err_msg("%s: not a fwctl device name, device node or PCI address", arg);
		return -EINVAL;
	}

	names = fwdev_names(&n);
	if (*pci) {
		struct fwdev tmp;

		for (p = names; *p; p++) {
			if (fwdev_load(*p, &tmp) && !strcasecmp(tmp.pci, pci)) {
				if (found++) {
					err_msg("%s: several fwctl devices (%s, %s...): name one",
						pci, d->name, tmp.name);
					free_names(names);
					return -EINVAL;
				}
				*d = tmp;
			}
		}
		free_names(names);
		if (!found) {
			err_msg("%s: no fwctl device on this PCI device (see 'fwctl status')",
				pci);
			return -ENODEV;
		}
		return 0;
	}

	/* A path: match its device number against the class devices. */
	struct stat st;

	if (stat(arg, &st)) {
		int e = errno;

		free_names(names);
		err_errno(e, arg, NULL, NULL);
		return -e;
	}
	if (!S_ISCHR(st.st_mode)) {
		free_names(names);
		err_msg("%s: not a character device", arg);
		return -ENODEV;
	}
	for (p = names; *p && !found; p++) {
		char want[32];

		snprintf(want, sizeof(want), "%u:%u", major(st.st_rdev),
			 minor(st.st_rdev));
		if (fwdev_load(*p, d) && !strcmp(d->devt, want))
			found = 1;
	}
	free_names(names);
	if (!found) {
		err_msg("%s: not a fwctl device (no /sys/class/fwctl entry has its number %u:%u)",
			arg, major(st.st_rdev), minor(st.st_rdev));
		return -ENODEV;
	}
	snprintf(d->node, sizeof(d->node), "%s", arg);
	return 0;
}

const char *open_hint(int err)
{
	switch (err) {
	case EACCES:
		return "fwctl device nodes are root-only unless a udev rule grants a group, see fwctl(8)";
	case ENODEV:
	case ENXIO:
		return "the device was removed";
	case ENOENT:
		return "no device node: is devtmpfs or udev running?";
	}
	return NULL;
}

int open_dev(const struct fwdev *d)
{
	int fd = open(d->node, O_RDWR | O_CLOEXEC);

	if (fd < 0) {
		int e = errno;

		err_errno(e, d->node, "open", open_hint(e));
		return -e;
	}
	return fd;
}

void close_dev(int fd)
{
	close(fd);
}

/* FWCTL_INFO with room for @cap bytes of device data at @data. */
int do_info(int fd, void *data, unsigned int cap, unsigned int *type,
	    unsigned int *len)
{
	struct fwctl_info info = {
		.size = sizeof(info),
		.device_data_len = cap,
		.out_device_data = (uintptr_t)data,
	};

	if (ioctl(fd, FWCTL_INFO, &info))
		return -errno;
	*type = info.out_device_type;
	*len = info.device_data_len;
	return 0;
}

const char *info_hint(int err)
{
	switch (err) {
	case ENOTTY: return "not a fwctl device, or a different fwctl ABI";
	case ENODEV: return "the device was removed";
	}
	return NULL;
}
