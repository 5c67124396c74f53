#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The peer suite (tests/README.md): Debian trixie's mstflint package, run
# unchanged against fwctl_mlx5 (its test build, fwctl_mlx5_test.ko) on the
# simulated firmware of tests/mlx5 (mlx5_mock.ko, registers in mock_regs.c).
# Runs as root in the guest, cwd = this directory.
#
# Every test name says whose behaviour it checks, so that a failure is
# classified by its name:
#   [module]  fwctl/fwctl_mlx5 as upstream behaves (allow-list, errnos, taint)
#   [mock]    the simulated firmware's answers (a failure is fixed in the mock)
#   [peer]    what mstflint 4.31 itself does, recorded so a change shows
# After each mstflint command the suite checks that nothing outside the
# allow-list (ACCESS_REG, and the driver's own CREATE/DESTROY_UCTX) reached
# the firmware of any function.

# shellcheck disable=SC2015 # "COND && ok ... || not_ok ...": ok never fails
cd "$(dirname "$0")" || exit 1
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
MOCK=/sys/kernel/debug/mlx5_mock
KVER=$(uname -r)
tmp=/tmp/peer-suite
rm -rf "$tmp"
mkdir -p "$tmp"

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $1"; }
summary() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit $?
}
show() { sed 's/^/#   /' "$@"; }
# run CMD...: rc and $tmp/out (stdout and stderr) of CMD
run() {
	"$@" >"$tmp/out" 2>&1 </dev/null
	rc=$?
}
# expect NAME RC REGEX: the last run exited RC and its output matches REGEX
expect() {
	if [ "$rc" = "$2" ] && grep -Eq -- "$3" "$tmp/out"; then
		ok "$1"
	else
		not_ok "$1"
		echo "#   rc $rc (want $2), output (want /$3/):"
		show "$tmp/out"
	fi
}

if [ ! -f mstflint.tar ]; then
	echo "SKIP: no mstflint package: $(cat mstflint.why 2>/dev/null || echo 'not fetched')"
	exit 77
fi
if [ ! -f "/lib/modules/$KVER/extra/mlx5_mock.ko" ]; then
	echo "SKIP: fwctl_mlx5 is not built for this kernel (no auxiliary bus or mlx5_core)"
	exit 77
fi
grep -q ' /sys/kernel/debug debugfs ' /proc/mounts ||
	mount -t debugfs debugfs /sys/kernel/debug

# The package's root tree: programs, data, libraries and their loader.
tar xf mstflint.tar -C / && rm -f mstflint.tar
mkdir -p /lib64
ln -sf /usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 /lib64/ld-linux-x86-64.so.2
echo "# mstflint $(cat /mstflint.version) from Debian trixie"

if modprobe mlx5_mock && modprobe fwctl_mlx5_test; then
	ok "[module] modprobe mlx5_mock fwctl_mlx5_test"
else
	not_ok "[module] modprobe mlx5_mock fwctl_mlx5_test"
	summary
fi

# shellcheck disable=SC2012 # fwctlN names
DEVS=$(ls /sys/class/fwctl | tr '\n' ' ')
DEVS=${DEVS% }
if [ -n "$DEVS" ]; then ok "[module] fwctl devices: $DEVS"; else not_ok "[module] fwctl devices"; fi

# fnK of the mock behind fwctlN
fn_of() {
	_p=$(readlink -f "/sys/class/fwctl/$1/device")
	echo "$MOCK/fn${_p##*.}"
}

