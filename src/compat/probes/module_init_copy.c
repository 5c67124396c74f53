// SPDX-License-Identifier: GPL-2.0
/*
 * module_init()/module_exit() give init_module/cleanup_module the
 * attributes of the functions they alias (__copy(), upstream 5.0), so
 * gcc 9+ does not warn -Wmissing-attributes about them.
 * Present: 5.0 and later; 4.18 built by a gcc older than 9. Absent: RHEL 8
 * (4.18) with gcc 9+: flags.mk then adds -Wno-missing-attributes.
 */
#include <linux/init.h>
#include <linux/module.h>

static int __init probe_init(void)
{
	return 0;
}

static void __exit probe_exit(void)
{
}

module_init(probe_init);
module_exit(probe_exit);
