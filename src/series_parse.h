/*
 * series_parse.h
 *	  The text form of indicator_series, read and written by plain C.
 *
 * This file and series_parse.c include no PostgreSQL header and call no
 * server function, so the parser can be compiled into a fuzzing harness
 * outside the server.  The server side (series.c) turns a parse result into
 * a varlena and a parse error into ereport(ERROR).
 *
 * The form is
 *
 *		numeric {2021-01: 100.5, 2021-02: NULL, 2021-03: 98.25}
 *		float8 {1995-07: 1.5e-07}
 *
 * a kind, then every period of the span in order, each with its value or
 * NULL for a missing period.  Periods are months YYYY-MM, quarters YYYY-Qn
 * (n 1..4) or years YYYY, with years 1..9999; the form of the labels is the
 * series' frequency, and a series holds periods of one frequency:
 *
 *		numeric {2021-Q1: 5, 2021-Q2: NULL}
 *		float8 {2020: 1.5, 2021: 2}
 *
 * A value followed by "*" is an estimate (NULL cannot be):
 *
 *		numeric {2021-11: 12043.2, 2021-12: 12800*}
 *
 * A numeric
 * value is a plain decimal ([+-]digits[.digits]) with at most 38 significant
 * digits and 38 decimals; a float8 value is anything strtod reads as a finite
 * double.  White space may surround every token.
 */
#ifndef INDICATOR_SERIES_PARSE_H
#define INDICATOR_SERIES_PARSE_H

#include <stddef.h>
#include <stdint.h>

#define PARSE_KIND_NUMERIC 1
#define PARSE_KIND_FLOAT8 2

/* Frequencies, as the labels show them (the same values as period.h's). */
#define PARSE_FREQ_MONTH 0
#define PARSE_FREQ_QUARTER 1
#define PARSE_FREQ_YEAR 2

#define PARSE_MAX_DIGITS 38
#define PARSE_MAX_MONTHS 12000
#define PARSE_MIN_YEAR 1
#define PARSE_MAX_YEAR 9999

/* The most negative __int128: the mark of a missing numeric month. */
#define PARSE_MISSING_EXACT ((__int128) (((unsigned __int128) 1) << 127))

typedef struct ParsedSeries
{
	int			kind;			/* PARSE_KIND_* */
	int			scale;			/* numeric: decimals of every value */
	int			frequency;		/* PARSE_FREQ_* */
	int32_t		first;			/* period number: year * 12 + month - 1,
								 * year * 4 + quarter - 1, or year */
	int32_t		nmonths;		/* periods */
	__int128   *exact;			/* numeric: nmonths mantissas at "scale" */
	double	   *fp;				/* float8: nmonths values, NaN when missing */
	unsigned char *estimated;	/* nmonths marks: 1 for a value marked "*" */
	int32_t		nestimated;		/* periods marked "*" */
} ParsedSeries;

/* Allocates size bytes aligned for __int128 (16 bytes); never returns NULL. */
typedef void *(*parse_alloc_fn) (size_t size);

/*
 * Parse text into *out, allocating its arrays with alloc.  Returns 0, or -1
 * with a sentence (capitalized, ending in a period) in err.
 */
extern int	series_parse(const char *text, ParsedSeries *out, parse_alloc_fn alloc,
						 char *err, size_t errlen);

/* Write mantissa * 10^-scale as a plain decimal; buf needs 42 bytes. */
extern void format_fixed(__int128 mantissa, int scale, char *buf);

#endif							/* INDICATOR_SERIES_PARSE_H */
