// SPDX-License-Identifier: GPL-2.0
/*
 * auxiliary_get_drvdata() and auxiliary_set_drvdata().
 * Present: Debian 6.1 and later, RHEL 8.7+ and 9.1+. Absent (facts): Ubuntu
 * 22.04 (5.15), RHEL 8.5, 8.6 and 9.0. Kernels without the auxiliary bus
 * (5.10, RHEL 8.3/8.4) answer absent too, and build no fwctl_mlx5.
 */
#include <linux/auxiliary_bus.h>

void probe_auxiliary_drvdata(struct auxiliary_device *adev);
void probe_auxiliary_drvdata(struct auxiliary_device *adev)
{
	auxiliary_set_drvdata(adev, auxiliary_get_drvdata(adev));
}
