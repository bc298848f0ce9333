#include "text/typo.h"
#include "base/xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

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
        utf8proc_int32_t cp;
        utf8proc_ssize_t m = utf8proc_iterate((const utf8proc_uint8_t *)in + i,
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
    int32_t oq = 0x201C, cq = 0x201D;       /* “ ” */
    if (lang_is(lang, "fr") || lang_is(lang, "es"))
        oq = 0xAB, cq = 0xBB;               /* « » */
    else if (lang_is(lang, "de") || lang_is(lang, "pl"))
        oq = 0x201E, cq = 0x201C;           /* „ “ */
    size_t k;
    Cp *c = decode(in, n, protect, &k);
    size_t o = 0;
    bool question_open = false;             /* es: ¿ seen in this sentence */
    bool dq_open = false;                   /* a " was opened: next closes */
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
            bool opening = i == 0 || any_space(prev) || prev == '(' ||
                           prev == '[' || prev == 0x2014 || prev == 0x2013;
            if (cp == '"') {
                opening = !dq_open;
                dq_open = !dq_open;
            }
            if (cp == '\'') {
                o = put(out, o, opening && lang_is(lang, "en") ? 0x2018 : 0x2019);
            } else if (opening) {
                o = put(out, o, oq);
                if (oq == 0xAB && lang_is(lang, "fr") && st->typo.french_spacing) {
                    o = put(out, o, gsp);
                    while (i + 1 < k && any_space(c[i + 1].cp)) {
                        i++;
                        if (map)
                            for (size_t b = 0; b < c[i].len; b++)
                                map[c[i].off + b] = o;
                    }
                }
            } else {
                if (cq == 0xBB && lang_is(lang, "fr") && st->typo.french_spacing &&
                    !any_space(prev))
                    o = put(out, o, gsp);
                o = put(out, o, cq);
            }
            continue;
        }
        if (ins && !c[i].prot && cp == 0xAB && i + 1 < k &&
            !any_space(c[i + 1].cp)) {
            o = put(out, o, cp);
            o = put(out, o, gsp);
            continue;
        }
        memcpy(out + o, in + c[i].off, c[i].len);
        o += c[i].len;
    }
    if (map)
        map[n] = o;
    free(c);
    return o;
}
