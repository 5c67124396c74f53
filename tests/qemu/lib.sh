# shellcheck shell=bash
# SPDX-License-Identifier: GPL-2.0
#
# The QEMU harness, sourced by tests/qemu/check and tests/qemu/run.
#
# Per kernel of tests/kernels.conf: resolve the newest matching Debian kernel
# from the suites' Packages indexes, download and extract its image and
# headers, build our modules and the suites' test modules against the headers
# (on the host, or in a chroot of the kernel's build suite), pack a busybox
# initramfs and boot it once per suite under QEMU/TCG.
#
# Everything downloaded or built lives under $CACHE; shared parts (indexes,
# .debs, extracted kernels, chroots) are guarded by flock so that several
# runs, and several kernels of one run, can go on at once.

set -eu -o pipefail

QEMU_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRC=${FWCTL_SRC:-$(cd "$QEMU_DIR/../.." && pwd)}
CONF=${FWCTL_KERNELS_CONF:-$QEMU_DIR/../kernels.conf}
CACHE=${FWCTL_CACHE:-$HOME/.cache/fwctl-dkms}
MIRROR=${FWCTL_MIRROR:-http://deb.debian.org}
BOOT_TIMEOUT=${FWCTL_BOOT_TIMEOUT:-600}
MAKE_JOBS=${FWCTL_MAKE_JOBS:-$(nproc)}
# What the kernel log must never show (matched on kernel lines only).
BAD_KERNEL_RE='Oops|BUG:|WARNING:|Kernel panic|KASAN|UBSAN|possible circular locking|lockdep|kmemleak|Call Trace|general protection fault|refcount_t:|blocked for more than'
# Stock modules every initramfs carries, with their dependencies, on top of
# the dependencies of our own modules.
STOCK_MODULES=${FWCTL_STOCK_MODULES:-mlx5_core auxiliary}

CACHE=$(mkdir -p "$CACHE" && cd "$CACHE" && pwd)
# Builds here are our own: not sub-makes of a `make check` (its jobserver
# and command-line variables would leak in).
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES
HOST_SUITE=$(sed -n 's/^VERSION_CODENAME=//p' /etc/os-release)

log() { printf '%s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Run "$@" holding an exclusive lock on file $1.
locked() {
	local lock=$1; shift
	mkdir -p "$(dirname "$lock")"
	(flock 9 && "$@") 9>"$lock"
}

# ---- host tools -----------------------------------------------------------

HOST_PACKAGES="qemu-system-x86 busybox-static cpio mmdebstrap xz-utils zstd kmod
curl ca-certificates gcc make libc6-dev libelf-dev libssl-dev bc util-linux dpkg
gzip coreutils git pkg-config libkmod-dev"

# Install what is missing (as root), or say what is missing.
host_install() {
	local p missing=""
	for p in "$@"; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q ' installed$' ||
			missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	[ "$(id -u)" = 0 ] || die "missing host packages:$missing (apt-get install them, or run as root)"
	log "installing host packages:$missing"
	# shellcheck disable=SC2086 # word splitting wanted
	locked "$CACHE/apt.lock" sh -c 'apt-get update -qq &&
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null' \
		_ $missing || die "apt-get install$missing failed"
}

host_tools() {
	# shellcheck disable=SC2086
	host_install $HOST_PACKAGES
	[ "$(id -u)" = 0 ] || log "warning: not root: chroot builds will fail"
}

# ---- kernels.conf ---------------------------------------------------------

conf_keys() {
	awk '!/^[[:space:]]*(#|$)/ { print $1 }' "$CONF"
}

# Set K_KEY K_ABI K_SUITES K_BUILD K_FLAVOUR, and from the line's options
# K_FORCE (force=a,b: FWCTL_FORCE_ABSENT) and K_RUN (run=a,b: the suites
# run when none are asked for), for key $1.
#
# A key with a '/' (./dir, /path/dir) is a directory of a distribution's
# kernel packages instead (K_PKGDIR, see pkg_extract): K_KEY is then
# pkg-<its name>, and it builds on the host (FWCTL_PKG_BUILD=<Debian suite>:
# in a chroot of that suite).
conf_load() {
	local line opt
	K_PKGDIR=""
	case $1 in
	*/*)
		[ -d "$1" ] || die "$1: no such directory of kernel packages"
		# shellcheck disable=SC2034 # used by the callers
		K_PKGDIR=$(cd "$1" && pwd) K_ABI=- K_SUITES=- K_FLAVOUR=- K_FORCE="" K_RUN=""
		K_KEY=pkg-$(basename "$K_PKGDIR") K_BUILD=${FWCTL_PKG_BUILD:-host}
		return 0 ;;
	esac
	line=$(awk -v k="$1" '!/^[[:space:]]*(#|$)/ && $1 == k' "$CONF")
	[ -n "$line" ] || die "kernel '$1' is not in $CONF (known: $(conf_keys | tr '\n' ' '))"
	# shellcheck disable=SC2086
	set -- $line
	[ $# -ge 4 ] || die "$CONF: '$line': want key abi suites build [flavour] [option=value...]"
	# shellcheck disable=SC2034 # used by the callers
	K_KEY=$1 K_ABI=$2 K_SUITES=$3 K_BUILD=$4 K_FLAVOUR=amd64 K_FORCE="" K_RUN=""
	shift 4
	case ${1:-} in *=*) ;; ?*) K_FLAVOUR=$1; shift ;; esac
	for opt in "$@"; do
		case $opt in
		force=*) K_FORCE=${opt#force=} K_FORCE=${K_FORCE//,/ } ;;
		run=*) K_RUN=${opt#run=} K_RUN=${K_RUN//,/ } ;;
		*) die "$CONF: '$line': unknown option '$opt' (force=, run=)" ;;
		esac
	done
}

# What FWCTL_FORCE_ABSENT the build of the loaded kernel gets: the line's
# force= and the caller's own.
conf_force() {
	echo "${K_FORCE:-} ${FWCTL_FORCE_ABSENT:-}" | xargs
}

# ---- Debian archive -------------------------------------------------------

# Print the path of suite $1's index of linux-* packages, one a line:
#   package <TAB> version <TAB> url <TAB> sha256 <TAB> depends
# The Packages.xz is fetched at most once a day; an old one is kept when
# the archive cannot be reached.
suite_index() {
	local suite=$1 archive=debian dir
	case $suite in *-security) archive=debian-security ;; esac
	dir=$CACHE/index/$suite
	locked "$dir.lock" suite_index_locked "$suite" "$archive" "$dir" >&2
	echo "$dir/linux.tsv"
}

suite_index_locked() {
	local suite=$1 archive=$2 dir=$3
	local url=$MIRROR/$archive/dists/$suite/main/binary-amd64/Packages.xz
	mkdir -p "$dir"
	if [ ! -s "$dir/Packages.xz" ] || [ -n "$(find "$dir/Packages.xz" -mmin +1440)" ]; then
		log "fetching $url"
		if curl -fsSL --retry 3 -o "$dir/Packages.xz.new" "$url"; then
			mv "$dir/Packages.xz.new" "$dir/Packages.xz"
		elif [ -s "$dir/Packages.xz" ]; then
			log "warning: cannot fetch $url, using the cached index"
			touch "$dir/Packages.xz"
		else
			die "cannot fetch $url"
		fi
	fi
	[ "$dir/linux.tsv" -nt "$dir/Packages.xz" ] && return 0
	xz -dc "$dir/Packages.xz" | awk -v base="$MIRROR/$archive/" '
		/^Package: /  { p = $2 }
		/^Version: /  { v = $2 }
		/^Filename: / { f = $2 }
		/^SHA256: /   { s = $2 }
		/^Depends: /  { d = substr($0, 10) }
		/^$/ { if (p ~ /^linux-/) print p "\t" v "\t" base f "\t" s "\t" d
		       p = v = f = s = d = "" }' >"$dir/linux.tsv.new"
	mv "$dir/linux.tsv.new" "$dir/linux.tsv"
}

# Newest version among the lines "<version> <rest...>" on stdin: print the line.
newest() {
	local best="" bestv="" v rest
	while read -r v rest; do
		if [ -z "$bestv" ] || dpkg --compare-versions "$v" gt "$bestv"; then
			bestv=$v best="$v $rest"
		fi
	done
	[ -n "$best" ] && echo "$best"
}

# Of "<version> <row>" lines, print the row of a "same" line if there is
# one, else the newest row.
newest_or_same() {
	local lines same
	lines=$(cat)
	same=$(printf '%s\n' "$lines" | sed -n 's/^same //p')
	if [ -n "$same" ]; then
		printf '%s\n' "$same"
	else
		printf '%s\n' "$lines" | newest | cut -d' ' -f2-
	fi
}

# Resolve kernel key $1 into $CACHE/kernels/<key>.manifest (the .debs:
# package version url sha256) and <key>.env (ABI VERSION GCC). Falls back to
# the previous resolution when the archive no longer has a match.
resolve() {
	local key=$1 tsv="" s idx cand abi ver img queue seen="" name row deps dep gcc kdeps=""
	conf_load "$key"
	local out=$CACHE/kernels/$key
	mkdir -p "$CACHE/kernels"
	for s in ${K_SUITES//,/ }; do
		idx=$(suite_index "$s")
		tsv="$tsv$(cat "$idx")"$'\n'
	done
	# Candidate images: "<version> <abi>" with headers of the same version.
	cand=$(printf '%s' "$tsv" | awk -F'\t' -v pre="$K_ABI" -v fl="$K_FLAVOUR" '
		{ have[$1 "\t" $2] = 1; rows[NR] = $1 "\t" $2 }
		END {
			for (i = 1; i <= NR; i++) {
				split(rows[i], r, "\t"); p = r[1]
				if (p !~ ("^linux-image-.*-" fl "(-unsigned)?$")) continue
				abi = p; sub(/^linux-image-/, "", abi)
				sub("-" fl "(-unsigned)?$", "", abi)
				if (abi ~ /-[a-z]+$/) continue   # another flavour
				if (abi != pre && !(index(abi, pre) == 1 && \
				    substr(abi, length(pre) + 1, 1) ~ /[-.+]/)) continue
				if (("linux-headers-" abi "-" fl "\t" r[2]) in have)
					print r[2], abi
			}
		}' | newest || true)
	if [ -z "$cand" ]; then
		[ -s "$out.env" ] || die "$key: no linux-image-$K_ABI*-$K_FLAVOUR with headers in $K_SUITES"
		log "warning: $key: no match in $K_SUITES any more, using the pinned $(tr '\n' ' ' <"$out.env")"
		return 0
	fi
	read -r ver abi <<<"$cand"
	img=linux-image-$abi-$K_FLAVOUR
	printf '%s' "$tsv" | awk -F'\t' -v p="$img" -v v="$ver" '$1 == p && $2 == v { f = 1 } END { exit !f }' ||
		img=$img-unsigned
	# The image and headers with every linux-{image,headers,kbuild,modules,
	# binary,base}-N... package they depend on, of the same version when
	# there is one, else the newest.
	queue="$img linux-headers-$abi-$K_FLAVOUR"
	: >"$out.manifest.new"
	gcc=""
	while [ -n "$queue" ]; do
		read -r name queue <<<"$queue" || true
		case " $seen " in *" $name "*) continue ;; esac
		seen="$seen $name"
		row=$(printf '%s' "$tsv" | awk -F'\t' -v p="$name" -v v="$ver" '
			$1 == p && $2 == v && same == "" { same = $0 }
			$1 == p { print $2, $0 }
			END { if (same != "") print "same", same }' | newest_or_same)
		[ -n "$row" ] || die "$key: $name is not in $K_SUITES"
		IFS=$'\t' read -r name _ _ _ deps <<<"$row" || true
		printf '%s\n' "$row" | cut -f1-4 >>"$out.manifest.new"
		case $name in
		"linux-headers-$abi-$K_FLAVOUR")
			gcc=$(printf '%s\n' "$deps" | grep -o 'gcc-[0-9]*' | head -n1 | cut -d- -f2) ;;
		linux-kbuild-*)
			kdeps=$(printf '%s\n' "$deps" | tr ',' '\n' | sed 's/|.*//; s/(.*//; s/[[:space:]]//g' | tr '\n' ' ') ;;
		esac
		for dep in $(printf '%s\n' "$deps" | tr ',' '\n' | sed 's/|.*//; s/(.*//; s/[[:space:]]//g'); do
			case $dep in
			linux-image-[0-9]* | linux-headers-[0-9]* | linux-kbuild-[0-9]* | \
				linux-modules-[0-9]* | linux-binary-[0-9]* | linux-base-[0-9]*)
				queue="$queue $dep" ;;
			esac
		done
	done
	[ -n "$gcc" ] || die "$key: cannot tell the gcc version from linux-headers-$abi-$K_FLAVOUR's Depends"
	printf 'ABI=%s\nVERSION=%s\nGCC=%s\nKBUILD_DEPS="%s"\n' "$abi" "$ver" "$gcc" "$kdeps" >"$out.env.new"
	mv "$out.manifest.new" "$out.manifest"
	mv "$out.env.new" "$out.env"
}

# Download (once, SHA256-checked) and extract kernel $1; a directory of
# packages is only extracted.
fetch() {
	conf_load "$1"
	if [ -n "$K_PKGDIR" ]; then
		fetched "$1" || locked "$KROOT.lock" pkg_extract "$1"
		return
	fi
	locked "$CACHE/kernels/$1.lock" resolve "$1"
	fetched "$1" || locked "$KROOT.lock" extract "$1"
}

# Load what fetch left for kernel $1: K_* ABI VERSION GCC KBUILD_DEPS KROOT
# and, once extracted, KVER KDIR VMLINUZ MODDIR.
fetched() {
	conf_load "$1"
	if [ -n "$K_PKGDIR" ]; then
		# One extraction per set of package files (names, sizes, times).
		KROOT=$CACHE/kernels/$K_KEY-$(cd "$K_PKGDIR" &&
			find . -maxdepth 1 \( -name '*.deb' -o -name '*.rpm' \) -printf '%f %s %T@\n' |
			sort | sha256sum | cut -c1-12)
		[ -e "$KROOT/.done" ] || return 1
		# shellcheck disable=SC1091
		. "$KROOT/.done"
		return 0
	fi
	# shellcheck disable=SC1090
	. "$CACHE/kernels/$1.env"
	KROOT=$CACHE/kernels/$ABI-${K_FLAVOUR}_$VERSION
	[ -e "$KROOT/.done" ] || return 1
	# shellcheck disable=SC1091
	. "$KROOT/.done"
}

extract() {
	local key=$1 name ver url sha deb kver l t
	[ -e "$KROOT/.done" ] && return 0
	mkdir -p "$CACHE/debs"
	rm -rf "$KROOT.tmp"
	mkdir -p "$KROOT.tmp"
	while IFS=$'\t' read -r name ver url sha; do
		deb=$CACHE/debs/${url##*/}
		if [ ! -s "$deb" ]; then
			log "$key: downloading $name $ver"
			curl -fsSL --retry 3 -o "$deb.part" "$url" || die "cannot download $url"
			echo "$sha  $deb.part" | sha256sum -c --quiet - >&2 ||
				die "SHA256 mismatch for $url (want $sha)"
			mv "$deb.part" "$deb"
		fi
		dpkg-deb -x "$deb" "$KROOT.tmp"
	done <"$CACHE/kernels/$key.manifest"
	# Absolute paths between the headers and kbuild (symlinks, the
	# Makefile's include of the -common Makefile) point into the root.
	sed -i "s|/usr/src/|$KROOT/usr/src/|g" "$KROOT.tmp"/usr/src/linux-headers-*-"$K_FLAVOUR"/Makefile
	find "$KROOT.tmp/usr" \( -path "$KROOT.tmp/usr/src/*" -o -path "$KROOT.tmp/usr/lib/linux-kbuild-*" \) \
		-type l -lname '/*' | while read -r l; do
			t=$(readlink "$l")
			ln -sfn "$KROOT$t" "$l"
		done
	local moddir=""
	for l in "$KROOT.tmp"/lib/modules/*/kernel "$KROOT.tmp"/usr/lib/modules/*/kernel; do
		[ -d "$l" ] && moddir=${l%/kernel} && break
	done
	[ -n "$moddir" ] || die "$key: no /lib/modules/<kver>/kernel in the image packages"
	kver=${moddir##*/} moddir=${moddir#"$KROOT.tmp/"}
	# The packages do not ship modules.dep: depmod makes it at install.
	if [ ! -e "$KROOT.tmp/lib/modules" ]; then
		mkdir -p "$KROOT.tmp/lib"
		ln -s ../usr/lib/modules "$KROOT.tmp/lib/modules"
	fi
	depmod -b "$KROOT.tmp" "$kver"
	local vmlinuz=boot/vmlinuz-$kver
	[ -f "$KROOT.tmp/$vmlinuz" ] || vmlinuz=$moddir/vmlinuz
	[ -f "$KROOT.tmp/$vmlinuz" ] || die "$key: no /boot/vmlinuz-$kver nor $moddir/vmlinuz in the image packages"
	[ -f "$KROOT.tmp/usr/src/linux-headers-$ABI-$K_FLAVOUR/Makefile" ] ||
		die "$key: no usr/src/linux-headers-$ABI-$K_FLAVOUR/Makefile in the headers packages"
	cat >"$KROOT.tmp/.done" <<-EOF
		KVER=$kver
		KDIR=$KROOT/usr/src/linux-headers-$ABI-$K_FLAVOUR
		VMLINUZ=$KROOT/$vmlinuz
		MODDIR=$KROOT/$moddir
	EOF
	rm -rf "$KROOT"
	mv "$KROOT.tmp" "$KROOT"
}

# ---- a directory of distribution packages ----------------------------------

# Extract the .deb (dpkg-deb -x) and .rpm (rpm2cpio | cpio) files of
# $K_PKGDIR into $KROOT and find, whatever the layout:
#   modules   {,usr/}lib/modules/<kver>/kernel (just one <kver>, or
#             FWCTL_PKG_KVER)
#   image     boot/vmlinuz-<kver> (Debian, Ubuntu) or
#             lib/modules/<kver>/vmlinuz (RHEL kernel-core)
#   build     lib/modules/<kver>/build, usr/src/kernels/<kver> (RHEL
#             kernel-devel) or usr/src/linux-headers-<kver> (Debian, Ubuntu)
# Absolute symlinks and a headers Makefile's absolute include are pointed
# into $KROOT; depmod makes modules.dep. GCC is the kernel's
# (CONFIG_GCC_VERSION).
pkg_extract() {
	local key=$1 f n=0 l t kver="" moddir vmlinuz="" tree="" cand gccv
	[ -e "$KROOT/.done" ] && return 0
	rm -rf "$KROOT.tmp"
	mkdir -p "$KROOT.tmp"
	for f in "$K_PKGDIR"/*.deb "$K_PKGDIR"/*.rpm; do
		[ -f "$f" ] || continue
		log "$key: extracting ${f##*/}"
		case $f in
		*.deb) dpkg-deb -x "$f" "$KROOT.tmp" ;;
		*.rpm) rpm2cpio "$f" | (cd "$KROOT.tmp" && cpio -idm --quiet --no-absolute-filenames) ;;
		esac || die "$key: cannot extract $f"
		n=$((n + 1))
	done
	[ "$n" -gt 0 ] || die "$key: no .deb or .rpm in $K_PKGDIR"
	if [ ! -e "$KROOT.tmp/lib/modules" ] && [ -d "$KROOT.tmp/usr/lib/modules" ]; then
		mkdir -p "$KROOT.tmp/lib"
		ln -s ../usr/lib/modules "$KROOT.tmp/lib/modules"
	fi
	for l in "$KROOT.tmp"/lib/modules/*/kernel; do
		[ -d "$l" ] || continue
		t=${l%/kernel}
		t=${t##*/}
		if [ -z "${FWCTL_PKG_KVER:-}" ] || [ "$t" = "$FWCTL_PKG_KVER" ]; then
			[ -z "$kver" ] || die "$key: modules of $kver and $t: set FWCTL_PKG_KVER"
			kver=$t
		fi
	done
	[ -n "$kver" ] || die "$key: no lib/modules/<kver>/kernel in $K_PKGDIR's packages (linux-modules-*, kernel-modules/-core)"
	moddir=lib/modules/$kver
	find "$KROOT.tmp" -type l -lname '/*' | while read -r l; do
		t=$(readlink "$l")
		ln -sfn "$KROOT$t" "$l"
	done
	for cand in "boot/vmlinuz-$kver" "$moddir/vmlinuz"; do
		if [ -f "$KROOT.tmp/$cand" ]; then vmlinuz=$cand; break; fi
	done
	[ -n "$vmlinuz" ] || die "$key: no boot/vmlinuz-$kver nor $moddir/vmlinuz (linux-image-*, kernel-core)"
	t=$(readlink "$KROOT.tmp/$moddir/build" 2>/dev/null || true)
	for cand in "${t#"$KROOT"/}" "usr/src/kernels/$kver" "usr/src/linux-headers-$kver"; do
		if [ -n "$cand" ] && [ -f "$KROOT.tmp/$cand/Makefile" ]; then tree=$cand; break; fi
	done
	[ -n "$tree" ] || die "$key: no kernel build tree: no $moddir/build, usr/src/kernels/$kver nor usr/src/linux-headers-$kver (linux-headers-*, kernel-devel)"
	sed -i "s|^include /usr/src/|include $KROOT/usr/src/|" "$KROOT.tmp/$tree/Makefile"
	gccv=$(sed -n 's/^CONFIG_GCC_VERSION=//p' "$KROOT.tmp/$tree/.config" 2>/dev/null || true)
	depmod -b "$KROOT.tmp" "$kver"
	cat >"$KROOT.tmp/.done" <<-EOF
		ABI=$kver
		VERSION=packages
		GCC=$((${gccv:-0} / 10000))
		KBUILD_DEPS=""
		KVER=$kver
		KDIR=$KROOT/$tree
		VMLINUZ=$KROOT/$vmlinuz
		MODDIR=$KROOT/$moddir
	EOF
	rm -rf "$KROOT"
	mv "$KROOT.tmp" "$KROOT"
	log "$key: $kver: image $vmlinuz, build tree $tree, gcc $((${gccv:-0} / 10000))"
}

