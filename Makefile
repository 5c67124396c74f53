# SPDX-License-Identifier: GPL-2.0
#
#   make                      build the modules for the running kernel
#   make KVER=6.1.0-30-amd64  ... for an installed kernel's headers
#   make KDIR=/path/to/build  ... for a kernel build tree
#   make check [KERNELS=...]  run the test suites in QEMU (tests/README.md)
#   make deb / make rpm       build the packages
#
# W=1 and C=1 are passed on to kbuild as usual.

KVER ?= $(shell uname -r)
KDIR ?= /lib/modules/$(KVER)/build
TOP := $(CURDIR)
KBUILD := $(MAKE) -C $(KDIR) M=$(TOP)/src FWCTL_TOP=$(TOP)

all: modules

headers:
	@test -f $(KDIR)/Makefile || { \
		echo "fwctl: no kernel headers in $(KDIR): install linux-headers-$(KVER) or pass KDIR=" >&2; \
		exit 1; }

probes: headers
	@src/compat/run-probes $(KDIR) src/compat/generated

modules: probes
	+$(KBUILD) modules

modules_install: modules
	+$(KBUILD) modules_install

clean:
	+@if test -f $(KDIR)/Makefile; then $(KBUILD) clean; fi
	rm -rf src/compat/generated

check:
	tests/qemu/check $(KERNELS)

.PHONY: all headers probes modules modules_install clean check
