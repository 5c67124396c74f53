# SPDX-License-Identifier: GPL-2.0
#
#   make                      build the modules for the running kernel
#   make KVER=6.1.0-30-amd64  ... for an installed kernel's headers
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

headers:
	@test -f $(KDIR)/Makefile || { \
		echo "fwctl: no kernel headers in $(KDIR): install linux-headers-$(KVER) or pass KDIR=" >&2; \
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
