# SPDX-License-Identifier: GPL-2.0
#
# Compiler flags every object of this package is built with, ours and the
# test modules'. Include it from a Kbuild file after setting FWCTL_TOP to
# the top of the source tree. See compat.h for the layout of compat/.
#
# NOSTDINC_FLAGS precede the kernel's LINUXINCLUDE: our include/ (so
# <linux/fwctl.h> is always this package's, even on a kernel that ships
# one) and the override/ wrappers come before the kernel's headers;
# compat/include comes after everything, for headers a kernel lacks.
# The override headers include compat_autoconf.h themselves: kbuild
# compiles *.mod.c with NOSTDINC_FLAGS but without ccflags-y.
#
# The compile probes (run-probes) include this file with FWCTL_PROBING set:
# they get the same C dialect, but the kernel's headers only.
ifndef FWCTL_PROBING
NOSTDINC_FLAGS += -I$(FWCTL_TOP)/include -I$(FWCTL_TOP)/src/compat/override
NOSTDINC_FLAGS += -I$(FWCTL_TOP)/src/compat/generated
NOSTDINC_FLAGS += -idirafter $(FWCTL_TOP)/src/compat/include
ccflags-y += -include $(FWCTL_TOP)/src/compat/compat.h
# The probes' answers for Kbuild (HAVE_* := 1 or empty). Missing only for a
# `make clean` before any build.
-include $(FWCTL_TOP)/src/compat/generated/compat_autoconf.mk
# RHEL 8 (4.18) built by gcc 9 or later: module_init()/module_exit() alias
# init_module/cleanup_module to __init/__exit functions without copying
# their attributes (upstream copies them since 5.0), and gcc warns that
# the aliases lack "cold". Harmless: the alias is the same function.
ifeq ($(HAVE_MODULE_INIT_COPY),)
ccflags-y += $(call cc-disable-warning,missing-attributes)
endif
endif
# guard() and __free() declare variables mid-block, scoped_guard() in a
# for statement: kernels before 5.18 build as gnu89, and before 6.5 warn
# about mid-block declarations.
ccflags-y += -std=gnu11 -Wno-declaration-after-statement
