--
-- Safe installation: indicator is a trusted extension, so a database owner
-- who is not a superuser can install it, and its script cannot be hijacked
-- through search_path or by objects planted beforehand.
--
SET datestyle = ISO, YMD;
SET client_min_messages = warning;
-- this test installs the extension itself; the other tests find it in public again at the end
DROP EXTENSION indicator;

CREATE ROLE regress_indicator_owner;
SELECT current_database() AS datname \gset
GRANT CREATE ON DATABASE :"datname" TO regress_indicator_owner;
SET ROLE regress_indicator_owner;
CREATE SCHEMA regress_indicator;

-- an object planted in the target schema under an extension function's
-- name: the script creates (never "creates or replaces"), so installation
-- fails instead of adopting the planted function (PostgreSQL 18 adds a
-- CONTEXT line, the script's statement: expected/security_1.out)
CREATE FUNCTION regress_indicator.growth_pct(current numeric, previous numeric)
	RETURNS double precision LANGUAGE sql AS $$ SELECT 42::double precision $$;
CREATE EXTENSION indicator SCHEMA regress_indicator;
DROP FUNCTION regress_indicator.growth_pct(numeric, numeric);

-- traps on the caller's search_path, ahead of the target schema: functions
-- and an operator that a script resolving names through search_path would
-- pick up
CREATE SCHEMA regress_trap;
CREATE FUNCTION regress_trap.trap(text, text) RETURNS boolean LANGUAGE plpgsql AS
	$$ BEGIN RAISE EXCEPTION 'trap called by %', current_user; END $$;
CREATE OPERATOR regress_trap.= (LEFTARG = text, RIGHTARG = text, PROCEDURE = regress_trap.trap);
CREATE FUNCTION regress_trap.numeric(double precision) RETURNS numeric LANGUAGE plpgsql AS
	$$ BEGIN RAISE EXCEPTION 'trap called by %', current_user; END $$;
CREATE TYPE regress_trap.indicator_series AS (x int);
SET search_path = regress_trap, regress_indicator, public;

-- a database owner, not a superuser, installs the trusted extension
SELECT rolsuper FROM pg_roles WHERE rolname = current_user;
CREATE EXTENSION indicator SCHEMA regress_indicator;
SELECT extname, extowner::regrole, extnamespace::regnamespace, extversion
FROM pg_extension WHERE extname = 'indicator';

-- every object of the extension is in its schema, and every function's
-- argument and result types are its own type or built-in ones: none from
-- the trap schema
SELECT count(DISTINCT p.oid) AS functions,
	   count(*) FILTER (WHERE p.pronamespace <> 'regress_indicator'::regnamespace) AS elsewhere,
	   count(*) FILTER (WHERE t.typnamespace NOT IN ('pg_catalog'::regnamespace, 'regress_indicator'::regnamespace)) AS foreign_types
FROM pg_depend d
JOIN pg_proc p ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
CROSS JOIN LATERAL unnest(p.proargtypes::oid[] || p.prorettype) AS a(typ)
JOIN pg_type t ON t.oid = a.typ
WHERE d.refclassid = 'pg_extension'::regclass
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'indicator')
  AND d.deptype = 'e';
-- no SECURITY DEFINER, and every function in C (the series store's run
-- SQL, every name in it qualified: sql/store.sql sets traps for it)
SELECT count(*) FILTER (WHERE p.prosecdef) AS security_definer,
	   count(*) FILTER (WHERE l.lanname <> 'c' AND p.prokind <> 'a') AS not_c
FROM pg_depend d
JOIN pg_proc p ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
JOIN pg_language l ON l.oid = p.prolang
WHERE d.refclassid = 'pg_extension'::regclass
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'indicator')
  AND d.deptype = 'e';

-- the installed functions work, with the traps still on search_path
SELECT regress_indicator.growth_pct(5339::numeric, 3741.4155571128241065::numeric)::numeric(6,2) AS growth,
	   regress_indicator.annual(regress_indicator.series_agg(p, v), 2021) AS annual
FROM (VALUES ('2021-01-01'::date, 1::numeric), ('2021-02-01', 2), ('2021-03-01', 3),
			 ('2021-04-01', 4), ('2021-05-01', 5), ('2021-06-01', 6), ('2021-07-01', 7),
			 ('2021-08-01', 8), ('2021-09-01', 9), ('2021-10-01', 10), ('2021-11-01', 11),
			 ('2021-12-01', 12)) t(p, v);
SELECT 'numeric {2021-01: 1}'::regress_indicator.indicator_series;

-- the owner may drop it again
DROP EXTENSION indicator;
RESET search_path;
RESET ROLE;
DROP SCHEMA regress_trap CASCADE;
DROP SCHEMA regress_indicator CASCADE;
REVOKE CREATE ON DATABASE :"datname" FROM regress_indicator_owner;
DROP ROLE regress_indicator_owner;
CREATE EXTENSION indicator SCHEMA public;