# ---- build environment ----------------------------------------------------

# Print the chroot for build suite $1 with gcc-$2 (empty: build on the host).
build_root() {
	local suite=$1 gcc=$2 pkgs dir
	# A directory of packages: the host as it is (FWCTL_PKG_BUILD unset).
	[ "$suite" != host ] || return 0
	if [ "$suite" = "$HOST_SUITE" ] && [ -z "${FWCTL_ALWAYS_CHROOT:-}" ]; then
		# shellcheck disable=SC2086
		host_install "gcc-$gcc" make bc libelf-dev libssl-dev kmod $KBUILD_DEPS
		return 0
	fi
	# With the kbuild binaries' own dependencies (libelf, libssl, pahole...).
	# shellcheck disable=SC2086
	pkgs=$(printf '%s\n' "gcc-$gcc" make libc6-dev bc libelf-dev libssl-dev kmod $KBUILD_DEPS |
		sort -u | tr '\n' ',' | sed 's/,$//')
	dir=$CACHE/chroot/$suite-$(printf '%s' "$pkgs" | sha256sum | cut -c1-8)
	[ -e "$dir/.done" ] || locked "$dir.lock" make_chroot "$suite" "$pkgs" "$dir" >&2
	echo "$dir"
}

make_chroot() {
	local suite=$1 pkgs=$2 dir=$3
	[ -e "$dir/.done" ] && return 0
	[ "$(id -u)" = 0 ] || die "building for $suite needs a chroot: run as root"
	log "creating the $suite chroot $dir ($pkgs)"
	rm -rf "$dir.tmp"
	if ! mmdebstrap --quiet --variant=apt --include="$pkgs" "$suite" "$dir.tmp" \
		"$MIRROR/debian" >"$dir.log" 2>&1; then
		tail -n 30 "$dir.log" >&2
		rm -rf "$dir.tmp"
		die "mmdebstrap of $suite failed (log: $dir.log)"
	fi
	echo "$pkgs" >"$dir.tmp/.done"
	rm -rf "$dir"
	mv "$dir.tmp" "$dir"
}

