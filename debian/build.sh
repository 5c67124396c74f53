#!/bin/sh
# Build the fwctl-dkms and fwctl-tools .debs from this project tree.
#
#   debian/build.sh [OUTDIR]    default OUTDIR: debian/out
#
# The tree is copied (the DKMS and tool sources that debian/list-dkms-sources
# selects, and debian/) to a temporary directory and built there with
# `dpkg-buildpackage -us -uc -b`, so the work tree gets no build files and
# nothing is written next to it; the .debs (and fwctl-tools' -dbgsym .ddeb),
# .changes and .buildinfo go to OUTDIR. Missing build tools and
# Build-Depends are installed with apt-get when run as root.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
out=${1:-$here/out}

missing=
for t in dpkg-buildpackage:dpkg-dev dh:debhelper dh_dkms:dh-dkms; do
	command -v "${t%%:*}" >/dev/null || missing="$missing ${t#*:}"
done
for p in build-essential libkmod-dev pkg-config gcc make libc6-dev; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q ' installed$' ||
		missing="$missing $p"
done
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
		echo "debian/build.sh: install$missing first" >&2
		exit 1
	fi
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/fwctl-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
mkdir "$work/fwctl-dkms"
{
	"$here/list-dkms-sources" "$top"
	"$here/list-dkms-sources" --tool "$top"
	(cd "$top" && find debian -type f ! -path 'debian/out/*')
} | LC_ALL=C sort -u |
	(cd "$top" && tar -cf - --no-recursion -T -) |
	tar -xf - --no-same-owner -C "$work/fwctl-dkms"

(cd "$work/fwctl-dkms" && dpkg-buildpackage -us -uc -b) >&2

mkdir -p "$out"
for f in "$work"/*.deb "$work"/*.ddeb "$work"/*.changes "$work"/*.buildinfo; do
	[ -e "$f" ] || continue
	cp "$f" "$out/"
	case $f in *.deb) echo "$out/$(basename "$f")" ;; esac
done
