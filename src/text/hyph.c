#include "text/hyph.h"
#include "base/xalloc.h"

#include <ctype.h>
#include <hyphen.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <utf8proc.h>

#define HYPH_MAX_LANGS 16
#define HYPH_MAX_WORD 64   /* code points; longer "words" are not words */

/* Words already hyphenated (lower case): libhyphen's patterns cost more
 * than a look-up, and running text repeats its words. */
typedef struct HyphEntry {
    char *word;             /* NUL-terminated, lower case; NULL = empty */
    size_t len;
    uint64_t points;        /* bit i: a hyphen may follow code point i */
    size_t ncp;             /* hyph_word's result */
} HyphEntry;

typedef struct HyphCache {
    HyphEntry *e;
    size_t cap, n;          /* cap a power of two, n <= cap / 2 */
} HyphCache;

struct HyphLang {
    char tag[16];           /* primary subtag as asked, lower case */
    HyphenDict *dict;       /* NULL: no dictionary for this language */
    int lmin, rmin;         /* minimum letters before/after a hyphen */
    HyphCache *cache;       /* with the dictionary */
};

struct Hyphenator {
    char *dir;
    HyphLang langs[HYPH_MAX_LANGS];
    int n;
};

Hyphenator *hyph_new(const char *dictdir)
{
    Hyphenator *h = xcalloc(1, sizeof *h);
    h->dir = xstrdup(dictdir ? dictdir : "/usr/share/hyphen");
    return h;
}

void hyph_free(Hyphenator *h)
{
    if (!h)
        return;
    for (int i = 0; i < h->n; i++) {
        if (h->langs[i].dict)
            hnj_hyphen_free(h->langs[i].dict);
        HyphCache *c = h->langs[i].cache;
        if (c) {
            for (size_t k = 0; k < c->cap; k++)
                free(c->e[k].word);
            free(c->e);
            free(c);
        }
    }
    free(h->dir);
    free(h);
}

/* Typographic minimums per language (French and English house rules keep
 * three letters after the break; Spanish and German two). */
static void minimums(const char *lang, int *lmin, int *rmin)
{
    *lmin = 2;
    *rmin = (strcmp(lang, "fr") == 0 || strcmp(lang, "en") == 0) ? 3 : 2;
}

static HyphenDict *load_dict(const char *dir, const char *lang,
                             const char *region)
{
    static const struct { const char *lang, *file; } defaults[] = {
        { "fr", "fr" }, { "es", "es_ES" }, { "en", "en_US" },
        { "de", "de_DE" }, { "it", "it_IT" }, { "pt", "pt_PT" },
        { "nl", "nl_NL" }, { "ca", "ca" }, { "pl", "pl_PL" },
    };
    char path[512];
    struct stat st;
    if (region[0]) {
        snprintf(path, sizeof path, "%s/hyph_%s_%s.dic", dir, lang, region);
        if (stat(path, &st) == 0)
            return hnj_hyphen_load(path);
    }
    snprintf(path, sizeof path, "%s/hyph_%s.dic", dir, lang);
    if (stat(path, &st) == 0)
        return hnj_hyphen_load(path);
    for (size_t i = 0; i < sizeof defaults / sizeof *defaults; i++)
        if (strcmp(defaults[i].lang, lang) == 0) {
            snprintf(path, sizeof path, "%s/hyph_%s.dic", dir, defaults[i].file);
            if (stat(path, &st) == 0)
                return hnj_hyphen_load(path);
        }
    return NULL;
}

const HyphLang *hyph_lang(Hyphenator *h, const char *tag)
{
    char lang[16] = "", region[16] = "";
    size_t i = 0;
    while (tag[i] && tag[i] != '-' && tag[i] != '_' && i < sizeof lang - 1) {
        lang[i] = (char)tolower((unsigned char)tag[i]);
        i++;
    }
    lang[i] = '\0';
    if (tag[i] == '-' || tag[i] == '_') {
        const char *r = tag + i + 1;
        size_t k = 0;
        while (r[k] && r[k] != '-' && k < sizeof region - 1) {
            region[k] = (char)toupper((unsigned char)r[k]);
            k++;
        }
        region[k] = '\0';
        if (k != 2)
            region[0] = '\0';   /* a script or variant, not a region */
    }
    for (int k = 0; k < h->n; k++)
        if (strcmp(h->langs[k].tag, lang) == 0)
            return h->langs[k].dict ? &h->langs[k] : NULL;
    if (h->n == HYPH_MAX_LANGS)
        return NULL;
    HyphLang *l = &h->langs[h->n++];
    snprintf(l->tag, sizeof l->tag, "%s", lang);
    l->dict = lang[0] ? load_dict(h->dir, lang, region) : NULL;
    minimums(lang, &l->lmin, &l->rmin);
    if (l->dict) {
        l->cache = xcalloc(1, sizeof *l->cache);
        l->cache->cap = 1024;
        l->cache->e = xcalloc(l->cache->cap, sizeof *l->cache->e);
    }
    return l->dict ? l : NULL;
}

