#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The mlx5 suite (tests/README.md). Runs as root in the guest with cwd = this
# directory; prints one "N passed, N failed" line.
#
# Part 1, mock: fwctl_mlx5_test.ko (the real fwctl_mlx5 sources linked
#   against mlx5_mock.ko, see Kbuild) with the fake mlx5 functions of
#   mlx5_mock; mlx5_test checks the driver, the shim and the allow-list,
#   then modules are unloaded with a file open and in every order.
# Part 2, stock: the real fwctl_mlx5.ko with the stock mlx5_core and no
#   ConnectX hardware: nothing may bind, and every unload order is clean.

cd "$(dirname "$0")" || exit 1

passed=0
failed=0

ok() {
	passed=$((passed + 1))
	echo "ok - suite: $1"
}

not_ok() {
	failed=$((failed + 1))
	echo "not ok - suite: $1"
}

t() {
	desc=$1
	shift
	if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

loaded() {
	grep -q "^$1 " /proc/modules
}

summary() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit $?
}

if [ ! -d /sys/bus/auxiliary ] && ! modprobe auxiliary 2>/dev/null; then
	echo "SKIP: no auxiliary bus on this kernel (fwctl_mlx5 is not built)"
	exit 77
fi
if [ ! -e "/lib/modules/$(uname -r)/extra/fwctl_mlx5.ko" ]; then
	echo "SKIP: fwctl_mlx5 was not built for this kernel"
	exit 77
fi
if ! grep -q ' /sys/kernel/debug debugfs ' /proc/mounts; then
	mount -t debugfs debugfs /sys/kernel/debug
fi

ALL="fwctl_mlx5_test mlx5_mock fwctl_mlx5 fwctl mlx5_core"

# rmmod every module of $@ that is loaded, in that order, over and over
# until none is left or a round unloads nothing. Succeeds if all are gone.
unload_all() {
	while :; do
		progress=0
		left=0
		for m in "$@"; do
			loaded "$m" || continue
			if rmmod "$m" 2>/dev/null; then
				progress=1
			else
				left=1
			fi
		done
		[ "$left" = 0 ] && return 0
		[ "$progress" = 0 ] && return 1
	done
}

# The permutations of the words $@, one per line.
permutations() {
	if [ $# -le 1 ]; then
		echo "$*"
		return
	fi
	for first in "$@"; do
		rest=
		for w in "$@"; do
			[ "$w" = "$first" ] || rest="$rest $w"
		done
		# shellcheck disable=SC2086 # word lists
		permutations $rest | while read -r p; do
			echo "$first $p"
		done
	done
}

# shellcheck disable=SC2086
unload_all $ALL

# ---- part 1: mock ----------------------------------------------------------

t "modprobe mlx5_core (stock, no hardware)" modprobe mlx5_core
t "modprobe fwctl_mlx5_test (pulls in fwctl and mlx5_mock)" \
	modprobe fwctl_mlx5_test
t "the real fwctl_mlx5 is not loaded" sh -c '! grep -q "^fwctl_mlx5 " /proc/modules'
t "mlx5_mock is loaded" loaded mlx5_mock

out=/tmp/mlx5_test.summary
rm -f "$out"
start=$(date +%s)
./mlx5_test 2>&1 | while IFS= read -r line; do
	case "$line" in
	*" passed, "*" failed")
		echo "$line" >"$out"
		;;
	*)
		echo "$line"
		;;
	esac
done
echo "# mlx5_test took $(($(date +%s) - start)) s"
if [ -s "$out" ]; then
	read -r p _ f _ <"$out"
	passed=$((passed + p))
	failed=$((failed + f))
else
	not_ok "mlx5_test printed no summary"
fi
# Which mlx5_cmd_do() ran the commands: the kernel's, or the compat one on
# mlx5_cmd_exec_cb() (src/compat/compat-mlx5.h). The shim queues most
# commands with mlx5_cmd_exec_cb() either way, and runs general object
# commands, and the plain driver every command, with mlx5_cmd_do().
calls=$(cat /sys/kernel/debug/mlx5_mock/exec_cb_calls)
docalls=$(cat /sys/kernel/debug/mlx5_mock/cmd_do_calls)
if [ "$(cat /sys/kernel/debug/mlx5_mock/compat_cmd_do)" = Y ]; then
	t "compat mlx5_cmd_do: every command went through mlx5_cmd_exec_cb ($calls), none through the kernel's mlx5_cmd_do ($docalls)" \
		test "$calls" -gt 0 -a "$docalls" -eq 0
else
	t "the kernel's mlx5_cmd_do ran commands ($docalls)" \
		test "$docalls" -gt 0
fi

# Issue 11 item 2: fwctl_mlx5 loading while a function whose mlx5_core
# makes its own fwctl device is down (a failed reload) must not add one,
# or mlx5_core's re-add fails with EEXIST and the function stays down.
# Only where the kernel has its own fwctl: there the shim is built out.
M=/sys/kernel/debug/mlx5_mock
if [ "$(cat $M/shim)" = N ]; then
	t "dup: fn3 unloaded, its devices deleted, stays down" \
		sh -c "echo 2 > $M/fn3/reload"
	t "dup: fwctl_mlx5_test reloaded meanwhile" \
		sh -c 'rmmod fwctl_mlx5_test && modprobe fwctl_mlx5_test'
	t "dup: fn3 loads again, re-adding its own fwctl device" \
		sh -c "echo 0 > $M/fn3/down"
	t "dup: exactly one mlx5_core.fwctl.103" \
		test "$(ls /sys/bus/auxiliary/devices | grep -c '^mlx5_core\.fwctl\.103$')" = 1
