// indicator through node-postgres (pg, from npm: package.json), against
// psql's answers (see ../run.sh): the JavaScript types of every column
// (numeric as a string, double precision and integer as numbers, date as a
// Date), $n parameters sent as strings (untyped: the server infers each),
// named statements (prepared on the server), the binary form as a Buffer,
// and the Date pitfalls the README warns about.
//   node test.js
'use strict';
const fs = require('fs');
const path = require('path');
const { Client, types } = require('pg');

const DIR = process.env.INDICATOR_CLIENTS_ANSWERS;
let failures = 0;
let checked = 0;

function fail(message) {
  failures++;
  console.log('FAIL: ' + message);
}

const query = (name) => fs.readFileSync(path.join(DIR, name + '.sql'), 'utf8').trim().replace(/;$/, '');
const answer = (name) => fs.readFileSync(path.join(DIR, name + '.tsv'), 'utf8').split('\n')
  .filter((l) => l !== '').map((l) => l.split('\t').map((v) => (v === '\\N' ? null : v)));

// the calendar day of a Date in the process's time zone, as YYYY-MM-DD
const localDay = (d) => [d.getFullYear(), String(d.getMonth() + 1).padStart(2, '0'),
  String(d.getDate()).padStart(2, '0')].join('-');

// value (as node-postgres gives it) equals psql's text, exactly
function same(v, text) {
  if (v === null || text === null) return v === null && text === null;
  if (typeof v === 'number') return v === Number(text); // shortest round-trip text: exact
  if (v instanceof Date) return localDay(v) === text; // a date comes as local midnight
  if (Buffer.isBuffer(v)) return v.toString('hex') === text.slice(2);
  return v === text; // numeric, text, indicator_series: strings, digit for digit
}

// kinds: the typeof (or 'Date', 'Buffer') expected in each column
function check(label, result, name, kinds) {
  const expected = answer(name);
  if (result.rows.length !== expected.length) {
    fail(`${label}: ${result.rows.length} rows, psql gives ${expected.length}`);
    return;
  }
  result.rows.forEach((row, i) => {
    if (row.length !== expected[i].length) fail(`${label}: row ${i}: ${row.length} columns, psql gives ${expected[i].length}`);
    row.forEach((v, j) => {
      checked++;
      const kind = v instanceof Date ? 'Date' : Buffer.isBuffer(v) ? 'Buffer' : typeof v;
      if (v !== null && kind !== kinds[j]) fail(`${label}: row ${i} column ${j}: ${kind}, expected ${kinds[j]}`);
      else if (!same(v, expected[i][j])) fail(`${label}: row ${i} column ${j}: ${v}, psql gives ${expected[i][j]}`);
    });
  });
}

const PARAMS_SQL = `
SELECT value_at(s, $1) AS value_at, ytd(s, $1, $2) AS ytd, yoy_pct(s, $1) AS yoy_pct,
       annual(s, $3) AS annual, attainment_pct(s, $3, $4) AS attainment_pct,
       fiscal_year($5, $2) AS fiscal_year
FROM series_t WHERE region = $6`;
const PARAMS = ['1994-06-01', '7', '1993', '12500.5', '1994-08-15', 'north'];
const PARAMS_KINDS = ['string', 'string', 'number', 'string', 'number', 'number'];

