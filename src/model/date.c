#include "model/date.h"

int date_compare(Date a, Date b)
{
    if (a.y != b.y)
        return a.y < b.y ? -1 : 1;
    if (a.m != b.m)
        return a.m < b.m ? -1 : 1;
    return a.d < b.d ? -1 : a.d > b.d;
}

long date_days(Date dt)
{
    /* Howard Hinnant's days_from_civil. */
    int y = dt.y - (dt.m <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (dt.m + (dt.m > 2 ? -3 : 9)) + 2) / 5 + dt.d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int date_weekday(Date dt)
{
    /* 1970-01-01 was a Thursday (3, Monday first). */
    long w = (date_days(dt) + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}