# What mstflint finds in sysfs: fwctlN/device is the function, bound to
# mlx5_core, under /sys/devices/.
for d in $DEVS; do
	drv=$(readlink "/sys/class/fwctl/$d/device/driver")
	real=$(readlink -f "/sys/class/fwctl/$d/device")
	case "$drv:$real" in
	*/drivers/mlx5_core:/sys/devices/*) ok "[mock] $d/device is a function bound to mlx5_core ($real)" ;;
	*) not_ok "[mock] $d/device is a function bound to mlx5_core (driver $drv, $real)" ;;
	esac
done

# allowed NAME: since the last call, every function's firmware saw only
# ACCESS_REG and CREATE/DESTROY_UCTX, and no register left the mock's table
allowed() {
	_bad=
	for f in "$MOCK"/fn*; do
		while read -r op n; do
			case $op in
			0xa04 | 0xa06 | 0x805) ;;
			other) [ "$n" = 0 ] || _bad="$_bad ${f##*/}:other=$n" ;;
			*) _bad="$_bad ${f##*/}:$op=$n" ;;
			esac
		done <"$f/seen"
	done
	if [ -z "$_bad" ]; then
		ok "[module] $1: nothing outside the allow-list reached the firmware"
	else
		not_ok "[module] $1: nothing outside the allow-list reached the firmware:$_bad"
	fi
}
# reg_count FN REG: "READS WRITES REFUSED" of register REG at function FN
reg_count() {
	awk -v r="$2" '$1 == r { print $2, $3, $4; f = 1 } END { if (!f) print "0 0 0" }' "$1/regs"
}
tainted() { cat /proc/sys/kernel/tainted; }
# The log line of the first debug-write RPC (its wording is ours, not
# upstream's "has requested full access to the physical device")
full_access() { dmesg | grep -c 'full access'; }

T0=$(tainted)

# ---- mstfwctrl: FWCTL_INFO and the sysfs checks of every device ------------

for d in $DEVS; do
	real=$(readlink -f "/sys/class/fwctl/$d/device")
	run mstfwctrl "$d"
	show "$tmp/out"
	if grep -qx "ctldev: /dev/fwctl/$d" "$tmp/out" &&
		grep -qx "Parent dev: ${real##*/}" "$tmp/out" &&
		grep -Eqx 'UCTX UID: [1-9][0-9]*' "$tmp/out"; then
		ok "[module] mstfwctrl $d: FWCTL_INFO (uid, caps) and the sysfs check"
	else
		not_ok "[module] mstfwctrl $d: FWCTL_INFO (uid, caps) and the sysfs check (rc $rc)"
	fi
	# Its device id comes from crspace (0xf0014), which fwctl does not
	# carry: 0 on any fwctl device, real or simulated.
	grep -qx 'device ID: 0x0' "$tmp/out" &&
		ok "[peer] mstfwctrl $d: device ID 0x0 (crspace is not reachable through fwctl)" ||
		not_ok "[peer] mstfwctrl $d: device ID 0x0 (crspace is not reachable through fwctl)"
done
allowed "mstfwctrl"

# ---- mstreg, mstflint, mstconfig, mstmget_temp: MGIR at open --------------
#
# mstflint 4.31 sends every ACCESS_REG at FWCTL_RPC_CONFIGURATION (its
# fwctl_rpc has scope 0), reads included (op_mod 1). Upstream fwctl_mlx5
# allows ACCESS_REG reads from DEBUG_READ_ONLY only, so the MGIR read that
# identifies the device is refused with EBADMSG before any firmware sees it,
# and each tool stops there. These tests pin that: the refusal, by our
# module as upstream does it, and that nothing reached the firmware.

D=${DEVS%% *}
F=$(fn_of "$D")
r0=$(reg_count "$F" 0x9020)

run mstreg -d "$D" --reg_name MGIR --get
show "$tmp/out"
expect "[module] mstreg MGIR: the CONFIGURATION-scope read is refused (device id unreadable)" "$rc" "Can't find device id|Failed to read device ID"
allowed "mstreg MGIR"

run mstflint -d "$D" q
show "$tmp/out"
expect "[module] mstflint q: EBADMSG for the CONFIGURATION-scope MGIR read" "$rc" "Bad message"
allowed "mstflint q"

run mstconfig -d "$D" q
show "$tmp/out"
expect "[module] mstconfig q: cannot identify the device" "$rc" "Failed to identify the device|Can't find device id"
allowed "mstconfig q"

