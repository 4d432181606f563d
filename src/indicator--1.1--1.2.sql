/*
 * indicator 1.1 -> 1.2: every object that release 1.2 adds or changes.
 *
 * ALTER EXTENSION indicator UPDATE runs this script on a 1.1 database; the
 * fresh install script of 1.2 is 1.0's objects followed by every upgrade
 * script (see the Makefile), so both create the same catalog, which
 * test/upgrade.sh checks.  Once 1.2 is released this file is never edited.
 *
 * Sections by concern, one per C file that implements them.
 */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION indicator UPDATE TO '1.2'" to load this file. \quit
