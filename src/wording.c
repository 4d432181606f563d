/*
 * wording.c
 *	  Report wording: a growth or a plan attainment percentage as the phrase
 *	  a report prints ("up 42.7%", "tăng 42,7%", "133.5% of plan, exceeded by
 *	  33.5%", "đạt 133,5% kế hoạch, vượt 33,5%"), and the year-to-date
 *	  progress towards the year's plan ("reached 57.9% of the year's plan",
 *	  "đạt 57,9% kế hoạch năm"), in English or Vietnamese.
 *
 * The percentage is rounded half away from zero to the given number of
 * decimals, and trailing zeros are dropped (18.0 prints as 18).  What is
 * rounded is the decimal a user sees for the double: its shortest form that
 * reads back as the same double (what float8 output, psql and spreadsheets
 * show), not the double's exact binary value.  So 2.675 rounds to 2.68 at two
 * decimals, although the double nearest 2.675 is 2.67499999999999982...;
 * and 0.05 rounds to 0.1.  The rounding and the excess over the plan are
 * worked out in numeric, exactly: 133.5 - 100 is 33.5, never 33.499999...
 * Digits are not grouped (1234.5%, not 1,234.5%).
 *
 * This file is UTF-8: the Vietnamese words are written as they read, and the
 * phrase is converted to the database's encoding on the way out.
 */
#include "postgres.h"
#include "pg_compat.h"

#include <math.h>

#include "common/shortest_dec.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/numeric.h"

#include "scalar.h"

/*
 * The most decimals a phrase may show: a double holds 15 to 17 significant
 * digits, and a percentage in a report shows one or two decimals.
 */
#define WORDING_MAX_DECIMALS 15

/* The words of one language. */
typedef struct Wording
{
	const char *lang;			/* the lang argument that selects it */
	char		decimal_mark;
	const char *up;				/* before a positive growth */
	const char *down;			/* before a negative growth */
	const char *unchanged;		/* a growth that rounds to 0 */
	const char *attained;		/* before the attainment */
	const char *of_plan;		/* after the attainment */
	const char *exceeded;		/* before the excess over the plan */
	const char *short_by;		/* before the shortfall, NULL to leave it out */
	const char *reached;		/* before the progress towards the year's plan,
								 * and before a value */
	const char *of_year_plan;	/* after the progress */
	char		group_mark;		/* between a value's groups of thousands */
	const char *reached_estimated;	/* before an estimated value */
} Wording;

static const Wording wordings[] = {
	{"en", '.', "up ", "down ", "unchanged", "", "% of plan", ", exceeded by ", ", short by ",
	"reached ", "% of the year's plan", ',', "reached an estimated "},
	/* Vietnamese reports state the excess over a plan, not a shortfall */
	{"vi", ',', "tăng ", "giảm ", "không đổi", "đạt ", "% kế hoạch", ", vượt ", NULL,
	"đạt ", "% kế hoạch năm", '.', "ước đạt "},
};

/* The wording for the lang argument; an unknown language is an error. */
static const Wording *
wording_arg(FunctionCallInfo fcinfo, int argno)
{
	text	   *lang = PG_GETARG_TEXT_PP(argno);
	const char *given = VARDATA_ANY(lang);
	Size		len = VARSIZE_ANY_EXHDR(lang);

	for (Size i = 0; i < lengthof(wordings); i++)
		if (strlen(wordings[i].lang) == len && memcmp(given, wordings[i].lang, len) == 0)
			return &wordings[i];
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown language \"%s\"", text_to_cstring(lang)),
			 errhint("Use 'en' (English) or 'vi' (Vietnamese).")));
	return NULL;				/* keep the compiler quiet */
}

static int
decimals_arg(FunctionCallInfo fcinfo, int argno)
{
	int32		decimals = PG_GETARG_INT32(argno);

	if (decimals < 0 || decimals > WORDING_MAX_DECIMALS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("decimals %d is out of range", decimals),
				 errhint("Use a number of decimals from 0 to %d.", WORDING_MAX_DECIMALS)));
	return decimals;
}

/*
 * pct as the decimal it prints as, rounded half away from zero to decimals
 * places (numeric's round), without trailing zeros.
 */
static Numeric
rounded_pct(double pct, int decimals)
{
	char		shortest[DOUBLE_SHORTEST_DECIMAL_LEN];
	Datum		num;

	double_to_shortest_decimal_buf(pct, shortest);
	num = DirectFunctionCall3(numeric_in, CStringGetDatum(shortest),
							  ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
	num = DirectFunctionCall2(numeric_round, num, Int32GetDatum(decimals));
	return DatumGetNumeric(DirectFunctionCall1(numeric_trim_scale, num));
}

/*
 * The arguments (pct, lang, decimals) of a phrase function: the wording in
 * *w, and the percentage rounded.  A NaN or infinite percentage is an error,
 * as for every percentage argument.
 */
static Numeric
phrase_args(FunctionCallInfo fcinfo, const Wording **w)
{
	double		pct = PG_GETARG_FLOAT8(0);
	int			decimals;

	*w = wording_arg(fcinfo, 1);
	decimals = decimals_arg(fcinfo, 2);
	reject_non_finite(isnan(pct), isinf(pct), "pct");
	return rounded_pct(pct, decimals);
}

/* Append num (the magnitude when magnitude is set), with w's decimal mark. */
static void
append_number(StringInfo buf, Numeric num, bool magnitude, const Wording *w)
{
	char	   *digits = DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(num)));
	char	   *mark = strchr(digits, '.');

	if (mark != NULL)
		*mark = w->decimal_mark;
	appendStringInfoString(buf, magnitude && digits[0] == '-' ? digits + 1 : digits);
}

