// SPDX-License-Identifier: GPL-2.0
/* The real driver, built into fwctl_mlx5_test.ko (see Kbuild). */
#include "../../src/mlx5/main.c"
