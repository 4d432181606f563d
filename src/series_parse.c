/*
 * series_parse.c
 *	  Reading and writing the text form of indicator_series (see
 *	  series_parse.h), in plain C so it can be fuzzed outside the server.
 */
#include "series_parse.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Parser
{
	const char *start;
	const char *p;
	char	   *err;
	size_t		errlen;
} Parser;

static int	fail(Parser *ps, const char *fmt,...) __attribute__((format(printf, 2, 3)));

static int
fail(Parser *ps, const char *fmt,...)
{
	va_list		args;
	size_t		used;

	va_start(args, fmt);
	vsnprintf(ps->err, ps->errlen, fmt, args);
	va_end(args);
	used = strlen(ps->err);
	if (ps->p != NULL && used < ps->errlen)
		snprintf(ps->err + used, ps->errlen - used, " (at character %d)",
				 (int) (ps->p - ps->start) + 1);
	return -1;
}

static void
skip_space(Parser *ps)
{
	while (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r')
		ps->p++;
}

static bool
accept_word(Parser *ps, const char *word)
{
	size_t		n = strlen(word);

	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char) ps->p[i]) != word[i])
			return false;
	/* a word ends where a letter or digit would make it another word */
	if (isalnum((unsigned char) ps->p[n]))
		return false;
	ps->p += n;
	return true;
}

static bool
digits_at(const char *p, int n)
{
	for (int i = 0; i < n; i++)
		if (!isdigit((unsigned char) p[i]))
			return false;
	return true;
}

/* 10^38: every mantissa stays below it in magnitude */
static __int128
mantissa_limit(void)
{
	__int128	limit = 1;

	for (int i = 0; i < PARSE_MAX_DIGITS; i++)
		limit *= 10;
	return limit;
}

static void
month_label(int32_t month, char *buf)
{
	snprintf(buf, 16, "%04d-%02d", (int) (month / 12), (int) (month % 12) + 1);
}

/* YYYY-MM with a four-digit year 1..9999 and month 01..12 */
static int
parse_month(Parser *ps, int32_t *month)
{
	const char *p = ps->p;
	int			year;
	int			mon;

	if (!digits_at(p, 4) || p[4] != '-' || !digits_at(p + 5, 2) || isdigit((unsigned char) p[7]))
		return fail(ps, "Expected a month as YYYY-MM.");
	year = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
	mon = (p[5] - '0') * 10 + (p[6] - '0');
	if (mon < 1 || mon > 12)
		return fail(ps, "Month %.7s does not exist.", p);
	if (year < PARSE_MIN_YEAR)
		return fail(ps, "Year %.4s is before year %d.", p, PARSE_MIN_YEAR);
	*month = year * 12 + (mon - 1);
	ps->p += 7;
	return 0;
}

/* [+-]digits[.digits], exactly, as mantissa and number of decimals */
static int
parse_decimal(Parser *ps, const char *label, __int128 *mantissa, int *scale)
{
	const char *p = ps->p;
	bool		negative = false;
	__int128	acc = 0;
	int			significant = 0;
	int			decimals = 0;
	int			ndigits = 0;

	if (*p == '+' || *p == '-')
		negative = (*p++ == '-');
	for (;;)
	{
		if (isdigit((unsigned char) *p))
		{
			if (acc != 0 || *p != '0')
				significant++;
			if (significant > PARSE_MAX_DIGITS)
				return fail(ps, "Value for %s has more than %d significant digits.",
							label, PARSE_MAX_DIGITS);
			acc = acc * 10 + (*p - '0');
			ndigits++;
			if (decimals > 0)
			{
				if (++decimals - 1 > PARSE_MAX_DIGITS)
					return fail(ps, "Value for %s has more than %d decimals.",
								label, PARSE_MAX_DIGITS);
			}
			p++;
		}
		else if (*p == '.' && decimals == 0)
		{
			decimals = 1;		/* counts the point; decimals - 1 digits follow */
			p++;
		}
		else
			break;
	}
	if (ndigits == 0)
		return fail(ps, "Expected a number or NULL for %s.", label);
	if (*p == 'e' || *p == 'E')
		return fail(ps, "Value for %s has an exponent; numeric series take plain decimals.", label);
	*mantissa = negative ? -acc : acc;
	*scale = decimals > 0 ? decimals - 1 : 0;
	ps->p = p;
	return 0;
}

/* anything strtod reads as a finite double */
static int
parse_double(Parser *ps, const char *label, double *value)
{
	const char *p = ps->p;
	char	   *end;
	char		token[400];
	size_t		len = 0;

	/* copy the token, so strtod stops where we do (no hex, no "inf") */
	while (isdigit((unsigned char) p[len]) || p[len] == '.' || p[len] == '-' ||
		   p[len] == '+' || p[len] == 'e' || p[len] == 'E')
	{
		if (len + 1 >= sizeof(token))
			return fail(ps, "Value for %s is too long.", label);
		token[len] = p[len];
		len++;
	}
	token[len] = '\0';
	if (len == 0 && !isalpha((unsigned char) *p))
		return fail(ps, "Expected a number or NULL for %s.", label);
	errno = 0;
	*value = strtod(token, &end);
	if (len == 0 || end != token + len || isalpha((unsigned char) p[len]))
		return fail(ps, "Value for %s is not a finite number.", label);
	if (errno == ERANGE && (*value == 0.0 || isinf(*value)))
		return fail(ps, "Value for %s is out of range for double precision.", label);
	if (!isfinite(*value))
		return fail(ps, "Value for %s is not a finite number.", label);
	ps->p += len;
	return 0;
}

