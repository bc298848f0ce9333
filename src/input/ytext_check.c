/* ytext_check — is the file UTF-8 text fit for a programme?  See ytext.h.
 *
 * libyaml's reader reports a bad byte with neither line nor column, so
 * every byte is looked at here first, with positions in code points.
 */
#include "input/ytext.h"

#include <stdio.h>
#include <string.h>

#define MAX_CONTROL_ERRORS 10   /* then the file is probably not text */

/* ------------------------------------------------------------------ */
/* 1. Encoding and control characters                                  */

/* One invalid sequence: how many bytes to show, how many to skip. */
typedef struct BadSeq {
    size_t shown;
    size_t skip;
    const char *why;
} BadSeq;

/* Length of the valid UTF-8 sequence at s (n >= 1 bytes left) with its code
 * point in *cp, or 0 with *bad filled in.  Written out rather than taken
 * from utf8proc_iterate because the message names the kind of fault. */
static size_t utf8_decode(const unsigned char *s, size_t n, int32_t *cp,
                          BadSeq *bad)
{
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = (int32_t)c;
        return 1;
    }
    bad->shown = bad->skip = 1;
    if (c < 0xC0) {
        bad->why = "unexpected continuation byte";
        return 0;
    }
    if (c < 0xC2) {
        bad->why = "overlong encoding";
        bad->shown = bad->skip = (n > 1 && ytext_is_cont(s[1])) ? 2 : 1;
        return 0;
    }
    if (c > 0xF4) {
        bad->why = "byte never used in UTF-8";
        return 0;
    }
    size_t need = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    unsigned lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
    unsigned hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
    int32_t v = (int32_t)(c & (0xFF >> (need + 1)));
    for (size_t i = 1; i < need; i++) {
        if (i >= n) {
            bad->why = "sequence truncated at the end of the file";
            bad->shown = bad->skip = i;
            return 0;
        }
        if (!ytext_is_cont(s[i])) {
            bad->why = "truncated sequence";
            bad->shown = i + 1;     /* show the byte that broke it */
            bad->skip = i;          /* but read it again as itself */
            return 0;
        }
        if (i == 1 && (s[1] < lo || s[1] > hi)) {
            bad->why = c == 0xED ? "UTF-16 surrogate"
                     : c == 0xF4 ? "code point above U+10FFFF"
                                 : "overlong encoding";
            size_t k = 2;
            while (k < need && k < n && ytext_is_cont(s[k]))
                k++;
            bad->shown = bad->skip = k;
            return 0;
        }
        v = (v << 6) | (s[i] & 0x3F);
    }
    *cp = v;
    return need;
}

/* What is wrong with code point cp as text in a programme, or NULL. */
static const char *control_problem(int32_t cp)
{
    if (cp == '\t' || cp == '\n')
        return NULL;
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F))
        return "control character";
    if (cp == 0xFEFF)
        return "byte order mark (allowed only at the start of the file)";
    if ((cp & 0xFFFE) == 0xFFFE || (cp >= 0xFDD0 && cp <= 0xFDEF))
        return "noncharacter";
    return NULL;
}

typedef struct TextCheck {
    const char *file;
    Diags *d;
    size_t nbad;            /* invalid UTF-8 sequences */
    size_t nmultibyte;      /* valid sequences of 2 bytes or more */
    bool latin1_like;       /* a bad lead byte looked like a Latin-1 letter */
    size_t ncontrol;
} TextCheck;

static void report_bad_seq(TextCheck *tc, const unsigned char *s,
                           const BadSeq *bad, int line, int col)
{
    tc->nbad++;
    if (s[0] >= 0xC0 && bad->skip == 1)
        tc->latin1_like = true;
    if (tc->nbad > 1)
        return;     /* the first is enough to locate the problem */
    char hex[4 * 3 + 1] = "";
    for (size_t i = 0, o = 0; i < bad->shown && i < 4; i++, o += 3)
        snprintf(hex + o, sizeof hex - o, "%02x ", s[i]);
    hex[3 * (bad->shown < 4 ? bad->shown : 4) - 1] = '\0';
    diag_error(tc->d, srcloc(tc->file, line, col), NULL,
               "invalid UTF-8 byte sequence <%s> (%s)", hex, bad->why);
}

static void report_control(TextCheck *tc, int32_t cp, const char *what,
                           int line, int col)
{
    tc->ncontrol++;
    if (tc->ncontrol > MAX_CONTROL_ERRORS)
        return;
    diag_error(tc->d, srcloc(tc->file, line, col), NULL,
               "%s U+%04X is not allowed", what, (unsigned)cp);
    if (tc->ncontrol == MAX_CONTROL_ERRORS)
        diag_note(tc->d, srcloc(tc->file, 0, 0),
                  "further control characters are not reported; "
                  "is this a UTF-8 text file?");
}

static void report_text_summary(const TextCheck *tc)
{
    SrcLoc whole = srcloc(tc->file, 0, 0);
    /* Latin-1 text has letters where UTF-8 expects a lead byte, and no
     * valid multi-byte sequence (a UTF-8 file with one bad byte has many). */
    if (tc->latin1_like && tc->nmultibyte == 0)
        diag_note(tc->d, whole,
                  "the file is not UTF-8 (Latin-1?): %zu invalid sequence%s; "
                  "convert it, e.g. with iconv -f LATIN1 -t UTF-8",
                  tc->nbad, tc->nbad == 1 ? "" : "s");
    else if (tc->nbad > 1)
        diag_note(tc->d, whole, "invalid UTF-8 sequences in all: %zu",
                  tc->nbad);
}

/* Checks every byte; reports and returns false when the text is not
 * UTF-8 fit for libyaml.  Columns count code points, like libyaml's. */
bool ytext_check(const char *file, const char *text, size_t n,
                       Diags *d)
{
    const unsigned char *s = (const unsigned char *)text;
    TextCheck tc = { file, d, 0, 0, false, 0 };
    int line = 1, col = 1;
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c >= 0x20 && c < 0x7F) {        /* the common case */
            i++;
            col++;
            continue;
        }
        if (c == '\n') {
            i++;
            line++;
            col = 1;
            continue;
        }
        if (c == '\r' && i + 1 < n && s[i + 1] == '\n') {
            i++;
            col++;
            continue;
        }
        int32_t cp = 0;
        BadSeq bad = { 0, 0, NULL };
        size_t k = utf8_decode(s + i, n - i, &cp, &bad);
        if (k == 0) {
            report_bad_seq(&tc, s + i, &bad, line, col);
            i += bad.skip;
            col++;
            continue;
        }
        const char *what = control_problem(cp);
        if (what)
            report_control(&tc, cp, what, line, col);
        tc.nmultibyte += k > 1;
        i += k;
        col++;
    }
    report_text_summary(&tc);
    return tc.nbad == 0 && tc.ncontrol == 0;
}
