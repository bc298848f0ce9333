#include "text/collate.h"

#include "base/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucol.h>
#include <unicode/ucoleitr.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

/* Collators opened so far, one per language: ucol_open reads the CLDR
 * tailoring, far dearer than a key, and a run sorts in one or two
 * languages.  Never closed: they live as long as the process (the
 * slots are reachable, not leaked). */
#define NCOLL 8
static struct { char lang[32]; UCollator *c; bool failed; } coll[NCOLL];

static UCollator *collator(const char *lang)
{
    if (!lang)
        lang = "";
    for (int i = 0; i < NCOLL; i++)
        if (coll[i].lang[0] == lang[0] && strcmp(coll[i].lang, lang) == 0 &&
            (coll[i].c || coll[i].failed))
            return coll[i].c;
    int slot = NCOLL - 1;
    for (int i = 0; i < NCOLL; i++)
        if (!coll[i].c && !coll[i].failed) {
            slot = i;
            break;
        }
    if (coll[slot].c)
        ucol_close(coll[slot].c);
    UErrorCode err = U_ZERO_ERROR;
    UCollator *c = ucol_open(lang, &err);
    if (U_FAILURE(err)) {
        c = NULL;
        err = U_ZERO_ERROR;
        c = ucol_open("", &err);      /* the root order (DUCET) */
        if (U_FAILURE(err))
            c = NULL;
    }
    snprintf(coll[slot].lang, sizeof coll[slot].lang, "%s", lang);
    coll[slot].c = c;
    coll[slot].failed = c == NULL;
    return c;
}

/* s as UTF-16 in a heap buffer (ICU's collation API); *n its length. */
static UChar *utf16(const char *s, int32_t *n)
{
    UErrorCode err = U_ZERO_ERROR;
    int32_t len = 0;
    u_strFromUTF8(NULL, 0, &len, s, -1, &err);
    if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
        return NULL;
    UChar *u = xmalloc(((size_t)len + 1) * sizeof *u);
    err = U_ZERO_ERROR;
    u_strFromUTF8(u, len + 1, NULL, s, -1, &err);
    if (U_FAILURE(err)) {
        free(u);
        return NULL;
    }
    *n = len;
    return u;
}

const char *collate_key(Arena *a, const char *s, const char *lang)
{
    UCollator *c = collator(lang);
    int32_t n = 0;
    UChar *u = c ? utf16(s, &n) : NULL;
    if (!u)
        return arena_strdup(a, s);      /* byte order: ICU had no data */
    int32_t need = ucol_getSortKey(c, u, n, NULL, 0);
    uint8_t *key = arena_alloc(a, (size_t)need + 1);
    if (need <= 0 || ucol_getSortKey(c, u, n, key, need + 1) != need) {
        free(u);
        return arena_strdup(a, s);
    }
    free(u);
    key[need] = '\0';       /* ICU's keys end with 0 and hold no other 0 */
    return (const char *)key;
}

const char *collate_heading(Arena *a, const char *s, const char *lang)
{
    UCollator *c = collator(lang);
    int32_t n = 0;
    UChar *u = c ? utf16(s, &n) : NULL;
    if (!u || n == 0) {
        free(u);
        return arena_strdup(a, "");
    }
    /* The text of the first collation element with a primary weight:
     * "Ch" in Czech, "Ł" in Polish, "É" (filed with E) elsewhere. */
    UErrorCode err = U_ZERO_ERROR;
    UCollationElements *ce = ucol_openElements(c, u, n, &err);
    int32_t from = 0, to = n;
    if (U_SUCCESS(err)) {
        int32_t prev = 0;
        for (;;) {
            int32_t e = ucol_next(ce, &err);
            if (U_FAILURE(err) || e == UCOL_NULLORDER)
                break;
            int32_t off = ucol_getOffset(ce);
            if (ucol_primaryOrder(e) != 0) {
                from = prev;
                to = off > prev ? off : prev + 1;
                /* a letter's later elements (expansions) end at the
                 * same offset; marks after it belong to the letter */
                break;
            }
            prev = off;
        }
        ucol_closeElements(ce);
    }
    if (to > n)
        to = n;
    if (from >= to)
        from = 0, to = U16_IS_LEAD(u[0]) && n > 1 ? 2 : 1;
    UChar up[16];
    err = U_ZERO_ERROR;
    /* title case: Czech "Ch", Dutch "IJ" */
    int32_t un = u_strToTitle(up, 16, u + from, to - from, NULL,
                              lang ? lang : "", &err);
    char *out = arena_alloc(a, 64);
    int32_t on = 0;
    if (U_FAILURE(err) || un > 16) {
        err = U_ZERO_ERROR;
        u_strToUTF8(out, 63, &on, u + from, to - from, &err);
    } else {
        u_strToUTF8(out, 63, &on, up, un, &err);
    }
    if (U_FAILURE(err) || on > 63)
        on = 0;
    out[on] = '\0';
    free(u);
    return out;
}

