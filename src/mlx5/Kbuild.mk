# SPDX-License-Identifier: GPL-2.0
#
# fwctl_mlx5: included by src/Kbuild when the kernel has the auxiliary bus,
# mlx5_core and struct mlx5_adev (so never on 5.10: see src/mlx5/README.md).
obj-m += fwctl_mlx5.o
fwctl_mlx5-y := mlx5/main.o
# The shim, unless the kernel has its own fwctl (compat-mlx5.h)
ifeq ($(HAVE_KERNEL_FWCTL),)
fwctl_mlx5-y += compat/mlx5/shim.o
endif

CFLAGS_mlx5/main.o += -include $(FWCTL_TOP)/src/compat/compat-mlx5.h
CFLAGS_compat/mlx5/shim.o += -include $(FWCTL_TOP)/src/compat/compat-mlx5.h
