#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/debug/kernel.sh [--print]
#
# Build (once) the debug kernel of `make check-debug` from Debian's
# linux-source-6.1: `make allnoconfig`, plus tests/debug/debug.config, plus
# `make olddefconfig`; every line of the fragment must survive into .config.
#
# The result is cached under
#   ${FWCTL_CACHE:-~/.cache/fwctl-dkms}/debug-kernel/<hash>/
# where <hash> covers the fragment, the source package version, the
# compiler and this recipe; it holds
#   kernel.env    KVER KDIR VMLINUZ MODDIR BUILD_SECS, sourced by tests/debug/run
#   bzImage       the kernel
#   root/lib/modules/<kver>/   its modules (depmod done)
#   obj/          the O= build tree: KDIR for external modules
#   src/          the unpacked source obj/ refers to
#   build.log
# With --print, only print the cache directory (built or not) and exit.
#
# The build runs under nice/ionice with FWCTL_MAKE_JOBS (default nproc) jobs.

set -eu -o pipefail

DEBUG_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
FRAGMENT=$DEBUG_DIR/debug.config
CACHE=${FWCTL_CACHE:-$HOME/.cache/fwctl-dkms}
JOBS=${FWCTL_MAKE_JOBS:-$(nproc)}
SRC_PKG=linux-source-6.1
# Bump when the steps below change what gets built.
RECIPE=1

log() { printf 'debug-kernel: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Install Debian packages $@ that are missing (as root), or say which.
need_packages() {
	local p missing=""
	for p in "$@"; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q ' installed$' ||
			missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	[ "$(id -u)" = 0 ] || die "missing packages:$missing (apt-get install them, or run as root)"
	log "installing$missing"
	mkdir -p "$CACHE"
	# shellcheck disable=SC2086 # one word per package
	(
		flock 9
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends $missing >/dev/null
	) 9>"$CACHE/apt.lock" || die "apt-get install$missing failed"
}

need_packages "$SRC_PKG" gcc make bc flex bison libelf-dev libssl-dev xz-utils kmod

SRC_VERSION=$(dpkg-query -W -f='${Version}' "$SRC_PKG")
TARBALL=$(dpkg-query -L "$SRC_PKG" | grep -m1 '/linux-source-[^/]*\.tar\.xz$') ||
	die "$SRC_PKG $SRC_VERSION has no source tarball"
CC_VERSION=$(gcc --version | head -n1)
HASH=$( {
	echo "recipe $RECIPE"
	echo "$SRC_PKG $SRC_VERSION"
	echo "$CC_VERSION"
	cat "$FRAGMENT"
} | sha256sum | cut -c1-16)
DIR=$CACHE/debug-kernel/$HASH

if [ "${1:-}" = --print ]; then
	echo "$DIR"
	exit 0
fi

# Does obj/.config have every line of the fragment? Print the misses.
config_misses() {
	local config=$1 line sym
	while IFS= read -r line; do
		case $line in
		"# CONFIG_"*" is not set")
			sym=${line#"# "}
			sym=${sym%" is not set"}
			grep -q "^$sym=" "$config" && echo "$line (have: $(grep "^$sym=" "$config"))"
			;;
		CONFIG_*=*)
			grep -qxF -- "$line" "$config" ||
				echo "$line (have: $(grep -E "^(# )?${line%%=*}[= ]" "$config" || echo nothing))"
			;;
		esac
	done <"$FRAGMENT"
	return 0
}

build() {
	local start misses kver
	[ -e "$DIR/kernel.env" ] && return 0
	start=$(date +%s)
	rm -rf "$DIR"
	mkdir -p "$DIR"
	log "building in $DIR ($SRC_PKG $SRC_VERSION, $JOBS jobs); log: $DIR/build.log"
	exec 3>&2 >"$DIR/build.log" 2>&1
	mkdir "$DIR/src.tmp"
	tar -C "$DIR/src.tmp" --strip-components=1 -xJf "$TARBALL"
	mv "$DIR/src.tmp" "$DIR/src"

	local mk=(nice -n 10 ionice -c 2 -n 7 make -C "$DIR/src" O="$DIR/obj" ARCH=x86_64)
	"${mk[@]}" allnoconfig
	cat "$FRAGMENT" >>"$DIR/obj/.config"
	"${mk[@]}" olddefconfig
	misses=$(config_misses "$DIR/obj/.config")
	if [ -n "$misses" ]; then
		printf '%s\n' "$misses" | sed 's/^/not in .config: /' >&3
		die "the config fragment does not apply to $SRC_PKG $SRC_VERSION"
	fi

	"${mk[@]}" -j"$JOBS" bzImage modules
	"${mk[@]}" INSTALL_MOD_PATH="$DIR/root" modules_install
	kver=$("${mk[@]}" -s kernelrelease)
	cp "$DIR/obj/arch/x86/boot/bzImage" "$DIR/bzImage"
	[ -s "$DIR/obj/Module.symvers" ] || die "no Module.symvers"
	depmod -b "$DIR/root" "$kver"
	exec >&3 2>&3 3>&-

	cat >"$DIR/kernel.env.tmp" <<-EOF
		KVER=$kver
		KDIR=$DIR/obj
		VMLINUZ=$DIR/bzImage
		MODDIR=$DIR/root/lib/modules/$kver
		BUILD_SECS=$(($(date +%s) - start))
	EOF
	mv "$DIR/kernel.env.tmp" "$DIR/kernel.env"
	log "built $kver in $(($(date +%s) - start))s"
}

mkdir -p "$CACHE/debug-kernel"
(
	flock 9
	build
) 9>"$DIR.lock" || {
	[ -f "$DIR/build.log" ] && tail -n 30 "$DIR/build.log" >&2
	die "build failed; log: $DIR/build.log"
}
echo "$DIR"