# Run "$@" in chroot $1 (on the host when $1 is empty) with $CACHE mounted
# at the same path, in a private mount namespace that dies with it.
in_root() {
	local root=$1; shift
	if [ -z "$root" ]; then
		"$@"
		return
	fi
	mkdir -p "$root$CACHE"
	# shellcheck disable=SC2016 # expanded by the inner shell
	unshare --mount --propagation private -- sh -euc '
		root=$1 cache=$2; shift 2
		mount --bind "$cache" "$root$cache"
		mount -t proc proc "$root/proc"
		mount --rbind /dev "$root/dev"
		exec chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
			HOME=/root LC_ALL=C "$@"' _ "$root" "$CACHE" "$@"
}

# ---- build ----------------------------------------------------------------

# The suites: every tests/<name>/ with a suite.sh, in tree $1.
suites_in() {
	local d
	for d in "$1"/tests/*/suite.sh; do
		[ -f "$d" ] || continue
		d=${d%/suite.sh}
		echo "${d##*/}"
	done
}

# Copy the sources (tracked and new files, not ignored build output) to $1.
copy_tree() {
	local dst=$1
	mkdir -p "$dst"
	if git -C "$SRC" rev-parse --git-dir >/dev/null 2>&1; then
		git -C "$SRC" ls-files -z --cached --others --exclude-standard -- src include Makefile tests |
			while IFS= read -r -d '' f; do
				if [ -e "$SRC/$f" ]; then printf '%s\0' "$f"; fi
			done | tar -C "$SRC" --null -T - -cf - | tar -C "$dst" -xf -
	else
		local f
		for f in src include Makefile tests; do
			if [ -e "$SRC/$f" ]; then cp -a "$SRC/$f" "$dst/"; fi
		done
	fi
}