int
series_parse(const char *text, ParsedSeries *out, parse_alloc_fn alloc,
			 char *err, size_t errlen)
{
	Parser		ps = {text, text, err, errlen};
	int32_t		capacity = 1;
	int		   *scales = NULL;
	int32_t		expected = 0;

	memset(out, 0, sizeof(*out));

	skip_space(&ps);
	if (accept_word(&ps, "numeric"))
		out->kind = PARSE_KIND_NUMERIC;
	else if (accept_word(&ps, "float8"))
		out->kind = PARSE_KIND_FLOAT8;
	else
		return fail(&ps, "Expected \"numeric\" or \"float8\".");
	skip_space(&ps);
	if (*ps.p != '{')
		return fail(&ps, "Expected \"{\".");
	ps.p++;

	/* at most one month per comma, plus one */
	for (const char *q = ps.p; *q; q++)
		if (*q == ',')
		{
			if (++capacity > PARSE_MAX_MONTHS)
				return fail(&ps, "A series holds at most %d months.", PARSE_MAX_MONTHS);
		}
	if (out->kind == PARSE_KIND_NUMERIC)
	{
		out->exact = alloc(sizeof(__int128) * capacity);
		scales = alloc(sizeof(int) * capacity);
	}
	else
		out->fp = alloc(sizeof(double) * capacity);

	skip_space(&ps);
	if (*ps.p == '}')
		return fail(&ps, "A series holds at least one month.");

	for (;;)
	{
		int32_t		month = 0;
		char		label[16];

		skip_space(&ps);
		if (parse_month(&ps, &month) != 0)
			return -1;
		month_label(month, label);
		if (out->nmonths == 0)
			out->first = month;
		else if (month != expected)
		{
			char		want[16];

			month_label(expected, want);
			ps.p -= 7;
			return fail(&ps, "Month %s %s; months must be consecutive, and %s comes next.",
						label, month < expected ? "is out of order or repeated" : "skips months",
						want);
		}
		if (out->nmonths >= capacity)
			return fail(&ps, "More months than the text can hold.");	/* cannot happen */

		skip_space(&ps);
		if (*ps.p != ':')
			return fail(&ps, "Expected \":\" after %s.", label);
		ps.p++;
		skip_space(&ps);

		if (accept_word(&ps, "null"))
		{
			if (out->kind == PARSE_KIND_NUMERIC)
			{
				out->exact[out->nmonths] = PARSE_MISSING_EXACT;
				scales[out->nmonths] = 0;
			}
			else
				out->fp[out->nmonths] = NAN;
		}
		else if (out->kind == PARSE_KIND_NUMERIC)
		{
			if (parse_decimal(&ps, label, &out->exact[out->nmonths], &scales[out->nmonths]) != 0)
				return -1;
			if (scales[out->nmonths] > out->scale)
				out->scale = scales[out->nmonths];
		}
		else
		{
			if (parse_double(&ps, label, &out->fp[out->nmonths]) != 0)
				return -1;
		}
		out->nmonths++;
		expected = month + 1;

		skip_space(&ps);
		if (*ps.p == ',')
		{
			ps.p++;
			if (expected > PARSE_MAX_YEAR * 12 + 11)
				return fail(&ps, "No month can follow %d-12.", PARSE_MAX_YEAR);
			continue;
		}
		if (*ps.p == '}')
			break;
		if (*ps.p == '\0')
			return fail(&ps, "Unexpected end of input; expected \",\" or \"}\".");
		return fail(&ps, "Expected \",\" or \"}\" after the value for %s.", label);
	}
	ps.p++;
	skip_space(&ps);
	if (*ps.p != '\0')
		return fail(&ps, "Unexpected text after \"}\".");

	/* bring every numeric value to the series' scale */
	if (out->kind == PARSE_KIND_NUMERIC)
	{
		for (int32_t i = 0; i < out->nmonths; i++)
		{
			__int128	m = out->exact[i];
			int			k = out->scale - scales[i];

			if (m == PARSE_MISSING_EXACT)
				continue;
			for (; k > 0; k--)
			{
				if (__builtin_mul_overflow(m, 10, &m) ||
					m >= mantissa_limit() || m <= -mantissa_limit())
				{
					char		label[16];

					month_label(out->first + i, label);
					ps.p = NULL;	/* a property of the whole literal: no position */
					return fail(&ps, "Value for %s needs more than %d digits at the series' scale of %d.",
								label, PARSE_MAX_DIGITS, out->scale);
				}
			}
			out->exact[i] = m;
		}
	}
	return 0;
}

void
format_fixed(__int128 mantissa, int scale, char *buf)
{
	char		digits[48];
	int			n = 0;
	unsigned __int128 u = mantissa < 0 ? -(unsigned __int128) mantissa : (unsigned __int128) mantissa;
	char	   *out = buf;

	do
	{
		digits[n++] = (char) ('0' + (int) (u % 10));
		u /= 10;
	} while (u > 0);
	while (n <= scale)
		digits[n++] = '0';		/* at least one digit before the point */
	if (mantissa < 0)
		*out++ = '-';
	for (int i = n - 1; i >= 0; i--)
	{
		*out++ = digits[i];
		if (i == scale && scale > 0)
			*out++ = '.';
	}
	*out = '\0';
}
