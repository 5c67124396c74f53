# SPDX-License-Identifier: GPL-2.0
#
#   make                      build the modules for the running kernel
#   make KVER=6.1.0-57-amd64  ... for that kernel's headers (installed if missing, as root)
#   make KDIR=/path/to/build  ... for a kernel build tree
#   make deb rpm              build the packages (into debian/out, rpm/out)
#   make tools                the fwctl command-line tool (src/tool)
#   make check                the udev rules, the suites on the kernel matrix in QEMU, the
#                             package tests, the debug kernel (tests/check)
#   make check PARTS=kernels KERNELS=6.1   ... one part, one kernel
#   make check-packages       package install/rebuild/purge tests
#   make check-debug          fuzzer and stress on the debug kernel
#   make check-pkgdir         the harness on distro package directories (.deb, RHEL .rpm)
#   make bench                benchmarks (tests/bench/RESULTS.md)
#
# W=1 and C=1 are passed on to kbuild as usual. CC=, LLVM=1 and the other
# variables given here reach the compile probes and the modules alike.

KVER ?= $(shell uname -r)
KDIR ?= /lib/modules/$(KVER)/build
TOP := $(CURDIR)
KBUILD := $(MAKE) -C $(KDIR) M=$(TOP)/src FWCTL_TOP=$(TOP)

all: modules

# Missing headers of KVER are installed when run as root on Debian/Ubuntu
# (apt-get, as `make check` installs its tools); never for an explicit KDIR=,
# which is how DKMS calls this Makefile.
HEADERS_PKG := linux-headers-$(KVER)
APT_INSTALL := DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends

headers:
	@if ! test -f $(KDIR)/Makefile && test "$(origin KDIR)" = file && test -n "$(KVER)" && \
	    test "$$(id -u)" = 0 && command -v apt-get >/dev/null; then \
		echo "fwctl: installing $(HEADERS_PKG)" >&2; \
		$(APT_INSTALL) $(HEADERS_PKG) >&2 2>/dev/null || \
		{ apt-get update -q >&2 && $(APT_INSTALL) $(HEADERS_PKG) >&2; } || \
		echo "fwctl: apt-get cannot install $(HEADERS_PKG); the archive's current" \
			"kernel: $$(apt-cache depends linux-headers-$$(dpkg --print-architecture) 2>/dev/null | \
			sed -n 's/.*Depends: linux-headers-//p' | head -n 1)" >&2; \
	fi
	@test -f $(KDIR)/Makefile || { \
		echo "fwctl: no kernel headers in $(KDIR): install $(HEADERS_PKG) or pass KDIR=" >&2; \
		exit 1; }

# FWCTL_FORCE_ABSENT="probe..." or =all: those probes answer "absent"
# (src/compat/run-probes), to test the fallbacks on a kernel that has the APIs.
export FWCTL_FORCE_ABSENT

probes: headers
	+@src/compat/run-probes $(KDIR) src/compat/generated

modules: probes
	+$(KBUILD) modules

modules_install: modules
	+$(KBUILD) modules_install

clean:
	+@if test -f $(KDIR)/Makefile; then $(KBUILD) clean; fi
	rm -rf src/compat/generated
	+@if test -d src/tool; then $(MAKE) -C src/tool clean; fi # not in the DKMS tree

tools:
	$(MAKE) -C src/tool

deb:
	debian/build.sh

rpm:
	rpm/build.sh

check:
	PARTS="$(PARTS)" KERNELS="$(KERNELS)" tests/check

check-packages:
	tests/pkg/run

check-debug:
	tests/debug/run

check-pkgdir:
	tests/qemu/pkgdir-test

bench:
	tests/bench/run $(BENCH_KERNEL)

.PHONY: all headers probes modules modules_install clean tools deb rpm
.PHONY: check check-packages check-debug check-pkgdir bench