# Fetch kernel $1 and make its build root: what a cold run waits for.
prepare() {
	fetch "$1"
	fetched "$1"
	build_root "$K_BUILD" "$GCC" >/dev/null
}

# Build everything for fetched kernel $1 in build dir $2, make output to $3.
build() {
	local key=$1 bdir=$2 blog=$3 root s force rc=0
	fetched "$key"
	root=$(build_root "$K_BUILD" "$GCC")
	rm -rf "$bdir"
	copy_tree "$bdir"
	{
		echo "== kernel $key: $KVER, gcc-$GCC, build suite $K_BUILD${root:+ (chroot $root)}"
		force=$(conf_force)
		echo "== make KDIR=$KDIR${force:+ FWCTL_FORCE_ABSENT=\"$force\"}"
		in_root "$root" make -C "$bdir" -j"$MAKE_JOBS" KDIR="$KDIR" \
			${force:+FWCTL_FORCE_ABSENT="$force"} || rc=1
		for s in $(suites_in "$bdir"); do
			if [ ! -f "$bdir/tests/$s/Makefile" ] || [ $rc != 0 ]; then continue; fi
			echo "== make -C tests/$s modules KDIR=$KDIR"
			in_root "$root" make -C "$bdir/tests/$s" -j"$MAKE_JOBS" modules KDIR="$KDIR" || rc=1
			echo "== make -C tests/$s progs"
			make -C "$bdir/tests/$s" -j"$MAKE_JOBS" progs || rc=1
		done
		if [ -n "${FWCTL_PREBUILT_MODULES:-}" ] && [ $rc = 0 ]; then
			echo "== our modules from $FWCTL_PREBUILT_MODULES"
			prebuilt "$bdir" "$FWCTL_PREBUILT_MODULES" || rc=1
		fi
		echo "== build exit $rc"
	} >"$blog" 2>&1
	return $rc
}

