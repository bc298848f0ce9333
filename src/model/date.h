/* date — calendar arithmetic on model dates (proleptic Gregorian).
 * One place for it: sorting the agenda, validating ranges, weekday names,
 * day shifts across time zones and PDF dates all count days the same way.
 */
#ifndef LIVRET_DATE_H
#define LIVRET_DATE_H

#include "model/model.h"

/* <0, 0, >0 as a is before, on, after b. */
int date_compare(Date a, Date b);
/* Days from 1970-01-01 to d (negative before). */
long date_days(Date d);
/* 0 = Monday … 6 = Sunday. */
int date_weekday(Date d);

#endif
