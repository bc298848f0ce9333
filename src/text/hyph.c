#include "text/hyph.h"
#include "text/langscript.h"
#include "base/xalloc.h"

#include <ctype.h>
#include <glob.h>
#include <hyphen.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unicode/uloc.h>
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
    iconv_t to_dict;        /* UTF-8 → the dictionary's 8-bit character
                               set (German, Polish, Russian… are
                               ISO-8859-x or KOI8-R); (iconv_t)-1 for a
                               UTF-8 dictionary */
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
        if (h->langs[i].to_dict != (iconv_t)-1)
            iconv_close(h->langs[i].to_dict);
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

/* The region CLDR gives a language when none is said (ICU's likely
 * subtags: "ru" → RU, "hi" → IN, "pt" → BR), for dictionaries Debian names
 * only by language and region (hyph_ru_RU.dic).  "" when unknown. */
static void likely_region(const char *lang, char *region, size_t cap)
{
    char full[ULOC_FULLNAME_CAPACITY];
    UErrorCode e = U_ZERO_ERROR;
    region[0] = '\0';
    uloc_addLikelySubtags(lang, full, sizeof full, &e);
    if (U_FAILURE(e) || e == U_STRING_NOT_TERMINATED_WARNING)
        return;
    int32_t n = uloc_getCountry(full, region, (int32_t)cap, &e);
    if (U_FAILURE(e) || n <= 0 || e == U_STRING_NOT_TERMINATED_WARNING)
        region[0] = '\0';
}

static HyphenDict *try_dict(const char *dir, const char *lang,
                            const char *region)
{
    char path[512];
    struct stat st;
    if (region)
        snprintf(path, sizeof path, "%s/hyph_%s_%s.dic", dir, lang, region);
    else
        snprintf(path, sizeof path, "%s/hyph_%s.dic", dir, lang);
    return stat(path, &st) == 0 ? hnj_hyphen_load(path) : NULL;
}

/* hyph_LL_RR.dic for the region asked, then hyph_LL.dic, then the
 * language's likely region, then any region's. */
static HyphenDict *load_dict(const char *dir, const char *lang,
                             const char *region)
{
    HyphenDict *d = NULL;
    if (region[0])
        d = try_dict(dir, lang, region);
    if (!d)
        d = try_dict(dir, lang, NULL);
    if (!d) {
        char likely[ULOC_COUNTRY_CAPACITY];
        likely_region(lang, likely, sizeof likely);
        if (likely[0] && strcmp(likely, region) != 0)
            d = try_dict(dir, lang, likely);
    }
    if (!d) {
        /* Any region's (hyph_bn_IN.dic for "bn", whose likely region is
         * BD): the first in name order, so the choice does not vary. */
        char pat[512];
        glob_t g;
        snprintf(pat, sizeof pat, "%s/hyph_%s_*.dic", dir, lang);
        if (glob(pat, 0, NULL, &g) == 0 && g.gl_pathc > 0)
            d = hnj_hyphen_load(g.gl_pathv[0]);
        globfree(&g);
    }
    return d;
}

bool hyph_customary(const char *tag)
{
    static const char *const unhyphenated[] = {
        "Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Thai", "Laoo", "Khmr",
        "Mymr", "Tibt", "Ethi", "Hani", "Hans", "Hant", "Jpan", "Hira",
        "Kana", "Kore", "Hang", "Yiii", "Mong",
    };
    char script[5];
    if (!lang_script(tag, script))
        return true;   /* unknown: a dictionary may well be missing */
    for (size_t i = 0; i < sizeof unhyphenated / sizeof *unhyphenated; i++)
        if (strcmp(script, unhyphenated[i]) == 0)
            return false;
    return true;
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
    l->to_dict = (iconv_t)-1;
    if (l->dict && !l->dict->utf8) {
        /* libhyphen compares bytes: a word must reach it in the
         * dictionary's own encoding, one byte a letter.  An encoding
         * iconv does not know leaves the language unhyphenated. */
        l->to_dict = iconv_open(l->dict->cset, "UTF-8");
        if (l->to_dict == (iconv_t)-1) {
            hnj_hyphen_free(l->dict);
            l->dict = NULL;
        }
    }
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
    e->word = xstrndup(w, n);
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
    /* What libhyphen reads: the word, or in the dictionary's 8-bit set
     * (the cache keeps the UTF-8 one). */
    const char *dw = low;
    size_t dlen = blen;
    char enc[HYPH_MAX_WORD + 1];
    if (l->to_dict != (iconv_t)-1) {
        /* a letter the set lacks (a Greek word in a German paragraph)
         * leaves the word whole */
        char *in = low, *outp = enc;
        size_t inleft = blen, outleft = sizeof enc - 1;
        iconv(l->to_dict, NULL, NULL, NULL, NULL);   /* initial state */
        if (iconv(l->to_dict, &in, &inleft, &outp, &outleft) == (size_t)-1 ||
            (size_t)(outp - enc) != ncp)
            return 0;
        enc[ncp] = '\0';
        dw = enc;
        dlen = ncp;
    }
    char hyphens[HYPH_MAX_WORD * 4 + 5];
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    memset(hyphens, 0, sizeof hyphens);
    int rc = hnj_hyphen_hyphenate3(l->dict, dw, (int)dlen, hyphens, NULL,
                                   &rep, &pos, &cut, l->lmin, l->rmin, l->lmin,
                                   l->rmin);
    if (rep) {
        /* Non-standard hyphenation (German "Schiff=fahrt") would change
         * letters; livret only inserts hyphens, so those points are
         * dropped. */
        for (size_t i = 0; i < dlen; i++)
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