async function main() {
  process.env.TZ = 'UTC';
  const client = new Client({ database: process.env.INDICATOR_CLIENTS_DB });
  await client.connect();
  const rows = async (text, values) => client.query({ text, values, rowMode: 'array' });

  // result types: numeric -> string, double precision and integer -> number,
  // date -> Date (local midnight), text and indicator_series -> string
  const SERIES_ROWS = ['Date', 'string', 'number', 'number', 'string', 'number'];
  check('series_rows', await rows(query('series_rows')), 'series_rows', SERIES_ROWS);
  check('series_rows(s, fy, method)', await rows(query('series_rows_last_year')), 'series_rows_last_year',
    SERIES_ROWS.concat(['string', 'string']));
  check('annual_rows', await rows(query('annual_rows')), 'annual_rows', ['string', 'number', 'string', 'number', 'number']);
  check('scalars', await rows(query('scalars')), 'scalars', ['number', 'number', 'string', 'string', 'number', 'number']);
  check('series text', await rows(query('series_text')), 'series_text', ['string', 'string']);

  // $n parameters: node-postgres sends every value as text of unknown type;
  // strings, and numbers (sent as their text), both resolve as 1.0's calls
  check('parameters', await rows(PARAMS_SQL, PARAMS), 'params', PARAMS_KINDS);
  check('parameters (numbers)', await rows(PARAMS_SQL, ['1994-06-01', 7, 1993, 12500.5, '1994-08-15', 'north']),
    'params', PARAMS_KINDS);

  // named statements are prepared on the server once, then executed
  for (let k = 0; k < 3; k++) {
    check(`named statement (execution ${k + 1})`,
      await client.query({ name: 'indicator_params', text: PARAMS_SQL, values: PARAMS, rowMode: 'array' }),
      'params', PARAMS_KINDS);
  }
  const named = await client.query("SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name = 'indicator_params'");
  if (named.rows[0].n !== 1) fail(`named statement: ${named.rows[0].n} on the server, expected 1`);

  // the binary form: node-postgres decodes every binary value it has no
  // parser for as UTF-8 text (binary: true gives no raw bytes), so ask for
  // indicator_series_send(s), a bytea, which comes as a Buffer
  check('binary form', await rows(query('series_send')), 'series_send', ['string', 'Buffer']);
  const mangled = (await client.query({ text: query('series_text'), binary: true, rowMode: 'array' })).rows[0][1];
  if (Buffer.isBuffer(mangled)) fail('binary: true now gives indicator_series as a Buffer: update the README');

  // The README's warnings, checked:
  // 1. west of UTC, a Date at UTC midnight (new Date('1994-06-01'), Date.UTC)
  //    is sent as the previous evening in local time, so the server reads the
  //    previous day: value_at gets May 31, May's value.  A 'YYYY-MM-DD' string
  //    is sent as it is.
  process.env.TZ = 'America/New_York';
  const may = (await rows("SELECT value_at(s, '1994-05-01') FROM series_t WHERE region = 'north'")).rows[0][0];
  const june = answer('params')[0][0];
  const viaDate = (await rows("SELECT value_at(s, $1), $1::text FROM series_t WHERE region = 'north'",
    [new Date('1994-06-01')])).rows[0];
  if (viaDate[0] !== may || viaDate[1] !== '1994-05-31') {
    fail(`a UTC-midnight Date west of UTC: ${viaDate}; the README says the previous day (May: ${may})`);
  }
  const viaString = (await rows("SELECT value_at(s, $1) FROM series_t WHERE region = 'north'", ['1994-06-01'])).rows[0];
  if (viaString[0] !== june) fail(`'1994-06-01' as a string: ${viaString[0]}, psql gives ${june}`);
  // 2. a date read back is a Date at local midnight: east of UTC its
  //    toISOString() (and JSON) is the day before; a type parser for date
  //    (OID 1082) keeps psql's 'YYYY-MM-DD'
  process.env.TZ = 'Asia/Ho_Chi_Minh';
  const first = answer('series_rows')[0][0];
  const asDate = (await rows(query('series_rows'))).rows[0][0];
  if (asDate.toISOString().slice(0, 10) === first) fail(`east of UTC, toISOString() of ${first} is not the day before`);
  types.setTypeParser(1082, (v) => v);
  check('dates as strings (setTypeParser(1082))', await rows(query('series_rows')), 'series_rows',
    ['string'].concat(SERIES_ROWS.slice(1)));

  await client.end();
  if (failures > 0) {
    console.log(`node-postgres: ${failures} failures`);
    process.exit(1);
  }
  console.log(`${checked} values equal to psql's (pg ${require('pg/package.json').version}, node ${process.version})`);
}

main().catch((e) => {
  console.log('FAIL: ' + e.stack);
  process.exit(1);
});
