/*
 * vintage.h
 *	  vintage_state: the state of vintage_agg and first_release_agg, which
 *	  keep, for each period, the row of the latest (or the earliest) vintage
 *	  among the rows of a publication history.
 *
 * Like series_agg's, the state is a real SQL type (text input and output),
 * not internal, so that Citus ships partial states as text, parallel
 * workers pass them to the leader and postgres_fdw pushes the whole
 * aggregate down.  It is compact and updated in place: for each period of
 * its room, one value slot, one int64 vintage and one byte of marks, never
 * a list of rows.
 *
 * Layout (a varlena, 8-byte aligned):
 *
 *	header		VintageState below
 *	vintages	capacity int64 (a timestamptz each), 8-byte aligned
 *	values		capacity slots of slot_bytes each: numeric kind, mantissas
 *				in the smallest of int32, int64 and int128 that holds every
 *				kept value (widened as series.h describes), each at its own
 *				row's scale; float8 kind, doubles.  A withdrawn period (the
 *				kept row's value is NULL) holds series.h's missing mark
 *	marks		capacity bytes: the kept row's scale + 1 (0: no row for the
 *				period), VINTAGE_ESTIMATED and VINTAGE_DUPLICATE
 *
 * Slot i holds the period base + i.  Each value keeps its own row's scale,
 * so that the final function gives the series series_agg would build from
 * the kept rows alone, byte for byte (its scale is the largest of theirs).
 *
 * Two rows of one period with the same vintage are an error only when that
 * vintage is the one kept: the state marks the period (VINTAGE_DUPLICATE),
 * a later (or earlier) vintage clears the mark, and the final function
 * raises the error.  So the error does not depend on the order of the rows
 * nor on the plan (serial, parallel or distributed).
 */
#ifndef INDICATOR_VINTAGE_H
#define INDICATOR_VINTAGE_H

#include "postgres.h"
#include "pg_compat.h"

#include "fmgr.h"

#include "series.h"

#define VINTAGE_STATE_VERSION 1

/* Which row of a period the state keeps. */
#define VINTAGE_PICK_LATEST 1	/* vintage_agg: the latest vintage */
#define VINTAGE_PICK_FIRST	2	/* first_release_agg: the earliest */

/* The marks byte of a slot. */
#define VINTAGE_SCALE_MASK 0x3F /* scale + 1 of the kept row; 0: no row */
#define VINTAGE_ESTIMATED 0x40	/* the kept row is an estimate */
#define VINTAGE_DUPLICATE 0x80	/* two rows share the kept vintage */

typedef struct VintageState
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;		/* VINTAGE_STATE_VERSION */
	uint8		pick;			/* VINTAGE_PICK_* */
	uint8		kind;			/* SERIES_KIND_* */
	uint8		slot_bytes;		/* SERIES_SLOT_* */
	uint8		frequency;		/* SERIES_FREQ_* */
	uint8		reserved[3];	/* zero */
	int32		base;			/* the period of slot 0 */
	int32		capacity;		/* slots */
	int32		first;			/* the first period with a row */
	int32		last;			/* the last period with a row */
	/* vintages, values and marks follow */
} VintageState;

#define VINTAGE_HEADER_SIZE MAXALIGN(sizeof(VintageState))

extern VintageState *vintage_state_check(VintageState *s);

#define DatumGetVintageStateP(d) vintage_state_check((VintageState *) PG_DETOAST_DATUM(d))
#define PG_GETARG_VINTAGE_STATE_P(n) DatumGetVintageStateP(PG_GETARG_DATUM(n))

static inline Size
vintage_state_size(uint8 slot_bytes, int32 capacity)
{
	return VINTAGE_HEADER_SIZE + (Size) capacity * (sizeof(int64) + slot_bytes + 1);
}

static inline int64 *
vintage_vintages(const VintageState *s)
{
	return (int64 *) (void *) ((char *) s + VINTAGE_HEADER_SIZE);
}

static inline char *
vintage_values(const VintageState *s)
{
	return (char *) s + VINTAGE_HEADER_SIZE + (Size) s->capacity * sizeof(int64);
}

static inline uint8 *
vintage_marks(const VintageState *s)
{
	return (uint8 *) vintage_values(s) + (Size) s->capacity * s->slot_bytes;
}

#endif							/* INDICATOR_VINTAGE_H */
