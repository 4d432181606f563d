/*
 * pg_compat.h
 *	  Every difference between the PostgreSQL versions indicator builds on
 *	  (15, 17 and 18; 16 lies between them and is not built here): the one
 *	  file that tests PG_VERSION_NUM.  Every .c file includes it right after
 *	  postgres.h (tools/lint.sh checks both rules).
 *
 *	  With INDICATOR_COMPAT_OLD_SOURCES defined, it also lets the unchanged
 *	  sources of an earlier release, written for 15, build on 17 and 18 when
 *	  forced in first (-include): test/upgrade.sh builds release 1.1 so.
 */
#ifndef PG_COMPAT_H
#define PG_COMPAT_H

#include "postgres.h"

/* 16 moved the varlena macros (VARSIZE, VARDATA, SET_VARSIZE...) out of postgres.h */
#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#endif

/*
 * 18 replaced pg_attribute_noreturn(), written after a function's
 * declarator, with pg_noreturn, written before the declaration; before 18
 * the same attribute serves in that place (GCC and Clang accept it there).
 */
#if PG_VERSION_NUM < 180000
#define pg_noreturn pg_attribute_noreturn()
#endif

/*
 * 16 gave stringToQualifiedNameList a context for soft errors; without one
 * (NULL) it throws, as it always did.  The caller includes utils/regproc.h.
 */
#if PG_VERSION_NUM >= 160000
#define qualified_name_list(string) stringToQualifiedNameList((string), NULL)
#else
#define qualified_name_list(string) stringToQualifiedNameList(string)
#endif

/*
 * 18 lets a library declare its name and version (pg_get_loaded_modules()
 * shows them); INDICATOR_VERSION is the control file's default_version,
 * passed by the Makefile.
 */
#if PG_VERSION_NUM >= 180000
#define INDICATOR_MODULE_MAGIC PG_MODULE_MAGIC_EXT(.name = "indicator", .version = INDICATOR_VERSION)
#else
#define INDICATOR_MODULE_MAGIC PG_MODULE_MAGIC
#endif

/* The old names, for an earlier release's sources only (see above) */
#ifdef INDICATOR_COMPAT_OLD_SOURCES
#if PG_VERSION_NUM >= 160000
#include "utils/regproc.h"
#define stringToQualifiedNameList(string) stringToQualifiedNameList((string), NULL)
#endif
#if PG_VERSION_NUM >= 180000
#define pg_attribute_noreturn() __attribute__((noreturn))
#endif
#endif							/* INDICATOR_COMPAT_OLD_SOURCES */

#endif							/* PG_COMPAT_H */
