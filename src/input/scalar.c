/* scalar — typed scalar parsers: see scalar.h. */
#include "input/scalar.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------------ */
/* Typed scalar parsers                                                */

/* n ASCII digits at s as a number, or -1. */
static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int scalar_days_in_month(int y, int m)
{
    static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
                                31 };
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

/* The YYYY-MM-DD shape, whatever the numbers. */
bool scalar_date_shape(const char *s, int *y, int *m, int *d)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    *y = digits(s, 4);
    *m = digits(s + 5, 2);
    *d = digits(s + 8, 2);
    return *y >= 0 && *m >= 0 && *d >= 0;
}

bool parse_date(const char *s, Date *out)
{
    int y, m, d;
    if (!scalar_date_shape(s, &y, &m, &d) || y < 1 || m < 1 || m > 12 || d < 1
        || d > scalar_days_in_month(y, m))
        return false;
    out->y = y;
    out->m = m;
    out->d = d;
    return true;
}

/* H:MM or HH:MM, any numbers, optionally followed by :SS (exports write
 * "10:30:00"); the seconds must be 00-59. */
bool scalar_time_shape(const char *s, int *h, int *m)
{
    size_t n = strlen(s);
    if (n == 7 || n == 8) {
        if (s[n - 3] != ':' || digits(s + n - 2, 2) < 0
            || digits(s + n - 2, 2) > 59)
            return false;
        n -= 3;
    }
    if (n != 4 && n != 5)
        return false;
    int hl = (int)n - 3;
    if (s[hl] != ':')
        return false;
    *h = digits(s, hl);
    *m = digits(s + hl + 1, 2);
    return *h >= 0 && *m >= 0;
}

int scalar_time_seconds(const char *s)
{
    size_t n = strlen(s);
    return n == 7 || n == 8 ? digits(s + n - 2, 2) : 0;
}

bool parse_time(const char *s, int *minutes)
{
    int h, m;
    if (!scalar_time_shape(s, &h, &m) || h > 23 || m > 59)
        return false;
    *minutes = h * 60 + m;
    return true;
}

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0'
         : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static bool parse_rgb(const char *s, Color *out)
{
    if (strlen(s) != 7 || s[0] != '#')
        return false;
    for (int i = 0; i < 3; i++) {
        int hi = hexval(s[1 + 2 * i]), lo = hexval(s[2 + 2 * i]);
        if (hi < 0 || lo < 0)
            return false;
        out->c[i] = (hi * 16 + lo) / 255.0;
    }
    out->c[3] = 0;
    out->space = COLOR_RGB;
    return true;
}

/* One percentage of cmyk(): a decimal 0-100, an optional '%', blanks
 * around; *s moves past it and the separator expected next. */
static bool cmyk_component(const char **s, char sep, double *out)
{
    const char *p = *s;
    while (*p == ' ')
        p++;
    if (!(*p >= '0' && *p <= '9'))
        return false;
    char *end;
    errno = 0;
    double v = strtod(p, &end);
    if (errno || v < 0 || v > 100)
        return false;
    p = end;
    if (*p == '%')
        p++;
    while (*p == ' ')
        p++;
    if (*p != sep)
        return false;
    *out = v / 100.0;
    *s = p + 1;
    return true;
}

static bool parse_cmyk(const char *s, Color *out)
{
    if (strncmp(s, "cmyk(", 5) != 0 && strncmp(s, "CMYK(", 5) != 0)
        return false;
    const char *p = s + 5;
    for (int i = 0; i < 4; i++)
        if (!cmyk_component(&p, i < 3 ? ',' : ')', &out->c[i]))
            return false;
    if (*p != '\0')
        return false;
    out->space = COLOR_CMYK;
    return true;
}

bool parse_color(const char *s, Color *out)
{
    Color c = { COLOR_NONE, { 0, 0, 0, 0 } };
    if (!parse_rgb(s, &c) && !parse_cmyk(s, &c))
        return false;
    *out = c;
    return true;
}

bool parse_int(const char *s, long min, long max, long *out)
{
    const char *p = s;
    if (*p == '-' || *p == '+')
        p++;
    if (!(*p >= '0' && *p <= '9'))
        return false;
    for (const char *q = p; *q; q++)
        if (!(*q >= '0' && *q <= '9'))
            return false;
    errno = 0;
    long v = strtol(s, NULL, 10);
    if (errno == ERANGE || v < min || v > max)
        return false;
    *out = v;
    return true;
}

bool parse_bool(const char *s, bool *out)
{
    static const char *const yes[] = { "true", "yes" };
    static const char *const no[] = { "false", "no" };
    for (int i = 0; i < 2; i++) {
        if (strcasecmp(s, yes[i]) == 0) {
            *out = true;
            return true;
        }
        if (strcasecmp(s, no[i]) == 0) {
            *out = false;
            return true;
        }
    }
    return false;
}

/* "12pt", "5mm", "1.5cm", "0.5in" or a bare number of points. */
bool parse_length(const char *s, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s)
        return false;
    while (*end == ' ')
        end++;
    double k;
    if (!*end || strcmp(end, "pt") == 0)
        k = 1;
    else if (strcmp(end, "mm") == 0)
        k = 72 / 25.4;
    else if (strcmp(end, "cm") == 0)
        k = 720 / 25.4;
    else if (strcmp(end, "in") == 0)
        k = 72;
    else
        return false;
    *out = v * k;
    return v >= 0 && v < 1e5;
}
