// SPDX-License-Identifier: GPL-2.0
/* The smallest module: the baseline of tests/bench's build and load times. */
#include <linux/init.h>
#include <linux/module.h>

static int __init bench_hello_init(void)
{
	pr_debug("bench_hello: loaded\n");
	return 0;
}
module_init(bench_hello_init);

static void __exit bench_hello_exit(void)
{
}
module_exit(bench_hello_exit);

MODULE_DESCRIPTION("one-file hello module, a benchmark baseline");
MODULE_LICENSE("GPL");
