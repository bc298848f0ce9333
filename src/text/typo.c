#include "text/typo.h"
#include "base/xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include <unicode/uloc.h>
#include <unicode/ulocdata.h>

#define NBSP 0xA0
#define NNBSP 0x202F

typedef struct Cp {
    int32_t cp;
    size_t off, len;        /* bytes in the input */
    bool prot;              /* protected: URL, e-mail, caller's flag */
} Cp;

static bool lang_is(const char *lang, const char *ll)
{
    return lang && strncmp(lang, ll, 2) == 0 &&
           (lang[2] == '\0' || lang[2] == '-' || lang[2] == '_');
}

static bool breaking_space(int32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r';
}

/* Spaces the French pass may replace (a plain space, or a no-break space
 * of the wrong width). */
static bool any_space(int32_t cp)
{
    return breaking_space(cp) || cp == NBSP || cp == NNBSP || cp == 0x2009;
}

static size_t put(char *out, size_t o, int32_t cp)
{
    return o + (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out + o);
}

/* Decode and mark protected tokens: a token (run of non-spaces) holding
 * ://, www. or @ is a URL or an address, which take no typography. */
static Cp *decode(const char *in, size_t n, const bool *protect, size_t *ncp)
{
    Cp *c = xmalloc((n + 1) * sizeof *c);
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t cp = (unsigned char)in[i];
        utf8proc_ssize_t m = 1;
        if (cp >= 0x80)     /* ASCII, most of the text, needs no call */
            m = utf8proc_iterate((const utf8proc_uint8_t *)in + i,
                                 (utf8proc_ssize_t)(n - i), &cp);
        if (m <= 0) {       /* validated upstream; copy the byte as is */
            cp = -1;
            m = 1;
        }
        c[k].cp = cp;
        c[k].off = i;
        c[k].len = (size_t)m;
        c[k].prot = protect && protect[i];
        k++;
        i += (size_t)m;
    }
    for (size_t a = 0; a < k;) {
        if (any_space(c[a].cp)) {
            a++;
            continue;
        }
        size_t b = a;
        while (b < k && !any_space(c[b].cp))
            b++;
        const char *t = in + c[a].off;
        size_t tl = (b < k ? c[b].off : n) - c[a].off;
        bool url = false;
        for (size_t j = 0; j < tl && !url; j++)
            url = t[j] == '@' || (j + 3 <= tl && memcmp(t + j, "://", 3) == 0) ||
                  (j + 4 <= tl && memcmp(t + j, "www.", 4) == 0);
        if (url)
            for (size_t j = a; j < b; j++)
                c[j].prot = true;
        a = b;
    }
    *ncp = k;
    return c;
}

/* The language's quotation marks from CLDR (ICU's locale data): primary
 * open, close, then the alternate (inner) pair.  Looked up once per
 * language and kept (a handful of languages per run). */
typedef struct Quotes {
    char lang[16];
    int32_t q[4];
} Quotes;

static Quotes quote_cache[32];
static size_t nquote_cache;

static int32_t delimiter(ULocaleData *ld, ULocaleDataDelimiterType type,
                         int32_t fallback)
{
    UChar buf[8];
    UErrorCode err = U_ZERO_ERROR;
    int32_t n = ulocdata_getDelimiter(ld, type, buf, 8, &err);
    if (U_FAILURE(err) || n < 1 || n > 2)
        return fallback;
    if (n == 2 && buf[0] >= 0xD800 && buf[0] < 0xDC00)
        return 0x10000 + ((buf[0] - 0xD800) << 10) + (buf[1] - 0xDC00);
    return n == 1 ? buf[0] : fallback;
}

