#!/bin/sh
# Build the RPMs from this project tree: the noarch fwctl-dkms (module
# sources for DKMS) and the arch-dependent fwctl-tools (the fwctl command),
# each with its SRPM.
#
#   rpm/build.sh [OUTDIR]      default OUTDIR: rpm/out
#
# Source0 of fwctl-dkms is made from the files `debian/list-dkms-sources`
# selects (the work tree as git sees it, or without git every file but build
# output), plus debian/copyright and rpm/README; Source0 of fwctl-tools from
# those `debian/list-dkms-sources --tool` selects, plus debian/copyright.
# rpmbuild runs in a temporary _topdir. On a host whose rpm database is
# empty (Debian), BuildRequires cannot be checked and are not (--nodeps), and
# brp-compress runs under bash: it needs bash (RHEL's /bin/sh) and under
# Debian's dash would leave the man page uncompressed.
# Needs rpmbuild; as root on Debian, a missing one is installed (package
# rpm), with what fwctl-tools needs to compile (gcc, libkmod-dev).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
out=${1:-$here/out}

version=$(sed -n 's/^PACKAGE_VERSION="\([^"]*\)"$/\1/p' "$top/dkms.conf")
for spec in "$here/fwctl-dkms.spec" "$here/fwctl-tools.spec"; do
	spec_version=$(sed -n 's/^Version:[[:space:]]*//p' "$spec")
	if [ -z "$version" ] || [ "$version" != "$spec_version" ]; then
		echo "rpm/build.sh: dkms.conf PACKAGE_VERSION ($version) and" \
			"$spec Version ($spec_version) differ" >&2
		exit 1
	fi
done

missing=
command -v rpmbuild >/dev/null || missing=rpm
if command -v dpkg-query >/dev/null; then
	for p in gcc make libc6-dev libkmod-dev pkg-config; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q ' installed$' ||
			missing="$missing $p"
	done
fi
if [ -n "$missing" ]; then
	if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
		# shellcheck disable=SC2086 # a list of package names
		# (a fresh machine may have no package lists yet)
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			--no-install-recommends $missing >&2 2>/dev/null ||
			{ apt-get update -q >&2 &&
			DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
				--no-install-recommends $missing >&2; }
	else
		echo "rpm/build.sh: install$missing first (RHEL/Fedora: dnf install" \
			"rpm-build gcc make pkgconfig kmod-devel)" >&2
		exit 1
	fi
fi
set --
if ! rpm -q --whatprovides /bin/sh >/dev/null 2>&1; then
	set -- --nodeps --define "__os_install_post bash %{_rpmconfigdir}/brp-compress
		%{_rpmconfigdir}/brp-strip %{__strip}"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/fwctl-rpm.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

# Reproducible tarballs: fixed owner, order and time (last commit, if any).
mtime=${SOURCE_DATE_EPOCH:-$(git -C "$top" log -1 --format=%ct 2>/dev/null || date +%s)}
mkdir -p "$work/SOURCES"
source_tarball() { # NAME, file list on stdin
	mkdir -p "$work/tree/$1-$version"
	(cd "$top" && tar -cf - --no-recursion -T -) |
		tar -xf - --no-same-owner -C "$work/tree/$1-$version"
	tar -C "$work/tree" --sort=name --owner=0 --group=0 --numeric-owner \
		--mtime="@$mtime" -cf - "$1-$version" | gzip -n >"$work/SOURCES/$1-$version.tar.gz"
}
{ "$top/debian/list-dkms-sources" "$top"; echo debian/copyright; echo rpm/README; } |
	source_tarball fwctl-dkms
{ "$top/debian/list-dkms-sources" --tool "$top"; echo debian/copyright; } |
	source_tarball fwctl-tools

for spec in fwctl-dkms fwctl-tools; do
	rpmbuild --quiet "$@" --define "_topdir $work" -ba "$here/$spec.spec"
done

mkdir -p "$out"
for f in "$work"/RPMS/*/*.rpm "$work"/SRPMS/*.src.rpm; do
	cp "$f" "$out/"
	echo "$out/$(basename "$f")"
done
