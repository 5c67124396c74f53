#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The fwctl tool suite (tests/README.md): run `fwctl` against the fwctl_test
# devices of tests/core, the fake mlx5 functions of tests/mlx5 when those
# modules were built, and a synthetic sysfs tree, and compare its output with
# what the kernel says. Runs as root in the guest, cwd = this directory.
#
# The tool is fwctl-kmod: the packaged libkmod build, with its libraries
# and loader beside it.

cd "$(dirname "$0")" || exit 1
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
T=./fwctl-kmod
KVER=$(uname -r)
DBG=/sys/kernel/debug/fwctl_test
MOCK=/sys/kernel/debug/mlx5_mock
tmp=/tmp/tool-suite
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

# run CMD...: rc, out (stdout) and err (stderr) of CMD
run() {
	"$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	out=$(cat "$tmp/out")
	err=$(cat "$tmp/err")
}
# run_in INPUT CMD...: the same with INPUT on stdin
run_in() {
	_in=$1
	shift
	printf '%s' "$_in" | "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	out=$(cat "$tmp/out")
	err=$(cat "$tmp/err")
}
show() {
	printf '%s\n' "$1" | sed 's/^/#   /'
}
# same NAME GOT WANT
same() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		not_ok "$1"
		echo "#   got:"
		show "$2"
		echo "#   want:"
		show "$3"
	fi
}
# match NAME TEXT ERE
match() {
	if printf '%s\n' "$2" | grep -Eq -- "$3"; then
		ok "$1"
	else
		not_ok "$1 (no /$3/)"
		show "$2"
	fi
}
nomatch() {
	if printf '%s\n' "$2" | grep -Eq -- "$3"; then
		not_ok "$1 (/$3/ matched)"
		show "$2"
	else
		ok "$1"
	fi
}
# expect NAME RC [STDOUT [STDERR]]: the last run's results, exactly
expect() {
	_name=$1
	same "$_name: exit $2" "$rc" "$2"
	[ $# -lt 3 ] || same "$_name: stdout" "$out" "$3"
	[ $# -lt 4 ] || same "$_name: stderr" "$err" "$4"
}

# $1 with the characters special in an ERE escaped (kernel releases have '+').
re() {
	printf '%s' "$1" | sed 's/[].[\\*^$+?(){}|]/\\&/g'
}
# Little-endian hex of a u32.
le32() {
	printf '%02x%02x%02x%02x' $(($1 & 255)) $(($1 >> 8 & 255)) \
		$(($1 >> 16 & 255)) $(($1 >> 24 & 255))
}
# fwctl_test_pattern(i) for i in [$1, $2), as hex
pattern() {
	_i=$1
	while [ "$_i" -lt "$2" ]; do
		printf '%02x' $(((_i * 7 ^ _i >> 8 ^ 0x5a) & 255))
		_i=$((_i + 1))
	done
}
# hex in 4-byte groups, 16 bytes a line: the tool's hex format
groups() {
	printf '%s' "$1" | sed 's/\(........\)/\1 /g; s/ $//' |
		awk '{ for (i = 1; i <= NF; i++) printf "%s%s", $i, (i % 4 == 0 || i == NF) ? "\n" : " " }'
}
# CMD... against the synthetic sysfs tree
fake() {
	FWCTL_SYSFS=$tmp/fake/sys FWCTL_DEVDIR=$tmp/fake/dev "$@"
}
# The file modprobe would load for module $1, as modules.dep says, and
# the location class the tool must give it.
modfile() {
	_p=$(sed -n "s|^\\(\\(.*/\\)\\{0,1\\}$1\\.ko[.a-z]*\\):.*|\\1|p" "/lib/modules/$KVER/modules.dep" | head -n1)
	case $_p in
	"") return ;;
	/*) echo "$_p" ;;
	*) echo "/lib/modules/$KVER/$_p" ;;
	esac
}
location() {
	case $1 in
	*/updates/dkms/*) echo dkms ;;
	*/updates/*) echo updates ;;
	*/extra/*) echo extra ;;
	*/kernel/*) echo in-tree ;;
	*) echo other ;;
	esac
}
stat_of() {
	sed -n "s/^$1 //p" "$DBG/stats"
}
opened() { stat_of opened; }

# ---- the core test driver ---------------------------------------------------

grep -q ' /sys/kernel/debug debugfs ' /proc/mounts || mount -t debugfs debugfs /sys/kernel/debug
for m in fwctl_mlx5_test mlx5_mock fwctl_mlx5 fwctl_test fwctl; do
	grep -q "^$m " /proc/modules && rmmod "$m"
done

# Before anything is loaded.
run "$T" list
expect "list without fwctl" 0 ""
run "$T" status
expect "status without fwctl" 3
match "status without fwctl: not loaded" "$out" '^fwctl: not loaded$'
ko=$(modfile fwctl)
loc=$(location "$ko")
match "status without fwctl: the file modprobe would load" "$out" "^  file        $(re "$ko") \\($loc\\)\$"

if ! modprobe fwctl_test; then
	not_ok "modprobe fwctl_test"
	summary
fi
ok "modprobe fwctl_test"
D0=$(stat_of dev0)
D1=$(stat_of dev1)
same "two test devices" "$(ls /sys/class/fwctl | tr '\n' ' ')" "$D0 $D1 "

# ---- help, version, usage ---------------------------------------------------

run "$T" --version
expect "--version" 0
match "--version: version and build" "$out" '^fwctl [^ ]+ \(libkmod\)$'
run "$T" --help
expect "--help" 0
match "--help lists the commands" "$out" '^  rpc DEV --scope S'
for c in list info rpc status; do
	run "$T" "$c" --help
	expect "$c --help" 0
	match "$c --help: usage" "$out" "^Usage: fwctl \\[-j \\[-p\\]\\] $c"
	run "$T" help "$c"
	expect "help $c" 0
	run "$T" "$c" -h
	expect "$c -h" 0
done
run "$T"
expect "no command" 2
run "$T" frobnicate
expect "unknown command" 2 "" "fwctl: unknown command 'frobnicate' (try 'fwctl --help')"
run "$T" list --bogus
expect "unknown option" 2
run "$T" info
expect "info without DEV" 2
run "$T" info "$D0" extra
expect "info with two DEVs" 2

# ---- list ---------------------------------------------------------------------

run "$T" list
expect "list" 0 "DEV     TYPE   PARENT        DRIVER  MODULE
$D0  error  fwctl_test.0  -       -
$D1  error  fwctl_test.1  -       -" ""
run "$T" -j list
expect "-j list" 0 "[{\"name\":\"$D0\",\"node\":\"/dev/fwctl/$D0\",\"type\":\"error\",\"type_id\":0,\"parent\":\"fwctl_test.0\",\"pci\":null,\"driver\":null,\"module\":null},{\"name\":\"$D1\",\"node\":\"/dev/fwctl/$D1\",\"type\":\"error\",\"type_id\":0,\"parent\":\"fwctl_test.1\",\"pci\":null,\"driver\":null,\"module\":null}]"
run "$T" list --json --pretty
expect "list --json --pretty" 0
same "list -p: 2 objects, one key a line" "$(grep -c '^    "name": "fwctl' "$tmp/out")" 2
same "list -p: closes" "$(tail -n 1 "$tmp/out")" "]"

# ---- info ---------------------------------------------------------------------

id=$(($(opened) + 1))
run "$T" -j info "$D0"
hex=54435746$(le32 0)$(le32 "$id")$(le32 1)$(pattern 16 64)
expect "-j info" 0 "{\"name\":\"$D0\",\"node\":\"/dev/fwctl/$D0\",\"type\":\"error\",\"type_id\":0,\"parent\":\"fwctl_test.0\",\"pci\":null,\"driver\":null,\"module\":null,\"device_data_len\":64,\"device_data\":\"$hex\"}" ""
same "info calls the driver's info() once" "$(stat_of infos)" 1

id=$(($(opened) + 1))
run "$T" info "/dev/fwctl/$D1"
hex=54435746$(le32 1)$(le32 "$id")$(le32 1)$(pattern 16 64)
expect "info by node path" 0 "$D1: type error (0)
  node /dev/fwctl/$D1
  parent fwctl_test.1 driver - module -
  device data: 64 bytes
$(groups "$hex" | sed 's/^/    /')" ""

run "$T" info fwctl99
expect "info of a missing device" 1 "" "fwctl: fwctl99: no such fwctl device (see 'fwctl list')"
run "$T" info 0000:08:00.0
expect "info by a PCI address without fwctl" 1 "" \
	"fwctl: 0000:08:00.0: no fwctl device on this PCI device (see 'fwctl status')"
run "$T" info /dev/null
expect "info of a non-fwctl node" 1 "" \
	"fwctl: /dev/null: not a fwctl device (no /sys/class/fwctl entry has its number 1:3)"
run "$T" info nonsense
expect "info of a bad DEV" 2 "" "fwctl: nonsense: not a fwctl device name, device node or PCI address"

# ---- rpc ----------------------------------------------------------------------

req="00000000 00000000 deadbeef"
run_in "$req" "$T" rpc "$D0" --scope configuration
expect "rpc echo" 0 "00000000 00000000 deadbeef" ""
run_in "$req" "$T" -j rpc "$D0" -s config
expect "-j rpc echo" 0 "{\"name\":\"$D0\",\"node\":\"/dev/fwctl/$D0\",\"type\":\"error\",\"scope\":\"configuration\",\"scope_id\":0,\"in_len\":12,\"out_len\":12,\"truncated\":false,\"out\":\"0000000000000000deadbeef\"}" ""
run_in "# a comment
0x01000000 0x00000000   # op, arg
00ff1234" "$T" rpc "$D0" --scope 0
expect "rpc echo-inplace, hex with comments and 0x" 0 "01000000 00000000 ff00edcb" ""

# STATUS shows what the driver got: scope, lengths.
for s in 1:debug-read-only 1:DEBUG_READ_ONLY 1:FWCTL_RPC_DEBUG_READ_ONLY 1:ro 1:1 0:configuration; do
	n=${s%%:*}
	id=$(($(opened) + 1))
	run_in "02000000 00000000" "$T" rpc "$D0" --scope "${s#*:}" --out-len 4K
	expect "rpc status, scope ${s#*:}" 0 "$(groups "54435746$(le32 2)$(le32 "$n")$(le32 "$id")$(le32 0)$(le32 8)$(le32 4096)$(le32 1)")" ""
done

# Binary in and out.
printf '\002\000\000\000\000\000\000\000' >"$tmp/req.bin"
id=$(($(opened) + 1))
run "$T" rpc "$D1" --scope debug-read-only --in "$tmp/req.bin" --out "$tmp/reply.bin" --out-len 32
expect "rpc --in --out" 0 "" ""
same "rpc --out: the reply bytes" "$(od -An -tx1 -v "$tmp/reply.bin" | tr -d ' \n')" \
	"54435746$(le32 2)$(le32 1)$(le32 "$id")$(le32 1)$(le32 8)$(le32 32)$(le32 1)"
run "$T" -j rpc "$D1" --scope 1 --in "$tmp/req.bin" --out "$tmp/reply.bin"
match "-j rpc --out names the file" "$out" "\"out_len\":32,\"truncated\":false,\"out_file\":\"$tmp/reply.bin\"}\$"

# A reply longer than --out-len is cut and said so.
run_in "$req" "$T" rpc "$D0" --scope 0 --out-len 10
expect "rpc truncated" 0 "00000000 00000000 dead" \
	"fwctl: /dev/fwctl/$D0: warning: reply truncated to 10 of 12 bytes, use --out-len 12"
run_in "$req" "$T" -j rpc "$D0" --scope 0 --out-len 10
match "-j rpc truncated" "$out" '"out_len":12,"truncated":true,"out":"0000000000000000dead"}$'

# Large: 1 MiB generated by the driver.
run_in "05000000 00001000" "$T" rpc "$D0" --scope 0 --out-len 1M --out "$tmp/large.bin"
expect "rpc 1 MiB reply" 0 "" ""
same "rpc 1 MiB reply: size" "$(wc -c <"$tmp/large.bin" | tr -d ' ')" 1048576
same "rpc 1 MiB reply: first bytes" "$(head -c 8 "$tmp/large.bin" | od -An -tx1 | tr -d ' \n')" "$(pattern 0 8)"

# Errors, with the errno's meaning and a hint.
E="fwctl: /dev/fwctl/$D0: FWCTL_RPC:"
run_in "04000000 05000000" "$T" rpc "$D0" --scope 0
expect "rpc driver error EIO" 1 "" "$E Input/output error (the device failed the command)"
run_in "04000000 4a000000" "$T" rpc "$D0" --scope 1
expect "rpc driver error EBADMSG" 1 "" \
	"$E Bad message (the driver does not allow this command in scope debug-read-only)"
run_in "04000000 01000000" "$T" rpc "$D0" --scope 0
expect "rpc driver error EPERM" 1 "" "$E Operation not permitted (the driver refused the request)"
run_in "$req" "$T" rpc "$D0" --scope 7
expect "rpc unknown scope" 1 "" "$E Operation not supported (scope 7 is unknown to this kernel)"
run_in "$req" "$T" rpc "$D0" --scope 0 --out-len 3M
expect "rpc reply room above 2 MiB" 1 "" "$E Message too long (requests and replies are limited to 2 MiB)"
run_in "$req" "$T" rpc "$D0" --scope sideways
expect "rpc bad scope name" 2 "" \
	"fwctl: unknown scope 'sideways' (configuration, debug-read-only, debug-write, debug-write-full or a number)"
run_in "0" "$T" rpc "$D0" --scope 0
expect "rpc odd hex" 2 "" "fwctl: hex input: odd number of hex digits in a group"
run_in "zz" "$T" rpc "$D0" --scope 0
expect "rpc bad hex" 2 "" "fwctl: hex input: unexpected character 'z' at offset 0"
run_in "$req" "$T" rpc "$D0"
expect "rpc without --scope" 2
run "$T" rpc "$D0" --scope 0 --in "$tmp/missing"
expect "rpc --in of a missing file" 2 "" "fwctl: $tmp/missing: No such file or directory"
before=$(stat_of rpcs)
run_in "$req" "$T" rpc fwctl99 --scope 0
expect "rpc to a missing device" 1
same "no RPC reached a driver on errors before the ioctl" "$(stat_of rpcs)" "$before"

# Opening fails in the driver.
echo 12 >"$DBG/fail_open"
run "$T" info "$D0"
expect "info when open fails" 1 "" "fwctl: /dev/fwctl/$D0: open: Cannot allocate memory"
run "$T" -j list
match "-j list when open fails: the error" "$out" \
	"^\\[\\{\"name\":\"$D0\",\"node\":\"/dev/fwctl/$D0\",\"type\":null,\"type_id\":null,\"error\":\"Cannot allocate memory\",\"parent\":\"fwctl_test.0\""
run "$T" list
match "list when open fails: type ?" "$out" "^$D0 +\\? +fwctl_test\\.0 "
echo 0 >"$DBG/fail_open"

# ---- an unprivileged user ---------------------------------------------------

run ./runas 1000 1000 "$T" info "$D0"
expect "user: info on a root-only node" 1 "" \
	"fwctl: /dev/fwctl/$D0: open: Permission denied (fwctl device nodes are root-only unless a udev rule grants a group, see fwctl(8))"
# What the documented group rule gives: RPCs, but DEBUG_WRITE_FULL only
# with CAP_SYS_RAWIO.
chgrp 1000 "/dev/fwctl/$D0" && chmod 0660 "/dev/fwctl/$D0"
run_in "$req" ./runas 1000 1000 "$T" rpc "$D0" --scope configuration
expect "group user: configuration RPC" 0 "00000000 00000000 deadbeef" ""
run_in "$req" ./runas 1000 1000 "$T" rpc "$D0" --scope debug-read-only
expect "group user: debug-read-only RPC" 0 "00000000 00000000 deadbeef" ""
run_in "$req" ./runas 1000 1000 "$T" rpc "$D0" --scope debug-write-full
expect "group user: debug-write-full RPC" 1 "" \
	"fwctl: /dev/fwctl/$D0: FWCTL_RPC: Operation not permitted (DEBUG_WRITE_FULL needs CAP_SYS_RAWIO)"
chgrp 0 "/dev/fwctl/$D0" && chmod 0600 "/dev/fwctl/$D0"

# ---- status -------------------------------------------------------------------

# The module file and its signature, as the kernel and the file tell.
signer="(unsigned)"
tail -c 28 "$ko" | grep -q 'Module signature appended' && signer=
run "$T" status
expect "status" 0
match "status: kernel line" "$out" "^kernel $(re "$KVER"), taint $(cat /proc/sys/kernel/tainted)"
match "status: fwctl live, used by fwctl_test" "$out" '^fwctl: live, refcnt 1, used by fwctl_test$'
match "status: fwctl's file" "$out" "^  file        $(re "$ko") \\($loc\\)\$"
[ -z "$signer" ] || match "status: fwctl unsigned" "$out" '^  signer      \(unsigned\)$'
match "status: fwctl taint as /sys/module says" "$out" "^  taint       $(cat /sys/module/fwctl/taint)\$"
if [ -f /sys/module/fwctl/srcversion ]; then
	match "status: fwctl srcversion" "$out" "^  srcversion  $(cat /sys/module/fwctl/srcversion)\$"
fi
nomatch "status: no stale warning" "$out" 'warning'
match "status: no fwctl devices on mlx5" "$out" '^mlx5 functions: 0$'
match "status: device count" "$out" '^fwctl devices: 2$'
if [ -f "/lib/modules/$KVER/extra/fwctl_mlx5.ko" ]; then
	match "status: fwctl_mlx5 built, not loaded" "$out" '^fwctl_mlx5: not loaded$'
fi
mlx5=$(sed -n 's|^\(.*/mlx5_core\.ko\):.*|\1|p' "/lib/modules/$KVER/modules.dep")
if [ -n "$mlx5" ]; then
	match "status: mlx5_core in-tree" "$out" "^  file        $(re "/lib/modules/$KVER/$mlx5") \\(in-tree\\)\$"
	if tail -c 28 "/lib/modules/$KVER/$mlx5" | grep -q 'Module signature appended'; then
		run "$T" -j status
		match "status: mlx5_core's signature decoded" "$out" \
			'"name":"mlx5_core",[^}]*"signer":"[^"]+","sig_key":"([0-9A-F]{2}:)+[0-9A-F]{2}","sig_hashalgo":"sha[0-9]+"'
	fi
fi
run "$T" -j status
expect "-j status" 0
match "-j status: fwctl" "$out" \
	"\"modules\":\\[\\{\"name\":\"fwctl\",\"loaded\":true,\"state\":\"live\",\"refcnt\":1,\"holders\":\\[\"fwctl_test\"\\],\"path\":\"$(re "$ko")\",\"location\":\"$loc\","
match "-j status: devices" "$out" "\"devices\":\\[\"$D0\",\"$D1\"\\],\"mlx5_functions\":\\[\\],\"ok\":true\\}\$"
match "-j status: kernel taint" "$out" "\"taint\":$(cat /proc/sys/kernel/tainted),"

run "$T" -j status
match "-j status: libkmod" "$out" '"libkmod":true,'

# The first debug-write RPC taints: 'J' (6.15+) or our substitute 'U'.
run_in "$req" "$T" rpc "$D0" --scope debug-write
expect "debug-write RPC" 0 "00000000 00000000 deadbeef"
run "$T" -j status
match "status shows the fwctl taint" "$out" '"taint_flags":"[A-Z]*[JU][A-Z]*"'

# ---- unregistered devices -------------------------------------------------------

echo 1 >"$DBG/unregister"
run "$T" list
expect "list after unregister" 0 "DEV     TYPE   PARENT        DRIVER  MODULE
$D0  error  fwctl_test.0  -       -" ""
run "$T" info "$D1"
expect "info of an unregistered device" 1 "" "fwctl: $D1: no such fwctl device (see 'fwctl list')"
echo 1 >"$DBG/register"
D1=$(stat_of dev1)
run "$T" -j list
match "list after re-register" "$out" "\"name\":\"$D1\",.*\"parent\":\"fwctl_test.1\""

# ---- a synthetic sysfs: PCI parents, mlx5 functions ---------------------------

sh ./fake-sysfs.sh "$tmp/fake"
for B in "$T"; do
	n=${B#./}
	run fake "$B" list
	expect "$n fake: list" 0 "DEV     TYPE  PARENT        DRIVER                 MODULE
fwctl0  ?     0000:08:00.0  fwctl_mlx5.mlx5_fwctl  fwctl_mlx5
fwctl1  ?     fwctl_test.0  -                      -
fwctl2  ?     0000:0c:00.0  -                      -" ""
	run fake "$B" -j list
	match "$n fake: -j list, a PCI parent up the chain" "$out" \
		'\{"name":"fwctl2","node":"[^"]*/fake/dev/fwctl/fwctl2","type":null,"type_id":null,"error":"No such file or directory","parent":"mem0","pci":"0000:0c:00.0","driver":null,"module":null\}\]$'
	for dev in 0000:08:00.0 08:00.0; do
		run fake "$B" info $dev
		expect "$n fake: info $dev resolves to fwctl0" 1 "" \
			"fwctl: $tmp/fake/dev/fwctl/fwctl0: open: No such file or directory (no device node: is devtmpfs or udev running?)"
	done
	run fake "$B" -j status
	expect "$n fake: status with a function missing its fwctl" 3
	match "$n fake: -j status mlx5 functions" "$out" \
		'"devices":\["fwctl0","fwctl1","fwctl2"\],"mlx5_functions":\[\{"device":"0000:08:00.0","bus":"pci","aux_device":"mlx5_core.fwctl.0","aux_driver":"fwctl_mlx5.mlx5_fwctl","fwctl":"fwctl0","state":"ok"\},\{"device":"0000:08:00.1","bus":"pci","aux_device":"mlx5_core.fwctl.1","aux_driver":null,"fwctl":null,"state":"unbound"\},\{"device":"0000:08:00.2","bus":"pci","aux_device":null,"aux_driver":null,"fwctl":null,"state":"no-aux-device"\}\],"ok":false\}$'
	run fake "$B" status
	match "$n fake: status text" "$out" '^  0000:08:00\.1  unbound  \(mlx5_core\.fwctl\.1\)$'
done

# ---- simulated mlx5 functions (tests/mlx5) ------------------------------------

if [ -f "/lib/modules/$KVER/extra/mlx5_mock.ko" ] &&
	[ -f "/lib/modules/$KVER/extra/fwctl_mlx5_test.ko" ]; then
	if modprobe mlx5_mock && modprobe fwctl_mlx5_test; then
		ok "modprobe mlx5_mock fwctl_mlx5_test"
	else
		not_ok "modprobe mlx5_mock fwctl_mlx5_test"
	fi
	# What sysfs says, walked here by hand: "function fwctlN|-" per function.
	want_fns=
	nfns=0
	for f in /sys/bus/*/drivers/mlx5_core/*; do
		case ${f##*/} in module) continue ;; esac
		[ -L "$f" ] && [ -d "$f" ] || continue
		d=$(cd "$f" && pwd -P)
		fw=$(ls -d "$d"/fwctl/fwctl* "$d"/*/fwctl/fwctl* 2>/dev/null | head -n1)
		fwn=-
		[ -z "$fw" ] || fwn=${fw##*/}
		want_fns="$want_fns${f##*/} $fwn