static const int32_t *quotes_for(const char *lang)
{
    static const int32_t english[4] = { 0x201C, 0x201D, 0x2018, 0x2019 };
    if (!lang || !*lang)
        return english;
    for (size_t i = 0; i < nquote_cache; i++)
        if (strcmp(quote_cache[i].lang, lang) == 0)
            return quote_cache[i].q;
    Quotes *c = nquote_cache < sizeof quote_cache / sizeof quote_cache[0]
                    ? &quote_cache[nquote_cache] : NULL;
    if (!c)
        return english;
    snprintf(c->lang, sizeof c->lang, "%s", lang);
    memcpy(c->q, english, sizeof c->q);
    char loc[32];
    snprintf(loc, sizeof loc, "%s", lang);
    for (char *p = loc; *p; p++)
        if (*p == '-')
            *p = '_';
    UErrorCode err = U_ZERO_ERROR;
    ULocaleData *ld = ulocdata_open(loc, &err);
    if (ld && U_SUCCESS(err)) {
        c->q[0] = delimiter(ld, ULOCDATA_QUOTATION_START, english[0]);
        c->q[1] = delimiter(ld, ULOCDATA_QUOTATION_END, english[1]);
        c->q[2] = delimiter(ld, ULOCDATA_ALT_QUOTATION_START, english[2]);
        c->q[3] = delimiter(ld, ULOCDATA_ALT_QUOTATION_END, english[3]);
    }
    if (ld)
        ulocdata_close(ld);
    nquote_cache++;
    return c->q;
}

static bool is_letter_or_digit(int32_t cp)
{
    if (cp < 0)
        return false;
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           c == UTF8PROC_CATEGORY_ND || c == UTF8PROC_CATEGORY_MN;
}

