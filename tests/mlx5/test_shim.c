// SPDX-License-Identifier: GPL-2.0
/* The real shim, built into fwctl_mlx5_test.ko (see Kbuild). */
#include "../../src/compat/mlx5/shim.c"