# FWCTL_PREBUILT_MODULES=DIR (tests/pkg: what DKMS installed from the .deb):
# boot DIR's fwctl*.ko instead of the ones built in build dir $1 (still built,
# for the test modules' Module.symvers). Each must be there, built for
# $KVER, and nothing else.
prebuilt() {
	local bdir=$1 dir=$2 ko name v
	for ko in "$bdir"/src/*.ko; do
		name=${ko##*/}
		[ -f "$dir/$name" ] || { echo "error: no $name in $dir"; return 1; }
		v=$(modinfo -F vermagic "$dir/$name")
		case $v in
		"$KVER "*) ;;
		*) echo "error: $dir/$name is for ${v%% *}, not $KVER"; return 1 ;;
		esac
		cp "$dir/$name" "$ko"
		echo "$name: $dir/$name (version $(modinfo -F version "$ko"))"
	done
	for ko in "$dir"/*.ko; do
		[ -f "$bdir/src/${ko##*/}" ] || { echo "error: $ko: not built for $KVER here"; return 1; }
	done
}

# "<set>/<total>" HAVE_ macros of the probes' generated header, or "-".
probes_of() {
	local h=$1/src/compat/generated/compat_autoconf.h
	[ -f "$h" ] || { echo -; return; }
	echo "$(grep -cE '^#define HAVE_[A-Z0-9_]+( 1)?$' "$h")/$(grep -cE '^(/\* )?#(define|undef) HAVE_' "$h")"
}

