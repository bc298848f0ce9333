/* scalar — a scalar's own text to a typed value.
 *
 * Takes the text of one YAML scalar; gives a date, time, colour, number or
 * boolean, never by YAML 1.1's rules (`no` is not false unless a field
 * asks for a boolean).  Each returns false when the text does not match;
 * the caller reports, with the field.  Used by schema (programmes), style
 * (layouts) and the import readers.  Touches nothing else.
 */
#ifndef LIVRET_INPUT_SCALAR_H
#define LIVRET_INPUT_SCALAR_H

#include <stdbool.h>

#include "model/model.h"

bool parse_date(const char *s, Date *out);          /* YYYY-MM-DD, real date */
bool parse_time(const char *s, int *minutes);       /* H:MM or HH:MM, 00-23/00-59,
                                                       optionally :SS (dropped) */
bool parse_color(const char *s, Color *out);        /* #RRGGBB or cmyk(c,m,y,k) % */
bool parse_int(const char *s, long min, long max, long *out);
bool parse_bool(const char *s, bool *out);          /* true/false/yes/no */
/* "12pt", "5mm", "1.5cm", "0.5in" or a bare number of points, < 1e5 */
bool parse_length(const char *s, double *out);

/* The shapes alone, for messages that say what is wrong with the numbers. */
bool scalar_date_shape(const char *s, int *y, int *m, int *d);
bool scalar_time_shape(const char *s, int *h, int *m);
int scalar_time_seconds(const char *s);             /* the :SS of a time, or 0 */
int scalar_days_in_month(int y, int m);

#endif
