// SPDX-License-Identifier: GPL-2.0
/* mlx5_mock.ko is this file and mock_regs.c */
#include "mlx5_mock.c"
