#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The debug suite inside the guest. tests/debug/run packs it as
# /tests/debug/suite.sh with fuzz, stress and a params file, and boots the
# debug kernel with fwctl_suite=debug; it runs as root with cwd = this
# directory and prints "N ioctls" and one "N passed, N failed" line.
#
# Order matters: the privilege test must see the boot's first debug write;
# the fuzzer runs after the lifetime scenarios so a bug they provoke is
# reported by the scenario that provoked it. After every scenario kmemleak
# scans and must report nothing, and mlx5_mock must have seen no command it
# should never get.

cd "$(dirname "$0")" || exit 1
export PATH=/usr/sbin:/usr/bin:/sbin:/bin

# Defaults; run writes the values of this run into ./params.
# seed:mode:ioctls; mode: plain, churn, faults, comma-separated.
FUZZ_RUNS="1:plain:300000 2:churn:400000 3:churn,faults:300000"
FUZZ_ARGS=
MLX5_INFLIGHT="4 100"
FUZZ_PROCS=2
FUZZ_THREADS=4
FUZZ_LONG=
CYCLES=200
INFLIGHT="5 8 200"
MEMORY="2000 100"
# shellcheck disable=SC1091
[ -f ./params ] && . ./params

KML=/sys/kernel/debug/kmemleak
MOCK=/sys/kernel/debug/mlx5_mock
passed=0
failed=0
ioctls=0

ok() {
	passed=$((passed + 1))
	echo "ok - debug: $1"
}

not_ok() {
	failed=$((failed + 1))
	echo "not ok - debug: $1"
}

loaded() {
	grep -q "^$1 " /proc/modules
}

# The path of module $1 in this kernel's tree, empty if there is none.
modpath() {
	find "/lib/modules/$(uname -r)" -name "$1.ko" | head -n1
}

# Run "$@", show its output, and count it as one test: it must exit 0 and
# its own "N passed, N failed" line must say 0 failed. Adds its "N ioctls".
scenario() {
	sc_name=$1
	shift
	echo "# ---- $sc_name: $*"
	sc_start=$(date +%s)
	rm -f /tmp/scenario.rc
	{ "$@" 2>&1; echo $? >/tmp/scenario.rc; } | tee /tmp/scenario.out
	sc_rc=$(cat /tmp/scenario.rc)
	sc_n=$(sed -n 's/^\([0-9][0-9]*\) ioctls$/\1/p' /tmp/scenario.out | tail -n1)
	[ -n "$sc_n" ] && ioctls=$((ioctls + sc_n))
	sc_f=$(sed -n 's/^[0-9][0-9]* passed, \([0-9][0-9]*\) failed$/\1/p' /tmp/scenario.out | tail -n1)
	if [ "$sc_rc" = 0 ] && [ "${sc_f:-1}" = 0 ]; then
		ok "$sc_name ($(($(date +%s) - sc_start))s)"
	else
		not_ok "$sc_name (exit $sc_rc, ${sc_f:-no} failed checks)"
	fi
}

kmemleak_reset() {
	[ -w "$KML" ] || return 0
	echo scan >"$KML"
	echo clear >"$KML"
}

# kmemleak reports objects older than 5 s that nothing points to.
kmemleak_check() {
	if [ ! -w "$KML" ]; then
		return 0
	fi
	sleep 6
	echo scan >"$KML"
	# debugfs files have no size: read them.
	if [ -n "$(head -c 1 "$KML")" ]; then
		not_ok "$1: kmemleak found leaks"
		head -n 80 "$KML"
	else
		ok "$1: kmemleak clean"
	fi
	echo clear >"$KML"
}

mock_check() {
	[ -r "$MOCK/violations" ] || return 0
	v=$(cat "$MOCK/violations")
	if [ "$v" = 0 ]; then
		ok "$1: mlx5_mock saw no forbidden command"
	else
		not_ok "$1: mlx5_mock counted $v violations"
	fi
}

if ! grep -q ' /sys/kernel/debug debugfs ' /proc/mounts; then
	mount -t debugfs debugfs /sys/kernel/debug
fi
echo "# kernel $(uname -r), $(grep -c ^processor /proc/cpuinfo) CPUs, $(sed -n 's/^MemTotal: *//p' /proc/meminfo)"
[ -w "$KML" ] || echo "# no $KML: leak checks skipped"

FWCTL=$(modpath fwctl)
TEST=$(modpath fwctl_test)
if [ -z "$FWCTL" ] || [ -z "$TEST" ]; then
	echo "no fwctl.ko or fwctl_test.ko in /lib/modules/$(uname -r)"
	echo "0 passed, 1 failed"
	exit 1
fi
MODS="--mod fwctl=$FWCTL --mod fwctl_test=$TEST"
MLX5=
K=$(modpath mlx5_core)
M=$(modpath mlx5_mock)
T=$(modpath fwctl_mlx5_test)
if [ -n "$K" ] && [ -n "$M" ] && [ -n "$T" ]; then
	# Load mlx5_core's own dependencies once, so stress can load it alone.
	if modprobe mlx5_core && rmmod mlx5_core; then
		MODS="$MODS --mod mlx5_core=$K --mod mlx5_mock=$M --mod fwctl_mlx5_test=$T"
		MLX5=1
	fi
