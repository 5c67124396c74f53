/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Scope-based cleanup for kernels older than 6.5 that lack
 * <linux/cleanup.h>: RHEL 8 (but late 8.10 z-streams), RHEL 9.0-9.3,
 * Ubuntu 22.04 before 5.15.0-170 (Debian 5.10.262 and 6.1.192 have one).
 * Only found when the kernel has none of its own (this directory is
 * searched last). Same names and semantics as upstream, for
 * the subset this package uses:
 *
 *   DEFINE_FREE(name, type, free)  __free(name)  no_free_ptr()  return_ptr()
 *   DEFINE_CLASS() / CLASS()       DEFINE_GUARD() guard() scoped_guard()
 *
 * A variable marked with a class runs the class's exit expression, with the
 * variable's value as _T, when it goes out of scope.
 */
#ifndef _LINUX_CLEANUP_H
#define _LINUX_CLEANUP_H

#include <linux/compiler.h>

#ifndef __cleanup
#define __cleanup(func) __attribute__((__cleanup__(func)))
#endif

#define DEFINE_FREE(_name, _type, _free)				\
	static inline void __free_##_name(void *p)			\
	{								\
		_type _T = *(_type *)p;					\
		_free;							\
	}

#define __free(_name) __cleanup(__free_##_name)

/* Take ownership away from a __free() variable: it is not freed. */
#define no_free_ptr(p)							\
	({								\
		__auto_type __ptr = (p);				\
		(p) = NULL;						\
		__ptr;							\
	})

#define return_ptr(p) return no_free_ptr(p)

#define DEFINE_CLASS(_name, _type, _exit, _init, _init_args...)	\
	typedef _type class_##_name##_t;				\
	static inline void class_##_name##_destructor(_type *p)	\
	{								\
		_type _T = *p;						\
		_exit;							\
	}								\
	static inline _type class_##_name##_constructor(_init_args)	\
	{								\
		_type t = _init;					\
		return t;						\
	}

#define CLASS(_name, var)						\
	class_##_name##_t var __cleanup(class_##_name##_destructor) =	\
		class_##_name##_constructor

#define DEFINE_GUARD(_name, _type, _lock, _unlock)			\
	DEFINE_CLASS(_name, _type, if (_T) { _unlock; },		\
		     ({ _lock; _T; }), _type _T)

#define guard(_name) CLASS(_name, __UNIQUE_ID(guard))

#define scoped_guard(_name, args...)					\
	for (CLASS(_name, scope)(args), *done = NULL; !done;		\
	     done = (void *)1)

#endif /* _LINUX_CLEANUP_H */