run mstconfig -y -d "$D" set SRIOV_EN=1
show "$tmp/out"
expect "[module] mstconfig set SRIOV_EN=1: stops at the device id, writes nothing" "$rc" "Failed to identify the device|Can't find device id"
allowed "mstconfig set"

run mstmget_temp -d "$D"
show "$tmp/out"
expect "[module] mstmget_temp: cannot identify the device" "$rc" "Can't find device id|failed"
allowed "mstmget_temp"

[ "$(reg_count "$F" 0x9020)" = "$r0" ] &&
	ok "[module] no MGIR read reached the firmware from mstflint" ||
	not_ok "[module] no MGIR read reached the firmware from mstflint ($(reg_count "$F" 0x9020))"
[ "$(tainted)" = "$T0" ] && [ "$(full_access)" = 0 ] &&
	ok "[module] mstflint did not taint the kernel" ||
	not_ok "[module] mstflint did not taint the kernel ($T0 -> $(tainted), $(full_access) log lines)"

# ---- mstresourcedump: python3 and the resource-dump SDK ----------------------
#
# A shell wrapper that runs python_tools/resourcetools/mstresourcedump.py
# on trixie's python3.13; the dump itself is the package's C SDK
# (libresource_dump_sdk.so, through ctypes), which opens the device with
# mtcr as the C tools do and reads the RESOURCE_DUMP register (0xc000).

run mstresourcedump --version
show "$tmp/out"
expect "[peer] mstresourcedump --version: python3 runs the tool" "$rc" '^mstresourcedump, mstflint 4\.31\.0'
run mstresourcedump --help
expect "[peer] mstresourcedump --help: the dump and query commands" "$rc" '\{dump,query\}'
run mstresourcedump dump --help
expect "[peer] mstresourcedump dump --help: segment, index and parse options" "$rc" '--segment'
allowed "mstresourcedump --version/--help"

# query and dump read RESOURCE_DUMP (op_mod 1) at CONFIGURATION scope, as
# every mstflint 4.31 register access: fwctl_mlx5 refuses it with EBADMSG,
# as upstream does, and the SDK reports the failed access (-1). The
# device id it wanted first (MGIR) is refused the same way, which it
# reports and goes on. What the register answers at DEBUG_READ_ONLY is
# checked below with peer_ioctl.
rd0=$(reg_count "$F" 0xc000)
run mstresourcedump query -d "$D"
show "$tmp/out"
expect "[module] mstresourcedump query: the CONFIGURATION-scope RESOURCE_DUMP read is refused" "$rc" \
	"Failed QueryCommand - Access register request to device failed"
allowed "mstresourcedump query"
run mstresourcedump dump -d "$D" --segment 0x1000
show "$tmp/out"
expect "[module] mstresourcedump dump --segment 0x1000: the RESOURCE_DUMP read is refused" "$rc" \
	"Failed DumpCommand - Access register request to device failed"
allowed "mstresourcedump dump"
[ "$(reg_count "$F" 0xc000)" = "$rd0" ] &&
	ok "[module] no RESOURCE_DUMP read reached the firmware from mstresourcedump" ||
	not_ok "[module] no RESOURCE_DUMP read reached the firmware from mstresourcedump ($(reg_count "$F" 0xc000))"
run ./peer_ioctl reg "/dev/fwctl/$D" 0 1 0xc000 0x100 0x0000ffff
expect "[module] RESOURCE_DUMP read at CONFIGURATION: EBADMSG" "$rc" '^EBADMSG$'
# mtcr names a device fwctlN (or its PCI address), not its /dev path
run mstresourcedump query -d "/dev/fwctl/$D"
show "$tmp/out"
expect "[peer] mstresourcedump query -d /dev/fwctl/$D: not a device name to mtcr" "$rc" \
	"Failed QueryCommand - Failed openning device"
allowed "mstresourcedump query -d /dev/fwctl/$D"

# ---- the fast-burn ioctls ------------------------------------------------------

