#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# fake-sysfs.sh ROOT: build a synthetic sysfs tree under ROOT/sys for the
# tool's tests (FWCTL_SYSFS=ROOT/sys) and udev-test. POSIX sh, also for the
# busybox guest. The layout follows the kernel's:
#
#   0000:08:00.0  mlx5_core, aux mlx5_core.fwctl.0 bound to fwctl_mlx5,
#                 fwctl0 registered on the PCI function (as mlx5 does)
#   0000:08:00.1  mlx5_core, aux mlx5_core.fwctl.1 with no driver
#   0000:08:00.2  mlx5_core, no aux device
#   0000:0c:00.0  a CXL-like chain: pci -> mem0 (cxl) -> fwctl2
#   fwctl_test.0  a platform device, no driver -> fwctl1
set -eu
R=$1/sys
rm -rf "$R"
mkdir -p "$R/bus/pci/drivers/mlx5_core" "$R/bus/auxiliary/drivers/fwctl_mlx5.mlx5_fwctl" \
	"$R/bus/platform" "$R/bus/cxl" "$R/class/fwctl" "$R/module/mlx5_core" \
	"$R/module/fwctl/holders" "$R/module/fwctl_mlx5" "$R/devices/platform"
ln -s ../../../../module/mlx5_core "$R/bus/pci/drivers/mlx5_core/module"
ln -s ../../../../module/fwctl_mlx5 "$R/bus/auxiliary/drivers/fwctl_mlx5.mlx5_fwctl/module"

# dir subsystem-link: a device directory with its subsystem link
dev() {
	mkdir -p "$R/devices/$1"
	: >"$R/devices/$1/uevent"
	[ -z "$2" ] || ln -s "$(rel "devices/$1")$2" "$R/devices/$1/subsystem"
}
# the ../ path from ROOT/sys/$1 back up to ROOT/sys/
rel() {
	echo "$1" | sed 's|[^/]*|..|g; s|$|/|'
}
# fwctl class device NAME MINOR under device dir $1
fwctl() {
	d=$1/fwctl/$2
	mkdir -p "$R/devices/$d"
	ln -s "$(rel "devices/$d")class/fwctl" "$R/devices/$d/subsystem"
	ln -s ../.. "$R/devices/$d/device"
	echo "240:$3" >"$R/devices/$d/dev"
	printf 'MAJOR=240\nMINOR=%s\nDEVNAME=fwctl/%s\n' "$3" "$2" >"$R/devices/$d/uevent"
	ln -s "../../devices/$d" "$R/class/fwctl/$2"
}

P=pci0000:00/0000:00:02.0
dev pci0000:00 ""
dev "$P" bus/pci
for fn in 0 1 2; do
	d=$P/0000:08:00.$fn
	dev "$d" bus/pci
	printf 'DRIVER=mlx5_core\nPCI_SLOT_NAME=0000:08:00.%s\n' "$fn" >"$R/devices/$d/uevent"
	ln -s "$(rel "devices/$d")bus/pci/drivers/mlx5_core" "$R/devices/$d/driver"
	ln -s "../../../../devices/$d" "$R/bus/pci/drivers/mlx5_core/0000:08:00.$fn"
done
dev "$P/0000:08:00.0/mlx5_core.fwctl.0" bus/auxiliary
ln -s "$(rel "devices/$P/0000:08:00.0/mlx5_core.fwctl.0")bus/auxiliary/drivers/fwctl_mlx5.mlx5_fwctl" \
	"$R/devices/$P/0000:08:00.0/mlx5_core.fwctl.0/driver"
dev "$P/0000:08:00.1/mlx5_core.fwctl.1" bus/auxiliary
fwctl "$P/0000:08:00.0" fwctl0 0

dev platform/fwctl_test.0 bus/platform
fwctl platform/fwctl_test.0 fwctl1 1

dev pci0000:00/0000:00:03.0 bus/pci
dev pci0000:00/0000:00:03.0/0000:0c:00.0 bus/pci
dev pci0000:00/0000:00:03.0/0000:0c:00.0/mem0 bus/cxl
fwctl pci0000:00/0000:00:03.0/0000:0c:00.0/mem0 fwctl2 2

# Loaded-module facts for the sysfs-only (static) build.
for m in fwctl fwctl_mlx5 mlx5_core; do echo live >"$R/module/$m/initstate"; done
echo 1 >"$R/module/fwctl/refcnt"
echo OE >"$R/module/fwctl/taint"
echo 0123456789ABCDEF0123456 >"$R/module/fwctl/srcversion"
mkdir -p "$R/module/fwctl/holders/fwctl_mlx5"
