/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel-side header that <uapi/fwctl/cxl.h> includes as
 * <cxl/features.h>: for this package's modules only its UAPI part.
 */
#ifndef _FWCTL_CXL_FEATURES_H
#define _FWCTL_CXL_FEATURES_H
#include <uapi/cxl/features.h>
#endif