fi
[ -n "$MLX5" ] || echo "# mlx5 modules missing: core driver only"

kmemleak_reset
modprobe fwctl_test || not_ok "modprobe fwctl_test"

# shellcheck disable=SC2086 # MODS and the parameter lists are word lists
{
	scenario privilege ./stress $MODS privilege
	kmemleak_check privilege

	scenario unregister-inflight ./stress $MODS unregister-inflight $INFLIGHT
	kmemleak_check unregister-inflight

	scenario rmmod-inflight ./stress $MODS rmmod-inflight $INFLIGHT
	kmemleak_check rmmod-inflight

	scenario scm-rights ./stress $MODS scm-rights
	kmemleak_check scm-rights

	scenario memory ./stress $MODS memory $MEMORY
	kmemleak_check memory

	scenario cycles ./stress $MODS cycles "$CYCLES"
	kmemleak_check cycles
	mock_check cycles
}

# Reload the mlx5 test modules with mlx5_mock's own_fwctl=$1 (its default
# if empty, as the mlx5 suite loads it): which of its
# functions create mlx5_core.fwctl themselves (as mlx5_core does since
# 6.15) instead of getting one from our shim. Both kinds may be mixed:
# each fake function's intf_state_mutex has its own lock class, as in
# mlx5_core.
mlx5_reload() {
	[ -n "$MLX5" ] || return 0
	for m in fwctl_mlx5_test mlx5_mock; do
		loaded $m && rmmod $m
	done
	if ! modprobe mlx5_core || ! modprobe mlx5_mock ${1:+own_fwctl="$1"} ||
		! modprobe fwctl_mlx5_test; then
		not_ok "load mlx5_core, mlx5_mock own_fwctl=$1, fwctl_mlx5_test"
	fi
}

# fuzz_run SEED MODE IOCTLS: MODE is plain, churn, faults, comma-separated.
fuzz_run() {
	args="--seed $1 --procs $FUZZ_PROCS --threads $FUZZ_THREADS $FUZZ_ARGS"
	case ,$2, in *,churn,*) args="$args --churn" ;; esac
	case ,$2, in *,faults,*) args="$args --faults" ;; esac
	if [ -n "$FUZZ_LONG" ]; then
		args="$args --duration $FUZZ_LONG"
	else
		args="$args --iterations $3"
	fi
	# shellcheck disable=SC2086
	scenario "fuzz seed $1 $2" ./fuzz $args
	kmemleak_check "fuzz seed $1"
	mock_check "fuzz seed $1"
}

# mlx5 hot unplug and reload under RPCs, for each kind of function.
mlx5_inflight() {
	[ -n "$MLX5" ] || return 0
	for own in 0,0,0,0 0,0,0,1 1,1,1,1; do
		mlx5_reload $own
		# shellcheck disable=SC2086
		scenario "mlx5-inflight own_fwctl=$own" ./stress $MODS mlx5-inflight $MLX5_INFLIGHT
		kmemleak_check "mlx5-inflight own_fwctl=$own"
		mock_check "mlx5-inflight own_fwctl=$own"
	done
}

# The fuzzer against every test device, fwctl_test's and the mock
# functions' (shim and 6.15-style ones mixed first, 6.15-style ones only in
# the last run), with the
# mlx5 scenario after the first run.
loaded fwctl_test || modprobe fwctl_test
nrun=0
# shellcheck disable=SC2086
set -- $FUZZ_RUNS
for run in "$@"; do
	nrun=$((nrun + 1))
	[ "$nrun" = 2 ] && mlx5_inflight
	if [ "$nrun" -gt 1 ] && [ "$nrun" = $# ]; then
		mlx5_reload 1,1,1,1
	else
		mlx5_reload 1,0,0,1
	fi
	seed=${run%%:*}
	rest=${run#*:}
	fuzz_run "$seed" "${rest%%:*}" "${rest#*:}"
done
[ "$nrun" -ge 2 ] || mlx5_inflight

# The mlx5 suite's cases of the mock's lifecycle (tests/mlx5/mlx5_test.c:
# reloads that delete no aux device, siblings, eligibility following the
# firmware, concurrent RPCs, a hung command and a fatal error, unbind),
# with the mock's default functions (shim ones and one 6.15-style).
if [ -n "$MLX5" ] && [ -x ./mlx5_test ]; then
	mlx5_reload ""
	scenario mlx5-lifecycle ./mlx5_test
	kmemleak_check mlx5-lifecycle
	mock_check mlx5-lifecycle
fi

# Everything unloads, and leaves nothing behind.
for m in fwctl_mlx5_test mlx5_mock fwctl_test fwctl mlx5_core; do
	loaded "$m" && { rmmod "$m" || not_ok "rmmod $m"; }
done
if loaded fwctl || loaded fwctl_test; then
	not_ok "all modules unloaded"
else
	ok "all modules unloaded"
fi
kmemleak_check unload

# shellcheck disable=SC2086
scenario taint-once ./stress $MODS taint-once
kmemleak_check taint-once

echo "$ioctls ioctls"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
