#include "text/bidi.h"
#include "text/langscript.h"
#include "base/xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubidi.h>
#include <unicode/ustring.h>

bool bidi_lang_rtl(const char *lang)
{
    return lang_script_rtl(lang);
}

/* Byte length of the UTF-8 sequence starting with b (1 for a stray). */
static size_t seq_len(unsigned char b)
{
    return b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
}

bool bidi_levels(const char *s, size_t len, bool rtl, unsigned char *levels)
{
    memset(levels, rtl ? 1 : 0, len);
    if (len == 0 || len > 0x7FFFFFF)
        return len == 0;
    /* Fast path: nothing right to left and a left-to-right paragraph. */
    bool any = rtl;
    for (size_t b = 0; b < len && !any; b++)
        any = (unsigned char)s[b] >= 0xD6;  /* U+0590 and up, roughly */
    if (!any)
        return true;
    UErrorCode e = U_ZERO_ERROR;
    int32_t n16 = 0;
    u_strFromUTF8(NULL, 0, &n16, s, (int32_t)len, &e);
    if (e != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(e))
        return false;
    e = U_ZERO_ERROR;
    UChar *u = xmalloc(((size_t)n16 + 1) * sizeof *u);
    u_strFromUTF8WithSub(u, n16 + 1, NULL, s, (int32_t)len, 0xFFFD, NULL, &e);
    UBiDi *bd = U_SUCCESS(e) ? ubidi_openSized(n16, 0, &e) : NULL;
    if (bd)
        ubidi_setPara(bd, u, n16, rtl ? 1 : 0, NULL, &e);
    const UBiDiLevel *lv = bd && U_SUCCESS(e) ? ubidi_getLevels(bd, &e) : NULL;
    bool ok = lv && U_SUCCESS(e);
    if (ok) {
        /* Walk UTF-8 and UTF-16 together: one character at a time. */
        size_t b = 0;
        int32_t k = 0;
        while (b < len && k < n16) {
            size_t m = seq_len((unsigned char)s[b]);
            if (b + m > len)
                m = len - b;
            memset(levels + b, lv[k], m);
            b += m;
            k += m == 4 ? 2 : 1;
        }
    }
    if (bd)
        ubidi_close(bd);
    free(u);
    return ok;
}

void bidi_reorder(const unsigned char *levels, size_t n, size_t *order)
{
    for (size_t k = 0; k < n; k++)
        order[k] = k;
    unsigned char hi = 0, lo = 255;
    for (size_t k = 0; k < n; k++) {
        if (levels[k] > hi)
            hi = levels[k];
        if ((levels[k] & 1) && levels[k] < lo)
            lo = levels[k];
    }
    for (int lev = hi; lev >= lo && lev > 0; lev--)
        for (size_t k = 0; k < n;) {
            if (levels[order[k]] < lev) {
                k++;
                continue;
            }
            size_t e = k;
            while (e < n && levels[order[e]] >= lev)
                e++;
            for (size_t a = k, z = e - 1; a < z; a++, z--) {
                size_t t = order[a];
                order[a] = order[z];
                order[z] = t;
            }
            k = e;
        }
}

const char *bidi_isolate(Arena *a, const char *s, bool rtl)
{
    return arena_printf(a, "%s%s\xE2\x81\xA9", rtl ? "\xE2\x81\xA7" : "\xE2\x81\xA6",
                        s);
}

bool bidi_control(int32_t cp)
{
    return cp == 0x200E || cp == 0x200F || cp == 0x061C ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}
