/* draft — the programme an import fills, and the helpers every reader
 * shares (values, tracks, text).  See draft.h. */
#include "import/draft.h"
#include "import/markup.h"
#include "input/scalar.h"
#include "model/date.h"
#include "base/xalloc.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

/* ------------------------------------------------------------------ */
/* The draft                                                           */

void import_draft_init(ImportDraft *dr, Arena *a, const char *file)
{
    memset(dr, 0, sizeof *dr);
    dr->a = a;
    dr->file = arena_strdup(a, file);
    dr->p.path = dr->file;
}

const char *import_line(Arena *a, const char *s)
{
    return s ? markup_collapse(a, s, strlen(s)) : NULL;
}

bool import_is_text(const char *s)
{
    static const char *const flags[] = { "true", "false", "null", "yes",
                                         "no", "none", NULL };
    if (!s)
        return false;
    for (int i = 0; flags[i]; i++)
        if (strcasecmp(s, flags[i]) == 0)
            return false;
    /* a letter: anything at or above U+0080 counts as one */
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (isalpha(*p) || *p >= 0x80)
            return true;
    return false;
}

const char *import_excerpt(Arena *a, const char *s, size_t max)
{
    size_t i = 0, chars = 0;
    while (s[i] && chars < max) {
        i++;
        while (((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        chars++;
    }
    return s[i] ? arena_printf(a, "%.*s\xE2\x80\xA6", (int)i, s) : s;
}

Session *import_add_session(ImportDraft *dr)
{
    Programme *p = &dr->p;
    if (p->nsessions == dr->cap_sessions) {
        size_t cap = dr->cap_sessions ? dr->cap_sessions * 2 : 64;
        p->sessions = arena_grow(dr->a, p->sessions, p->nsessions, cap,
                                 sizeof *p->sessions);
        dr->offsets = arena_grow(dr->a, dr->offsets, p->nsessions, cap,
                                 sizeof *dr->offsets);
        dr->labels = arena_grow(dr->a, dr->labels, p->nsessions, cap,
                                sizeof *dr->labels);
        dr->cap_sessions = cap;
    }
    Session *s = &p->sessions[p->nsessions];
    memset(s, 0, sizeof *s);
    s->index = p->nsessions;
    s->start = s->end = -1;
    s->capacity = -1;
    dr->offsets[p->nsessions] = IMPORT_NO_OFFSET;
    dr->labels[p->nsessions] = NULL;
    p->nsessions++;
    return s;
}

void import_label(ImportDraft *dr, const Session *s, const char *id,
                  const char *title)
{
    id = import_line(dr->a, id);
    title = import_line(dr->a, title);
    dr->labels[s->index] =
        id && title ? arena_printf(dr->a, "event %s \"%s\"", id, title)
        : id        ? arena_printf(dr->a, "event %s", id)
        : title     ? arena_printf(dr->a, "event \"%s\"", title)
                    : NULL;
}

/* Track ids: the title in lower-case ASCII, accents stripped, every run of
 * other characters one '-' ("APIs & friends devroom" → "apis-friends-
 * devroom"), as ids are typed by hand in programme files. */
static char *slugify(Arena *a, const char *title)
{
    utf8proc_uint8_t *folded = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)title, 0,
                                      &folded,
                                      UTF8PROC_NULLTERM | UTF8PROC_DECOMPOSE
                                      | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
    const char *src = n >= 0 ? (const char *)folded : title;
    size_t len = strlen(src);
    char *out = arena_alloc(a, len + 1);
    size_t k = 0;
    bool dash = false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)src[i];
        if (c < 0x80 && isalnum(c)) {
            if (dash && k)
                out[k++] = '-';
            dash = false;
            out[k++] = (char)tolower(c);
        } else {
            dash = true;
        }
    }
    out[k] = '\0';
    free(folded);
    return out;
}

