/* schema — see schema.h. */
#include "input/schema.h"
#include "model/date.h"
#include "input/scalar.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MESSAGE_SIZE 1024
#define EXCERPT_BYTES 40

/* BCP 47, loosely: ASCII letters, digits and hyphens; a first subtag of
 * 2-8 letters, then subtags of 1-8 letters or digits. */
static bool lang_tag_ok(const char *s)
{
    size_t sub = 0, nsub = 0;
    for (const char *p = s;; p++) {
        if (*p == '-' || *p == '\0') {
            if (sub == 0 || sub > 8 || (nsub == 0 && sub < 2))
                return false;
            nsub++;
            sub = 0;
            if (*p == '\0')
                return true;
            continue;
        }
        bool alpha = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z');
        bool digit = *p >= '0' && *p <= '9';
        if (!alpha && !(digit && nsub > 0))
            return false;
        sub++;
    }
}

/* ------------------------------------------------------------------ */
/* Diagnostics                                                         */

SchemaCtx schema_sub(const SchemaCtx *c, const char *key, size_t index,
                     char *buf, size_t size)
{
    SchemaCtx sub = *c;
    const char *dot = c->path[0] ? "." : "";
    if (index == SIZE_MAX)
        snprintf(buf, size, "%s%s%s", c->path, dot, key);
    else
        snprintf(buf, size, "%s%s%s[%zu]", c->path, dot, key, index);
    sub.path = buf;
    return sub;
}

/* PATH.key, PATH alone without a key, NULL when both are empty. */
static const char *field_name(const SchemaCtx *c, const char *key, char *buf,
                              size_t size)
{
    if (!key)
        return c->path[0] ? c->path : NULL;
    snprintf(buf, size, "%s%s%s", c->path, c->path[0] ? "." : "", key);
    return buf;
}

static void report(const SchemaCtx *c, DiagLevel level, SrcLoc loc,
                   const char *key, const char *fmt, va_list ap)
{
    char msg[MESSAGE_SIZE], field[SCHEMA_PATH_SIZE];
    vsnprintf(msg, sizeof msg, fmt, ap);
    const char *f = field_name(c, key, field, sizeof field);
    if (level == DIAG_ERROR)
        diag_error(c->d, loc, f, "%s%s%s%s", msg, c->sid ? " (session " : "",
                   c->sid ? c->sid : "", c->sid ? ")" : "");
    else
        diag_warn(c->d, loc, f, "%s%s%s%s", msg, c->sid ? " (session " : "",
                  c->sid ? c->sid : "", c->sid ? ")" : "");
}

void schema_error(const SchemaCtx *c, SrcLoc loc, const char *key,
                  const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(c, DIAG_ERROR, loc, key, fmt, ap);
    va_end(ap);
}

void schema_warn(const SchemaCtx *c, SrcLoc loc, const char *key,
                 const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(c, DIAG_WARNING, loc, key, fmt, ap);
    va_end(ap);
}

const char *schema_kind(const YNode *n)
{
    if (ytree_is_null(n))
        return "an empty value";
    switch (n->kind) {
    case YNODE_MAP: return "a mapping";
    case YNODE_SEQ: return "a list";
    case YNODE_SCALAR: break;
    }
    return "a string";
}

const char *schema_excerpt(const char *s, char *buf, size_t size)
{
    size_t n = strcspn(s, "\n");
    bool cut = s[n] != '\0';
    if (n > EXCERPT_BYTES) {
        n = EXCERPT_BYTES;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;        /* whole characters only */
        cut = true;
    }
    snprintf(buf, size, "%.*s%s", (int)n, s, cut ? "..." : "");
    return buf;
}

bool schema_is_map(const SchemaCtx *c, const YNode *n, const char *key)
{
    if (n->kind == YNODE_MAP)
        return true;
    schema_error(c, n->loc, key, "expected a mapping, got %s",
                 schema_kind(n));
    return false;
}

