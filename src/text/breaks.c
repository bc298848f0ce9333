#include "text/breaks.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

void breaks_init(TextBreaks *b)
{
    memset(b, 0, sizeof *b);
}

void breaks_fini(TextBreaks *b)
{
    for (int i = 0; i < BREAKS_LANGS; i++)
        if (b->line[i])
            ubrk_close(b->line[i]);
    if (b->chars)
        ubrk_close(b->chars);
    memset(b, 0, sizeof *b);
}

/* The iterator walks a UTF-8 UText: native indexes are byte offsets, so
 * no UTF-16 copy and no offset map. */
static bool walk(UBreakIterator *bi, const char *s, size_t len,
                 unsigned char *mark, bool line)
{
    UErrorCode err = U_ZERO_ERROR;
    UText *ut = utext_openUTF8(NULL, s, (int64_t)len, &err);
    if (U_FAILURE(err))
        return false;
    ubrk_setUText(bi, ut, &err);
    if (U_FAILURE(err)) {
        utext_close(ut);
        return false;
    }
    for (int32_t p = ubrk_first(bi); p != UBRK_DONE; p = ubrk_next(bi)) {
        if (p < 0 || (size_t)p > len)
            break;
        if (line) {
            if (p > 0 && (size_t)p < len)
                mark[p - 1] = 1;
        } else {
            mark[p] = 1;
        }
    }
    /* The iterator holds a shallow clone of ut (the bytes stay ours,
     * read only while we walk): ut itself can go. */
    utext_close(ut);
    return true;
}

bool breaks_line(TextBreaks *b, const char *s, size_t len, const char *lang,
                 unsigned char *allow)
{
    memset(allow, 0, len);
    if (len == 0)
        return true;
    const char *l = lang && lang[0] ? lang : "";
    int k = 0;
    while (k < BREAKS_LANGS && !(b->line[k] && strcmp(b->lang[k], l) == 0))
        k++;
    if (k == BREAKS_LANGS) {
        k = 0;
        while (k < BREAKS_LANGS && b->line[k])
            k++;
        if (k == BREAKS_LANGS) {
            k = (int)(b->next++ % BREAKS_LANGS);
            ubrk_close(b->line[k]);
            b->line[k] = NULL;
        }
        UErrorCode err = U_ZERO_ERROR;
        b->line[k] = ubrk_open(UBRK_LINE, l, NULL, 0, &err);
        if (U_FAILURE(err)) {
            b->line[k] = NULL;
            b->failed = true;
            return false;
        }
        snprintf(b->lang[k], sizeof b->lang[k], "%s", l);
    }
    if (!walk(b->line[k], s, len, allow, true)) {
        memset(allow, 0, len);
        b->failed = true;
        return false;
    }
    return true;
}

/* Whether cp is always a grapheme cluster of its own, whatever is around
 * it (UAX #29: Grapheme_Cluster_Break Other or Control, never Extend,
 * ZWJ, SpacingMark, Prepend, Regional_Indicator or Hangul; CR and LF are
 * handled apart): Latin letters below the combining marks, general
 * punctuation (no joiners, no bidi controls), currency signs. */
static bool lone_cluster(uint32_t cp)
{
    return (cp < 0x300 && cp != '\r') ||
           (cp >= 0x2010 && cp <= 0x2027) ||
           (cp >= 0x202F && cp <= 0x205F) ||
           (cp >= 0x20A0 && cp <= 0x20C0);
}

/* The clusters of text made only of such characters: one a character
 * (a third of the time of a paragraph went to ICU's iterator for text
 * that is mostly this). */
static bool simple_clusters(const char *s, size_t len, unsigned char *start)
{
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp;
        size_t n;
        if (c < 0x80) {
            cp = c;
            n = 1;
        } else if (c < 0xE0) {
            cp = c & 0x1F;
            n = 2;
        } else if (c < 0xF0) {
            cp = c & 0x0F;
            n = 3;
        } else {
            return false;
        }
        if (i + n > len)
            return false;
        for (size_t k = 1; k < n; k++)
            cp = cp << 6 | ((unsigned char)s[i + k] & 0x3F);
        if (!lone_cluster(cp))
            return false;
        i += n;
    }
    for (size_t i = 0; i < len; i++)
        start[i] = ((unsigned char)s[i] & 0xC0) != 0x80;
    start[len] = 1;
    return true;
}

bool breaks_clusters(TextBreaks *b, const char *s, size_t len,
                     unsigned char *start)
{
    memset(start, 0, len + 1);
    if (simple_clusters(s, len, start))
        return true;
    if (!b->chars) {
        UErrorCode err = U_ZERO_ERROR;
        b->chars = ubrk_open(UBRK_CHARACTER, "", NULL, 0, &err);
        if (U_FAILURE(err))
            b->chars = NULL;
    }
    if (!b->chars || !walk(b->chars, s, len, start, false)) {
        b->failed = true;
        for (size_t i = 0; i <= len; i++)
            start[i] = i == len || ((unsigned char)s[i] & 0xC0) != 0x80;
        return false;
    }
    start[len] = 1;
    return true;
}