Track *import_track(ImportDraft *dr, const char *title, const char *color,
                    SrcLoc loc, Diags *d)
{
    Programme *p = &dr->p;
    title = import_line(dr->a, title);
    if (!title)
        return NULL;
    for (size_t i = 0; i < p->ntracks; i++)
        if (strcmp(p->tracks[i].title.s, title) == 0)
            return &p->tracks[i];
    if (p->ntracks == dr->cap_tracks) {
        size_t cap = dr->cap_tracks ? dr->cap_tracks * 2 : 16;
        p->tracks = arena_grow(dr->a, p->tracks, p->ntracks, cap,
                               sizeof *p->tracks);
        dr->cap_tracks = cap;
    }
    Track *t = &p->tracks[p->ntracks++];
    memset(t, 0, sizeof *t);
    t->title = str_of(title);
    t->loc = loc;
    char *id = slugify(dr->a, title);
    if (!*id)
        id = arena_printf(dr->a, "track-%zu", p->ntracks);
    /* two titles with one slug ("C++" and "C"): number the later ones */
    const char *base = id;
    for (int k = 2;; k++) {
        bool taken = false;
        for (size_t i = 0; i + 1 < p->ntracks; i++)
            if (strcmp(p->tracks[i].id.s, id) == 0)
                taken = true;
        if (!taken)
            break;
        id = arena_printf(dr->a, "%s-%d", base, k);
    }
    t->id = str_of(id);
    if (color && *color) {
        /* "#RGB" is common in frab; the programme format wants #RRGGBB. */
        const char *c = color;
        char buf[8];
        if (c[0] == '#' && strlen(c) == 4) {
            snprintf(buf, sizeof buf, "#%c%c%c%c%c%c", c[1], c[1], c[2], c[2],
                     c[3], c[3]);
            c = buf;
        }
        /* yamlout writes the colour back from its components */
        if (!parse_color(c, &t->color)) {
            memset(&t->color, 0, sizeof t->color);
            diag_warn(d, loc, "color", "\"%s\" is not a colour (#RRGGBB); "
                      "left out", color);
        }
    }
    return t;
}

Speaker *import_add_speaker(ImportDraft *dr, Session *s, const char *name)
{
    name = import_line(dr->a, name);
    if (!name)
        return NULL;
    /* grown one by one: sessions have a handful of speakers */
    s->speakers = arena_grow(dr->a, s->speakers, s->nspeakers,
                             s->nspeakers + 1, sizeof *s->speakers);
    Speaker *sp = &s->speakers[s->nspeakers++];
    memset(sp, 0, sizeof *sp);
    sp->name = str_of(name);
    sp->role = str_of("speaker");
    return sp;
}

void import_add_document(ImportDraft *dr, Session *s, const char *title,
                         const char *url)
{
    title = import_line(dr->a, title);
    url = import_line(dr->a, url);
    if (!title && !url)
        return;
    if (title && url && strcmp(title, url) == 0)
        title = NULL;
    s->documents = arena_grow(dr->a, s->documents, s->ndocuments,
                              s->ndocuments + 1, sizeof *s->documents);
    Document *doc = &s->documents[s->ndocuments++];
    memset(doc, 0, sizeof *doc);
    doc->title = str_of(title);
    doc->url = str_of(url);
}

void import_text(ImportDraft *dr, Session *s, const char *abstract,
                 const char *description)
{
    Markup m = {0};
    markup_parse(dr->a, abstract, &m);
    markup_into_session(dr->a, &m, s, true, NULL);
    markup_free(&m);
    /* After an abstract, the description is a section of its own, headed
     * as frab's pages head it; alone, it is the summary. */
    bool after = s->summary.s || s->nsections;
    markup_parse(dr->a, description, &m);
    markup_into_session(dr->a, &m, s, !after, after ? "Description" : NULL);
    markup_free(&m);
}

/* ------------------------------------------------------------------ */
/* Values                                                              */

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