# ---- initramfs and boot ---------------------------------------------------

# Stock modules of the image named $@ plus their dependencies, as paths
# relative to $MODDIR, from the image's modules.dep.
# shellcheck disable=SC2153 # MODDIR comes from fetched
stock_closure() {
	[ -s "$MODDIR/modules.dep" ] || die "no $MODDIR/modules.dep"
	awk -v want=" $* " '
		function norm(p) { sub(/.*\//, "", p); sub(/\.ko(\.[a-z]+)?$/, "", p)
			gsub("-", "_", p); return p }
		{ sub(/:$/, "", $1); if (index(want, " " norm($1) " ")) for (i = 1; i <= NF; i++) print $i }
	' "$MODDIR/modules.dep" | sed 's/:$//' | sort -u
}

# Pack the initramfs of kernel $1 and build dir $2 holding suites $3... into
# $2/initramfs.gz.
initramfs() {
	local key=$1 bdir=$2; shift 2
	local root=$bdir/initramfs s m ko deps=""
	fetched "$key"
	rm -rf "$root"
	mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,tmp,tests,etc}
	mkdir -p "$root/lib/modules/$KVER/kernel" "$root/lib/modules/$KVER/extra"
	# The applet links are made by init (busybox --install): one process
	# there instead of hundreds here.
	cp /bin/busybox "$root/bin/busybox"
	ln -s busybox "$root/bin/sh"
	mknod "$root/dev/console" c 5 1 2>/dev/null || true
	install -m 755 "$QEMU_DIR/init" "$root/init"
	# Our modules and every suite's test modules.
	while IFS= read -r -d '' ko; do
		cp "$ko" "$root/lib/modules/$KVER/extra/"
		deps="$deps $(modinfo -F depends "$ko" | tr ',' ' ')"
	done < <(find "$bdir/src" "$bdir/tests" -name '*.ko' -print0)
	# Stock modules they need, decompressed: busybox insmod cannot.
	# shellcheck disable=SC2086 # lists of names
	for m in $(stock_closure $STOCK_MODULES $deps); do
		ko=$root/lib/modules/$KVER/$m
		mkdir -p "${ko%/*}"
		case $m in
		*.ko.xz) xz -dc "$MODDIR/$m" >"${ko%.xz}" ;;
		*.ko.zst) zstd -qdc "$MODDIR/$m" >"${ko%.zst}" ;;
		*.ko.gz) gzip -dc "$MODDIR/$m" >"${ko%.gz}" ;;
		*) cp "$MODDIR/$m" "$ko" ;;
		esac
	done
	# The host's kmod as /kmod/bin/{modprobe,modinfo}, for what busybox's
	# applets do not do as kmod does (an alias in modprobe -r, modinfo).
	# Its libraries and loader stay private in /kmod/lib, run through
	# that loader: suites that bring their own C library (tests/peer
	# unpacks trixie's) must not meet the host's in the system paths.
	mkdir -p "$root/kmod/bin" "$root/kmod/lib"
	cp "$(command -v kmod)" "$root/kmod/bin/kmod"
	for s in $(ldd "$root/kmod/bin/kmod" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }'); do
		cp -L "$s" "$root/kmod/lib/${s##*/}"
	done
	for t in modprobe modinfo; do
		printf '#!/bin/sh\nexec /kmod/lib/ld-linux-x86-64.so.2 --library-path /kmod/lib --argv0 %s /kmod/bin/kmod "$@"\n' \
			"$t" >"$root/kmod/bin/$t"
		chmod +x "$root/kmod/bin/$t"
	done
	for m in modules.order modules.builtin modules.builtin.modinfo; do
		[ -f "$MODDIR/$m" ] && sed 's/\.ko\.[a-z]*$/.ko/' "$MODDIR/$m" >"$root/lib/modules/$KVER/$m"
	done
	depmod -b "$root" "$KVER"
	for s in "$@"; do
		mkdir -p "$root/tests/$s"
		# suite.sh and the executables of the suite directory.
		find "$bdir/tests/$s" -maxdepth 1 -type f \( -name suite.sh -o -perm -u+x \) \
			-exec cp {} "$root/tests/$s/" \;
	done
	(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet | gzip -1) >"$bdir/initramfs.gz"
	rm -rf "$root"
}