else
	echo "# SKIP dup: the shim is built here (no <linux/fwctl.h> in this kernel, whose mlx5_core never makes its own fwctl device)"
fi

# rmmod of the driver with a file open: the file then gets ENODEV.
fifo=/tmp/mlx5_hold
rm -f "$fifo"
mkfifo "$fifo"
./mlx5_test hold 0 <"$fifo" >/tmp/mlx5_hold.out 2>&1 &
hold=$!
exec 3>"$fifo"
i=0
while ! grep -q held /tmp/mlx5_hold.out && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
t "a file of fn0 is open" grep -q held /tmp/mlx5_hold.out
t "rmmod fwctl_mlx5_test with the file open" rmmod fwctl_mlx5_test
echo >&3
exec 3>&-
t "the open file then gets ENODEV" wait $hold
t "mlx5_mock unloads after it" rmmod mlx5_mock
t "no auxiliary device of ours is left" \
	sh -c '! ls /sys/bus/auxiliary/devices | grep -q "^mlx5_core.fwctl"'

# A file kept open while everything under it goes away: only fwctl must
# stay (the open file holds it), then the file gets ENODEV and closes.
modprobe fwctl_mlx5_test
rm -f /tmp/mlx5_hold.out
./mlx5_test hold 3 <"$fifo" >/tmp/mlx5_hold.out 2>&1 &
hold=$!
exec 3>"$fifo"
i=0
while ! grep -q held /tmp/mlx5_hold.out && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
t "a file of fn3 (mlx5_core's own fwctl device) is open" \
	grep -q held /tmp/mlx5_hold.out
t "rmmod fwctl_mlx5_test, mlx5_mock, mlx5_core with the file open" \
	unload_all fwctl_mlx5_test mlx5_mock mlx5_core
t "fwctl stays while the file is open" loaded fwctl
echo >&3
exec 3>&-
t "the open file gets ENODEV, then closes" wait $hold
t "then fwctl unloads" rmmod fwctl

MOCK_MODS="fwctl_mlx5_test mlx5_mock fwctl mlx5_core"
# shellcheck disable=SC2086
permutations $MOCK_MODS >/tmp/mlx5_perms
while read -r order; do
	modprobe fwctl_mlx5_test || { not_ok "modprobe for order: $order"; continue; }
	# shellcheck disable=SC2086
	t "unload in order: $order" unload_all $order
done </tmp/mlx5_perms

# ---- part 2: stock ---------------------------------------------------------

t "modprobe fwctl_mlx5 (the real one)" modprobe fwctl_mlx5
t "it pulled in fwctl and mlx5_core" sh -c 'grep -q "^fwctl " /proc/modules && grep -q "^mlx5_core " /proc/modules'
t "its auxiliary driver is registered" \
	test -d /sys/bus/auxiliary/drivers/fwctl_mlx5.mlx5_fwctl
t "nothing bound: no mlx5_core.fwctl device" \
	sh -c '! ls /sys/bus/auxiliary/devices | grep -q "^mlx5_core.fwctl"'
t "no fwctl char device" sh -c '[ -z "$(ls /sys/class/fwctl 2>/dev/null)" ]'

# Upstream and OFED name the module mlx5_fwctl: an alias of ours. Users
# have kmod's modprobe (the initramfs has it in /kmod/bin), busybox too.
t "rmmod fwctl_mlx5" rmmod fwctl_mlx5
t "busybox modprobe mlx5_fwctl (upstream's name, our alias) loads fwctl_mlx5" \
	sh -c 'modprobe mlx5_fwctl && grep -q "^fwctl_mlx5 " /proc/modules'
t "rmmod fwctl_mlx5 again" rmmod fwctl_mlx5
t "kmod: modinfo mlx5_fwctl names our module" \
	sh -c '/kmod/bin/modinfo -F filename mlx5_fwctl | grep -q "/fwctl_mlx5\.ko$"'
t "kmod: modprobe mlx5_fwctl loads fwctl_mlx5" \
	sh -c '/kmod/bin/modprobe mlx5_fwctl && grep -q "^fwctl_mlx5 " /proc/modules'
t "kmod: modprobe -r mlx5_fwctl unloads fwctl_mlx5" \
	sh -c '/kmod/bin/modprobe -r mlx5_fwctl && ! grep -q "^fwctl_mlx5 " /proc/modules'

STOCK_MODS="fwctl_mlx5 fwctl mlx5_core"
# shellcheck disable=SC2086
permutations $STOCK_MODS >/tmp/mlx5_perms
while read -r order; do
	modprobe fwctl_mlx5 || { not_ok "modprobe for order: $order"; continue; }
	# shellcheck disable=SC2086
	t "stock: unload in order: $order" unload_all $order
done </tmp/mlx5_perms
# Loading in the other order too: mlx5_core last.
modprobe fwctl && modprobe fwctl_mlx5 && modprobe mlx5_core
# shellcheck disable=SC2086
t "stock: load fwctl, fwctl_mlx5, mlx5_core, unload all" unload_all $ALL

summary