bool import_datetime(const char *s, Date *date, int *minutes, int *offset)
{
    *offset = IMPORT_NO_OFFSET;
    if (!s || strlen(s) < 16 || (s[10] != 'T' && s[10] != ' ')
        || s[13] != ':')
        return false;
    char ymd[11];
    memcpy(ymd, s, 10);
    ymd[10] = '\0';
    if (!parse_date(ymd, date))
        return false;
    int h = digits(s + 11, 2), m = digits(s + 14, 2);
    if (h < 0 || h > 23 || m < 0 || m > 59)
        return false;
    *minutes = h * 60 + m;
    const char *p = s + 16;
    if (*p == ':') {
        if (digits(p + 1, 2) < 0)
            return false;
        p += 3;
        if (*p == '.')      /* fractions of a second */
            for (p++; isdigit((unsigned char)*p); p++)
                ;
    }
    if (*p == 'Z' && !p[1]) {
        *offset = 0;
    } else if ((*p == '+' || *p == '-') && strlen(p) >= 3) {
        int oh = digits(p + 1, 2), om = 0;
        const char *q = p + 3;
        if (*q == ':')
            q++;
        if (*q) {
            om = digits(q, 2);
            q += 2;
        }
        if (oh < 0 || om < 0 || *q)
            return false;
        *offset = (*p == '-' ? -1 : 1) * (oh * 60 + om);
    } else if (*p) {
        return false;
    }
    return true;
}

bool import_duration(const char *s, int *minutes)
{
    /* frab writes "HH:MM", some exports "HH:MM:SS" or "D:HH:MM:SS" */
    int part[4], n = 0;
    const char *p = s;
    if (!p || !*p)
        return false;
    while (n < 4) {
        char *end;
        errno = 0;
        long v = strtol(p, &end, 10);
        if (end == p || errno || v < 0 || v > 100000)
            return false;
        part[n++] = (int)v;
        if (*end == '\0')
            break;
        if (*end != ':')
            return false;
        p = end + 1;
    }
    if (n == 1)
        *minutes = part[0];
    else if (n == 2)
        *minutes = part[0] * 60 + part[1];
    else if (n == 3)
        *minutes = part[0] * 60 + part[1] + (part[2] >= 30);
    else
        *minutes = part[0] * 1440 + part[1] * 60 + part[2];
    return true;
}

const char *import_type_label(Arena *a, const char *type)
{
    /* frab's and FOSDEM's type keys, with the words they show */
    static const char *const labels[][2] = {
        { "lecture", "Lecture" }, { "podium", "Panel" },
        { "other", "Other" }, { "keynote", "Keynote" },
        { "devroom", "Devroom talk" }, { "maintrack", "Main track" },
        { "bof", "Birds of a feather" }, { "junior", "FOSDEM Junior" },
        { "lightningtalk", "Lightning talk" },
        { "lightning_talk", "Lightning talk" },
        { "workshop", "Workshop" }, { "meeting", "Meeting" },
        { "contest", "Contest" }, { "concert", "Concert" },
        { "film", "Film" }, { "djset", "DJ set" }, { "performance", "Performance" },
        { "talk", "Talk" },
    };
    type = import_line(a, type);
    if (!type)
        return NULL;
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (strcmp(type, labels[i][0]) == 0)
            return labels[i][1];
    /* another key: words instead of underscores, a capital first letter
     * (ASCII only: a label in another script stays as written) */
    char *s = arena_strdup(a, type);
    for (char *p = s; *p; p++)
        if (*p == '_')
            *p = ' ';
    if (*s >= 'a' && *s <= 'z')
        *s = (char)(*s - 'a' + 'A');
    return s;
}

bool import_is_lang(const char *s)
{
    if (!s)
        return false;
    size_t i = 0;
    while (isalpha((unsigned char)s[i]))
        i++;
    if (i < 2 || i > 3)
        return false;
    if (!s[i])
        return true;
    if (s[i] != '-' && s[i] != '_')
        return false;
    size_t j = i + 1, k = 0;
    while (isalnum((unsigned char)s[j + k]))
        k++;
    return k >= 2 && k <= 8 && !s[j + k];
}

