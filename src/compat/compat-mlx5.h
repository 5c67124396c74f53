/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel differences seen by fwctl_mlx5 and its test mock. Force-included
 * after compat.h into the mlx5 objects (src/mlx5/Kbuild.mk), so it must
 * stand on its own as the first header of a file.
 *
 * fwctl_mlx5 needs no per-kernel code on the kernels it builds for (Debian
 * 6.1 and later, the first ones with the auxiliary bus): everything it uses
 * from mlx5_core (mlx5_cmd_do(), struct mlx5_adev, MLX5_CAP_GEN(), the
 * create/destroy_uctx layouts, intf_state_mutex and intf_state) has the
 * same shape from 6.1 to 7.x. PRM items newer than the 6.1 mlx5_ifc.h are
 * defined in src/mlx5/cmds.h under names that cannot collide with a newer
 * header. Whether mlx5_core creates the mlx5_core.fwctl device itself
 * (6.15+) is decided at run time by the shim, not here.
 */
#ifndef _FWCTL_COMPAT_MLX5_H
#define _FWCTL_COMPAT_MLX5_H

#include <linux/auxiliary_bus.h>
#include <linux/mlx5/driver.h>

#endif /* _FWCTL_COMPAT_MLX5_H */