for n in 2 3; do
	run ./peer_ioctl nr "/dev/fwctl/$D" $n
	expect "[module] _IO(0x9A, $n) (mstflint's fast burn) is ENOTTY" "$rc" '^ENOTTY$'
done

# ---- the same registers at the scopes upstream wants -----------------------
#
# What a mstflint that reads at DEBUG_READ_ONLY gets: MGIR as mstflint
# decodes it (hw_dev_id in dword 2), an NV configuration write at
# CONFIGURATION (op_mod 0, as upstream allows) read back, and a write at
# DEBUG_WRITE_FULL that taints once.

run ./peer_ioctl reg "/dev/fwctl/$D" 0 1 0x9020 0xa0
expect "[module] MGIR read at CONFIGURATION: EBADMSG" "$rc" '^EBADMSG$'
run ./peer_ioctl reg "/dev/fwctl/$D" 1 1 0x9020 0xa0
show "$tmp/out"
expect "[mock] MGIR read at DEBUG_READ_ONLY: ConnectX-6 Dx (hw_dev_id 0x212)" "$rc" '^101d0000 00000000 00000212 '
expect "[mock] MGIR: firmware 22.41 (sub-minor byte 0xe8)" "$rc" '^001629e8 '
expect "[mock] MGIR: extended firmware version 22.41.1000" "$rc" '^00000000 00000016 00000029 000003e8 '
[ "$(reg_count "$F" 0x9020)" != "$r0" ] && ok "[mock] the MGIR read is counted" ||
	not_ok "[mock] the MGIR read is counted"

# RESOURCE_DUMP, inline: the menu (segment 0xffff) is info, command, a
# menu of two records (0x1000 MOCK_GENERAL; 0x1001 MOCK_CONTEXT, index1
# "CTX" mandatory) and terminate segments, 0x98 bytes
run ./peer_ioctl reg "/dev/fwctl/$D" 1 1 0xc000 0x100 0x0000ffff
show "$tmp/out"
expect "[mock] RESOURCE_DUMP menu: inline, seq 0, segment 0xffff" "$rc" '^4000ffff 00000000 00000000 00000000 '
expect "[mock] RESOURCE_DUMP menu: 0x98 bytes, info segment (firmware 22.41.1000)" "$rc" \
	'^00000000 00000098 00000000 00000000 0004fffe 00000001 00000212 162903e8$'
expect "[mock] RESOURCE_DUMP menu: command segment, menu of 2 records, 0x1000 first" "$rc" \
	'^0005fffa ffff0000 00000000 00000000 00000000 001cffff 00000002 00001000$'
expect "[mock] RESOURCE_DUMP menu: MOCK_GENERAL" "$rc" '^4d4f434b 5f47454e 4552414c 00000000 '
expect "[mock] RESOURCE_DUMP menu: 0x1001 MOCK_CONTEXT, index1 mandatory" "$rc" \
	' 00031001 4d4f434b 5f434f4e 54455854$'
expect "[mock] RESOURCE_DUMP menu: index1 name CTX" "$rc" '^00000000 43545800 00000000 00000000 '
expect "[mock] RESOURCE_DUMP menu: the terminate segment ends it" "$rc" '^00000000 0001fffb 00000000 '
run ./peer_ioctl reg "/dev/fwctl/$D" 1 1 0xc000 0x100 0x00001001 0 3
show "$tmp/out"
expect "[mock] RESOURCE_DUMP 0x1001 index1 3: inline, the request echoed" "$rc" \
	'^40001001 00000000 00000003 00000000 '
expect "[mock] RESOURCE_DUMP 0x1001 index1 3: 0x48 bytes" "$rc" '^00000000 00000048 '
expect "[mock] RESOURCE_DUMP 0x1001 index1 3: command segment" "$rc" \
	'^0005fffa 10010000 00000003 00000000 00000000 00081001 00000000 00000003$'