/* ------------------------------------------------------------------ */
/* Finishing                                                           */

static int session_cmp(const void *x, const void *y)
{
    const Session *a = x, *b = y;
    int c = date_compare(a->date, b->date);
    if (c)
        return c;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    const char *va = a->venue.s ? a->venue.s : "";
    const char *vb = b->venue.s ? b->venue.s : "";
    c = strcmp(va, vb);
    if (c)
        return c;
    /* stable: the source's order */
    return a->index < b->index ? -1 : a->index > b->index;
}

static int id_cmp(const void *x, const void *y)
{
    const Session *a = *(const Session *const *)x, *b = *(const Session *const *)y;
    int c = strcmp(a->id.s ? a->id.s : "", b->id.s ? b->id.s : "");
    if (c)
        return c;
    return a->index < b->index ? -1 : a->index > b->index;
}

static bool id_taken(const Programme *p, const char *id)
{
    for (size_t i = 0; i < p->nsessions; i++)
        if (p->sessions[i].id.s && strcmp(p->sessions[i].id.s, id) == 0)
            return true;
    return false;
}

/* Sessions that share an id (called after the sort, so each group is in
 * time order).  One at the same date and time in another room is the same
 * event listed twice (a break in every hall): its room joins the first
 * one's and it is dropped (dead[] set).  The others are the event held
 * again (a workshop every morning): numbered, as pretalx slots are. */
static void shared_ids(ImportDraft *dr, Diags *d, bool *dead)
{
    Programme *p = &dr->p;
    size_t n = p->nsessions;
    Session **by = arena_array(dr->a, n ? n : 1, sizeof *by);
    for (size_t i = 0; i < n; i++)
        by[i] = &p->sessions[i];
    /* index is the position after the sort here: stable within an id */
    qsort(by, n, sizeof *by, id_cmp);
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && by[j]->id.s && by[i]->id.s
               && strcmp(by[j]->id.s, by[i]->id.s) == 0)
            j++;
        if (j - i > 1) {
            size_t kept = 0;
            Session *keep[64];
            for (size_t k = i; k < j; k++) {
                Session *s = by[k];
                Session *same = NULL;
                for (size_t q = 0; q < kept && q < 64; q++)
                    if (date_compare(keep[q]->date, s->date) == 0
                        && keep[q]->start == s->start
                        && strcmp(keep[q]->title.s ? keep[q]->title.s : "",
                                  s->title.s ? s->title.s : "") == 0)
                        same = keep[q];   /* another title: numbered, kept */
                if (same) {
                    const char *label = dr->labels[s->index];
                    diag_warn(d, s->loc, label, "listed again in room \"%s\" "
                              "at the same time (first at line %d); kept once, "
                              "in both rooms",
                              s->venue.s ? s->venue.s : "", same->loc.line);
                    if (s->venue.s && (!same->venue.s
                                       || !strstr(same->venue.s, s->venue.s)))
                        same->venue = str_of(same->venue.s
                            ? arena_printf(dr->a, "%s \xC2\xB7 %s",
                                           same->venue.s, s->venue.s)
                            : s->venue.s);
                    dead[s->index] = true;
                } else if (kept < 64) {
                    keep[kept++] = s;
                } else {
                    keep[63] = s;   /* beyond 64 slots: compare with the last */
                }
            }
            if (kept > 1) {
                const char *base = by[i]->id.s;
                int num = 0;
                for (size_t k = i; k < j; k++) {
                    if (dead[by[k]->index])
                        continue;
                    const char *id;
                    do
                        id = arena_printf(dr->a, "%s-%d", base, ++num);
                    while (id_taken(p, id));
                    by[k]->id = str_of(id);
                }
            }
        }
        i = j;
    }
}

