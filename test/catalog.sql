-- The catalog of the indicator extension in the current database, one line
-- per member object (pg_depend's extension dependencies) with every property
-- that a fresh install and an upgraded one must agree on, and no OIDs.
-- test/upgrade.sh runs it in both and diffs the output.
--
-- functions and aggregates: signature, argument names, defaults, result
--   (columns of a table function), kind, volatility, strictness, parallel
--   marking, security definer, leakproof, language, C symbol and library,
--   cost, rows, settings, support function, comment;
-- aggregates: also transition, final, combine, serial/deserial functions,
--   state type and size, initial condition, moving-aggregate parts, sort op;
-- types: I/O and typmod functions, length, by-value, alignment, storage,
--   category, delimiter, element and array types, comment;
-- operators, operator classes and families (with their members), casts;
-- tables (columns, defaults, constraints, indexes, config dumps), views,
--   sequences, triggers, and anything else by its description.
WITH ext AS (
	SELECT oid, extconfig, extcondition, extrelocatable, extnamespace::regnamespace AS nsp
	FROM pg_extension WHERE extname = 'indicator'
),
member AS (
	SELECT d.classid, d.objid, d.objsubid
	FROM pg_depend d, ext
	WHERE d.refclassid = 'pg_extension'::regclass AND d.refobjid = ext.oid AND d.deptype = 'e'
),
line AS (
	-- functions, procedures, aggregates
	SELECT 'function' AS kind,
		p.oid::regprocedure::text AS object,
		concat_ws(E'\n\t',
			'kind ' || p.prokind::text,
			'arguments ' || pg_get_function_arguments(p.oid),
			'identity ' || pg_get_function_identity_arguments(p.oid),
			'argnames ' || coalesce(p.proargnames::text, '-'),
			'argmodes ' || coalesce(p.proargmodes::text, '-'),
			'defaults ' || coalesce(pg_get_expr(p.proargdefaults, 0), '-'),
			'result ' || coalesce(pg_get_function_result(p.oid), '-'),
			'retset ' || p.proretset,
			'volatile ' || p.provolatile::text || ' strict ' || p.proisstrict ||
				' parallel ' || p.proparallel::text || ' secdef ' || p.prosecdef ||
				' leakproof ' || p.proleakproof,
			'language ' || l.lanname || ' src ' || p.prosrc || ' bin ' || coalesce(p.probin, '-'),
			'cost ' || p.procost || ' rows ' || p.prorows,
			'config ' || coalesce(p.proconfig::text, '-'),
			'support ' || p.prosupport::regproc::text,
			'owner ' || pg_get_userbyid(p.proowner),
			'acl ' || coalesce(p.proacl::text, '-'),
			'comment ' || coalesce(obj_description(p.oid, 'pg_proc'), '-'),
			CASE WHEN p.prokind::text = 'a' THEN concat_ws(' ',
				'aggkind', a.aggkind, 'direct', a.aggnumdirectargs,
				'transfn', a.aggtransfn::regprocedure::text,
				'finalfn', a.aggfinalfn::regproc::text,
				'combinefn', a.aggcombinefn::regproc::text,
				'serialfn', a.aggserialfn::regproc::text,
				'deserialfn', a.aggdeserialfn::regproc::text,
				'mtransfn', a.aggmtransfn::regproc::text,
				'minvtransfn', a.aggminvtransfn::regproc::text,
				'mfinalfn', a.aggmfinalfn::regproc::text,
				'finalextra', a.aggfinalextra, 'mfinalextra', a.aggmfinalextra,
				'finalmodify', a.aggfinalmodify, 'mfinalmodify', a.aggmfinalmodify,
				'sortop', a.aggsortop::regoperator::text,
				'stype', a.aggtranstype::regtype::text, 'sspace', a.aggtransspace,
				'mstype', a.aggmtranstype::regtype::text, 'msspace', a.aggmtransspace,
				'initcond', coalesce(a.agginitval, '-'),
				'minitcond', coalesce(a.aggminitval, '-')) END
		) AS detail
	FROM member m
	JOIN pg_proc p ON m.classid = 'pg_proc'::regclass AND p.oid = m.objid
	JOIN pg_language l ON l.oid = p.prolang
	LEFT JOIN pg_aggregate a ON a.aggfnoid = p.oid
	UNION ALL
	-- types (a base type's array type is not a member: shown with it)
	SELECT 'type', t.oid::regtype::text,
		concat_ws(E'\n\t',
			'typtype ' || t.typtype::text || ' category ' || t.typcategory::text ||
				' preferred ' || t.typispreferred || ' delim ' || t.typdelim::text,
			'len ' || t.typlen || ' byval ' || t.typbyval || ' align ' || t.typalign::text ||
				' storage ' || t.typstorage::text || ' notnull ' || t.typnotnull,
			'input ' || t.typinput::regproc::text || ' output ' || t.typoutput::regproc::text ||
				' receive ' || t.typreceive::regproc::text || ' send ' || t.typsend::regproc::text,
			'modin ' || t.typmodin::regproc::text || ' modout ' || t.typmodout::regproc::text ||
				' analyze ' || t.typanalyze::regproc::text || ' subscript ' || t.typsubscript::regproc::text,
			'elem ' || t.typelem::regtype::text || ' array ' || t.typarray::regtype::text ||
				' basetype ' || t.typbasetype::regtype::text || ' relid ' || t.typrelid::regclass::text,
			'default ' || coalesce(t.typdefault, '-') || ' collation ' || t.typcollation,
			'owner ' || pg_get_userbyid(t.typowner) || ' acl ' || coalesce(t.typacl::text, '-'),
			'comment ' || coalesce(obj_description(t.oid, 'pg_type'), '-'),
			'constraints ' || coalesce((SELECT string_agg(pg_get_constraintdef(c.oid), '; ' ORDER BY c.conname)
				FROM pg_constraint c WHERE c.contypid = t.oid), '-'))
	FROM member m
	JOIN pg_type t ON m.classid = 'pg_type'::regclass AND t.oid = m.objid
	UNION ALL
	-- operators
	SELECT 'operator', o.oid::regoperator::text,
		concat_ws(E'\n\t',
			'kind ' || o.oprkind::text || ' result ' || o.oprresult::regtype::text ||
				' code ' || o.oprcode::regprocedure::text,
			'commutator ' || o.oprcom::regoperator::text || ' negator ' || o.oprnegate::regoperator::text,
			'restrict ' || o.oprrest::regproc::text || ' join ' || o.oprjoin::regproc::text ||
				' merges ' || o.oprcanmerge || ' hashes ' || o.oprcanhash,
			'owner ' || pg_get_userbyid(o.oprowner),
			'comment ' || coalesce(obj_description(o.oid, 'pg_operator'), '-'))
	FROM member m
	JOIN pg_operator o ON m.classid = 'pg_operator'::regclass AND o.oid = m.objid
	UNION ALL
	-- operator classes
	SELECT 'opclass', am.amname || ' ' || c.opcname,
		concat_ws(E'\n\t',
			'intype ' || c.opcintype::regtype::text || ' keytype ' || c.opckeytype::regtype::text ||
				' default ' || c.opcdefault,
			'family ' || f.opfname,
			'comment ' || coalesce(obj_description(c.oid, 'pg_opclass'), '-'))
	FROM member m
	JOIN pg_opclass c ON m.classid = 'pg_opclass'::regclass AND c.oid = m.objid
	JOIN pg_am am ON am.oid = c.opcmethod
	JOIN pg_opfamily f ON f.oid = c.opcfamily
	UNION ALL
	-- operator families, with every operator and support function in them
	SELECT 'opfamily', am.amname || ' ' || f.opfname,
		concat_ws(E'\n\t',
			'comment ' || coalesce(obj_description(f.oid, 'pg_opfamily'), '-'),
			'operators ' || coalesce((SELECT string_agg(concat_ws(' ', ao.amopstrategy,
					ao.amoplefttype::regtype, ao.amoprighttype::regtype, ao.amoppurpose,
					ao.amopopr::regoperator, ao.amopsortfamily), '; '
					ORDER BY ao.amopstrategy, ao.amoplefttype::regtype::text, ao.amoprighttype::regtype::text)
				FROM pg_amop ao WHERE ao.amopfamily = f.oid), '-'),
			'functions ' || coalesce((SELECT string_agg(concat_ws(' ', ap.amprocnum,
					ap.amproclefttype::regtype, ap.amprocrighttype::regtype,
					ap.amproc::regprocedure), '; '
					ORDER BY ap.amprocnum, ap.amproclefttype::regtype::text, ap.amprocrighttype::regtype::text)
				FROM pg_amproc ap WHERE ap.amprocfamily = f.oid), '-'))
	FROM member m
	JOIN pg_opfamily f ON m.classid = 'pg_opfamily'::regclass AND f.oid = m.objid
	JOIN pg_am am ON am.oid = f.opfmethod
	UNION ALL
	-- casts
	SELECT 'cast', c.castsource::regtype::text || ' -> ' || c.casttarget::regtype::text,
		concat_ws(E'\n\t',
			'function ' || c.castfunc::regprocedure::text || ' context ' || c.castcontext::text ||
				' method ' || c.castmethod::text,
			'comment ' || coalesce(obj_description(c.oid, 'pg_cast'), '-'))
	FROM member m
	JOIN pg_cast c ON m.classid = 'pg_cast'::regclass AND c.oid = m.objid
	UNION ALL
	-- tables, views, sequences, indexes: columns, constraints, definition
	SELECT 'relation', r.oid::regclass::text,
		concat_ws(E'\n\t',
			'relkind ' || r.relkind::text || ' persistence ' || r.relpersistence::text ||
				' options ' || coalesce(r.reloptions::text, '-'),
			'columns ' || coalesce((SELECT string_agg(concat_ws(' ', a.attname,
					format_type(a.atttypid, a.atttypmod), 'notnull', a.attnotnull,
					'default', coalesce(pg_get_expr(d.adbin, d.adrelid), '-'),
					'identity', a.attidentity, 'generated', a.attgenerated,
					'comment', coalesce(col_description(r.oid, a.attnum), '-')), '; ' ORDER BY a.attnum)
				FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
				WHERE a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped), '-'),
			'constraints ' || coalesce((SELECT string_agg(c.conname || ' ' || pg_get_constraintdef(c.oid), '; ' ORDER BY c.conname)
				FROM pg_constraint c WHERE c.conrelid = r.oid), '-'),
			'indexes ' || coalesce((SELECT string_agg(pg_get_indexdef(i.indexrelid), '; ' ORDER BY 1)
				FROM pg_index i WHERE i.indrelid = r.oid), '-'),
			'triggers ' || coalesce((SELECT string_agg(pg_get_triggerdef(tg.oid), '; ' ORDER BY tg.tgname)
				FROM pg_trigger tg WHERE tg.tgrelid = r.oid AND NOT tg.tgisinternal), '-'),
			'view ' || coalesce(pg_get_viewdef(r.oid), '-'),
			'config ' || coalesce((SELECT 'dumped where ' || coalesce(e.extcondition[array_position(e.extconfig, r.oid)], '-')
				FROM ext e WHERE r.oid = ANY (e.extconfig)), '-'),
			'owner ' || pg_get_userbyid(r.relowner) || ' acl ' || coalesce(r.relacl::text, '-'),
			'comment ' || coalesce(obj_description(r.oid, 'pg_class'), '-'))
	FROM member m
	JOIN pg_class r ON m.classid = 'pg_class'::regclass AND r.oid = m.objid
	UNION ALL
	-- anything else (schemas, event triggers, text search objects, ...)
	SELECT 'other', pg_describe_object(m.classid, m.objid, m.objsubid),
		'comment ' || coalesce(obj_description(m.objid, m.classid::regclass::name), '-')
	FROM member m
	WHERE m.classid NOT IN ('pg_proc'::regclass, 'pg_type'::regclass, 'pg_operator'::regclass,
		'pg_opclass'::regclass, 'pg_opfamily'::regclass, 'pg_cast'::regclass, 'pg_class'::regclass)
	UNION ALL
	-- the extension itself
	SELECT 'extension', 'indicator',
		'relocatable ' || e.extrelocatable || ' schema ' || e.nsp::text ||
		' members ' || (SELECT count(*) FROM member)
	FROM ext e
)
SELECT kind || ' ' || object || E'\n\t' || detail
FROM line
ORDER BY kind, object, detail;
