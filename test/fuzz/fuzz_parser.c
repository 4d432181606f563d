/*
 * fuzz_parser.c
 *	  libFuzzer harness for the indicator_series text parser (src/series_parse.c),
 *	  built and run outside the server by `make fuzz-parser`.
 *
 * For every input the parser either rejects it with a message, or accepts
 * it and then: the result satisfies the type's invariants, and writing it
 * in the canonical form and parsing that again gives the same series, bit
 * for bit.  Any violation aborts, which libFuzzer reports with the input.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "series_parse.h"

#define CHECK(cond) do { if (!(cond)) { fprintf(stderr, "check failed: %s\n", #cond); abort(); } } while (0)

static void *allocations[8];
static int	nallocations;

/* 16-byte aligned, as the parser's contract asks; freed after each input */
static void *
fuzz_alloc(size_t size)
{
	void	   *p = NULL;

	CHECK(nallocations < 8);
	CHECK(posix_memalign(&p, 16, size ? size : 1) == 0);
	allocations[nallocations++] = p;
	return p;
}

static void
free_all(void)
{
	while (nallocations > 0)
		free(allocations[--nallocations]);
}

/* The canonical text, as indicator_series_out writes it (doubles as %.17g). */
static char *
format_series(const ParsedSeries *s)
{
	size_t		cap = 64 + (size_t) s->nmonths * 64;
	char	   *buf = malloc(cap);
	size_t		len = 0;

	CHECK(buf != NULL);
	len += snprintf(buf + len, cap - len, "%s {", s->kind == PARSE_KIND_NUMERIC ? "numeric" : "float8");
	for (int32_t i = 0; i < s->nmonths; i++)
	{
		int32_t		m = s->first + i;
		char		value[64];

		if (s->kind == PARSE_KIND_NUMERIC)
		{
			if (s->exact[i] == PARSE_MISSING_EXACT)
				strcpy(value, "NULL");
			else
				format_fixed(s->exact[i], s->scale, value);
		}
		else if (isnan(s->fp[i]))
			strcpy(value, "NULL");
		else
			snprintf(value, sizeof(value), "%.17g", s->fp[i]);
		if (s->estimated[i])
			strcat(value, "*");
		if (s->frequency == PARSE_FREQ_MONTH)
			len += snprintf(buf + len, cap - len, "%s%04d-%02d: %s", i ? ", " : "", m / 12, m % 12 + 1, value);
		else if (s->frequency == PARSE_FREQ_QUARTER)
			len += snprintf(buf + len, cap - len, "%s%04d-Q%d: %s", i ? ", " : "", m / 4, m % 4 + 1, value);
		else
			len += snprintf(buf + len, cap - len, "%s%04d: %s", i ? ", " : "", m, value);
		CHECK(len < cap);
	}
	snprintf(buf + len, cap - len, "}");
	return buf;
}

static void
check_invariants(const ParsedSeries *s)
{
	__int128	limit = 1;

	for (int i = 0; i < PARSE_MAX_DIGITS; i++)
		limit *= 10;
	int			per_year;
	int32_t		nestimated = 0;

	CHECK(s->kind == PARSE_KIND_NUMERIC || s->kind == PARSE_KIND_FLOAT8);
	CHECK(s->frequency == PARSE_FREQ_MONTH || s->frequency == PARSE_FREQ_QUARTER ||
		  s->frequency == PARSE_FREQ_YEAR);
	per_year = s->frequency == PARSE_FREQ_MONTH ? 12 : s->frequency == PARSE_FREQ_QUARTER ? 4 : 1;
	CHECK(s->nmonths >= 1 && s->nmonths <= PARSE_MAX_MONTHS);
	CHECK(s->first >= PARSE_MIN_YEAR * per_year);
	CHECK(s->first + s->nmonths - 1 <= PARSE_MAX_YEAR * per_year + per_year - 1);
	CHECK(s->scale >= 0 && s->scale <= PARSE_MAX_DIGITS);
	for (int32_t i = 0; i < s->nmonths; i++)
	{
		if (s->kind == PARSE_KIND_NUMERIC)
			CHECK(s->exact[i] == PARSE_MISSING_EXACT || (s->exact[i] < limit && s->exact[i] > -limit));
		else
			CHECK(isnan(s->fp[i]) || isfinite(s->fp[i]));
		/* only a present value is an estimate */
		CHECK(s->estimated[i] == 0 ||
			  (s->estimated[i] == 1 &&
			   (s->kind == PARSE_KIND_NUMERIC ? s->exact[i] != PARSE_MISSING_EXACT : !isnan(s->fp[i]))));
		nestimated += s->estimated[i];
	}
	CHECK(nestimated == s->nestimated);
}

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *text = malloc(size + 1);
	char		err[256];
	ParsedSeries first;
	ParsedSeries again;

	CHECK(text != NULL);
	memcpy(text, data, size);
	text[size] = '\0';

	if (series_parse(text, &first, fuzz_alloc, err, sizeof(err)) == 0)
	{
		char	   *canonical;

		check_invariants(&first);
		canonical = format_series(&first);
		if (series_parse(canonical, &again, fuzz_alloc, err, sizeof(err)) != 0)
		{
			fprintf(stderr, "canonical form rejected: %s\n%s\n", err, canonical);
			abort();
		}
		CHECK(again.kind == first.kind && again.frequency == first.frequency &&
			  again.first == first.first &&
			  again.nmonths == first.nmonths && again.scale == first.scale);
		CHECK(again.nestimated == first.nestimated);
		for (int32_t i = 0; i < first.nmonths; i++)
		{
			CHECK(again.estimated[i] == first.estimated[i]);
			if (first.kind == PARSE_KIND_NUMERIC)
				CHECK(again.exact[i] == first.exact[i]);
			else
				CHECK(memcmp(&again.fp[i], &first.fp[i], sizeof(double)) == 0 ||
					  (isnan(again.fp[i]) && isnan(first.fp[i])));
		}
		free(canonical);
	}
	else
		CHECK(strlen(err) > 0 && strlen(err) < sizeof(err));
	free_all();
	free(text);
	return 0;
}
