/*
 * store_trigger.h
 *	  The trigger function that keeps a series store current (store_trigger.c).
 */
#ifndef INDICATOR_STORE_TRIGGER_H
#define INDICATOR_STORE_TRIGGER_H

#include "fmgr.h"

extern Datum series_store_trigger(PG_FUNCTION_ARGS);

#endif							/* INDICATOR_STORE_TRIGGER_H */
