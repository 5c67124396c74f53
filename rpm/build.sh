#!/bin/sh
# Build the noarch fwctl-dkms RPM (and its SRPM) from this project tree.
#
#   rpm/build.sh [OUTDIR]      default OUTDIR: rpm/out
#
# Source0 is made from the files debian/list-dkms-sources selects (the work
# tree as git sees it, or without git every file but build output), plus
# debian/copyright and rpm/README; rpmbuild runs in a temporary _topdir.
# Needs rpmbuild; as root on Debian, a missing one is installed (package rpm).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
out=${1:-$here/out}
spec=$here/fwctl-dkms.spec

version=$(sed -n 's/^PACKAGE_VERSION="\([^"]*\)"$/\1/p' "$top/dkms.conf")
spec_version=$(sed -n 's/^Version:[[:space:]]*//p' "$spec")
if [ -z "$version" ] || [ "$version" != "$spec_version" ]; then
	echo "rpm/build.sh: dkms.conf PACKAGE_VERSION ($version) and" \
		"$spec Version ($spec_version) differ" >&2
	exit 1
fi
if ! command -v rpmbuild >/dev/null; then
	if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			--no-install-recommends rpm >&2
	else
		echo "rpm/build.sh: rpmbuild not found (Debian: apt-get install rpm," \
			"RHEL/Fedora: dnf install rpm-build)" >&2
		exit 1
	fi
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/fwctl-rpm.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

# Reproducible tarball: fixed owner, order and time (last commit, if any).
mtime=${SOURCE_DATE_EPOCH:-$(git -C "$top" log -1 --format=%ct 2>/dev/null || date +%s)}
pkgdir=fwctl-dkms-$version
mkdir -p "$work/tree/$pkgdir" "$work/SOURCES"
{ "$top/debian/list-dkms-sources" "$top"; echo debian/copyright; echo rpm/README; } |
	(cd "$top" && tar -cf - --no-recursion -T -) |
	tar -xf - --no-same-owner -C "$work/tree/$pkgdir"
tar -C "$work/tree" --sort=name --owner=0 --group=0 --numeric-owner \
	--mtime="@$mtime" -cf - "$pkgdir" | gzip -n >"$work/SOURCES/$pkgdir.tar.gz"

rpmbuild --quiet --define "_topdir $work" -ba "$spec"

mkdir -p "$out"
cp "$work"/RPMS/noarch/*.rpm "$work"/SRPMS/*.src.rpm "$out/"
for f in "$work"/RPMS/noarch/*.rpm "$work"/SRPMS/*.src.rpm; do
	echo "$out/$(basename "$f")"
done
