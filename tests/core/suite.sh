#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The fwctl core suite (tests/README.md): load fwctl_test, which pulls in
# fwctl, run core_test against it, unload both. Runs as root in the guest
# with cwd = this directory; prints one "N passed, N failed" line.

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

loaded() {
	grep -q "^$1 " /proc/modules
}

summary() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit $?
}

if ! grep -q ' /sys/kernel/debug debugfs ' /proc/mounts; then
	mount -t debugfs debugfs /sys/kernel/debug
fi

# Nothing of ours may be loaded before we start.
for m in fwctl_test fwctl_test7 fwctl; do
	loaded $m && rmmod $m
done

if modprobe fwctl_test; then
	ok "modprobe fwctl_test"
else
	not_ok "modprobe fwctl_test"
	summary
fi
if loaded fwctl; then
	ok "modprobe fwctl_test loaded fwctl"
else
	not_ok "modprobe fwctl_test loaded fwctl"
fi

# core_test prints its own "N passed, N failed": fold it into ours.
run_core_test() {
	out=/tmp/core_test.summary
	rm -f "$out"
	./core_test "$@" 2>&1 | while IFS= read -r line; do
		case "$line" in
		*" passed, "*" failed")
			echo "$line" >"$out"
			;;
		*)
			echo "$line"
			;;
		esac
	done
	if [ -s "$out" ]; then
		read -r p _ f _ <"$out"
		passed=$((passed + p))
		failed=$((failed + f))
	else
		not_ok "core_test $* ended without a summary"
	fi
}
run_core_test

# core_test unloads fwctl_test itself as its last test; make sure.
if loaded fwctl_test; then
	if rmmod fwctl_test; then
		ok "rmmod fwctl_test"
	else
		not_ok "rmmod fwctl_test"
	fi
fi
if rmmod fwctl; then
	ok "rmmod fwctl"
else
	not_ok "rmmod fwctl"
fi
if loaded fwctl_test || loaded fwctl; then
	not_ok "modules still loaded: $(grep -E '^fwctl(_test)? ' /proc/modules | cut -d' ' -f1 | tr '\n' ' ')"
else
	ok "fwctl and fwctl_test unloaded"
fi
if [ -d /sys/class/fwctl ]; then
	not_ok "/sys/class/fwctl still exists"
else
	ok "/sys/class/fwctl removed"
fi

# The taint audit line once per fwctl load: a second load on the kernel the
# first run tainted, whose first debug write is DEBUG_WRITE_FULL.
if modprobe fwctl_test; then
	ok "modprobe fwctl_test again"
	run_core_test --taint-full
	if rmmod fwctl_test && rmmod fwctl; then
		ok "rmmod fwctl_test fwctl after --taint-full"
	else
		not_ok "rmmod fwctl_test fwctl after --taint-full"
	fi
else
	not_ok "modprobe fwctl_test again"
fi

# A driver written against the 7.x in-kernel API (src/compat provides what
# the kernel lacks), on every kernel.
if modprobe fwctl_test7; then
	ok "modprobe fwctl_test7 (a 7.x-style driver)"
	run_core_test --7x
	if rmmod fwctl_test7 && rmmod fwctl; then
		ok "rmmod fwctl_test7 fwctl"
	else
		not_ok "rmmod fwctl_test7 fwctl"
	fi
else
	not_ok "modprobe fwctl_test7 (a 7.x-style driver)"
fi

summary
