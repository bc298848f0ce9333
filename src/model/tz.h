/* tz — session times in other time zones, from the system tz database.
 *
 * A programme in Buenos Aires with delegates in Europe shows
 * "10:35–12:05 ART · 15:35–17:05 CEST": the same instant in each display
 * zone, daylight saving included, computed with the C library and the
 * tzdata files (/usr/share/zoneinfo), never by fixed offsets.  When the
 * local date differs from the session's date the time carries a day mark.
 *
 * The C library only converts through the TZ environment variable; tz.c
 * sets it, converts and restores it, so callers never see it change.
 * Not thread-safe (livret has one thread).
 */
#ifndef LIVRET_TZ_H
#define LIVRET_TZ_H

#include <stdbool.h>
#include <stddef.h>

#include "model/model.h"

/* Is name a zone of the installed tz database ("Europe/Paris")? */
bool tz_known(const char *name);

typedef struct ZoneTime {
    Date date;          /* local date in the target zone */
    int minutes;        /* local time, minutes since midnight */
    int day_shift;      /* date - source date: -1, 0, +1 */
    char abbr[16];      /* "CEST"; tzdata's numeric ones become "UTC−3" */
} ZoneTime;

/* The instant (date, minutes) in zone `from` seen in zone `to`.  minutes
 * may be 1440 (midnight ending a session).  false when either zone is
 * unknown. */
bool tz_convert(const char *from, Date date, int minutes, const char *to,
                ZoneTime *out);

#endif