# Boot kernel $1 with the initramfs of build dir $2 to run suite $3; console
# in $4. Writes "<status> <passed> <failed> <reason>" to $4.result, prints it.
boot() {
	local key=$1 bdir=$2 suite=$3 out=$4 rc=0
	fetched "$key"
	# tsc=unstable: TCG timing makes the TSC look stable at boot and unstable
	# later; each verdict flips a static key by live code patching, which
	# multi-threaded TCG can race into a spurious int3 oops (seen on 7.3).
	local append="console=ttyS0 panic=-1 oops=panic panic_on_warn=1 hung_task_panic=1 mitigations=off tsc=unstable fwctl_suite=$suite"
	# shellcheck disable=SC2153 # from fetched
	timeout -k 10 "$BOOT_TIMEOUT" qemu-system-x86_64 -accel tcg -m "${FWCTL_QEMU_MEM:-1024}" \
		-smp "${FWCTL_QEMU_SMP:-2}" -cpu "${FWCTL_QEMU_CPU:-qemu64}" -nodefaults -display none \
		-serial stdio -no-reboot -kernel "$VMLINUZ" -initrd "$bdir/initramfs.gz" \
		-append "$append ${FWCTL_APPEND:-}" </dev/null >"$out" 2>&1 || rc=$?
	verdict "$out" "$rc" | tee "$out.result"
}

