# SPDX-License-Identifier: GPL-2.0
#
# fwctl_mlx5: included by src/Kbuild when the kernel has the auxiliary bus
# and mlx5_core (so never on 5.10: see src/mlx5/README.md).
obj-m += fwctl_mlx5.o
fwctl_mlx5-y := mlx5/main.o
# The shim, unless the kernel has its own fwctl (compat-mlx5.h)
ifeq ($(shell grep -s 'HAVE_KERNEL_FWCTL 1' \
	$(FWCTL_TOP)/src/compat/generated/compat_autoconf.h),)
fwctl_mlx5-y += compat/mlx5/shim.o
endif

CFLAGS_mlx5/main.o += -include $(FWCTL_TOP)/src/compat/compat-mlx5.h
CFLAGS_compat/mlx5/shim.o += -include $(FWCTL_TOP)/src/compat/compat-mlx5.h
