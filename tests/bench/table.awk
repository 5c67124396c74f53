# SPDX-License-Identifier: GPL-2.0
#
# The table of tests/bench/run, from "BENCH <key> <value>" lines.

function med(prefix,    n, i, j, t, v) {
	n = 0
	for (i = 1; (prefix i) in r; i++)
		v[++n] = r[prefix i] + 0
	if (!n)
		return ""
	for (i = 1; i <= n; i++)
		for (j = i + 1; j <= n; j++)
			if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
	return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
}
function least(prefix,    i, m) {
	m = ""
	for (i = 1; (prefix i) in r; i++)
		if (m == "" || r[prefix i] + 0 < m)
			m = r[prefix i] + 0
	return m
}
function us(ns) { return sprintf("%.2f us", ns / 1000) }
function size(n) {
	return n >= 1048576 ? (n / 1048576) " MiB" : n >= 1024 ? (n / 1024) " KiB" : n " B"
}
# row(name, value, baseline text, ratio, target text, met: 1/0/-1 (n/a))
function row(name, value, base, ratio, target, met) {
	if (ratio == "" && met != "abs")
		met = -1
	if (met == "abs")
		met = value + 0 < 20
	printf "| %-34s | %-13s | %-38s | %-6s | %-7s | %-4s |\n", name, value, base,
		ratio == "" ? "-" : sprintf("%.2fx", ratio), target,
		met < 0 ? "-" : met ? "yes" : "NO"
}
# a scaling row: median over windows, then the best window
function srow(name, key2, skey, target,    m) {
	m = r[skey] + 0
	row(name, sprintf("%.0f/s", r[key2]), sprintf("%.0f/s", one) " 1 thread", m, target, target == "info" ? -1 : m >= 1.7)
	if ((skey "_rel") in r)
		row("    / ENOTTY's scaling, same windows", "", "", r[skey "_rel"], "info", -1)
}
function have(k) { return (k in r) && r[k] != "" }
# x / b, or "" when either is missing
function div(x, b) { return (x == "" || b == "" || b + 0 == 0) ? "" : x / b }
# An info row of latencies: key x against key b, whose name gets the suffix.
function lrow(name, kx, kb, bname) {
	row(name, us(r[kx]), us(r[kb]) bname, div(r[kx], r[kb]), "info", -1)
}

{ r[$2] = $3 }