# Judge console log $1 (qemu exit $2): "<status> <passed> <failed> <reason>"
# with status PASS, SKIP or FAIL.
verdict() {
	local log=$1 qrc=$2 rc p f skip bad
	# One pass (no early exit: a pipe's writer would die of SIGPIPE):
	# exit code, the suite's last "N passed, N failed", its first "SKIP:"
	# line, and the first kernel line (it carries a printk timestamp, also
	# when it interrupts the suite's output) matching BAD_KERNEL_RE.
	IFS=$'\t' read -r rc p f skip bad < <(tr -d '\r' <"$log" | awk -v bad_re="$BAD_KERNEL_RE" '
		BEGIN { rc = "-"; p = 0; f = 0 }
		/^FWCTL-DMESG-BEGIN$/ { in_dmesg = 1 }
		/^FWCTL-SUITE-EXIT=[0-9]+$/ { rc = substr($0, 18) }
		!in_dmesg && match($0, /[0-9]+ passed, [0-9]+ failed/) {
			split(substr($0, RSTART, RLENGTH), w, /[ ,]+/); p = w[1]; f = w[3] }
		!in_dmesg && skip == "" && match($0, /SKIP: .*/) { skip = substr($0, RSTART) }
		bad == "" && /\[ *[0-9]+\.[0-9]+\]/ && $0 ~ bad_re { bad = $0 }
		END { printf "%s\t%s\t%s\t%s\t%s\n", rc, p, f, skip == "" ? "-" : skip, bad == "" ? "-" : bad }')
	[ "$bad" = - ] && bad=""
	if [ "$rc" = - ]; then
		if [ "$qrc" = 124 ]; then
			echo "FAIL $p $f timeout after ${BOOT_TIMEOUT}s${bad:+: $bad}"
		else
			echo "FAIL $p $f no exit marker (qemu exit $qrc)${bad:+: $bad}"
		fi
	elif [ -n "$bad" ]; then
		echo "FAIL $p $f kernel log: $bad"
	elif [ "$rc" = 0 ]; then
		echo "PASS $p $f"
	elif [ "$rc" = 77 ]; then
		[ "$skip" != - ] || skip="SKIP: (no reason printed)"
		echo "SKIP $p $f $skip"
	else
		echo "FAIL $p $f suite exit $rc"
	fi
}

# ---- one kernel -----------------------------------------------------------

# Run step "$@" in a new shell: `set -e` is ignored in functions called
# from if/||/&&, which is where a step's failure is handled.
step() {
	bash -c 'set -eu; . "$0"; "$@"' "$QEMU_DIR/lib.sh" "$@"
}

# Fetch, build and boot suites $4... (default: all) of kernel $1 in build
# dir $3, results under $2: kernel (KVER BUILD WARN PROBES SECS), harness.log,
# build.log, <suite>.console and <suite>.console.result. Progress to stdout.
kernel_run() {
	local key=$1 out=$2 bdir=$3 start s res wanted="" KVER="?" BUILD=FAIL WARN=0 PROBES=-
	shift 3
	start=$(date +%s)
	mkdir -p "$out"
	say() { printf '[%s %3ds] %s\n' "${out##*/}" $(($(date +%s) - start)) "$*"; }
	say "fetching"
	if step fetch "$key" >>"$out/harness.log" 2>&1; then
		fetched "$key"
		say "building $KVER (gcc-$GCC, $K_BUILD)"
		if step build "$key" "$bdir" "$out/build.log" >>"$out/harness.log" 2>&1; then
			BUILD=ok
		fi
		WARN=$(grep -c 'warning:' "$out/build.log" 2>/dev/null || true)
		PROBES=$(probes_of "$bdir")
		say "build $BUILD ($WARN warnings, probes $PROBES): $out/build.log"
	else
		BUILD=FETCH-FAIL
		say "fetch FAILED: $(tail -n1 "$out/harness.log")"
	fi
	if [ "$BUILD" = ok ]; then
		# shellcheck disable=SC2046,SC2086 # names without blanks
		[ $# -gt 0 ] || set -- ${K_RUN:-$(suites_in "$bdir")}
		for s in "$@"; do
			if [ -f "$bdir/tests/$s/suite.sh" ]; then
				wanted="$wanted $s"
			else
				echo "FAIL 0 0 no tests/$s/suite.sh" >"$out/$s.console.result"
			fi
		done
		# shellcheck disable=SC2086
		if ! step initramfs "$key" "$bdir" $wanted >>"$out/harness.log" 2>&1; then
			say "initramfs FAILED: $(tail -n1 "$out/harness.log")"
			BUILD=INITRAMFS-FAIL wanted=""
		fi
		for s in $wanted; do
			say "booting suite $s"
			res=$(step boot "$key" "$bdir" "$s" "$out/$s.console" 2>>"$out/harness.log" ||
				echo "FAIL 0 0 harness error, see $out/harness.log")
			say "suite $s: $res"
		done
	elif [ "$BUILD" = FAIL ]; then
		grep -m5 -E 'error|Error' "$out/build.log" | sed "s|^|[${out##*/}]   |" || true
	fi
	printf 'KVER=%s\nBUILD=%s\nWARN=%s\nPROBES=%s\nSECS=%s\n' "$KVER" "$BUILD" "$WARN" \
		"$PROBES" $(($(date +%s) - start)) >"$out/kernel"
}

# ---- runs -------------------------------------------------------------------

# Start a run: set RUN (logs) and BUILDS (build trees) for a new run id, and
# drop the build trees of runs older than 12 hours and logs older than a week.
run_start() {
	local id
	id=$(date +%Y%m%d-%H%M%S)-$$
	RUN=$CACHE/logs/$id BUILDS=$CACHE/build/$id
	mkdir -p "$RUN" "$BUILDS"
	find "$CACHE/build" -mindepth 1 -maxdepth 1 -mmin +720 -exec rm -rf {} + 2>/dev/null || true
	find "$CACHE/logs" -mindepth 1 -maxdepth 1 -mtime +7 -exec rm -rf {} + 2>/dev/null || true
	ln -sfn "$id" "$CACHE/logs/latest"
}

# The suite's own output (between the init's markers) of console log $1.
suite_output() {
	tr -d '\r' <"$1" | sed -n '/^FWCTL-SUITE-BEGIN=/,/^FWCTL-DMESG-BEGIN$/p'
}

# Print the table of run dir $1 for kernels $2..., failures and skips, then
# the "N passed, N failed" line. Returns 1 when anything failed.
summary() {
	local run=$1 key s r suites status p f reason cell P=0 F=0 notes=""
	local KVER BUILD WARN PROBES SECS
	shift
	suites=$(find "$run" -mindepth 2 -maxdepth 2 -name '*.console.result' |
		sed 's|.*/||; s|\.console\.result$||' | sort -u)
	echo
	# shellcheck disable=SC2086
	printf '%-9s %-26s %-12s %-7s' kernel kver build probes
	for s in $suites; do printf ' %-10s' "$s"; done
	printf ' %s\n' time
	for key in "$@"; do
		KVER="?" BUILD=FAIL WARN=0 PROBES=- SECS=0
		# shellcheck disable=SC1090,SC1091
		[ -f "$run/$key/kernel" ] && . "$run/$key/kernel"
		if [ "$BUILD" != ok ]; then
			F=$((F + 1))
			notes="$notes$key: $BUILD, see $run/$key/$([ "$BUILD" = FAIL ] && echo build.log || echo harness.log)"$'\n'
		fi
		if [ "$WARN" -gt 0 ] && [ -f "$run/$key/build.log" ]; then
			notes="$notes$key: $WARN build warning(s):"$'\n'"$(grep -m3 'warning:' "$run/$key/build.log" | sed 's/^/    /')"$'\n'
		fi
		printf '%-9s %-26s %-12s %-7s' "$key" "$KVER" "$BUILD ${WARN}w" "$PROBES"
		for s in $suites; do
			r=$run/$key/$s.console.result
			cell=-
			if [ -f "$r" ]; then
				read -r status p f reason <"$r" || true
				p=${p:-0} f=${f:-0}
				P=$((P + p)) F=$((F + f))
				case $status in
				PASS) cell="$p/$f" ;;
				SKIP) cell=skip notes="$notes$key $s: $reason"$'\n' ;;
				*)
					cell="FAIL $p/$f"
					[ "$f" -gt 0 ] || F=$((F + 1))
					notes="$notes$key $s: FAIL: $reason ($run/$key/$s.console)"$'\n' ;;
				esac
			fi
			printf ' %-10s' "$cell"
		done
		printf ' %dm%02ds\n' $((SECS / 60)) $((SECS % 60))
	done
	echo "(suite cells: passed/failed; logs in $run)"
	[ -z "$notes" ] || printf '%s' "$notes"
	echo "$P passed, $F failed"
	[ "$F" = 0 ]
}