static size_t word_hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603u;      /* FNV-1a */
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211u;
    }
    return (size_t)(h ^ (h >> 29));
}

/* The entry of word in c: its own, or the empty one where it goes. */
static HyphEntry *cache_slot(HyphCache *c, const char *w, size_t n)
{
    size_t i = word_hash(w, n) & (c->cap - 1);
    while (c->e[i].word &&
           (c->e[i].len != n || memcmp(c->e[i].word, w, n) != 0))
        i = (i + 1) & (c->cap - 1);
    return &c->e[i];
}

static void cache_put(HyphCache *c, const char *w, size_t n, size_t ncp,
                      uint64_t points)
{
    if (2 * (c->n + 1) > c->cap) {
        HyphCache old = *c;
        c->cap *= 2;
        c->e = xcalloc(c->cap, sizeof *c->e);
        for (size_t k = 0; k < old.cap; k++)
            if (old.e[k].word)
                *cache_slot(c, old.e[k].word, old.e[k].len) = old.e[k];
        free(old.e);
    }
    HyphEntry *e = cache_slot(c, w, n);
    e->word = xmalloc(n + 1);
    memcpy(e->word, w, n);
    e->word[n] = '\0';
    e->len = n;
    e->ncp = ncp;
    e->points = points;
    c->n++;
}

size_t hyph_word(const HyphLang *l, const char *word, size_t n,
                 unsigned char *out, size_t cap)
{
    /* Lower-case into a scratch buffer: the dictionaries hold lower-case
     * patterns only, and utf8proc_tolower maps one code point to one, so
     * code-point indices stay those of the original word. */
    char low[HYPH_MAX_WORD * 4 + 1];
    size_t blen = 0, ncp = 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)word;
    utf8proc_ssize_t left = (utf8proc_ssize_t)n;
    while (left > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, left, &cp);
        if (k <= 0 || ncp >= HYPH_MAX_WORD || ncp >= cap)
            return 0;
        utf8proc_ssize_t w = utf8proc_encode_char(utf8proc_tolower(cp),
                                                  (utf8proc_uint8_t *)low + blen);
        blen += (size_t)w;
        ncp++;
        p += k;
        left -= k;
    }
    if ((int)ncp < l->lmin + l->rmin)
        return 0;
    low[blen] = '\0';
    HyphEntry *hit = l->cache ? cache_slot(l->cache, low, blen) : NULL;
    if (hit && hit->word) {
        for (size_t i = 0; hit->ncp && i < ncp; i++)
            out[i] = (hit->points >> i) & 1;
        return hit->ncp;
    }
    char hyphens[HYPH_MAX_WORD * 4 + 5];
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    memset(hyphens, 0, sizeof hyphens);
    int rc = hnj_hyphen_hyphenate3(l->dict, low, (int)blen, hyphens, NULL,
                                   &rep, &pos, &cut, l->lmin, l->rmin, l->lmin,
                                   l->rmin);
    if (rep) {
        /* Non-standard hyphenation (German "Schiff=fahrt") would change
         * letters; livret only inserts hyphens, so those points are
         * dropped. */
        for (size_t i = 0; i < blen; i++)
            if (rep[i]) {
                hyphens[i] = '0';
                free(rep[i]);
            }
        free(rep);
        free(pos);
        free(cut);
    }
    if (rc != 0) {
        if (l->cache)
            cache_put(l->cache, low, blen, 0, 0);
        return 0;
    }
    uint64_t points = 0;
    for (size_t i = 0; i < ncp; i++) {
        out[i] = (hyphens[i] & 1) && i + 1 < ncp;
        points |= (uint64_t)out[i] << i;
    }
    if (l->cache)
        cache_put(l->cache, low, blen, ncp, points);
    return ncp;
}
