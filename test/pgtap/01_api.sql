-- 01_api.sql: the SQL API of indicator as the catalog sees it.
--
-- The list of functions below is written out by hand from the API of each
-- release and the install scripts (src/indicator.sql and after): every
-- function with its exact argument types and result type.  The tests check
-- that the catalog holds exactly these, and the properties every one of
-- them must have: IMMUTABLE (STABLE for the transition functions of timestamptz periods), PARALLEL SAFE, STRICT (except the aggregate's
-- transition and combine functions, series_set and the series store's;
-- the store's functions that run queries are VOLATILE and PARALLEL UNSAFE),
-- not SECURITY DEFINER, and commented.
BEGIN;
SELECT plan(665);

-- name, argument types (as format_type spells them), result type
CREATE TEMP TABLE expected_fn (name name, args name[], returns text, volatility text DEFAULT 'immutable') ON COMMIT DROP;
INSERT INTO expected_fn VALUES
	-- scalar functions, each for numeric and for double precision
	('growth_pct',              '{numeric,numeric}',                                   'double precision'),
	('growth_pct',              '{"double precision","double precision"}',             'double precision'),
	('index_pct',               '{numeric,numeric}',                                   'double precision'),
	('index_pct',               '{"double precision","double precision"}',             'double precision'),
	('attainment_pct',          '{numeric,numeric}',                                   'double precision'),
	('attainment_pct',          '{"double precision","double precision"}',             'double precision'),
	('exceed_pct',              '{numeric,numeric}',                                   'double precision'),
	('exceed_pct',              '{"double precision","double precision"}',             'double precision'),
	('target_gap',              '{numeric,numeric}',                                   'numeric'),
	('target_gap',              '{"double precision","double precision"}',             'double precision'),
	('required_growth_pct',     '{numeric,numeric}',                                   'double precision'),
	('required_growth_pct',     '{"double precision","double precision"}',             'double precision'),
	('cagr_pct',                '{numeric,numeric,numeric}',                           'double precision'),
	('cagr_pct',                '{"double precision","double precision","double precision"}', 'double precision'),
	('implied_base',            '{numeric,numeric}',                                   'numeric'),
	('implied_base',            '{"double precision","double precision"}',             'double precision'),
	('fiscal_year',             '{date,integer}',                                      'integer'),
	-- the type's input/output functions
	('indicator_series_in',     '{cstring}',                                           'indicator_series'),
	('indicator_series_out',    '{indicator_series}',                                  'cstring'),
	('indicator_series_recv',   '{internal}',                                          'indicator_series'),
	('indicator_series_send',   '{indicator_series}',                                  'bytea'),
	-- the aggregate and its support functions
	('series_agg_transfn',      '{indicator_series,date,numeric}',                     'indicator_series'),
	('series_agg_transfn',      '{indicator_series,date,"double precision"}',          'indicator_series'),
	('series_agg_transfn',      '{indicator_series,date,bigint}',                      'indicator_series'),
	('series_agg_transfn',      '{indicator_series,date,integer}',                     'indicator_series'),
	('series_agg_combine',      '{indicator_series,indicator_series}',                 'indicator_series'),
	('series_agg_final',        '{indicator_series}',                                  'indicator_series'),
	('series_agg',              '{date,numeric}',                                      'indicator_series'),
	('series_agg',              '{date,"double precision"}',                           'indicator_series'),
	('series_agg',              '{date,bigint}',                                       'indicator_series'),
	('series_agg',              '{date,integer}',                                      'indicator_series'),
	-- aggregates over stored series
	('series_merge',            '{indicator_series}',                                  'indicator_series'),
	('series_sum_transfn',      '{indicator_series,indicator_series}',                 'indicator_series'),
	('series_sum',              '{indicator_series}',                                  'indicator_series'),
	-- accessors
	('value_at',                '{indicator_series,date}',                             'numeric'),
	('mom_pct',                 '{indicator_series,date}',                             'double precision'),
	('yoy_pct',                 '{indicator_series,date}',                             'double precision'),
	('ytd',                     '{indicator_series,date,integer}',                     'numeric'),
	('ytd_growth_pct',          '{indicator_series,date,integer}',                     'double precision'),
	('annual',                  '{indicator_series,integer,text,integer}',             'numeric'),
	('annual_growth_pct',       '{indicator_series,integer,text,integer}',             'double precision'),
	('attainment_pct',          '{indicator_series,integer,numeric,text,integer}',     'double precision'),
	('ytd_attainment_pct',      '{indicator_series,date,numeric,integer}',             'double precision'),
	('expected_ytd_share_pct',  '{indicator_series,date,integer}',                     'double precision'),
	('projected_annual',        '{indicator_series,date,text,integer}',                'numeric'),
	('required_monthly',        '{indicator_series,date,numeric,integer}',             'numeric'),
	('required_growth_rest_pct', '{indicator_series,date,numeric,integer}',            'double precision'),
	('first_month',             '{indicator_series}',                                  'date'),
	('last_month',              '{indicator_series}',                                  'date'),
	('month_count',             '{indicator_series}',                                  'integer'),
	('missing_months',          '{indicator_series}',                                  'date[]'),
	('series_rows',             '{indicator_series,integer}',                          'setof record'),
	-- release 1.1, indices (the IIP)
	('rebase',                  '{indicator_series,integer,integer}',                  'indicator_series'),
	('rebase',                  '{indicator_series,date}',                             'indicator_series'),
	('index_agg_state_in',      '{cstring}',                                           'index_agg_state'),
	('index_agg_state_out',     '{index_agg_state}',                                   'cstring'),
	('index_agg_state_recv',    '{internal}',                                          'index_agg_state'),
	('index_agg_state_send',    '{index_agg_state}',                                   'bytea'),
	('index_agg_transfn',       '{index_agg_state,indicator_series,"double precision"}', 'index_agg_state'),
	('index_agg_combine',       '{index_agg_state,index_agg_state}',                   'index_agg_state'),
	('index_agg_final',         '{index_agg_state}',                                   'indicator_series'),
	('index_agg',               '{indicator_series,"double precision"}',               'indicator_series'),
	('contribution_pp',         '{indicator_series,"double precision",indicator_series,date,integer}', 'double precision'),
	('chain_link',              '{indicator_series,indicator_series,date}',            'indicator_series'),
	('chain_link',              '{indicator_series,indicator_series,integer,integer}', 'indicator_series');
-- release 1.1: periods other than the month
INSERT INTO expected_fn VALUES
	('series_agg_transfn',      '{indicator_series,date,numeric,text}',                'indicator_series', 'immutable'),
	('series_agg_transfn',      '{indicator_series,date,"double precision",text}',     'indicator_series', 'immutable'),
	('series_agg_transfn',      '{indicator_series,date,bigint,text}',                 'indicator_series', 'immutable'),
	('series_agg_transfn',      '{indicator_series,date,integer,text}',                'indicator_series', 'immutable'),
	('series_agg_transfn',      '{indicator_series,"timestamp with time zone",numeric}', 'indicator_series', 'stable'),
	('series_agg_transfn',      '{indicator_series,"timestamp with time zone","double precision"}', 'indicator_series', 'stable'),
	('series_agg_transfn',      '{indicator_series,"timestamp with time zone",bigint}', 'indicator_series', 'stable'),
	('series_agg_transfn',      '{indicator_series,"timestamp with time zone",integer}', 'indicator_series', 'stable'),
	('series_agg_transfn',      '{indicator_series,"timestamp with time zone",numeric,text}', 'indicator_series', 'stable'),
	('series_agg_transfn',      '{indicator_series,"timestamp with time zone","double precision",text}', 'indicator_series', 'stable'),
	('series_agg_transfn',      '{indicator_series,"timestamp with time zone",bigint,text}', 'indicator_series', 'stable'),
	('series_agg_transfn',      '{indicator_series,"timestamp with time zone",integer,text}', 'indicator_series', 'stable'),
	('series_agg',              '{date,numeric,text}',                                 'indicator_series', 'immutable'),
	('series_agg',              '{date,"double precision",text}',                      'indicator_series', 'immutable'),
	('series_agg',              '{date,bigint,text}',                                  'indicator_series', 'immutable'),
	('series_agg',              '{date,integer,text}',                                 'indicator_series', 'immutable'),
	('series_agg',              '{"timestamp with time zone",numeric}',                'indicator_series', 'immutable'),
	('series_agg',              '{"timestamp with time zone","double precision"}',     'indicator_series', 'immutable'),
	('series_agg',              '{"timestamp with time zone",bigint}',                 'indicator_series', 'immutable'),
	('series_agg',              '{"timestamp with time zone",integer}',                'indicator_series', 'immutable'),
	('series_agg',              '{"timestamp with time zone",numeric,text}',           'indicator_series', 'immutable'),
	('series_agg',              '{"timestamp with time zone","double precision",text}', 'indicator_series', 'immutable'),
	('series_agg',              '{"timestamp with time zone",bigint,text}',            'indicator_series', 'immutable'),
	('series_agg',              '{"timestamp with time zone",integer,text}',           'indicator_series', 'immutable'),
	('frequency',               '{indicator_series}',                                  'text', 'immutable'),
	('pop_pct',                 '{indicator_series,date}',                             'double precision', 'immutable'),
	('ytd',                     '{indicator_series,date,integer,text}',                'numeric', 'immutable'),
	('ytd_growth_pct',          '{indicator_series,date,integer,text}',                'double precision', 'immutable'),
	('series_trim',             '{indicator_series}',                                  'indicator_series', 'immutable');
INSERT INTO expected_fn VALUES
	-- 1.1: equality and order (the functions behind the operators and opclasses)
	('indicator_series_eq',     '{indicator_series,indicator_series}',                 'boolean'),
	('indicator_series_ne',     '{indicator_series,indicator_series}',                 'boolean'),
	('indicator_series_lt',     '{indicator_series,indicator_series}',                 'boolean'),
	('indicator_series_le',     '{indicator_series,indicator_series}',                 'boolean'),
	('indicator_series_gt',     '{indicator_series,indicator_series}',                 'boolean'),
	('indicator_series_ge',     '{indicator_series,indicator_series}',                 'boolean'),
	('indicator_series_cmp',    '{indicator_series,indicator_series}',                 'integer'),
	('indicator_series_hash',   '{indicator_series}',                                  'integer'),
	('indicator_series_hash_extended', '{indicator_series,bigint}',                    'bigint'),
	-- 1.1: report wording
	('growth_phrase',           '{"double precision",text,integer}',                   'text'),
	('attainment_phrase',       '{"double precision",text,integer}',                   'text');
-- release 1.1: yearly rows, the BI long format, partial totals
INSERT INTO expected_fn VALUES
	('annual_rows',             '{indicator_series,text,integer}',                     'setof record'),
	('series_rows',             '{indicator_series,integer,text}',                     'setof record'),
	('series_sum_present_transfn', '{indicator_series,indicator_series}',              'indicator_series'),
	('series_sum_present',      '{indicator_series}',                                  'indicator_series'),
	('series_count_transfn',    '{indicator_series,indicator_series}',                 'indicator_series'),
	('series_count_final',      '{indicator_series}',                                  'indicator_series'),
	('series_count',            '{indicator_series}',                                  'indicator_series'),
	-- 1.1: ranges and conversions, plans by period
	('range_value',             '{indicator_series,date,date,text}',                   'numeric'),
	('range_growth_pct',        '{indicator_series,date,date,text,integer}',           'double precision'),
	('to_frequency',            '{indicator_series,text,text}',                        'indicator_series'),
	('fill_missing',            '{indicator_series,text}',                             'indicator_series'),
	('ytd_plan_attainment_pct', '{indicator_series,date,indicator_series,integer}',    'double precision');
-- release 1.1: stored series kept current (series_set and series_store_apply
-- are not STRICT; the store's other functions are VOLATILE, PARALLEL UNSAFE)
INSERT INTO expected_fn VALUES
	('series_set',              '{indicator_series,date,numeric}',                     'indicator_series', 'immutable'),
	('series_set',              '{indicator_series,date,"double precision"}',          'indicator_series', 'immutable'),
	('series_set',              '{indicator_series,date,bigint}',                      'indicator_series', 'immutable'),
	('series_set',              '{indicator_series,date,integer}',                     'indicator_series', 'immutable'),
	('series_store_apply',      '{indicator_series,date[],indicator_series}',          'indicator_series', 'immutable'),
	('series_store',            '{regclass,text,text[],text,text,text,text,text}',     'regclass', 'volatile'),
	('series_store_check',      '{regclass}',                                          'setof text', 'volatile'),
	('series_store_rebuild',    '{regclass}',                                          'bigint', 'volatile'),
	('series_store_drop',       '{regclass}',                                          'void', 'volatile'),
	('series_store_trigger',    '{}',                                                  'trigger', 'volatile');
-- release 1.2: estimates (series_agg with an estimated flag, its transition
-- functions, series_set with one, and the functions that read the flags)
INSERT INTO expected_fn VALUES
	('series_agg_transfn',      '{indicator_series,date,numeric,text,boolean}',        'indicator_series', 'immutable'),
	('series_agg_transfn',      '{indicator_series,date,"double precision",text,boolean}', 'indicator_series', 'immutable'),
	('series_agg_transfn',      '{indicator_series,date,bigint,text,boolean}',         'indicator_series', 'immutable'),
	('series_agg_transfn',      '{indicator_series,date,integer,text,boolean}',        'indicator_series', 'immutable'),
	('series_agg_transfn',      '{indicator_series,"timestamp with time zone",numeric,text,boolean}', 'indicator_series', 'stable'),
	('series_agg_transfn',      '{indicator_series,"timestamp with time zone","double precision",text,boolean}', 'indicator_series', 'stable'),
	('series_agg_transfn',      '{indicator_series,"timestamp with time zone",bigint,text,boolean}', 'indicator_series', 'stable'),
	('series_agg_transfn',      '{indicator_series,"timestamp with time zone",integer,text,boolean}', 'indicator_series', 'stable'),
	('series_agg',              '{date,numeric,text,boolean}',                         'indicator_series', 'immutable'),
	('series_agg',              '{date,"double precision",text,boolean}',              'indicator_series', 'immutable'),
	('series_agg',              '{date,bigint,text,boolean}',                          'indicator_series', 'immutable'),
	('series_agg',              '{date,integer,text,boolean}',                         'indicator_series', 'immutable'),
	('series_agg',              '{"timestamp with time zone",numeric,text,boolean}',   'indicator_series', 'immutable'),
	('series_agg',              '{"timestamp with time zone","double precision",text,boolean}', 'indicator_series', 'immutable'),
	('series_agg',              '{"timestamp with time zone",bigint,text,boolean}',    'indicator_series', 'immutable'),
	('series_agg',              '{"timestamp with time zone",integer,text,boolean}',   'indicator_series', 'immutable'),
	('series_set',              '{indicator_series,date,numeric,boolean}',             'indicator_series', 'immutable'),
	('series_set',              '{indicator_series,date,"double precision",boolean}',  'indicator_series', 'immutable'),
	('series_set',              '{indicator_series,date,bigint,boolean}',              'indicator_series', 'immutable'),
	('series_set',              '{indicator_series,date,integer,boolean}',             'indicator_series', 'immutable'),
	('estimated_periods',       '{indicator_series}',                                  'date[]', 'immutable'),
	('is_estimated',            '{indicator_series,date}',                             'boolean', 'immutable'),
	('series_rows_estimated',   '{indicator_series,integer,text}',                     'setof record', 'immutable'),
	('annual_rows_estimated',   '{indicator_series,text,integer}',                     'setof record', 'immutable');

-- release 1.2: vintages (vintage_agg, first_release_agg and their state;
-- the transition functions are not STRICT, the combine function is)
INSERT INTO expected_fn VALUES
	('vintage_state_in',        '{cstring}',                                           'vintage_state'),
	('vintage_state_out',       '{vintage_state}',                                     'cstring'),
	('vintage_state_recv',      '{internal}',                                          'vintage_state'),
	('vintage_state_send',      '{vintage_state}',                                     'bytea'),
	('vintage_state_combine',   '{vintage_state,vintage_state}',                       'vintage_state'),
	('vintage_agg_final',       '{vintage_state}',                                     'indicator_series'),
	('vintage_agg_transfn', '{vintage_state,date,numeric,"timestamp with time zone"}', 'vintage_state'),
	('vintage_agg', '{date,numeric,"timestamp with time zone"}', 'indicator_series'),
	('vintage_agg_transfn', '{vintage_state,date,bigint,"timestamp with time zone"}', 'vintage_state'),
	('vintage_agg', '{date,bigint,"timestamp with time zone"}', 'indicator_series'),
	('vintage_agg_transfn', '{vintage_state,date,integer,"timestamp with time zone"}', 'vintage_state'),
	('vintage_agg', '{date,integer,"timestamp with time zone"}', 'indicator_series'),
	('vintage_agg_transfn', '{vintage_state,date,"double precision","timestamp with time zone"}', 'vintage_state'),
	('vintage_agg', '{date,"double precision","timestamp with time zone"}', 'indicator_series'),
	('first_release_agg_transfn', '{vintage_state,date,numeric,"timestamp with time zone"}', 'vintage_state'),
	('first_release_agg', '{date,numeric,"timestamp with time zone"}', 'indicator_series'),
	('first_release_agg_transfn', '{vintage_state,date,bigint,"timestamp with time zone"}', 'vintage_state'),
	('first_release_agg', '{date,bigint,"timestamp with time zone"}', 'indicator_series'),
	('first_release_agg_transfn', '{vintage_state,date,integer,"timestamp with time zone"}', 'vintage_state'),
	('first_release_agg', '{date,integer,"timestamp with time zone"}', 'indicator_series'),
	('first_release_agg_transfn', '{vintage_state,date,"double precision","timestamp with time zone"}', 'vintage_state'),
	('first_release_agg', '{date,"double precision","timestamp with time zone"}', 'indicator_series');

-- release 1.2: vintages with a frequency and estimate flags
INSERT INTO expected_fn VALUES
	('vintage_agg_transfn', '{vintage_state,date,numeric,"timestamp with time zone",text,boolean}', 'vintage_state'),
	('vintage_agg', '{date,numeric,"timestamp with time zone",text,boolean}', 'indicator_series'),
	('vintage_agg_transfn', '{vintage_state,date,bigint,"timestamp with time zone",text,boolean}', 'vintage_state'),
	('vintage_agg', '{date,bigint,"timestamp with time zone",text,boolean}', 'indicator_series'),
	('vintage_agg_transfn', '{vintage_state,date,integer,"timestamp with time zone",text,boolean}', 'vintage_state'),
	('vintage_agg', '{date,integer,"timestamp with time zone",text,boolean}', 'indicator_series'),
	('vintage_agg_transfn', '{vintage_state,date,"double precision","timestamp with time zone",text,boolean}', 'vintage_state'),
	('vintage_agg', '{date,"double precision","timestamp with time zone",text,boolean}', 'indicator_series'),
	('first_release_agg_transfn', '{vintage_state,date,numeric,"timestamp with time zone",text,boolean}', 'vintage_state'),
	('first_release_agg', '{date,numeric,"timestamp with time zone",text,boolean}', 'indicator_series'),
	('first_release_agg_transfn', '{vintage_state,date,bigint,"timestamp with time zone",text,boolean}', 'vintage_state'),
	('first_release_agg', '{date,bigint,"timestamp with time zone",text,boolean}', 'indicator_series'),
	('first_release_agg_transfn', '{vintage_state,date,integer,"timestamp with time zone",text,boolean}', 'vintage_state'),
	('first_release_agg', '{date,integer,"timestamp with time zone",text,boolean}', 'indicator_series'),
	('first_release_agg_transfn', '{vintage_state,date,"double precision","timestamp with time zone",text,boolean}', 'vintage_state'),
	('first_release_agg', '{date,"double precision","timestamp with time zone",text,boolean}', 'indicator_series');

-- release 1.2: revisions
INSERT INTO expected_fn VALUES
	('revision_rows',  '{indicator_series,indicator_series,text}',           'setof record'),
	('revision_stats', '{indicator_series,indicator_series,date,date,text}', 'record');

-- release 1.2: the wording of a level
INSERT INTO expected_fn VALUES
	('value_phrase', '{numeric,text,text,integer,boolean}', 'text');

-- release 1.2: report wording
INSERT INTO expected_fn VALUES
	('progress_phrase',         '{"double precision",text,integer}',                   'text');

-- release 1.2: prices and real growth
INSERT INTO expected_fn VALUES
	('deflate',                 '{indicator_series,indicator_series,integer,integer}', 'indicator_series'),
	('deflate',                 '{indicator_series,indicator_series,date}',            'indicator_series'),
	('real_growth_pct',         '{numeric,numeric}',                                   'double precision'),
	('real_growth_pct',         '{"double precision","double precision"}',             'double precision'),
	('implied_levels',          '{indicator_series,indicator_series,integer}',         'indicator_series'),
	('attainment_lower_pct',    '{numeric,numeric}',                                   'double precision'),
	('attainment_lower_pct',    '{"double precision","double precision"}',             'double precision'),
	('ytd_contribution_pp',     '{indicator_series,"double precision",indicator_series,date,integer,text}', 'double precision');

-- release 1.2: seasonal adjustment
INSERT INTO expected_fn VALUES
	('stl_rows',                '{indicator_series,integer,boolean}',                  'setof record'),
	('seasonal_adjust',         '{indicator_series,integer,boolean,text}',             'indicator_series'),
	('trend',                   '{indicator_series,integer,boolean}',                  'indicator_series');
-- release 1.2: working days
INSERT INTO expected_fn VALUES
	('working_days',            '{date,date,date[],integer[]}',                        'integer'),
	('per_working_day',         '{indicator_series,date[],integer[]}',                 'indicator_series');

-- the functions of the extension, as the catalog records them
CREATE TEMP VIEW ext_fn AS
	SELECT p.oid::regprocedure::text AS signature, p.*
	  FROM pg_depend d
	  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'indicator'
	  JOIN pg_proc p ON p.oid = d.objid
	 WHERE d.classid = 'pg_proc'::regclass
	   AND d.refclassid = 'pg_extension'::regclass
	   AND d.deptype = 'e';

------------------------------------------------------------------------------
-- The type (1 + 3 tests)
------------------------------------------------------------------------------

SELECT has_type('indicator_series');

SELECT is(
	(SELECT ARRAY[typinput::text, typoutput::text, typreceive::text, typsend::text]
	   FROM pg_type WHERE oid = 'indicator_series'::regtype),
	ARRAY['indicator_series_in', 'indicator_series_out', 'indicator_series_recv', 'indicator_series_send'],
	'indicator_series uses its own text and binary input/output functions');

SELECT is(
	(SELECT typlen::int FROM pg_type WHERE oid = 'indicator_series'::regtype),
	-1,
	'indicator_series is of variable length');

SELECT isnt(
	obj_description('indicator_series'::regtype, 'pg_type'),
	NULL,
	'indicator_series has a comment');

------------------------------------------------------------------------------
-- Every function, exactly (1 + 206 * 3 tests)
------------------------------------------------------------------------------

SELECT set_eq(
	'SELECT signature FROM ext_fn',
	$$SELECT name || '(' || array_to_string(args::regtype[], ',') || ')' FROM expected_fn$$,
	'the extension holds exactly the 206 functions and aggregates of the API');

SELECT has_function(name, args,
					format('has function %s(%s)', name, array_to_string(args, ', ')))
  FROM expected_fn ORDER BY name, args;

SELECT function_returns(name, args, returns,
						format('%s(%s) returns %s', name, array_to_string(args, ', '), returns))
  FROM expected_fn ORDER BY name, args;

SELECT volatility_is(name, args, volatility,
					 format('%s(%s) is %s', name, array_to_string(args, ', '), upper(volatility)))
  FROM expected_fn ORDER BY name, args;

------------------------------------------------------------------------------
-- The aggregates (9 + 6 tests)
------------------------------------------------------------------------------

SELECT is_aggregate('series_agg', ARRAY['date', 'numeric']);
SELECT is_aggregate('series_agg', ARRAY['date', 'double precision']);
SELECT is_aggregate('series_agg', ARRAY['date', 'bigint']);
SELECT is_aggregate('series_agg', ARRAY['date', 'integer']);
SELECT is_aggregate('series_merge', ARRAY['indicator_series']);
SELECT is_aggregate('series_sum', ARRAY['indicator_series']);
SELECT is_aggregate('series_sum_present', ARRAY['indicator_series']);
SELECT is_aggregate('series_count', ARRAY['indicator_series']);
SELECT is_aggregate('index_agg', ARRAY['indicator_series', 'double precision']);

SELECT is(
	ARRAY(SELECT a.aggfnoid::regprocedure::text
			FROM pg_aggregate a JOIN ext_fn f ON f.oid = a.aggfnoid
		   WHERE a.aggtranstype <> 'indicator_series'::regtype AND f.proname NOT IN ('index_agg', 'vintage_agg', 'first_release_agg')
		   ORDER BY 1),
	'{}'::text[],
	'every series_agg keeps its state as indicator_series (not internal)');

SELECT is(
	ARRAY(SELECT a.aggfnoid::regprocedure::text
			FROM pg_aggregate a JOIN ext_fn f ON f.oid = a.aggfnoid
		   WHERE f.proname NOT IN ('index_agg', 'vintage_agg', 'first_release_agg')
			 AND a.aggcombinefn <> CASE f.proname WHEN 'series_sum' THEN 'series_sum_transfn(indicator_series, indicator_series)'
													  WHEN 'series_sum_present' THEN 'series_sum_present_transfn(indicator_series, indicator_series)'
													  WHEN 'series_count' THEN 'series_sum_present_transfn(indicator_series, indicator_series)'
													  ELSE 'series_agg_combine(indicator_series, indicator_series)' END::regprocedure
		   ORDER BY 1),
	'{}'::text[],
	'series_agg and series_merge combine with series_agg_combine (the union), series_sum with series_sum_transfn, series_sum_present and series_count (adding counts) with series_sum_present_transfn');

SELECT is(
	ARRAY(SELECT a.aggfnoid::regprocedure::text
			FROM pg_aggregate a JOIN ext_fn f ON f.oid = a.aggfnoid
		   WHERE f.proname NOT IN ('index_agg', 'vintage_agg', 'first_release_agg') AND (a.aggfinalfn <> CASE f.proname WHEN 'series_count' THEN 'series_count_final(indicator_series)'
																		  ELSE 'series_agg_final(indicator_series)' END::regprocedure
			  OR (f.proname = 'series_agg' AND
				  a.aggtransfn <> format('series_agg_transfn(indicator_series, %s)',
										 array_to_string(f.proargtypes::regtype[], ', '))::regprocedure)
			  OR (f.proname = 'series_merge' AND
				  a.aggtransfn <> 'series_agg_combine(indicator_series, indicator_series)'::regprocedure)
			  OR (f.proname = 'series_sum' AND
				  a.aggtransfn <> 'series_sum_transfn(indicator_series, indicator_series)'::regprocedure)
			  OR (f.proname = 'series_sum_present' AND
				  a.aggtransfn <> 'series_sum_present_transfn(indicator_series, indicator_series)'::regprocedure)
			  OR (f.proname = 'series_count' AND
				  a.aggtransfn <> 'series_count_transfn(indicator_series, indicator_series)'::regprocedure))
		   ORDER BY 1),
	'{}'::text[],
	'every series_agg uses the transition function for its input type and series_agg_final; each aggregate over series its own transition function, series_count its own final function');

SELECT is(
	(SELECT count(*) FROM pg_aggregate a JOIN ext_fn f ON f.oid = a.aggfnoid),
	45::bigint,
	'the extension has 45 aggregates (series_agg for four value types, date or timestamptz periods, with or without a frequency, with a frequency and estimate flags; series_merge, series_sum, series_sum_present, series_count, index_agg; vintage_agg and first_release_agg for four value types, with or without a frequency and estimate flags)');

-- index_agg's state is a real type too (not internal: Citus ships it as
-- text), with its own text and binary forms
SELECT is(
	(SELECT ARRAY[aggtransfn::regprocedure::text, aggcombinefn::regprocedure::text,
				  aggfinalfn::regprocedure::text, aggtranstype::regtype::text]
	   FROM pg_aggregate WHERE aggfnoid = 'index_agg(indicator_series, double precision)'::regprocedure),
	ARRAY['index_agg_transfn(index_agg_state,indicator_series,double precision)',
		  'index_agg_combine(index_agg_state,index_agg_state)',
		  'index_agg_final(index_agg_state)', 'index_agg_state'],
	'index_agg: transition, combine and final functions, state index_agg_state');
SELECT is(
	(SELECT ARRAY[typtype::text, typinput::text, typoutput::text, typreceive::text, typsend::text]
	   FROM pg_type WHERE oid = 'index_agg_state'::regtype),
	ARRAY['b', 'index_agg_state_in', 'index_agg_state_out', 'index_agg_state_recv', 'index_agg_state_send'],
	'index_agg_state is a base type with text and binary input/output functions');

------------------------------------------------------------------------------
-- Properties of every function of the extension (6 tests)
-- Each lists the offending signatures, so that a failure names them.
------------------------------------------------------------------------------

SELECT is(
	ARRAY(SELECT signature FROM ext_fn
		   WHERE (proparallel <> 's') <> (proname IN (SELECT name FROM expected_fn WHERE volatility = 'volatile')) ORDER BY 1),
	'{}'::text[],
	'every function and aggregate of the extension is PARALLEL SAFE, but those that run queries');

-- Aggregates are left out: pg_proc.proisstrict means nothing for them (their
-- NULL handling is the transition function's).
SELECT is(
	ARRAY(SELECT signature FROM ext_fn
		   WHERE prokind = 'f' AND NOT proisstrict
			 AND proname NOT IN ('series_agg_transfn', 'series_agg_combine', 'series_sum_transfn',
								 'series_sum_present_transfn', 'series_count_transfn',
								 'index_agg_transfn', 'index_agg_combine',
								 'vintage_agg_transfn', 'first_release_agg_transfn',
								 'series_set', 'series_store_apply', 'series_store', 'series_store_trigger')
		   ORDER BY 1),
	'{}'::text[],
	'every function but the transition and combine functions, series_set and the store''s is STRICT');

SELECT is(
	ARRAY(SELECT signature FROM ext_fn
		   WHERE proisstrict AND proname IN ('series_agg_transfn', 'series_agg_combine', 'series_sum_transfn',
											 'series_sum_present_transfn', 'series_count_transfn',
											 'index_agg_transfn', 'index_agg_combine',
											 'vintage_agg_transfn', 'first_release_agg_transfn')
		   ORDER BY 1),
	'{}'::text[],
	'the transition and combine functions are not STRICT (a NULL period must be seen, a NULL value is a missing month)');

SELECT is(
	ARRAY(SELECT signature FROM ext_fn WHERE prosecdef ORDER BY 1),
	'{}'::text[],
	'no function of the extension is SECURITY DEFINER');

SELECT is(
	ARRAY(SELECT signature FROM ext_fn
		   WHERE obj_description(oid, 'pg_proc') IS NULL
		   ORDER BY 1),
	'{}'::text[],
	'every function and aggregate of the extension has a comment');

SELECT is(
	ARRAY(SELECT signature FROM ext_fn
		   WHERE prokind = 'f' AND prolang <> (SELECT oid FROM pg_language WHERE lanname = 'c')
		   ORDER BY 1),
	'{}'::text[],
	'every function of the extension is written in C');

------------------------------------------------------------------------------
-- series_rows and annual_rows: their columns and defaults (3 tests)
------------------------------------------------------------------------------

SELECT is(
	pg_get_function_arguments('series_rows(indicator_series, integer)'::regprocedure),
	's indicator_series, fy_start_month integer DEFAULT 1, OUT period date, OUT value numeric, '
	'OUT mom_pct double precision, OUT yoy_pct double precision, OUT ytd numeric, '
	'OUT ytd_growth_pct double precision',
	'series_rows returns (period, value, mom_pct, yoy_pct, ytd, ytd_growth_pct) and fy_start_month defaults to 1');

SELECT is(
	pg_get_function_arguments('series_rows(indicator_series, integer, text)'::regprocedure),
	's indicator_series, fy_start_month integer, method text, OUT period date, OUT value numeric, '
	'OUT mom_pct double precision, OUT yoy_pct double precision, OUT ytd numeric, '
	'OUT ytd_growth_pct double precision, OUT value_last_year numeric, OUT ytd_last_year numeric',
	'series_rows(s, fy_start_month, method) has no defaults (1.0''s calls resolve as before) and adds value_last_year, ytd_last_year');

SELECT is(
	pg_get_function_arguments('annual_rows(indicator_series, text, integer)'::regprocedure),
	's indicator_series, method text DEFAULT ''sum''::text, fy_start_month integer DEFAULT 1, OUT year integer, '
	'OUT value numeric, OUT growth_pct double precision, OUT months integer',
	'annual_rows returns (year, value, growth_pct, months); method defaults to sum, fy_start_month to 1');

------------------------------------------------------------------------------
-- 1.1: equality and order (5 tests), report wording (2 tests)
------------------------------------------------------------------------------

SELECT is(
	ARRAY(SELECT am.amname || ' ' || c.opcname FROM pg_opclass c JOIN pg_am am ON am.oid = c.opcmethod
		   WHERE c.opcintype = 'indicator_series'::regtype AND c.opcdefault ORDER BY 1),
	ARRAY['btree indicator_series_ops', 'hash indicator_series_ops'],
	'indicator_series has default btree and hash operator classes');

SELECT is(
	ARRAY(SELECT o.oprname || ' ' || com.oprname || ' ' || neg.oprname
			  || CASE WHEN o.oprcanhash THEN ' hashes' ELSE '' END
			  || CASE WHEN o.oprcanmerge THEN ' merges' ELSE '' END
			FROM pg_operator o
			JOIN pg_operator com ON com.oid = o.oprcom
			JOIN pg_operator neg ON neg.oid = o.oprnegate
		   WHERE o.oprleft = 'indicator_series'::regtype AND o.oprright = 'indicator_series'::regtype
		   ORDER BY 1),
	ARRAY['< > >=', '<= >= >', '<> <> =', '= = <> hashes merges', '> < <=', '>= <= <'],
	'the six comparison operators on indicator_series, with their commutators and negators; = hashes and merges');

SELECT is(
	ARRAY(SELECT oprname FROM pg_operator
		   WHERE oprleft = 'indicator_series'::regtype AND oprright = 'indicator_series'::regtype
			 AND obj_description(oid, 'pg_operator') IS NULL ORDER BY 1),
	'{}'::name[],
	'every operator on indicator_series has a comment');

-- the hash support function called directly on equal pairs at different
-- scales and slot widths, and -0 against 0
SELECT is(
	(SELECT count(*) FROM (VALUES
		('numeric {2021-01: 1.0}'::indicator_series, 'numeric {2021-01: 1.00}'::indicator_series),
		('numeric {2021-01: 1, 2021-02: NULL, 2021-03: 3000000000}', 'numeric {2021-01: 1.00000000000, 2021-02: NULL, 2021-03: 3000000000.00000000000}'),
		('float8 {2021-01: -0}', 'float8 {2021-01: 0}')) v(a, b)
	  WHERE a = b AND indicator_series_hash(a) = indicator_series_hash(b)
		AND indicator_series_hash_extended(a, 7) = indicator_series_hash_extended(b, 7)),
	3::bigint,
	'equal series have equal hashes (32- and 64-bit) across scales, slot widths and -0');

SELECT isnt(
	'numeric {2021-01: 1}'::indicator_series,
	'float8 {2021-01: 1}'::indicator_series,
	'a numeric and a float8 series are never equal');

SELECT is(
	pg_get_function_arguments('growth_phrase(double precision, text, integer)'::regprocedure),
	'pct double precision, lang text DEFAULT ''en''::text, decimals integer DEFAULT 1',
	'growth_phrase(pct, lang DEFAULT ''en'', decimals DEFAULT 1)');

SELECT is(
	pg_get_function_arguments('attainment_phrase(double precision, text, integer)'::regprocedure),
	'pct double precision, lang text DEFAULT ''en''::text, decimals integer DEFAULT 1',
	'attainment_phrase(pct, lang DEFAULT ''en'', decimals DEFAULT 1)');

------------------------------------------------------------------------------
-- 1.2: vintage_agg and first_release_agg (2 tests)
------------------------------------------------------------------------------

SELECT is(
	ARRAY(SELECT a.aggfnoid::regprocedure::text
			FROM pg_aggregate a JOIN ext_fn f ON f.oid = a.aggfnoid
		   WHERE f.proname IN ('vintage_agg', 'first_release_agg')
			 AND (a.aggtranstype <> 'vintage_state'::regtype
				  OR a.aggcombinefn <> 'vintage_state_combine(vintage_state, vintage_state)'::regprocedure
				  OR a.aggfinalfn <> 'vintage_agg_final(vintage_state)'::regprocedure
				  OR a.aggtransfn <> format('%s_transfn(vintage_state, %s)', f.proname,
											array_to_string(f.proargtypes::regtype[], ', '))::regprocedure)
		   ORDER BY 1),
	'{}'::text[],
	'vintage_agg and first_release_agg keep a vintage_state, combine with vintage_state_combine, finish with vintage_agg_final and use their own transition function for their input types');
SELECT is(
	(SELECT ARRAY[typtype::text, typinput::text, typoutput::text, typreceive::text, typsend::text, typlen::text]
	   FROM pg_type WHERE oid = 'vintage_state'::regtype),
	ARRAY['b', 'vintage_state_in', 'vintage_state_out', 'vintage_state_recv', 'vintage_state_send', '-1'],
	'vintage_state is a base type of variable length with text and binary input/output functions');

------------------------------------------------------------------------------
-- 1.2: revision_rows and revision_stats: their columns and defaults (2 tests)
------------------------------------------------------------------------------

SELECT is(
	pg_get_function_arguments('revision_rows(indicator_series, indicator_series, text)'::regprocedure),
	'later indicator_series, earlier indicator_series, measure text DEFAULT ''value''::text, OUT period date, '
	'OUT earlier double precision, OUT later double precision, OUT revision double precision, '
	'OUT revision_pct double precision',
	'revision_rows(later, earlier, measure DEFAULT ''value'') returns (period, earlier, later, revision, revision_pct)');
SELECT is(
	pg_get_function_arguments('revision_stats(indicator_series, indicator_series, date, date, text)'::regprocedure),
	'later indicator_series, earlier indicator_series, first_period date, last_period date, '
	'measure text DEFAULT ''value''::text, OUT n integer, OUT mean_revision double precision, '
	'OUT mean_abs_revision double precision, OUT rmar double precision',
	'revision_stats(later, earlier, first_period, last_period, measure DEFAULT ''value'') returns (n, mean_revision, mean_abs_revision, rmar)');

SELECT is(
	pg_get_function_arguments('value_phrase(numeric, text, text, integer, boolean)'::regprocedure),
	'value numeric, unit text, lang text DEFAULT ''en''::text, decimals integer DEFAULT 0, estimated boolean DEFAULT false',
	'value_phrase(value, unit, lang DEFAULT ''en'', decimals DEFAULT 0, estimated DEFAULT false)');

-- release 1.2: the seasonal adjustment and working days signatures, names and defaults as the contract
SELECT is(pg_get_function_arguments(f::regprocedure), args, f || ': ' || args)
  FROM (VALUES
	('stl_rows(indicator_series, integer, boolean)', 's indicator_series, seasonal integer DEFAULT 7, robust boolean DEFAULT false'),
	('seasonal_adjust(indicator_series, integer, boolean, text)', 's indicator_series, seasonal integer DEFAULT 7, robust boolean DEFAULT false, model text DEFAULT ''additive''::text'),
	('trend(indicator_series, integer, boolean)', 's indicator_series, seasonal integer DEFAULT 7, robust boolean DEFAULT false'),
	('working_days(date, date, date[], integer[])', 'first_day date, last_day date, holidays date[] DEFAULT ''{}''::date[], weekend integer[] DEFAULT ''{6,7}''::integer[]'),
	('per_working_day(indicator_series, date[], integer[])', 's indicator_series, holidays date[] DEFAULT ''{}''::date[], weekend integer[] DEFAULT ''{6,7}''::integer[]')
  ) v(f, args);
SELECT is(pg_get_function_result('stl_rows(indicator_series, integer, boolean)'::regprocedure),
	'TABLE(period date, observed double precision, trend double precision, seasonal double precision, remainder double precision)',
	'stl_rows returns TABLE(period, observed, trend, seasonal, remainder)');

SELECT * FROM finish();
ROLLBACK;
