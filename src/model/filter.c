#include "model/filter.h"

#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

bool filter_empty(const Filter *f)
{
    for (int k = 0; k < NKEYS; k++)
        if (f->n[k])
            return false;
    return true;
}

bool filter_add(Filter *f, FilterKey k, const char *value)
{
    if (f->n[k] == FILTER_MAX) {
        fprintf(stderr, "livret: error: at most %d values per filter\n",
                FILTER_MAX);
        return false;
    }
    f->value[k][f->n[k]++] = value;
    return true;
}

static const char *date_str(Arena *a, Date d)
{
    return arena_printf(a, "%04d-%02d-%02d", d.y, d.m, d.d);
}

/* The session's value for a key, as the user would type it. */
static const char *key_of(Arena *a, const Session *s, FilterKey k)
{
    switch (k) {
    case KEY_TRACK: return s->track ? s->track->id.s : NULL;
    case KEY_DAY: return date_str(a, s->date);
    case KEY_VENUE: return s->venue.s;
    case KEY_SESSION: return s->id.s;
    default: return NULL;
    }
}

static bool matches(Arena *a, const Filter *f, const Session *s)
{
    for (int k = 0; k < NKEYS; k++) {
        if (!f->n[k])
            continue;
        const char *v = key_of(a, s, (FilterKey)k);
        bool any = false;
        /* "" selects the sessions without a value (--split-by's file of
         * sessions without a track or venue) */
        for (int i = 0; i < f->n[k]; i++)
            if (strcmp(v ? v : "", f->value[k][i]) == 0)
                any = true;
        if (!any)
            return false;
    }
    return true;
}

static const char *const key_option[NKEYS] = { "--track", "--day", "--venue",
                                               "--session" };

const Programme *programme_filter(Arena *a, const Programme *p,
                                  const Filter *f, Diags *d)
{
    bool ok = true;
    /* Every value must name something that exists. */
    for (int k = 0; k < NKEYS; k++)
        for (int i = 0; i < f->n[k]; i++) {
            bool found = false;
            for (size_t j = 0; j < p->nsessions && !found; j++) {
                const char *v = key_of(a, &p->sessions[j], (FilterKey)k);
                found = strcmp(v ? v : "", f->value[k][i]) == 0;
            }
            if (k == KEY_TRACK)
                for (size_t j = 0; j < p->ntracks && !found; j++)
                    found = strcmp(p->tracks[j].id.s, f->value[k][i]) == 0;
            if (found)
                continue;
            ok = false;
            SplitValue *vals;
            int n = k == KEY_SESSION ? 0
                                     : programme_split_values(a, p, (FilterKey)k, &vals, NULL);
            char known[512] = "";
            size_t len = 0;
            for (int j = 0; j < n && len < sizeof known - 64; j++)
                if (vals[j].value[0])   /* not the "none" of --split-by */
                    len += (size_t)snprintf(known + len, sizeof known - len,
                                            "%s%s", len ? ", " : "",
                                            vals[j].value);
            if (n)
                diag_error(d, srcloc(p->path, 0, 0), key_option[k],
                           "'%s' matches no session (known: %s)",
                           f->value[k][i], known);
            else
                diag_error(d, srcloc(p->path, 0, 0), key_option[k],
                           "'%s' matches no session", f->value[k][i]);
        }
    if (!ok)
        return NULL;
    Programme *q = arena_alloc(a, sizeof *q);
    *q = *p;
    q->sessions = arena_array(a, p->nsessions ? p->nsessions : 1, sizeof *q->sessions);
    q->nsessions = 0;
    for (size_t j = 0; j < p->nsessions; j++)
        if (matches(a, f, &p->sessions[j]))
            q->sessions[q->nsessions++] = p->sessions[j];
    if (q->nsessions == 0) {
        diag_error(d, srcloc(p->path, 0, 0), NULL,
                   "no session matches all the filters together");
        return NULL;
    }
    return q;
}

const char *slugify(Arena *a, const char *s)
{
    size_t n = strlen(s);
    char *out = arena_alloc(a, n + 2);
    size_t o = 0;
    bool dash = false;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t left = (utf8proc_ssize_t)n;
    while (left > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, left, &cp);
        if (k <= 0)
            break;
        p += k;
        left -= k;
        /* Fold to the base letter: é → e, Ł stays (no decomposition). */
        utf8proc_int32_t base[4];
        utf8proc_ssize_t nb = utf8proc_decompose_char(
            cp, base, 4, UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD,
            NULL);
        utf8proc_int32_t c = nb >= 1 ? base[0] : cp;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && o)
                out[o++] = '-';
            dash = false;
            out[o++] = (char)c;
        } else {
            dash = true;
        }
    }
    if (!o)
        out[o++] = '_';
    out[o] = '\0';
    return out;
}

int programme_split_values(Arena *a, const Programme *p, FilterKey k,
                           SplitValue **out, Diags *d)
{
    SplitValue *v = arena_array(a, p->nsessions ? p->nsessions : 1, sizeof *v);
    int n = 0, without = 0;
    for (size_t j = 0; j < p->nsessions; j++) {
        const Session *s = &p->sessions[j];
        const char *val = key_of(a, s, k);
        if (!val) {
            without++;
            continue;
        }
        bool seen = false;
        for (int i = 0; i < n && !seen; i++)
            seen = strcmp(v[i].value, val) == 0;
        if (seen)
            continue;
        v[n].value = val;
        v[n].label = k == KEY_TRACK ? s->track->title.s : val;
        v[n].slug = slugify(a, val);
        n++;
    }
    /* Sessions without a value get a file of their own, last. */
    const char *what = k == KEY_TRACK ? "track" : k == KEY_VENUE ? "venue"
                                                                 : "date";
    if (without) {
        v[n].value = "";
        v[n].label = arena_printf(a, "no %s", what);
        v[n].slug = arena_printf(a, "no-%s", what);
        n++;
    }
    /* Two values may fold to one slug ("Saal 1" and "saal-1"): number
     * the later ones so no file overwrites another. */
    for (int i = 1; i < n; i++)
        for (int j = 0; j < i; j++)
            if (strcmp(v[i].slug, v[j].slug) == 0) {
                v[i].slug = arena_printf(a, "%s-%d", v[i].slug, i + 1);
                j = -1;
            }
    if (without && d)
        diag_note(d, srcloc(p->path, 0, 0),
                  "%d session(s) have no %s: they are in %s", without, what,
                  v[n - 1].slug);
    *out = v;
    return n;
}