void import_finish(ImportDraft *dr, Diags *d)
{
    Programme *p = &dr->p;
    /* The offsets and labels travel with their sessions through the sort. */
    int *off = dr->offsets;
    typedef struct { Session s; int off; const char *label; } Pair;
    Pair *tmp = arena_array(dr->a, p->nsessions ? p->nsessions : 1, sizeof *tmp);
    for (size_t i = 0; i < p->nsessions; i++) {
        tmp[i].s = p->sessions[i];
        tmp[i].off = off[i];
        tmp[i].label = dr->labels[i];
    }
    qsort(tmp, p->nsessions, sizeof *tmp, session_cmp);
    for (size_t i = 0; i < p->nsessions; i++) {
        p->sessions[i] = tmp[i].s;
        p->sessions[i].index = i;
        off[i] = tmp[i].off;
        dr->labels[i] = tmp[i].label;
    }
    bool *dead = arena_array(dr->a, p->nsessions ? p->nsessions : 1, sizeof *dead);
    memset(dead, 0, (p->nsessions ? p->nsessions : 1) * sizeof *dead);
    shared_ids(dr, d, dead);
    size_t w = 0;
    for (size_t i = 0; i < p->nsessions; i++) {
        if (dead[i])
            continue;
        p->sessions[w] = p->sessions[i];
        p->sessions[w].index = w;
        off[w] = off[i];
        dr->labels[w] = dr->labels[i];
        w++;
    }
    p->nsessions = w;

    /* dates: the source's, else the first and last session days */
    if (!p->from.y || !p->to.y) {
        Date lo = {0}, hi = {0};
        for (size_t i = 0; i < p->nsessions; i++) {
            Date dt = p->sessions[i].date;
            if (!lo.y || date_compare(dt, lo) < 0)
                lo = dt;
            if (!hi.y || date_compare(dt, hi) > 0)
                hi = dt;
        }
        p->from = lo;
        p->to = hi;
    }

    /* language: the source's, else the language most sessions are in */
    if (!p->language.s) {
        const char *best = NULL;
        size_t best_n = 0;
        for (size_t i = 0; i < p->nsessions; i++) {
            const char *l = p->sessions[i].language.s;
            if (!l)
                continue;
            size_t n = 0;
            for (size_t j = 0; j < p->nsessions; j++)
                if (p->sessions[j].language.s
                    && strcmp(p->sessions[j].language.s, l) == 0)
                    n++;
            if (n > best_n) {
                best = l;
                best_n = n;
            }
        }
        p->language = str_of(best);
    }

    /* time zone: the source's name, else the offset most sessions have,
     * as a label; a session at another offset (a summer-time change in the
     * middle of the event, an online session) gets its own. */
    int main_off = IMPORT_NO_OFFSET;
    size_t main_n = 0;
    for (size_t i = 0; i < p->nsessions; i++) {
        if (off[i] == IMPORT_NO_OFFSET)
            continue;
        size_t n = 0;
        for (size_t j = 0; j < p->nsessions; j++)
            n += off[j] == off[i];
        if (n > main_n) {
            main_off = off[i];
            main_n = n;
        }
    }
    /* A zone name covers its summer time: only a zone we name by its
     * offset needs sessions marked at another one. */
    bool named = p->timezone.s != NULL;
    if (!named && main_off != IMPORT_NO_OFFSET)
        p->timezone = str_of(arena_printf(
            dr->a, "UTC%c%02d:%02d", main_off < 0 ? '-' : '+',
            abs(main_off) / 60, abs(main_off) % 60));
    for (size_t i = 0; i < p->nsessions; i++)
        if (!named && off[i] != IMPORT_NO_OFFSET && off[i] != main_off
            && !p->sessions[i].timezone.s)
            p->sessions[i].timezone = str_of(arena_printf(
                dr->a, "UTC%c%02d:%02d", off[i] < 0 ? '-' : '+',
                abs(off[i]) / 60, abs(off[i]) % 60));
}
