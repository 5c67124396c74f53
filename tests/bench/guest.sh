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
echo "BENCH-END"
unload fwctl_test fwctl
echo "$((fails == 0)) passed, $fails failed"
[ "$fails" = 0 ]
