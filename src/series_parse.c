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

static int
periods_in_year(int frequency)
{
	return frequency == PARSE_FREQ_MONTH ? 12 : frequency == PARSE_FREQ_QUARTER ? 4 : 1;
}

static const char *const frequency_nouns[] = {"month", "quarter", "year"};

/* The label of a period number, as the text form writes it. */
static void
period_label(int32_t period, int frequency, char *buf)
{
	int			n = periods_in_year(frequency);

	if (frequency == PARSE_FREQ_MONTH)
		snprintf(buf, 16, "%04d-%02d", (int) (period / 12), (int) (period % 12) + 1);
	else if (frequency == PARSE_FREQ_QUARTER)
		snprintf(buf, 16, "%04d-Q%d", (int) (period / n), (int) (period % n) + 1);
	else
		snprintf(buf, 16, "%04d", (int) period);
}

/*
 * A period: YYYY-MM (a month), YYYY-Qn (a quarter, q or Q, n 1..4) or YYYY
 * (a year), with a four-digit year 1..9999.  Sets *frequency from the form
 * and *len to the label's length.
 */
static const char *const frequency_forms[] = {"a month as YYYY-MM", "a quarter as YYYY-Qn", "a year as YYYY"};

/*
 * "expect" is the series' frequency so far (the month before its first
 * period), for the message when no period is there.
 */
static int
parse_period(Parser *ps, int expect, int32_t *period, int *frequency, int *len)
{
	const char *p = ps->p;
	int			year;

	if (!digits_at(p, 4))
		return fail(ps, "Expected %s.", frequency_forms[expect]);
	year = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
	if (p[4] == '-' && digits_at(p + 5, 2) && !isalnum((unsigned char) p[7]))
	{
		int			mon = (p[5] - '0') * 10 + (p[6] - '0');

		if (mon < 1 || mon > 12)
			return fail(ps, "Month %.7s does not exist.", p);
		*frequency = PARSE_FREQ_MONTH;
		*period = year * 12 + (mon - 1);
		*len = 7;
	}
	else if (p[4] == '-' && (p[5] == 'Q' || p[5] == 'q') && isdigit((unsigned char) p[6]) &&
			 !isalnum((unsigned char) p[7]))
	{
		if (p[6] < '1' || p[6] > '4')
			return fail(ps, "Quarter %.7s does not exist.", p);
		*frequency = PARSE_FREQ_QUARTER;
		*period = year * 4 + (p[6] - '1');
		*len = 7;
	}
	else if (p[4 + strspn(p + 4, " \t\n\r")] == ':')
	{
		*frequency = PARSE_FREQ_YEAR;
		*period = year;
		*len = 4;
	}
	else
		return fail(ps, "Expected %s.", frequency_forms[expect]);
	if (year < PARSE_MIN_YEAR)
		return fail(ps, "Year %.4s is before year %d.", p, PARSE_MIN_YEAR);
	ps->p += *len;
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
	out->estimated = alloc(capacity);
	memset(out->estimated, 0, capacity);

	skip_space(&ps);
	if (*ps.p == '}')
		return fail(&ps, "A series holds at least one month.");

	for (;;)
	{
		int32_t		month = 0;
		int			frequency = 0;
		int			len = 0;
		char		label[16];

		skip_space(&ps);
		if (parse_period(&ps, out->frequency, &month, &frequency, &len) != 0)
			return -1;
		if (out->nmonths == 0)
			out->frequency = frequency;
		period_label(month, frequency, label);
		if (frequency != out->frequency)
		{
			ps.p -= len;
			return fail(&ps, "Period %s is a %s, and the series' first period a %s; a series holds periods of one frequency.",
						label, frequency_nouns[frequency], frequency_nouns[out->frequency]);
		}
		if (out->nmonths == 0)
			out->first = month;
		else if (month != expected)
		{
			char		want[16];
			char		what[40];
			const char *noun = frequency_nouns[frequency];

			period_label(expected, out->frequency, want);
			if (month < expected)
				snprintf(what, sizeof(what), "is out of order or repeated");
			else
				snprintf(what, sizeof(what), "skips %ss", noun);
			ps.p -= len;
			return fail(&ps, "%c%s %s %s; %ss must be consecutive, and %s comes next.",
						toupper((unsigned char) noun[0]), noun + 1, label, what, noun, want);
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
		skip_space(&ps);
		if (*ps.p == '*')
		{
			bool		missing = out->kind == PARSE_KIND_NUMERIC ?
				out->exact[out->nmonths] == PARSE_MISSING_EXACT :
				isnan(out->fp[out->nmonths]);

			if (missing)
				return fail(&ps, "The missing value for %s cannot be marked as an estimate.", label);
			out->estimated[out->nmonths] = 1;
			out->nestimated++;
			ps.p++;
			skip_space(&ps);
		}
		out->nmonths++;
		expected = month + 1;
		if (*ps.p == ',')
		{
			ps.p++;
			if (expected > PARSE_MAX_YEAR * periods_in_year(out->frequency) +
				periods_in_year(out->frequency) - 1)
			{
				char		last[16];

				period_label(expected - 1, out->frequency, last);
				return fail(&ps, "No %s can follow %s.", frequency_nouns[out->frequency], last);
			}
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

					period_label(out->first + i, out->frequency, label);
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
