#include "text/lost.h"
#include "text/charname.h"
#include "base/xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>

typedef struct LostKey {
    char *s;                /* the cluster, NUL-terminated */
    size_t len;
    const char *reason;     /* static string, compared by address */
    SrcLoc first;           /* first place, for the closing count */
    char *first_field;      /* copied: the paragraph's strings go first */
    long listed, more;      /* places warned one by one; not listed */
} LostKey;

/* A place already seen: (key, file, line, col). */
typedef struct LostPlace {
    size_t key;             /* 1 + index into keys; 0 = empty slot */
    const char *file;
    int line, col;
} LostPlace;

struct LostSet {
    LostKey *keys;
    size_t nkeys, keycap;
    size_t *keyhash;        /* open addressing: 1 + key index, 0 empty */
    size_t keyhcap;
    LostPlace *places;
    size_t nplaces, placecap;
};

static uint64_t hash_bytes(const char *s, size_t n, uint64_t h)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    return h;
}

LostSet *lost_new(void)
{
    return xcalloc(1, sizeof(LostSet));
}

void lost_free(LostSet *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->nkeys; i++) {
        free(l->keys[i].s);
        free(l->keys[i].first_field);
    }
    free(l->keys);
    free(l->keyhash);
    free(l->places);
    free(l);
}

static uint64_t key_hash(const char *s, size_t len, const char *reason)
{
    return hash_bytes(s, len, 14695981039346656037u) ^
           (uint64_t)(uintptr_t)reason * 0x9E3779B97F4A7C15u;
}

static void rehash_keys(LostSet *l)
{
    size_t cap = l->keyhcap ? l->keyhcap * 2 : 64;
    size_t *h = xcalloc(cap, sizeof *h);
    for (size_t i = 0; i < l->nkeys; i++) {
        size_t j = key_hash(l->keys[i].s, l->keys[i].len, l->keys[i].reason) & (cap - 1);
        while (h[j])
            j = (j + 1) & (cap - 1);
        h[j] = i + 1;
    }
    free(l->keyhash);
    l->keyhash = h;
    l->keyhcap = cap;
}

static size_t find_key(LostSet *l, const char *s, size_t len,
                       const char *reason, SrcLoc loc, const char *field)
{
    if (2 * (l->nkeys + 1) > l->keyhcap)
        rehash_keys(l);
    size_t j = key_hash(s, len, reason) & (l->keyhcap - 1);
    while (l->keyhash[j]) {
        LostKey *k = &l->keys[l->keyhash[j] - 1];
        if (k->reason == reason && k->len == len && memcmp(k->s, s, len) == 0)
            return l->keyhash[j];
        j = (j + 1) & (l->keyhcap - 1);
    }
    if (l->nkeys == l->keycap) {
        l->keycap = l->keycap ? 2 * l->keycap : 16;
        l->keys = xreallocarray(l->keys, l->keycap, sizeof *l->keys);
    }
    LostKey *k = &l->keys[l->nkeys++];
    memset(k, 0, sizeof *k);
    k->s = xstrndup(s, len);
    k->len = len;
    k->reason = reason;
    k->first = loc;
    k->first_field = field ? xstrdup(field) : NULL;
    l->keyhash[j] = l->nkeys;
    return l->nkeys;
}

static uint64_t place_hash(const LostPlace *p)
{
    uint64_t h = (uint64_t)p->key * 0x9E3779B97F4A7C15u;
    h ^= (uint64_t)(uintptr_t)p->file * 1099511628211u;
    h ^= ((uint64_t)(unsigned)p->line << 32 | (unsigned)p->col) * 0xC2B2AE3D27D4EB4Fu;
    return h ^ (h >> 29);
}

/* Adds the place; false if it was there already. */
static bool add_place(LostSet *l, LostPlace p)
{
    if (2 * (l->nplaces + 1) > l->placecap) {
        size_t cap = l->placecap ? 2 * l->placecap : 256;
        LostPlace *np = xcalloc(cap, sizeof *np);
        for (size_t i = 0; i < l->placecap; i++) {
            if (!l->places[i].key)
                continue;
            size_t j = place_hash(&l->places[i]) & (cap - 1);
            while (np[j].key)
                j = (j + 1) & (cap - 1);
            np[j] = l->places[i];
        }
        free(l->places);
        l->places = np;
        l->placecap = cap;
    }
    size_t j = place_hash(&p) & (l->placecap - 1);
    while (l->places[j].key) {
        const LostPlace *q = &l->places[j];
        if (q->key == p.key && q->file == p.file && q->line == p.line &&
            q->col == p.col)
            return false;
        j = (j + 1) & (l->placecap - 1);
    }
    l->places[j] = p;
    l->nplaces++;
    return true;
}

/* "U+0065 LATIN SMALL LETTER E + U+0301 COMBINING ACUTE ACCENT" */
static void names(const char *s, size_t len, char *out, size_t size)
{
    size_t n = 0;
    out[0] = '\0';
    int32_t i = 0;
    int count = 0;
    while ((size_t)i < len && n + 8 < size) {
        UChar32 c;
        U8_NEXT(s, i, (int32_t)len, c);
        if (c < 0)
            c = 0xFFFD;
        if (count == 8) {
            snprintf(out + n, size - n, " + …");
            return;
        }
        char nm[CHARNAME_MAX];
        int m = snprintf(out + n, size - n, "%s%s", count ? " + " : "",
                         charname((uint32_t)c, nm, sizeof nm));
        if (m < 0)
            return;
        n += (size_t)m;
        if (n >= size) {
            out[size - 1] = '\0';
            return;
        }
        count++;
    }
}

void lost_note(LostSet *l, Diags *d, const char *s, size_t len, SrcLoc loc,
               const char *field, const char *reason)
{
    if (!l || len == 0)
        return;
    size_t key = find_key(l, s, len, reason, loc, field);
    LostPlace p = { key, loc.file, loc.line, loc.col };
    if (!add_place(l, p))
        return;
    LostKey *k = &l->keys[key - 1];
    /* text set without a source place (running heads: the programme's
     * title, a day) repeats a field: named there already, it is not
     * named again without a place */
    if (!loc.file && k->listed > 0)
        return;
    if (k->listed >= LOST_PLACES) {
        k->more++;
        return;
    }
    k->listed++;
    char buf[1200];
    names(s, len, buf, sizeof buf);
    diag_warn(d, loc, field, "%s %s", buf, reason);
}

void lost_flush(LostSet *l, Diags *d)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->nkeys; i++) {
        LostKey *k = &l->keys[i];
        if (k->more == 0)
            continue;
        char buf[1200];
        names(k->s, k->len, buf, sizeof buf);
        diag_warn(d, k->first, k->first_field,
                  "%s: also left out at %ld more places (only the first %d "
                  "are listed)", buf, k->more, LOST_PLACES);
        k->more = 0;
    }
}
