#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The guest side of tests/bench/run, booted as the suite "bench" (run copies
# this file to suite.sh in its build tree only, so `make check` never runs
# it). Prints "BENCH <key> <value>" lines between BENCH-BEGIN and BENCH-END.

cd "$(dirname "$0")" || exit 1
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
B=./fwctl_bench
fails=0
grep -q ' /sys/kernel/debug debugfs ' /proc/mounts || mount -t debugfs debugfs /sys/kernel/debug

step() {
	"$@" || { echo "bench: failed: $*"; fails=$((fails + 1)); }
}
loaded() { grep -q "^$1 " /proc/modules; }
unload() {
	for m in "$@"; do loaded "$m" && rmmod "$m"; done
	return 0
}
# time1 key module: time one `modprobe module`, then unload it
time1() {
	t=$($B time modprobe "$2") || { echo "bench: modprobe $2 failed"; fails=$((fails + 1)); return; }
	echo "BENCH load_${1}_us_$i $t"
	rmmod "$2"
}

echo "BENCH-BEGIN"
echo "BENCH cpus $(grep -c ^processor /proc/cpuinfo)"
unload fwctl_mlx5 fwctl_test fwctl bench_hello

# Module load time, interleaved against drift, seven times each: the
# one-file hello module, fwctl alone, fwctl_mlx5 with fwctl and mlx5_core
# already loaded.
mlx5=
[ -n "$(find /lib/modules/"$(uname -r)" -name fwctl_mlx5.ko)" ] && modprobe mlx5_core && mlx5=1
for i in 1 2 3 4 5 6 7; do
	time1 hello bench_hello
	time1 fwctl fwctl
	if [ -n "$mlx5" ]; then
		modprobe fwctl
		time1 fwctl_mlx5 fwctl_mlx5
		rmmod fwctl
	fi
done

step modprobe fwctl_test
D0=$(sed -n 's/^dev0 //p' /sys/kernel/debug/fwctl_test/stats)
D1=$(sed -n 's/^dev1 //p' /sys/kernel/debug/fwctl_test/stats)
step $B latency "$D0"
step $B threads "$D0" "$D1" 0.5
step $B memory "$D0" 1000
unload fwctl_test

# fwctl_mlx5 on the simulated firmware of tests/mlx5: the real driver's
# sources linked against mlx5_mock (fwctl_mlx5_test.ko). With mlx5_mock's
# defaults fn0 goes through the shim where it is built and fn3 makes its
# own mlx5_core.fwctl device, as mlx5_core 6.15+ does.
M=/sys/kernel/debug/mlx5_mock
# fwdev N: the fwctl device (fwctlK) of mlx5_mock's function N, whose
# parent is the (fake) PCI function, as upstream's
fwdev() {
	for c in /sys/class/fwctl/*; do
		case $(readlink -f "$c/device") in
		*/mlx5mock."$1") echo "${c##*/}"; return 0 ;;
		esac
	done
	return 1
}
if [ -n "$mlx5" ] && [ -n "$(find /lib/modules/"$(uname -r)" -name mlx5_mock.ko)" ]; then
	unload fwctl_mlx5
	step modprobe mlx5_mock
	step modprobe fwctl_mlx5_test
	i=0
	while { ! S=$(fwdev 0) || ! O=$(fwdev 3); } && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	echo "BENCH mlx5_shim $(cat $M/shim)"
	if [ -n "$S" ] && [ -n "$O" ]; then
		echo 0 >$M/fn0/delay_ms
		echo 0 >$M/fn3/delay_ms
		step $B mlx5 "$S" "$O"
		# Both paths with the same hop to the command workqueue, as in
		# mlx5_core, where mlx5_cmd_do() queues too (info)
		echo Y >$M/cmd_do_queued
		step $B mlx5 "$S" "$O" mlx5q
		echo N >$M/cmd_do_queued
		step $B mlx5threads "$S" 0.5 mlx5_d0
		# A firmware that takes 1 ms a command (msleep: at least a
		# jiffy): whether two files of one function wait for each other.
		echo 1 >$M/fn0/delay_ms
		echo "BENCH mlx5_delay_ms 1"
		step $B mlx5threads "$S" 0.5 mlx5_d1
		echo 0 >$M/fn0/delay_ms
		echo "BENCH mlx5_violations $(cat $M/violations)"
	else
		echo "bench: no fwctl device of mlx5_mock's fn0 and fn3"
		fails=$((fails + 1))
	fi
	unload fwctl_mlx5_test mlx5_mock
fi
echo "BENCH-END"
unload fwctl
echo "$((fails == 0)) passed, $fails failed"
[ "$fails" = 0 ]