bool collate_same_letter(const char *x, const char *y, const char *lang)
{
    UCollator *c = collator(lang);
    if (!c)
        return strcmp(x, y) == 0;
    UErrorCode err = U_ZERO_ERROR;
    UColAttributeValue old = ucol_getStrength(c);
    ucol_setStrength(c, UCOL_PRIMARY);
    UCollationResult r = ucol_strcollUTF8(c, x, -1, y, -1, &err);
    ucol_setStrength(c, old);
    return U_SUCCESS(err) ? r == UCOL_EQUAL : strcmp(x, y) == 0;
}

/* Is the word (any case) a name particle? */
static bool particle(const char *w, size_t n)
{
    static const char *const list[] = {
        "de", "del", "della", "der", "di", "da", "das", "do", "dos", "du",
        "van", "von", "den", "ter", "te", "le", "la", "y", "zu", "af", "bin",
        "ibn", "al", "el", NULL };
    char low[8];
    if (n == 0 || n >= sizeof low)
        return false;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] | 0x20 : w[i]);
    low[n] = '\0';
    for (const char *const *p = list; *p; p++)
        if (strcmp(*p, low) == 0)
            return true;
    return false;
}

/* Does the word begin with an Arabic-script letter (Arabic, Persian,
 * Urdu: U+0600–06FF, U+0750–077F, U+08A0–08FF; UTF-8 lead bytes D8–DB,
 * DD, E0 A2/A3)? */
static bool arabic_word(const char *w, size_t n)
{
    const unsigned char *u = (const unsigned char *)w;
    if (n >= 2 && ((u[0] >= 0xD8 && u[0] <= 0xDB) || u[0] == 0xDD))
        return true;
    return n >= 3 && u[0] == 0xE0 && (u[1] == 0xA2 || u[1] == 0xA3);
}

static bool arabic_particle(const char *w, size_t n)
{
    static const char *const list[] = {
        "\xD8\xA8\xD9\x86",                     /* بن */
        "\xD8\xA7\xD8\xA8\xD9\x86",             /* ابن */
        "\xD8\xA8\xD9\x86\xD8\xAA",             /* بنت */
        "\xD8\xA3\xD8\xA8\xD9\x88",             /* أبو */
        "\xD8\xA2\xD9\x84",                     /* آل */
        NULL };
    for (const char *const *p = list; *p; p++)
        if (strlen(*p) == n && memcmp(*p, w, n) == 0)
            return true;
    return false;
}

const char *collate_inverted_name(Arena *a, const char *name,
                                  const char *lang)
{
    if (strchr(name, ','))
        return name;
    const char *w[32];
    size_t wl[32];
    int n = 0;
    for (const char *p = name; *p && n < 32;) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *s = p;
        while (*p && *p != ' ')
            p++;
        w[n] = s;
        wl[n] = (size_t)(p - s);
        n++;
    }
    if (n < 2)
        return name;
    /* The family name is the last word, or the last two for Spanish and
     * Portuguese names of three words and more. */
    int fam = n - 1;
    bool iberian = lang && (strncmp(lang, "es", 2) == 0 ||
                            strncmp(lang, "pt", 2) == 0);
    if (iberian && n >= 3 && !particle(w[n - 2], wl[n - 2]))
        fam = n - 2;
    else if (iberian && n >= 4 && particle(w[n - 2], wl[n - 2]))
        fam = n - 3;    /* "Milagros Sáenz de Urturi": Sáenz de Urturi */
    /* A capitalised particle belongs to it ("Van Buren"); a lower-case one
     * stays with the given names ("Bastion, Geraldine de"). */
    while (fam > 1 && particle(w[fam - 1], wl[fam - 1]) &&
           w[fam - 1][0] >= 'A' && w[fam - 1][0] <= 'Z')
        fam--;
    /* In Arabic script a name's particle (بن، ابن، بنت، أبو، آل) is part of
     * the family name, as a capitalised one is in Latin ("بن علي"), and
     * the comma is the Arabic one. */
    bool arabic = arabic_word(w[fam], wl[fam]);
    while (fam > 1 && arabic_particle(w[fam - 1], wl[fam - 1]))
        fam--;
    char *out = arena_alloc(a, strlen(name) + 4);
    size_t o = 0;
    for (int i = fam; i < n; i++) {
        if (i > fam)
            out[o++] = ' ';
        memcpy(out + o, w[i], wl[i]);
        o += wl[i];
    }
    if (arabic) {
        memcpy(out + o, "\xD8\x8C", 2);     /* U+060C ARABIC COMMA */
        o += 2;
    } else {
        out[o++] = ',';
    }
    for (int i = 0; i < fam; i++) {
        out[o++] = ' ';
        memcpy(out + o, w[i], wl[i]);
        o += wl[i];
    }
    out[o] = '\0';
    return out;
}