expect "[mock] RESOURCE_DUMP 0x1001 index1 3: resource segment of fn${F##*fn}, terminate" "$rc" \
	"^00000000 4d4f434b 00001001 0000000${F##*fn} 00000003 0001fffb 00000000 00000000$"
run ./peer_ioctl reg "/dev/fwctl/$D" 1 1 0xc000 0x100 0x00002000
expect "[mock] RESOURCE_DUMP of an unknown segment: BAD_PARAM" "$rc" '^status 3$'
run ./peer_ioctl reg "/dev/fwctl/$D" 1 1 0xc000 0x100 0x00001001 0 8
expect "[mock] RESOURCE_DUMP 0x1001 index1 8 (no such context): BAD_PARAM" "$rc" '^status 3$'
run ./peer_ioctl reg "/dev/fwctl/$D" 1 0 0xc000 0x100 0x0000ffff
expect "[mock] RESOURCE_DUMP is read-only: a write gets BAD_OP" "$rc" '^status 2$'

# MNVDA: NV header (length 4, type 0x00000080), data word 0x12345678
run ./peer_ioctl reg "/dev/fwctl/$D" 0 0 0x9024 0x10 0x00000004 0x00000080 0 0x12345678
expect "[module] MNVDA write at CONFIGURATION is allowed" "$rc" '^status 0$'
[ "$(tainted)" = "$T0" ] && ok "[module] a CONFIGURATION write does not taint" ||
	not_ok "[module] a CONFIGURATION write does not taint"
run ./peer_ioctl reg "/dev/fwctl/$D" 1 1 0x9024 0x10 0x00000004 0x00000080
expect "[mock] MNVDA read back" "$rc" '^00000004 00000080 00000000 12345678'
run ./peer_ioctl reg "/dev/fwctl/$D" 1 1 0x9030 0x10 0x00000080
expect "[mock] MNVQC: the TLV is readable and writable" "$rc" '^00000080 00000003 '
run ./peer_ioctl reg "/dev/fwctl/$D" 1 0 0x9020 0xa0
expect "[mock] MGIR is read-only: a write gets BAD_OP" "$rc" '^status 2$'
# MQIS info_type 1 (model name), 32 bytes from offset 0
run ./peer_ioctl reg "/dev/fwctl/$D" 1 1 0x9064 0x30 0x00000001 0 0x00200000
expect "[mock] MQIS: the model name, 18 bytes" "$rc" '^00000001 00000012 00120000 00000000 436f6e6e 65637458 2d362044 78206d6f$'

run ./peer_ioctl reg "/dev/fwctl/$D" 3 0 0x9024 0x10 0x00000004 0x00000081 0 0x1
expect "[module] MNVDA write at DEBUG_WRITE_FULL" "$rc" '^status 0$'
T1=$(tainted)
run ./peer_ioctl reg "/dev/fwctl/$D" 3 0 0x9024 0x10 0x00000004 0x00000081 0 0x2
T2=$(tainted)
[ "$T1" != "$T0" ] && [ "$T2" = "$T1" ] && [ "$(full_access)" = 1 ] &&
	ok "[module] DEBUG_WRITE_FULL writes taint once ($T0 -> $T1, one log line)" ||
	not_ok "[module] DEBUG_WRITE_FULL writes taint once ($T0 -> $T1 -> $T2, $(full_access) log lines)"
run ./peer_ioctl reg "/dev/fwctl/$D" 1 1 0x9024 0x10 0x00000004 0x00000081
expect "[mock] the second write is what is read back" "$rc" '^00000004 00000081 00000000 00000002'
allowed "direct register access"

[ "$(cat "$MOCK/violations")" = 0 ] && ok "[module] no mock violations" ||
	not_ok "[module] no mock violations ($(cat "$MOCK/violations"))"
for f in "$MOCK"/fn*; do
	echo "# ${f##*/} seen: $(tr '\n' ' ' <"$f/seen")"
	echo "# ${f##*/} regs: $(tr '\n' ' ' <"$f/regs")"
done
summary
