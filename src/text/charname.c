#include "text/charname.h"

#include <stdio.h>
#include <unicode/uchar.h>

const char *charname(uint32_t cp, char *buf, size_t size)
{
    if (size == 0)
        return buf;
    int n = snprintf(buf, size, "U+%04X", (unsigned)cp);
    if (n < 0 || (size_t)n + 2 >= size || cp > 0x10FFFF)
        return buf;
    char name[100];
    UErrorCode err = U_ZERO_ERROR;
    int32_t k = u_charName((UChar32)cp, U_UNICODE_CHAR_NAME, name,
                           (int32_t)sizeof name, &err);
    if (U_FAILURE(err) || k <= 0) {
        /* controls, noncharacters, unassigned: ICU's <...> form */
        err = U_ZERO_ERROR;
        k = u_charName((UChar32)cp, U_EXTENDED_CHAR_NAME, name,
                       (int32_t)sizeof name, &err);
    }
    if (U_SUCCESS(err) && k > 0 && k < (int32_t)sizeof name)
        snprintf(buf + n, size - (size_t)n, " %s", name);
    return buf;
}
