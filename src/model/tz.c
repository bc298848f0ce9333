#include "model/tz.h"
#include "model/date.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define ZONEINFO "/usr/share/zoneinfo"

bool tz_known(const char *name)
{
    /* A zone name is a relative path of letters, digits, '_', '-', '+'
     * and '/' — never "..", never absolute: it must not reach outside
     * the database. */
    if (!name || !*name || name[0] == '/' || strstr(name, ".."))
        return false;
    for (const char *p = name; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
              (*p >= '0' && *p <= '9') || strchr("_-+/", *p)))
            return false;
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s/%s", ZONEINFO, name) >= (int)sizeof path)
        return false;
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Switch TZ; returns the previous value (heap copy or NULL). */
static char *set_tz(const char *zone)
{
    const char *old = getenv("TZ");
    char *saved = old ? strdup(old) : NULL;
    setenv("TZ", zone, 1);
    tzset();
    return saved;
}

static void restore_tz(char *saved)
{
    if (saved) {
        setenv("TZ", saved, 1);
        free(saved);
    } else {
        unsetenv("TZ");
    }
    tzset();
}

bool tz_convert(const char *from, Date date, int minutes, const char *to,
                ZoneTime *out)
{
    if (!tz_known(from) || !tz_known(to) || date.y == 0)
        return false;
    char *saved = set_tz(from);
    struct tm tm = { 0 };
    tm.tm_year = date.y - 1900;
    tm.tm_mon = date.m - 1;
    tm.tm_mday = date.d;
    tm.tm_hour = minutes / 60;   /* 24:00 normalises to the next day */
    tm.tm_min = minutes % 60;
    tm.tm_isdst = -1;
    time_t t = mktime(&tm);
    bool ok = t != (time_t)-1;
    struct tm lt;
    if (ok) {
        setenv("TZ", to, 1);
        tzset();
        ok = localtime_r(&t, &lt) != NULL;
    }
    if (ok) {
        out->date.y = lt.tm_year + 1900;
        out->date.m = lt.tm_mon + 1;
        out->date.d = lt.tm_mday;
        out->minutes = lt.tm_hour * 60 + lt.tm_min;
        /* A session ending at midnight ends at 24:00 of its own day, not
         * at 00:00 of the next. */
        long shift = date_days(out->date) - date_days(date);
        if (minutes == 1440 && out->minutes == 0) {
            out->minutes = 1440;
            shift--;
        }
        out->day_shift = (int)shift;
        const char *z = lt.tm_zone ? lt.tm_zone : "";
        if (z[0] == '+' || z[0] == '-') {
            /* tzdata writes "-03" for zones without a common abbreviation */
            int h = atoi(z + 1);
            int m = (int)strlen(z) > 3 ? atoi(z + 3) : 0;
            if (m)
                snprintf(out->abbr, sizeof out->abbr, "UTC%s%d:%02d",
                         z[0] == '-' ? "\xE2\x88\x92" : "+", h, m);
            else
                snprintf(out->abbr, sizeof out->abbr, "UTC%s%d",
                         z[0] == '-' ? "\xE2\x88\x92" : "+", h);
        } else {
            snprintf(out->abbr, sizeof out->abbr, "%s", z);
        }
    }
    restore_tz(saved);
    return ok;
}
