#!/bin/sh
# Build the fwctl-dkms .deb from this project tree.
#
#   debian/build.sh [OUTDIR]    default OUTDIR: debian/out
#
# The tree is copied (the DKMS sources that debian/list-dkms-sources selects,
# and debian/) to a temporary directory and built there with
# `dpkg-buildpackage -us -uc -b`, so the work tree gets no build files and
# nothing is written next to it; the .deb, .changes and .buildinfo go to
# OUTDIR. Missing build tools are installed with apt-get when run as root.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
out=${1:-$here/out}

missing=
for t in dpkg-buildpackage:dpkg-dev dh:debhelper dh_dkms:dh-dkms; do
	command -v "${t%%:*}" >/dev/null || missing="$missing ${t#*:}"
done
if [ -n "$missing" ]; then
	if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
		# shellcheck disable=SC2086 # a list of package names
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			--no-install-recommends $missing >&2
	else
		echo "debian/build.sh: install$missing first" >&2
		exit 1
	fi
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/fwctl-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
mkdir "$work/fwctl-dkms"
{ "$here/list-dkms-sources" "$top"; (cd "$top" && find debian -type f ! -path 'debian/out/*'); } |
	(cd "$top" && tar -cf - --no-recursion -T -) |
	tar -xf - --no-same-owner -C "$work/fwctl-dkms"

(cd "$work/fwctl-dkms" && dpkg-buildpackage -us -uc -b) >&2

mkdir -p "$out"
for f in "$work"/*.deb "$work"/*.changes "$work"/*.buildinfo; do
	cp "$f" "$out/"
	case $f in *.deb) echo "$out/$(basename "$f")" ;; esac
done