/* The phrase as text in the database's encoding. */
static text *
phrase_text(StringInfo buf)
{
	char	   *converted = pg_any_to_server(buf->data, buf->len, PG_UTF8);

	return cstring_to_text(converted);
}

/* growth_phrase(pct double precision, lang text, decimals int) */
PG_FUNCTION_INFO_V1(growth_phrase);
Datum
growth_phrase(PG_FUNCTION_ARGS)
{
	const Wording *w;
	Numeric		rounded = phrase_args(fcinfo, &w);
	int			sign = numeric_sign_of(rounded);
	StringInfoData buf;

	initStringInfo(&buf);
	if (sign == 0)
		appendStringInfoString(&buf, w->unchanged);
	else
	{
		appendStringInfoString(&buf, sign > 0 ? w->up : w->down);
		append_number(&buf, rounded, true, w);
		appendStringInfoChar(&buf, '%');
	}
	PG_RETURN_TEXT_P(phrase_text(&buf));
}

/* attainment_phrase(pct double precision, lang text, decimals int) */
PG_FUNCTION_INFO_V1(attainment_phrase);
Datum
attainment_phrase(PG_FUNCTION_ARGS)
{
	const Wording *w;
	Numeric		rounded = phrase_args(fcinfo, &w);

	/* the rounded percentage minus 100, exact: what the phrase shows adds up */
	Numeric		excess = numeric_sub_opt_error(rounded, int64_to_numeric(100), NULL);
	int			sign = numeric_sign_of(excess);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfoString(&buf, w->attained);
	append_number(&buf, rounded, false, w);
	appendStringInfoString(&buf, w->of_plan);
	if (sign > 0 || (sign < 0 && w->short_by != NULL))
	{
		appendStringInfoString(&buf, sign > 0 ? w->exceeded : w->short_by);
		append_number(&buf, excess, true, w);
		appendStringInfoChar(&buf, '%');
	}
	PG_RETURN_TEXT_P(phrase_text(&buf));
}

/*
 * progress_phrase(pct double precision, lang text, decimals int): how far
 * the year-to-date has come towards the year's plan.  Part way through the
 * year a shortfall is no miss, so unlike attainment_phrase it states none.
 */
PG_FUNCTION_INFO_V1(progress_phrase);
Datum
progress_phrase(PG_FUNCTION_ARGS)
{
	const Wording *w;
	Numeric		rounded = phrase_args(fcinfo, &w);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfoString(&buf, w->reached);
	append_number(&buf, rounded, false, w);
	appendStringInfoString(&buf, w->of_year_plan);
	PG_RETURN_TEXT_P(phrase_text(&buf));
}

/*
 * value_phrase: a level as a report states it, "reached 5,339 million USD",
 * "ước đạt 133.557 tỷ đồng".  The value is rounded half away from zero to
 * decimals places (numeric's round) and keeps its trailing zeros (1,234.50
 * at two decimals: a level's decimals are its precision); thousands are
 * grouped, by ',' with a decimal point in English and by '.' with a decimal
 * comma in Vietnamese.
 *
 * Append the decimal digits of num grouped by thousands, with w's marks. */
static void
append_grouped(StringInfo buf, Numeric num, char group_mark, char decimal_mark)
{
	char	   *digits = DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(num)));
	char	   *p = digits;
	char	   *point = strchr(digits, '.');
	size_t		whole;

	if (*p == '-')
		appendStringInfoChar(buf, *p++);
	whole = point != NULL ? (size_t) (point - p) : strlen(p);
	for (size_t i = 0; i < whole; i++)
	{
		if (i > 0 && (whole - i) % 3 == 0)
			appendStringInfoChar(buf, group_mark);
		appendStringInfoChar(buf, p[i]);
	}
	if (point != NULL)
	{
		appendStringInfoChar(buf, decimal_mark);
		appendStringInfoString(buf, point + 1);
	}
}

/*
 * value_phrase(value numeric, unit text, lang text, decimals int,
 * estimated boolean)
 */
PG_FUNCTION_INFO_V1(value_phrase);
Datum
value_phrase(PG_FUNCTION_ARGS)
{
	Numeric		value = PG_GETARG_NUMERIC(0);
	text	   *unit = PG_GETARG_TEXT_PP(1);
	const Wording *w = wording_arg(fcinfo, 2);
	int			decimals = decimals_arg(fcinfo, 3);
	bool		estimated = PG_GETARG_BOOL(4);
	Numeric		rounded;
	StringInfoData buf;
	char	   *unit_utf8;

	reject_non_finite(numeric_is_nan(value), numeric_is_inf(value), "value");
	rounded = DatumGetNumeric(DirectFunctionCall2(numeric_round, NumericGetDatum(value),
												  Int32GetDatum(decimals)));

	initStringInfo(&buf);
	appendStringInfoString(&buf, estimated ? w->reached_estimated : w->reached);
	append_grouped(&buf, rounded, w->group_mark, w->decimal_mark);
	/* the unit is in the database's encoding: the phrase is built in UTF-8 */
	unit_utf8 = text_to_cstring(unit);
	unit_utf8 = pg_server_to_any(unit_utf8, (int) strlen(unit_utf8), PG_UTF8);
	if (unit_utf8[0] != '\0')
	{
		appendStringInfoChar(&buf, ' ');
		appendStringInfoString(&buf, unit_utf8);
	}
	PG_RETURN_TEXT_P(phrase_text(&buf));
}
