// SPDX-License-Identifier: GPL-2.0
/*
 * Before 6.3: struct bus_type points at its driver-core state (p), and the
 * bus's release clears that pointer, late under
 * CONFIG_DEBUG_KOBJECT_RELEASE. tests/mlx5's fake PCI bus is a static
 * object of its module, so the module's exit waits for the release
 * (compat-mlx5.h). Since 6.3 the state lives apart and is never written
 * back.
 * Present: Debian 5.10, 6.1; Ubuntu 22.04. Absent: 6.3+ (Debian 6.12, 7.x).
 * Forcible: no, forcing it would let the debug kernel release the bus into
 * a module already gone. Both answers are seen on the matrix.
 */
#include <linux/device.h>

struct subsys_private *probe_bus_type_p(struct bus_type *bus);
struct subsys_private *probe_bus_type_p(struct bus_type *bus)
{
	return bus->p;
}