END {
	printf "| %-34s | %-13s | %-38s | %-6s | %-7s | %-4s |\n", "benchmark", "value",
		"baseline", "ratio", "target", "met"
	print "|------------------------------------|---------------|----------------------------------------|--------|---------|------|"
	if (have("rpc_inplace_64_ns")) {
		x = r["rpc_inplace_64_ns"]
		b = r["noop_enotty_ns"]
		row("RPC 64 B, reply in place", us(x), us(b) " no-op ioctl (ENOTTY)", div(x, b), "<= 3x", div(x, b) <= 3)
		b = r["noop_info_ns"]
		row("RPC 64 B, reply in place", us(x), us(b) " FWCTL_INFO, no data", div(x, b), "<= 3x", div(x, b) <= 3)
	}
	if (have("rpc_64_ns")) {
		x = r["rpc_64_ns"]
		b = r["noop_enotty_ns"]
		row("RPC 64 B echo (new buffer)", us(x), us(b) " no-op ioctl (ENOTTY)", div(x, b), "info", -1)
		b = r["noop_info_ns"]
		row("RPC 64 B echo (new buffer)", us(x), us(b) " FWCTL_INFO, no data", div(x, b), "info", -1)
		x = r["rpc_64_med_ns"]
		b = r["noop_enotty_med_ns"]
		row("  medians instead of fastest rounds", us(x), us(b) " no-op ioctl (ENOTTY)", div(x, b), "info", -1)
		split("4096 65536 2097152", sz, " ")
		for (i = 1; i <= 3; i++) {
			n = sz[i]
			x = r["rpc_" n "_ns"]
			b = r["copy_memfd_" n "_ns"]
			row("RPC " size(n) " echo", us(x), us(b) " memfd pwrite+pread", div(x, b), "<= 1.5x", div(x, b) <= 1.5)
		}
		for (i = 1; i <= 3; i++) {
			n = sz[i]
			x = r["rpc_" n "_med_ns"]
			b = r["copy_memfd_" n "_med_ns"]
			row("  medians, " size(n), us(x), us(b) " memfd pwrite+pread", div(x, b), "info", -1)
		}
		for (i = 1; i <= 3; i++) {
			n = sz[i]
			x = r["rpc_" n "_ns"]
			b = r["copy_memcpy_" n "_ns"]
			row("  (same, other baseline)", us(x), us(b) " memcpy in+out, user", div(x, b), "info", -1)
		}
		for (i = 1; i <= 3; i++) {
			n = sz[i]
			x = r["rpc_in_" n "_ns"]
			b = r["copy_zero_" n "_ns"]
			row("  request only, " size(n) " in", us(x), us(b) " read " size(n) " of /dev/zero", div(x, b), "info", -1)
		}
	} else {
		print "| RPC latency: no results (guest run failed)"
	}
	if (have("scale_rpc_samedev")) {
		one = r["thr1_rpc_ops"]
		srow("2 threads, 2 files of 1 device", "thr2_rpc_samedev_ops", "scale_rpc_samedev", ">= 1.7x")
		srow("2 threads, 2 devices", "thr2_rpc_twodevs_ops", "scale_rpc_twodevs", ">= 1.7x")
		one = r["thr1_enotty_ops"]
		srow("  ENOTTY ioctl (VM's own scaling)", "thr2_enotty_ops", "scale_enotty", "info")
		one = r["thr1_info_ops"]
		srow("  FWCTL_INFO, no data", "thr2_info_ops", "scale_info", "info")
		one = r["thr1_infodata_ops"]
		srow("  FWCTL_INFO + driver kmalloc", "thr2_infodata_ops", "scale_infodata", "info")
	}
	if (have("mlx5_shim_64_ns")) {
		# fwctl_mlx5 on tests/mlx5's simulated firmware (mlx5_mock)
		x = r["mlx5_shim_64_ns"]
		b = r["mlx5_own_64_ns"]
		t = r["mlx5_shim"] == "Y" ? "shim" : "no shim here"
		row("mlx5 RPC 64 B NOP, " t, us(x), us(b) " mlx5_core's own device", div(x, b), "<= 1.1x", div(x, b) <= 1.1)
		lrow("  medians instead of fastest rounds", "mlx5_shim_64_med_ns", "mlx5_own_64_med_ns", " mlx5_core's own device")
		lrow("  mlx5_core's own device", "mlx5_own_64_ns", "noop_enotty_ns", " no-op ioctl (ENOTTY)")
	}
	if (have("mlx5q_shim_64_ns")) {
		# mlx5_mock's cmd_do_queued: its mlx5_cmd_do() hops too
		lrow("  both via the command workqueue", "mlx5q_shim_64_ns", "mlx5q_own_64_ns", " own device, queued too")
		lrow("  medians, both via the workqueue", "mlx5q_shim_64_med_ns", "mlx5q_own_64_med_ns", " own device, queued too")
	}
	if (have("mlx5_d1_scale")) {
		m = r["mlx5_d1_scale"] + 0
		row("mlx5 2 files of 1 fn, fw " r["mlx5_delay_ms"] " ms/cmd", sprintf("%.0f/s", r["mlx5_d1_thr2_ops"]),
			sprintf("%.0f/s", r["mlx5_d1_thr1_ops"]) " 1 file", m, ">= 1.7x", m >= 1.7)
		row("    best window", "", "", r["mlx5_d1_scale_best"], "info", -1)
	}
	if (have("mlx5_d0_scale")) {
		m = r["mlx5_d0_scale"] + 0
		row("  same, fw 0 ms/cmd", sprintf("%.0f/s", r["mlx5_d0_thr2_ops"]),
			sprintf("%.0f/s", r["mlx5_d0_thr1_ops"]) " 1 file", m, "info", -1)
		row("    / ENOTTY's scaling, same windows", "", "", r["mlx5_d0_scale_rel"], "info", -1)
	}
	if (have("open_fwctl_slab_bytes")) {
		x = r["open_fwctl_slab_bytes"]
		b = r["open_null_slab_bytes"]
		row("memory per open (Slab)", x " B", b " B open of /dev/null", div(x, b), "info", -1)
		x = r["open_fwctl_slabobj_bytes"]
		b = r["open_null_slabobj_bytes"]
		row("memory per open (slab objects)", x " B", b " B open of /dev/null", div(x, b), "info", -1)
	}
	if (have("build_full_s_1")) {
		x = med("build_full_s_")
		b = med("build_hello_s_")
		row("build, " r["build_jobs"] " jobs (" r["build_modules"] ")", sprintf("%.1f s", x), sprintf("%.1f s", b) " hello module", div(x, b), "<= 5x", div(x, b) <= 5)
		row("build, absolute", sprintf("%.1f s", x), "", "", "< 20 s", "abs")
		x = med("build_full_cpu_s_")
		b = med("build_hello_cpu_s_")
		if (x != "")
			row("  build CPU time (user+sys)", sprintf("%.1f s", x), sprintf("%.1f s", b) " hello module", div(x, b), "info", -1)
		x = med("build_probes_s_")
		if (x != "")
			row("  of which compile probes (wall)", sprintf("%.1f s", x), "", "", "info", -1)
		x = med("build_probes_cpu_s_")
		if (x != "")
			row("  of which compile probes (CPU)", sprintf("%.1f s", x), "", "", "info", -1)
	}
	if (have("load_hello_us_1")) {
		# The fastest of five: the least disturbed by the host.
		b = least("load_hello_us_")
		x = least("load_fwctl_us_")
		if (x != "")
			row("modprobe fwctl", sprintf("%.1f ms", x / 1000), sprintf("%.1f ms", b / 1000) " modprobe hello", div(x, b), "info", -1)
		x = least("load_fwctl_mlx5_us_")
		if (x != "")
			row("modprobe fwctl_mlx5 (fwctl loaded)", sprintf("%.1f ms", x / 1000), sprintf("%.1f ms", b / 1000) " modprobe hello", div(x, b), "info", -1)
	}
	if (have("host_load_build") || have("host_load_guest"))
		printf "\nhost load average (1 min) at the start: build %s, guest %s (a quiet 2-core host is < 1)\n",
			r["host_load_build"], r["host_load_guest"]
}