size_t typo_apply(const Style *st, const char *lang, const char *in,
                  size_t n, const bool *protect, char *out, size_t *map,
                  int *lint)
{
    if (lint)
        *lint = 0;
    bool fr = lang_is(lang, "fr") && st->typo.french_spacing;
    bool ins = fr && st->typo.french_insert;
    bool quotes = st->typo.smart_quotes;
    bool es = lang_is(lang, "es");
    if (!fr && !quotes && !es) {
        memcpy(out, in, n);
        if (map)
            for (size_t i = 0; i <= n; i++)
                map[i] = i;
        return n;
    }
    int32_t gsp = st->typo.guillemet_narrow ? NNBSP : NBSP;
    const int32_t *qs = quotes_for(lang);
    int32_t oq = qs[0], cq = qs[1], oq2 = qs[2], cq2 = qs[3];
    /* French sets a space inside its guillemets (primary and inner). */
    bool fr_gap = lang_is(lang, "fr") && st->typo.french_spacing;
    size_t k;
    Cp *c = decode(in, n, protect, &k);
    size_t o = 0;
    bool question_open = false;             /* es: ¿ seen in this sentence */
    bool dq_open = false;                   /* a " was opened: next closes */
    bool sq_open = false;                   /* a ' opened an inner quote */
    for (size_t i = 0; i < k; i++) {
        int32_t cp = c[i].cp;
        int32_t prev = i > 0 ? c[i - 1].cp : ' ';
        if (map)
            for (size_t b = 0; b < c[i].len; b++)
                map[c[i].off + b] = o;
        if (es) {
            if (cp == 0xBF)
                question_open = true;
            else if (cp == '?' && !question_open && !c[i].prot && lint)
                *lint |= TYPO_LINT_ES_QUESTION;
            else if (cp == '?' || cp == '.' || cp == '!')
                question_open = false;
        }
        if (fr && any_space(cp) && !c[i].prot) {
            /* A run of spaces before or after punctuation that wants a
             * no-break space: the run becomes that one space. */
            size_t j = i;
            while (j < k && any_space(c[j].cp))
                j++;
            int32_t next = j < k ? c[j].cp : 0;
            bool nprot = j < k && c[j].prot;
            int32_t after = j + 1 < k ? c[j + 1].cp : ' ';
            int32_t want = 0;
            if (i > 0 && !nprot && (next == ';' || next == '!' || next == '?'))
                want = NNBSP;
            else if (i > 0 && !nprot && next == ':' && any_space(after))
                want = NBSP;
            else if (i > 0 && !nprot && next == 0xBB)
                want = gsp;
            else if (prev == 0xAB && j < k && !(i > 0 && c[i - 1].prot))
                want = gsp;
            else if (i > 0 && !nprot && quotes && next == '"' && dq_open &&
                     (j + 1 >= k || any_space(after) || after == '.' ||
                      after == ',' || after == ';' || after == ':' ||
                      after == '!' || after == '?' || after == ')'))
                want = gsp;     /* the space before a closing " → » */
            if (want && j < k) {
                o = put(out, o, want);
                for (size_t q = i + 1; q < j; q++)
                    if (map)
                        for (size_t b = 0; b < c[q].len; b++)
                            map[c[q].off + b] = o;
                i = j - 1;
                continue;
            }
        }
        if (ins && !c[i].prot && i > 0 && !any_space(prev)) {
            int32_t next = i + 1 < k ? c[i + 1].cp : ' ';
            bool end = any_space(next) || next == ')' || next == 0xBB ||
                       next == '!' || next == '?' || next == ';';
            bool pp = prev == '!' || prev == '?' || prev == ';' || prev == 0xAB ||
                      prev == '(' || prev == '[';
            if ((cp == ';' || cp == '!' || cp == '?') && end && !pp)
                o = put(out, o, NNBSP);
            else if (cp == ':' && any_space(next) && !pp)
                o = put(out, o, NBSP);
            else if (cp == 0xBB && prev != 0xAB)
                o = put(out, o, gsp);
        }
        if (quotes && !c[i].prot && (cp == '\'' || cp == '"')) {
            int32_t next = i + 1 < k ? c[i + 1].cp : ' ';
            bool opening = i == 0 || any_space(prev) || prev == '(' ||
                           prev == '[' || prev == 0x2014 || prev == 0x2013 ||
                           prev == oq || prev == '"';
            int32_t open_mark = oq, close_mark = cq;
            if (cp == '"') {
                opening = !dq_open;
                dq_open = !dq_open;
            } else if (is_letter_or_digit(prev) && is_letter_or_digit(next)) {
                /* l'avenir, don't: an apostrophe */
                o = put(out, o, 0x2019);
                continue;
            } else if (opening && next >= '0' && next <= '9') {
                o = put(out, o, 0x2019);    /* ’90s, ’til: elision */
                continue;
            } else if (opening && is_letter_or_digit(next)) {
                sq_open = true;             /* an inner quotation opens */
                open_mark = oq2;
            } else if (sq_open && !opening) {
                sq_open = false;
                close_mark = cq2;
            } else {
                o = put(out, o, 0x2019);    /* students', '90s */
                continue;
            }
            bool inner = cp == '\'';
            if (opening) {
                o = put(out, o, inner ? open_mark : oq);
                if (fr_gap && (inner ? open_mark : oq) == 0xAB) {
                    o = put(out, o, gsp);
                    while (i + 1 < k && any_space(c[i + 1].cp)) {
                        i++;
                        if (map)
                            for (size_t b = 0; b < c[i].len; b++)
                                map[c[i].off + b] = o;
                    }
                }
            } else {
                int32_t m = inner ? close_mark : cq;
                if (fr_gap && m == 0xBB && !any_space(prev))
                    o = put(out, o, gsp);
                o = put(out, o, m);
            }
            continue;
        }
        /* fr: a hyphen standing between spaces is a dash (an en dash,
         * spaced, as French sets it). */
        if (fr && st->typo.dashes && !c[i].prot && cp == '-' && i > 0 &&
            breaking_space(prev) && i + 1 < k && breaking_space(c[i + 1].cp)) {
            o = put(out, o, 0x2013);
            continue;
        }
        if (ins && !c[i].prot && cp == 0xAB && i + 1 < k &&
            !any_space(c[i + 1].cp)) {
            o = put(out, o, cp);
            o = put(out, o, gsp);
            continue;
        }
        if (c[i].len == 1)  /* most characters: no call */
            out[o] = in[c[i].off];
        else
            memcpy(out + o, in + c[i].off, c[i].len);
        o += c[i].len;
    }
    if (map)
        map[n] = o;
    free(c);
    return o;
}