"
		nfns=$((nfns + 1))
	done
	same "mock: four functions" "$nfns" 4
	run "$T" status
	got_fns=$(printf '%s\n' "$out" | sed -n 's/^  \(mlx5mock\.[0-9]*\)  \(fwctl[0-9]*\).*/\1 \2/p; s/^  \(mlx5mock\.[0-9]*\)  [a-z-]*\( .*\)\{0,1\}$/\1 -/p')
	same "mock: status per function" "$got_fns" "$(printf '%s' "$want_fns")"
	# tests/mlx5's defaults: function 1 has no uctx_cap, hence no aux device.
	match "mock: function without uctx_cap" "$out" '^  mlx5mock\.1  no-aux-device$'
	same "mock: status exits 3 (a function without fwctl)" "$rc" 3

	M=$(printf '%s\n' "$want_fns" | sed -n 's/^mlx5mock\.0 //p')
	run "$T" list
	match "mock: list mlx5" "$out" "^$M +mlx5 +mlx5mock\\.0 +fwctl_mlx5_test\\.[a-z0-9_]+ +fwctl_mlx5_test\$"
	run "$T" -j info "$M"
	expect "mock: -j info" 0
	uid=$(printf '%s' "$out" | sed -n 's/.*"mlx5":{"uid":\([0-9]*\),.*/\1/p')
	match "mock: -j info mlx5 caps (TOOLS_RESOURCES advertised)" "$out" \
		'"mlx5":\{"uid":[1-9][0-9]*,"uctx_caps":4,"uctx_caps_names":\["TOOLS_RESOURCES"\]\}\}$'
	match "mock: info got a uid" "$uid" '^[1-9][0-9]*$'
	nomatch "mock: the uid was freed on close" "$(cat "$MOCK/fn0/uids")" "^$uid\$"
	same "mock: the last command was DESTROY_UCTX" "$(cat "$MOCK/fn0/last")" "0xa06 0 0"
	run "$T" info "$M"
	match "mock: info text" "$out" '^  uctx_caps 0x4 <TOOLS_RESOURCES>$'
	M2=$(printf '%s\n' "$want_fns" | sed -n 's/^mlx5mock\.2 //p')
	run "$T" info "$M2"
	match "mock: info, no caps" "$out" '^  uctx_caps 0x0$'

	# fwctl mlx5: each decoder against what mock_regs.c answers.
	run "$T" mlx5 "$M" caps
	expect "mlx5 caps" 0
	match "mlx5 caps: header" "$out" '^QUERY_HCA_CAP general \(current\):$'
	match "mlx5 caps: log_max_qp" "$out" '^  log_max_qp +18$'
	match "mlx5 caps: uctx_cap" "$out" '^  uctx_cap +0x7$'
	run "$T" -j mlx5 "$M" caps
	expect "mlx5 -j caps" 0 '{"command":"QUERY_HCA_CAP","scope":"configuration","general":{"vhca_id":0,"log_max_qp":18,"log_max_cq":24,"log_max_eq":7,"port_type":1,"num_ports":1,"log_max_msg":30,"log_max_pd":23,"uctx_cap":7}}'
	run "$T" mlx5 "$M" adapter
	expect "mlx5 adapter" 0 "QUERY_ADAPTER:
  ieee_vendor_id                 0x2c9
  vsd_vendor_id                  0x15b3
  psid                           MOCK000001"
	run "$T" -j mlx5 "$M" adapter
	expect "mlx5 -j adapter" 0 '{"command":"QUERY_ADAPTER","scope":"configuration","adapter":{"ieee_vendor_id":713,"vsd_vendor_id":5555,"psid":"MOCK000001"}}'
	run "$T" mlx5 "$M" reg MGIR
	expect "mlx5 reg MGIR" 0
	match "mlx5 reg MGIR: hw_dev_id" "$out" '^  hw_dev_id +0x212$'
	match "mlx5 reg MGIR: PSID" "$out" '^  psid +MOCK000001$'
	match "mlx5 reg MGIR: firmware version" "$out" '^  firmware +22\.41\.1000$'
	match "mlx5 reg MGIR: branch tag" "$out" '^  dev_branch_tag +fwctl-dkms-mock$'
	run "$T" -j mlx5 "$M" reg mgir
	match "mlx5 -j reg mgir" "$out" '^\{"register":"MGIR","id":36896,"scope":"debug-read-only","fields":\{"device_id":4125,.*"extended_major":22,"extended_minor":41,"extended_sub_minor":1000,"dev_branch_tag":"fwctl-dkms-mock"\}\}$'
	run "$T" mlx5 "$M" reg MTMP
	expect "mlx5 reg MTMP" 0
	match "mlx5 reg MTMP: temperature" "$out" '^  temperature +45\.000 C$'
	match "mlx5 reg MTMP: max_temperature" "$out" '^  max_temperature +50\.000 C$'
	match "mlx5 reg MTMP: sensor name" "$out" '^  sensor_name +ASIC$'
	run "$T" -j mlx5 "$M" reg MTMP
	match "mlx5 -j reg MTMP" "$out" '"fields":\{"sensor_index":0,"temperature_mc":45000,"max_temperature_mc":50000,"temp_threshold_hi_mc":105000,"temp_threshold_lo_mc":95000,"sensor_name":"ASIC"\}\}$'
	run "$T" mlx5 "$M" reg MCIA
	expect "mlx5 reg MCIA" 0
	match "mlx5 reg MCIA: identifier (QSFP28)" "$out" '^  identifier +0x11$'
	match "mlx5 reg MCIA: vendor" "$out" '^  vendor_name +MOCK VENDOR$'
	match "mlx5 reg MCIA: part number" "$out" '^  vendor_pn +MOCK-QSFP28-100G$'
	match "mlx5 reg MCIA: page 0 dump" "$out" '^  11000000 00000000 00000000 00000000$'
	run "$T" -j mlx5 "$M" reg MCIA
	match "mlx5 -j reg MCIA" "$out" '"eeprom":\{"identifier":17,"vendor_name":"MOCK VENDOR","vendor_pn":"MOCK-QSFP28-100G","vendor_sn":"","page0":"11000000'
	run "$T" mlx5 "$M" reg PPCNT
	expect "mlx5 reg PPCNT" 0
	match "mlx5 reg PPCNT: frames sent" "$out" '^  a_frames_transmitted_ok +1000$'
	match "mlx5 reg PPCNT: frames received" "$out" '^  a_frames_received_ok +2000$'
	match "mlx5 reg PPCNT: 64-bit octets" "$out" '^  a_octets_transmitted_ok +4294967296$'
	run "$T" -j mlx5 "$M" reg PPCNT
	match "mlx5 -j reg PPCNT" "$out" '"fields":\{"local_port":1,"grp":0,"a_frames_transmitted_ok":1000,"a_frames_received_ok":2000,"a_frame_check_sequence_errors":1,"a_alignment_errors":0,"a_octets_transmitted_ok":4294967296,"a_octets_received_ok":64000\}\}$'
	run "$T" mlx5 "$M" reg FOO
	expect "mlx5 reg FOO" 2 "" "fwctl: mlx5: no register 'FOO' (MGIR, MTMP, MCIA, PPCNT)"
	run "$T" mlx5 "$M" frob
	same "mlx5 frob: exit" "$rc" 2
	# The firmware's bad status reaches the user as an error.
	echo "3 0x1234 1" >"$MOCK/fn0/fail"
	run "$T" mlx5 "$M" caps
	same "mlx5 caps when CREATE_UCTX fails: exit" "$rc" 1
	run "$T" info "$M"
	same "mlx5 after the failure: info works again" "$rc" 0

	# NOP (0x80d), with a uid the driver must overwrite.
	nop="080dbeef 00000000 00000000 00000000"
	run_in "$nop" "$T" rpc "$M" --scope debug-read-only --out-len 16
	expect "mock: rpc NOP" 0
	# mbox_out_hdr: status (byte 0) and syndrome (dword 1) zero; the mock
	# leaves the reserved bytes of the in-place answer as they were.
	match "mock: rpc NOP: status 0, syndrome 0" "$out" '^00[0-9a-f]{6} 00000000 [0-9a-f]{8} [0-9a-f]{8}$'
	same "mock: rpc NOP: stderr" "$err" ""
	run_in "$nop" "$T" rpc "$M" --scope configuration --out-len 16
	expect "mock: NOP refused in configuration" 1 "" \
		"fwctl: /dev/fwctl/$M: FWCTL_RPC: Bad message (the driver does not allow this command in scope configuration (mlx5 allow-list))"
	run_in "080d0000 00000000" "$T" rpc "$M" --scope debug-read-only
	expect "mock: short mailbox" 1 "" \
		"fwctl: /dev/fwctl/$M: FWCTL_RPC: Message too long (mlx5 needs at least a 16-byte mailbox header in the request and room for one in the reply, see --out-len)"
	# The firmware refuses CREATE_UCTX: open fails, with the errno.
	echo "5 0x1234 1" >"$MOCK/fn0/fail"
	run "$T" info "$M"
	same "mock: open fails when CREATE_UCTX does: exit" "$rc" 1
	match "mock: open fails when CREATE_UCTX does: message" "$err" "^fwctl: /dev/fwctl/$M: open: [A-Z]"
	# By device node link, as udev would name it.
	run "$T" -j list
	match "mock: -j list" "$out" "\"name\":\"$M\",\"node\":\"/dev/fwctl/$M\",\"type\":\"mlx5\",\"type_id\":1,\"parent\":\"mlx5mock.0\",\"pci\":null,"
	rmmod fwctl_mlx5_test
	run "$T" status
	match "mock: status after fwctl_mlx5 unload" "$out" '^  mlx5mock\.0  (unbound|no-aux-device)'
	rmmod mlx5_mock
else
	echo "# tests/mlx5 modules not built: the mlx5 checks are not run"
fi

rmmod fwctl_test && rmmod fwctl
run "$T" status
expect "status after unload" 3
match "status after unload: not loaded" "$out" '^fwctl: not loaded$'

summary