/* Edit distance of short ASCII keys, for "did you mean". */
static size_t edit_distance(const char *s, const char *t)
{
    size_t m = strlen(s), n = strlen(t), row[32];
    if (m >= 32 || n >= 32)
        return SIZE_MAX;
    for (size_t j = 0; j <= n; j++)
        row[j] = j;
    for (size_t i = 1; i <= m; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= n; j++) {
            size_t up = row[j];
            size_t best = diag + (s[i - 1] != t[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[n];
}

static const char *closest_key(const char *key, const char *const *known)
{
    const char *best = NULL;
    size_t bestd = 3;   /* at most two edits */
    for (size_t i = 0; known[i]; i++) {
        size_t dist = edit_distance(key, known[i]);
        if (dist < bestd && dist < strlen(known[i])) {
            bestd = dist;
            best = known[i];
        }
    }
    return best;
}

void schema_check_keys(const SchemaCtx *c, const YNode *map,
                       const char *const *known)
{
    for (size_t i = 0; i < map->npairs; i++) {
        const YNode *k = map->pairs[i].key;
        size_t j = 0;
        while (known[j] && strcmp(known[j], k->str) != 0)
            j++;
        if (known[j])
            continue;
        char buf[EXCERPT_BYTES + 8];
        const char *hint = closest_key(k->str, known);
        if (hint)
            schema_warn(c, k->loc, NULL, "unknown key '%s' (did you mean "
                        "'%s'?)", schema_excerpt(k->str, buf, sizeof buf),
                        hint);
        else
            schema_warn(c, k->loc, NULL, "unknown key '%s'",
                        schema_excerpt(k->str, buf, sizeof buf));
    }
}

/* ------------------------------------------------------------------ */
/* Fields                                                              */

static bool is_blank(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f'
           || ch == '\v';
}

/* The scalar's text trimmed of ASCII whitespace, tabs made spaces (the
 * model promises no control characters but '\n'); shares the node's
 * string when nothing changes. */
static void make_str(const SchemaCtx *c, const YNode *n, Str *out)
{
    const char *s = n->str, *e = n->str + n->len;
    while (s < e && is_blank(*s))
        s++;
    while (e > s && is_blank(e[-1]))
        e--;
    size_t len = (size_t)(e - s);
    out->loc = n->loc;
    out->len = len;
    if (*e == '\0' && !memchr(s, '\t', len)) {
        out->s = s;
        return;
    }
    char *copy = arena_strndup(c->a, s, len);
    for (char *p = copy; (p = strchr(p, '\t')) != NULL; p++)
        *p = ' ';
    out->s = copy;
}

/* Reports "expected a string, got ..." for a non-scalar n. */
static void not_text(const SchemaCtx *c, const YNode *n, const char *key)
{
    /* `- Moderar: preguntas` is the usual way to get a mapping here: a
     * one-pair block mapping (a flow one starts at its '{', not its key) */
    bool colon = n->kind == YNODE_MAP && n->npairs == 1
                 && n->pairs[0].value->kind == YNODE_SCALAR
                 && n->pairs[0].key->loc.line == n->loc.line
                 && n->pairs[0].key->loc.col == n->loc.col;
    schema_error(c, n->loc, key, "expected a string, got %s%s",
                 schema_kind(n), colon ? " (quote text that contains ': ')"
                                       : "");
}

/* The value of key when it is a non-null scalar; reports what is wrong
 * otherwise (missing, not a scalar) and returns NULL. */
static const YNode *scalar_field(const SchemaCtx *c, const YNode *map,
                                 const char *key, bool required)
{
    const YNode *v = ytree_get(map, key);
    if (!v || ytree_is_null(v)) {
        if (required)
            schema_error(c, map->loc, key, "missing");
        return NULL;
    }
    if (v->kind != YNODE_SCALAR) {
        not_text(c, v, key);
        return NULL;
    }
    return v;
}

/* Prose fields, whose length only the file size bounds: summary, a
 * section's text, and list items ("items[3]"). */
static bool is_prose(const char *key)
{
    return strcmp(key, "summary") == 0 || strcmp(key, "text") == 0
           || strncmp(key, "items[", 6) == 0;
}

static size_t code_points(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

bool schema_text_node(const SchemaCtx *c, const YNode *n, const char *key,
                      bool required, Str *out)
{
    memset(out, 0, sizeof *out);
    if (n->kind != YNODE_SCALAR) {
        not_text(c, n, key);
        return false;
    }
    Str s;
    make_str(c, n, &s);
    if (s.len == 0 || ytree_is_null(n)) {
        if (required)
            schema_error(c, n->loc, key, "must not be empty");
        return false;
    }
    size_t cp;
    if (s.len > SCHEMA_MAX_SHORT_TEXT && !is_prose(key)
        && (cp = code_points(s.s, s.len)) > SCHEMA_MAX_SHORT_TEXT) {
        schema_error(c, n->loc, key, "%zu characters, more than the %d this "
                     "field may hold (long text belongs in summary or "
                     "sections)", cp, SCHEMA_MAX_SHORT_TEXT);
        return false;
    }
    *out = s;
    return true;
}

bool schema_text(const SchemaCtx *c, const YNode *map, const char *key,
                 bool required, Str *out)
{
    memset(out, 0, sizeof *out);
    const YNode *v = scalar_field(c, map, key, required);
    return v && schema_text_node(c, v, key, required, out);
}

static void get_date(const SchemaCtx *c, const YNode *map, const char *key,
                     bool required, Date *out, SrcLoc *loc)
{
    Str s;
    memset(out, 0, sizeof *out);
    if (!schema_text(c, map, key, required, &s))
        return;
    if (loc)
        *loc = s.loc;
    char buf[EXCERPT_BYTES + 8];
    int y, m, d;
    if (!scalar_date_shape(s.s, &y, &m, &d))
        schema_error(c, s.loc, key, "expected YYYY-MM-DD, got '%s'",
                     schema_excerpt(s.s, buf, sizeof buf));
    else if (m < 1 || m > 12 || y < 1)
        schema_error(c, s.loc, key, "'%s' is not a calendar date (no month "
                     "%02d)", s.s, m);
    else if (!parse_date(s.s, out))
        schema_error(c, s.loc, key, "'%s' is not a calendar date (%04d-%02d "
                     "has %d days)", s.s, y, m, scalar_days_in_month(y, m));
}

/* start or end: minutes, or -1.  24:00 is taken only as an end. */
static int get_time(const SchemaCtx *c, const YNode *map, const char *key,
                    bool is_end, SrcLoc *loc)
{
    Str s;
    if (!schema_text(c, map, key, false, &s))
        return -1;
    *loc = s.loc;
    int minutes, h, m;
    if (parse_time(s.s, &minutes)) {
        /* the booklet prints minutes: say so when seconds would be lost */
        if (scalar_time_seconds(s.s))
            schema_warn(c, s.loc, key, "'%s': the seconds are not printed",
                        s.s);
        return minutes;
    }
    if (is_end && strcmp(s.s, "24:00") == 0)
        return 24 * 60;
    char buf[EXCERPT_BYTES + 8];
    if (strcmp(s.s, "24:00") == 0)
        schema_error(c, s.loc, key, "24:00 is accepted only as an end time");
    else if (scalar_time_shape(s.s, &h, &m))
        schema_error(c, s.loc, key, "'%s' is not a time of day (00:00 to "
                     "23:59)", s.s);
    else
        schema_error(c, s.loc, key, "expected H:MM or HH:MM, got '%s'",
                     schema_excerpt(s.s, buf, sizeof buf));
    return -2;      /* present but wrong: no further complaints */
}

static void get_language(const SchemaCtx *c, const YNode *map,
                         const char *key, Str *out)
{
    if (!schema_text(c, map, key, false, out) || lang_tag_ok(out->s))
        return;
    char buf[EXCERPT_BYTES + 8];
    schema_error(c, out->loc, key, "expected a language tag such as 'fr' or "
                 "'es-AR', got '%s'%s", schema_excerpt(out->s, buf, sizeof buf),
                 strchr(out->s, '_') ? " (subtags are joined by '-')" : "");
    memset(out, 0, sizeof *out);
}

/* A string or a list of strings (organizers, languages). */
static void get_text_list(const SchemaCtx *c, const YNode *map,
                          const char *key, Str **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    const YNode *v = ytree_get(map, key);
    if (!v || ytree_is_null(v))
        return;
    if (v->kind == YNODE_SCALAR) {
        Str s;
        if (schema_text_node(c, v, key, false, &s)) {
            *out = arena_alloc(c->a, sizeof **out);
            **out = s;
            *n = 1;
        }
        return;
    }
    if (v->kind != YNODE_SEQ) {
        schema_error(c, v->loc, key, "expected a string or a list of "
                     "strings, got %s", schema_kind(v));
        return;
    }
    *out = arena_array(c->a, v->nitems, sizeof **out);
    for (size_t i = 0; i < v->nitems; i++) {
        char item[SCHEMA_PATH_SIZE];
        snprintf(item, sizeof item, "%s[%zu]", key, i);
        if (schema_text_node(c, v->items[i], item, true, &(*out)[*n]))
            ++*n;
    }
}

/* The list under key, or NULL when absent (null) or not a list. */
static const YNode *list_field(const SchemaCtx *c, const YNode *map,
                               const char *key, bool required)
{
    const YNode *v = ytree_get(map, key);
    if (!v || ytree_is_null(v)) {
        if (required)
            schema_error(c, map->loc, key, "missing");
        return NULL;
    }
    if (v->kind != YNODE_SEQ) {
        schema_error(c, v->loc, key, "expected a list, got %s",
                     schema_kind(v));
        return NULL;
    }
    return v;
}

/* ------------------------------------------------------------------ */
/* Records                                                             */

static const char *const programme_keys[] = {
    "title", "subtitle", "organizer", "language", "dates", "timezone",
    "display_timezones", "cover", NULL
};
static const char *const dates_keys[] = { "from", "to", NULL };
static const char *const track_keys[] = { "id", "title", "color", NULL };
static const char *const session_keys[] = {
    "id", "type", "title", "track", "organizers", "date", "start", "end",
    "end_date", "duration", "timezone", "other_times", "venue", "capacity", "registration",
    "languages", "language", "summary", "sections", "speakers", "documents",
    NULL
};
static const char *const section_keys[] = {
    "title", "text", "items", "numbered", NULL
};
static const char *const speaker_keys[] = {
    "name", "role", "position", "affiliation", "sort_as", "family", NULL
};
static const char *const document_keys[] = { "title", "url", NULL };

static void read_dates(const SchemaCtx *c, const YNode *map, Programme *p)
{
    const YNode *v = ytree_get(map, "dates");
    if (!v || ytree_is_null(v) || !schema_is_map(c, v, "dates"))
        return;
    char path[SCHEMA_PATH_SIZE];
    SchemaCtx sub = schema_sub(c, "dates", SIZE_MAX, path, sizeof path);
    schema_check_keys(&sub, v, dates_keys);
    SrcLoc to_loc = v->loc;
    get_date(&sub, v, "from", true, &p->from, NULL);
    get_date(&sub, v, "to", true, &p->to, &to_loc);
    if (p->from.y && p->to.y && date_compare(p->to, p->from) < 0)
        schema_error(&sub, to_loc, "to", "%04d-%02d-%02d is before from "
                     "(%04d-%02d-%02d)", p->to.y, p->to.m, p->to.d,
                     p->from.y, p->from.m, p->from.d);
}

void schema_programme(const SchemaCtx *c, const YNode *map, Programme *p)
{
    p->loc = map->loc;
    schema_check_keys(c, map, programme_keys);
    schema_text(c, map, "title", true, &p->title);
    schema_text(c, map, "subtitle", false, &p->subtitle);
    schema_text(c, map, "organizer", false, &p->organizer);
    get_language(c, map, "language", &p->language);
    if (!p->language.s) {
        p->language.s = "en";
        p->language.len = 2;
        p->language.loc = map->loc;
    }
    read_dates(c, map, p);
    schema_text(c, map, "timezone", false, &p->timezone);
    get_text_list(c, map, "display_timezones", &p->display_zones,
                  &p->ndisplay_zones);
    /* cover: read by the loader (input/pages.c) */
}

void schema_track(const SchemaCtx *c, const YNode *map, Track *t)
{
    t->loc = map->loc;
    schema_check_keys(c, map, track_keys);
    if (schema_text(c, map, "id", true, &t->id)
        && strpbrk(t->id.s, " \t\n")) {
        schema_error(c, t->id.loc, "id", "'%s' contains spaces; a track id "
                     "is one word such as 'main-hall'", t->id.s);
    }
    schema_text(c, map, "title", true, &t->title);
    Str col;
    if (schema_text(c, map, "color", false, &col)
        && !parse_color(col.s, &t->color)) {
        char buf[EXCERPT_BYTES + 8];
        schema_error(c, col.loc, "color", "expected #RRGGBB or cmyk(C,M,Y,K) "
                     "with percentages 0-100, got '%s'",
                     schema_excerpt(col.s, buf, sizeof buf));
    }
}

static void read_section(const SchemaCtx *c, const YNode *map, Section *s)
{
    s->loc = map->loc;
    schema_check_keys(c, map, section_keys);
    schema_text(c, map, "title", false, &s->title);
    const YNode *text = ytree_get(map, "text");
    const YNode *items = ytree_get(map, "items");
    bool has_text = text && !ytree_is_null(text);
    bool has_items = items && !ytree_is_null(items);
    /* A title alone is a heading over the sections that follow: the
     * FOSDEM corpus has them. */
    if (has_text && has_items)
        schema_error(c, map->loc, NULL, "has both text and items; give one");
    else if (!has_text && !has_items && !ytree_get(map, "title"))
        schema_error(c, map->loc, NULL, "needs text or items");
    if (has_text)
        schema_text(c, map, "text", true, &s->text);
    const YNode *list = has_items ? list_field(c, map, "items", true) : NULL;
    if (list) {
        s->items = arena_array(c->a, list->nitems, sizeof *s->items);
        for (size_t i = 0; i < list->nitems; i++) {
            char item[SCHEMA_PATH_SIZE];
            snprintf(item, sizeof item, "items[%zu]", i);
            if (schema_text_node(c, list->items[i], item, true,
                                 &s->items[s->nitems]))
                s->nitems++;
        }
    }
    Str num;
    if (schema_text(c, map, "numbered", false, &num)) {
        if (!parse_bool(num.s, &s->numbered))
            schema_error(c, num.loc, "numbered", "expected true or false, "
                         "got '%s'", num.s);
        else if (!has_items)
            schema_warn(c, num.loc, "numbered", "applies only to items");
    }
}

static void read_speaker(const SchemaCtx *c, const YNode *map, Speaker *s)
{
    s->loc = map->loc;
    schema_check_keys(c, map, speaker_keys);
    schema_text(c, map, "name", true, &s->name);
    schema_text(c, map, "role", false, &s->role);
    schema_text(c, map, "position", false, &s->position);
    schema_text(c, map, "affiliation", false, &s->affiliation);
    /* index filing: sort_as wins; family alone files under it too */
    if (!schema_text(c, map, "sort_as", false, &s->sort_as))
        schema_text(c, map, "family", false, &s->sort_as);
}

static void read_document(const SchemaCtx *c, const YNode *map, Document *d)
{
    d->loc = map->loc;
    schema_check_keys(c, map, document_keys);
    bool t = schema_text(c, map, "title", false, &d->title);
    bool u = schema_text(c, map, "url", false, &d->url);
    const YNode *tv = ytree_get(map, "title"), *uv = ytree_get(map, "url");
    bool bad_type = (tv && tv->kind != YNODE_SCALAR)
                    || (uv && uv->kind != YNODE_SCALAR);
    if (!t && !u && !bad_type)
        schema_error(c, map->loc, NULL, "needs a title or a url");
}

/* Reads the list of mappings under key with fn into an arena array of
 * size-byte records; returns it with its length in *n. */
typedef void (*ReadRecord)(const SchemaCtx *c, const YNode *map, void *out);

static void *read_records(const SchemaCtx *c, const YNode *map,
                          const char *key, size_t size, ReadRecord fn,
                          size_t *n)
{
    *n = 0;
    const YNode *list = list_field(c, map, key, false);
    if (!list)
        return NULL;
    unsigned char *v = arena_array(c->a, list->nitems, size);
    for (size_t i = 0; i < list->nitems; i++) {
        char path[SCHEMA_PATH_SIZE];
        SchemaCtx sub = schema_sub(c, key, i, path, sizeof path);
        if (schema_is_map(&sub, list->items[i], NULL))
            fn(&sub, list->items[i], v + size * (*n)++);
    }
    return v;
}

/* Adapters: read_records stores through void *. */
static void section_fn(const SchemaCtx *c, const YNode *m, void *out)
{
    read_section(c, m, out);
}

static void speaker_fn(const SchemaCtx *c, const YNode *m, void *out)
{
    read_speaker(c, m, out);
}

static void document_fn(const SchemaCtx *c, const YNode *m, void *out)
{
    read_document(c, m, out);
}

/* A duration: minutes ("90") or H:MM ("1:30"); -1 when absent, -2 when
 * wrong (reported). */
static int get_duration(const SchemaCtx *c, const YNode *map, SrcLoc *loc)
{
    Str s;
    if (!schema_text(c, map, "duration", false, &s))
        return -1;
    *loc = s.loc;
    long v;
    int h, m;
    if (s.s[0] >= '0' && s.s[0] <= '9' && parse_int(s.s, 1, 7 * 1440, &v))
        return (int)v;
    if (scalar_time_shape(s.s, &h, &m) && m < 60 && h * 60 + m > 0
        && !scalar_time_seconds(s.s))
        return h * 60 + m;
    char buf[EXCERPT_BYTES + 8];
    schema_error(c, s.loc, "duration", "expected minutes (90) or H:MM "
                 "(1:30), more than zero, got '%s'",
                 schema_excerpt(s.s, buf, sizeof buf));
    return -2;
}

/* start, end, end_date and duration.  The end is kept in minutes from the
 * midnight that starts `date`, so a session past midnight ends after 1440
 * (end_date the next day, or a duration that crosses it). */
static void read_times(const SchemaCtx *c, const YNode *map, Session *s)
{
    s->start = get_time(c, map, "start", false, &s->start_loc);
    s->end = get_time(c, map, "end", true, &s->end_loc);
    Date ed = {0};
    SrcLoc ed_loc = {0}, du_loc = {0};
    get_date(c, map, "end_date", false, &ed, &ed_loc);
    int dur = get_duration(c, map, &du_loc);
    long days = 0;
    if (ed.y && s->date.y) {
        days = date_days(ed) - date_days(s->date);
        if (days < 0 || days > 7) {
            schema_error(c, ed_loc, "end_date", "the session ends on "
                         "%04d-%02d-%02d, %s its date", ed.y, ed.m, ed.d,
                         days < 0 ? "before" : "more than 7 days after");
            days = 0;
        }
        if (s->end == -1)
            schema_error(c, ed_loc, "end_date", "end_date without end");
    }
    if (dur >= 0 && s->start == -1)
        schema_error(c, du_loc, "duration", "duration without start");
    if (s->end >= 0 && s->start == -1) {
        schema_error(c, s->end_loc, "end", "end without start");
    } else if (s->end >= 0 && s->start >= 0) {
        if (ed.y) {
            s->end += (int)days * 1440;
        } else if (s->end == 0) {
            s->end = 24 * 60;   /* "00:00" after a start: midnight */
        }
        if (s->end <= s->start)
            schema_error(c, s->end_loc, "end", "end %02d:%02d is not after "
                         "start %02d:%02d", s->end / 60 % 24, s->end % 60,
                         s->start / 60, s->start % 60);
        else if (dur >= 0 && s->start + dur != s->end)
            schema_error(c, du_loc, "duration", "%d minutes from start "
                         "%02d:%02d is not the end %02d:%02d; give one of "
                         "end and duration", dur, s->start / 60,
                         s->start % 60, s->end / 60 % 24, s->end % 60);
    } else if (dur >= 0 && s->start >= 0) {
        s->end = s->start + dur;
        s->end_loc = du_loc;
    }
    if (s->start < 0)
        s->start = -1;
    if (s->end < 0)
        s->end = -1;
}

static void read_capacity(const SchemaCtx *c, const YNode *map, Session *s)
{
    Str cap;
    long v;
    s->capacity = -1;
    if (!schema_text(c, map, "capacity", false, &cap))
        return;
    /* digits only: "+5" is not how a capacity is written */
    if (cap.s[0] >= '0' && cap.s[0] <= '9' && parse_int(cap.s, 0, INT_MAX, &v)) {
        s->capacity = (int)v;
        return;
    }
    char buf[EXCERPT_BYTES + 8];
    schema_error(c, cap.loc, "capacity", "expected a non-negative integer, "
                 "got '%s'", schema_excerpt(cap.s, buf, sizeof buf));
}

void schema_session(SchemaCtx *c, const YNode *map, Session *s)
{
    s->loc = map->loc;
    c->sid = NULL;
    if (schema_text(c, map, "id", true, &s->id))
        c->sid = s->id.s;
    schema_check_keys(c, map, session_keys);
    schema_text(c, map, "type", false, &s->type);
    schema_text(c, map, "title", true, &s->title);
    schema_text(c, map, "track", false, &s->track_id);
    get_text_list(c, map, "organizers", &s->organizers, &s->norganizers);
    get_date(c, map, "date", true, &s->date, &s->date_loc);
    read_times(c, map, s);
    schema_text(c, map, "timezone", false, &s->timezone);
    /* other_times: one text, or a list (one line per zone), joined */
    Str *ot;
    size_t not;
    get_text_list(c, map, "other_times", &ot, &not);
    if (not) {
        s->other_times = ot[0];
        for (size_t i = 1; i < not; i++)
            s->other_times.s = arena_printf(c->a, "%s \xC2\xB7 %s",
                                            s->other_times.s, ot[i].s);
        s->other_times.len = strlen(s->other_times.s);
    }
    schema_text(c, map, "venue", false, &s->venue);
    read_capacity(c, map, s);
    schema_text(c, map, "registration", false, &s->registration);
    get_text_list(c, map, "languages", &s->languages, &s->nlanguages);
    get_language(c, map, "language", &s->language);
    schema_text(c, map, "summary", false, &s->summary);
    s->sections = read_records(c, map, "sections", sizeof *s->sections,
                               section_fn, &s->nsections);
    s->speakers = read_records(c, map, "speakers", sizeof *s->speakers,
                               speaker_fn, &s->nspeakers);
    s->documents = read_records(c, map, "documents", sizeof *s->documents,
                                document_fn, &s->ndocuments);
}
