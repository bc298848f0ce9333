/* yamlout — programme YAML writer.  See yamlout.h. */
#include "import/yamlout.h"
#include "base/buf.h"
#include "input/scalar.h"

#include "base/xalloc.h"

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void indent(Buf *o, int n)
{
    for (int i = 0; i < n; i++)
        buf_add(o, " ", 1);
}

/* Decode one UTF-8 sequence (the input is valid: it comes from libxml2 or
 * ytree, which both check). */
static unsigned cp_at(const unsigned char *s, int *len)
{
    if (s[0] < 0x80) {
        *len = 1;
        return s[0];
    }
    if ((s[0] & 0xE0) == 0xC0 && s[1]) {
        *len = 2;
        return ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu);
    }
    if ((s[0] & 0xF0) == 0xE0 && s[1] && s[2]) {
        *len = 3;
        return ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
    }
    if ((s[0] & 0xF8) == 0xF0 && s[1] && s[2] && s[3]) {
        *len = 4;
        return ((s[0] & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12)
               | ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
    }
    *len = 1;
    return 0xFFFD;
}

/* Characters YAML wants escaped (not "printable" in YAML 1.1/1.2, or line
 * breaks other than LF). */
static bool needs_escape(unsigned c)
{
    return (c < 0x20 && c != '\n') || c == 0x7F || (c >= 0x80 && c < 0xA0)
           || c == 0x2028 || c == 0x2029 || c == 0xFEFF || c == 0xFFFE
           || c == 0xFFFF;
}

static bool any_escape(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int n;
        unsigned c = cp_at(p, &n);
        if (needs_escape(c) || c == '\t')
            return true;
        p += n;
    }
    return false;
}

/* The words YAML 1.1 reads as booleans or null. */
static bool is_special_word(const char *s)
{
    static const char *const words[] = {
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
        "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF",
        "null", "Null", "NULL", "~", "=", "<<", NULL
    };
    for (int i = 0; words[i]; i++)
        if (strcmp(s, words[i]) == 0)
            return true;
    return false;
}

static bool plain_ok(const char *s)
{
    if (!*s || is_special_word(s))
        return false;
    /* Anything starting with a digit, sign or dot may be a number, a date,
     * a time or a base-60 integer to some YAML 1.1 tool. */
    if (strchr("0123456789+-.", s[0]))
        return false;
    if (strchr("?:,[]{}#&*!|>'\"%@`", s[0]))
        return false;
    size_t n = strlen(s);
    if (s[n - 1] == ' ' || s[n - 1] == ':' || s[0] == ' ')
        return false;
    if (strstr(s, ": ") || strstr(s, " #") || strchr(s, '\n'))
        return false;
    return !any_escape(s);
}

static void quoted(Buf *o, const char *s)
{
    buf_add(o, "\"", 1);
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int n;
        unsigned c = cp_at(p, &n);
        if (c == '"')
            buf_str(o, "\\\"");
        else if (c == '\\')
            buf_str(o, "\\\\");
        else if (c == '\n')
            buf_str(o, "\\n");
        else if (c == '\t')
            buf_str(o, "\\t");
        else if (needs_escape(c))
            buf_printf(o, c < 0x100 ? "\\x%02X" : "\\u%04X", c);
        else
            buf_add(o, (const char *)p, (size_t)n);
        p += n;
    }
    buf_add(o, "\"", 1);
}

/* A scalar after "key: " (or "- "), at block indentation ind for a literal
 * block's lines. */
static void scalar(Buf *o, const char *s, int ind)
{
    if (strchr(s, '\n') && !any_escape(s) && s[0] != ' '
        && s[strlen(s) - 1] != '\n') {
        buf_str(o, "|-\n");
        const char *p = s;
        while (*p) {
            const char *e = strchr(p, '\n');
            size_t n = e ? (size_t)(e - p) : strlen(p);
            if (n) {
                indent(o, ind);
                buf_add(o, p, n);
            }
            buf_add(o, "\n", 1);
            p += n;
            if (*p == '\n')
                p++;
        }
        return;
    }
    if (plain_ok(s))
        buf_str(o, s);
    else
        quoted(o, s);
    buf_add(o, "\n", 1);
}

/* key: value, after pad spaces, the key at column col (pad is 0 after a
 * "- " already written); a block's lines go 2 deeper than the key. */
static void field_at(Buf *o, int pad, int col, const char *key, Str v)
{
    if (!v.s)
        return;
    indent(o, pad);
    buf_str(o, key);
    buf_str(o, ": ");
    scalar(o, v.s, col + 2);
}

static void field(Buf *o, int ind, const char *key, Str v)
{
    field_at(o, ind, ind, key, v);
}

static void date_field(Buf *o, int ind, const char *key, Date d)
{
    if (!d.y)
        return;
    indent(o, ind);
    buf_printf(o, "%s: %04d-%02d-%02d\n", key, d.y, d.m, d.d);
}

static void time_field(Buf *o, int ind, const char *key, int minutes)
{
    if (minutes < 0)
        return;
    indent(o, ind);
    buf_printf(o, "%s: \"%02d:%02d\"\n", key, (minutes / 60) % 24,
               minutes % 60);
}

/* A session past midnight: its end's clock time and the day it ends. */
static void end_fields(Buf *o, const Session *s)
{
    int days = session_end_day(s);
    time_field(o, 2, "end", s->end);
    if (!days)
        return;
    Date d = s->date;
    for (int i = 0; i < days; i++)
        if (++d.d > scalar_days_in_month(d.y, d.m)) {
            d.d = 1;
            if (++d.m > 12) {
                d.m = 1;
                d.y++;
            }
        }
    date_field(o, 2, "end_date", d);
}

static void color_field(Buf *o, int ind, Color c)
{
    if (c.space == COLOR_RGB) {
        indent(o, ind);
        buf_printf(o, "color: \"#%02X%02X%02X\"\n", (int)lround(c.c[0] * 255),
                (int)lround(c.c[1] * 255), (int)lround(c.c[2] * 255));
    } else if (c.space == COLOR_CMYK) {
        indent(o, ind);
        buf_printf(o, "color: \"cmyk(%d,%d,%d,%d)\"\n", (int)lround(c.c[0] * 100),
                (int)lround(c.c[1] * 100), (int)lround(c.c[2] * 100),
                (int)lround(c.c[3] * 100));
    }
}

static void session(Buf *o, const Session *s)
{
    /* "- " then the first key; the rest at 2 */
    buf_str(o, "- ");
    field_at(o, 0, 2, "id", s->id);
    field(o, 2, "type", s->type);
    field(o, 2, "title", s->title);
    field(o, 2, "track", s->track_id);
    date_field(o, 2, "date", s->date);
    time_field(o, 2, "start", s->start);
    end_fields(o, s);
    field(o, 2, "timezone", s->timezone);
    field(o, 2, "other_times", s->other_times);
    field(o, 2, "venue", s->venue);
    if (s->capacity >= 0)
        buf_printf(o, "  capacity: %d\n", s->capacity);
    field(o, 2, "registration", s->registration);
    field(o, 2, "language", s->language);
    field(o, 2, "summary", s->summary);
    if (s->nsections)
        buf_str(o, "  sections:\n");
    for (size_t i = 0; i < s->nsections; i++) {
        const Section *sec = &s->sections[i];
        bool first = true;
        /* each key of the section's mapping; the first after "- " */
        const char *keys[2] = { "title", "text" };
        Str vals[2] = { sec->title, sec->text };
        for (int k = 0; k < 2; k++) {
            if (!vals[k].s)
                continue;
            buf_str(o, first ? "  - " : "    ");
            first = false;
            field_at(o, 0, 4, keys[k], vals[k]);
        }
        if (sec->nitems) {
            if (sec->numbered) {
                buf_str(o, first ? "  - " : "    ");
                first = false;
                buf_str(o, "numbered: true\n");
            }
            buf_str(o, first ? "  - " : "    ");
            first = false;
            buf_str(o, "items:\n");
            for (size_t k = 0; k < sec->nitems; k++) {
                buf_str(o, "    - ");
                scalar(o, sec->items[k].s, 6);
            }
        }
    }
    if (s->nspeakers)
        buf_str(o, "  speakers:\n");
    for (size_t i = 0; i < s->nspeakers; i++) {
        const Speaker *sp = &s->speakers[i];
        buf_str(o, "  - ");
        field_at(o, 0, 4, "name", sp->name);
        field(o, 4, "role", sp->role);
        field(o, 4, "position", sp->position);
        field(o, 4, "affiliation", sp->affiliation);
    }
    if (s->ndocuments)
        buf_str(o, "  documents:\n");
    for (size_t i = 0; i < s->ndocuments; i++) {
        const Document *doc = &s->documents[i];
        buf_str(o, "  - ");
        if (doc->title.s) {
            field_at(o, 0, 4, "title", doc->title);
            field(o, 4, "url", doc->url);
        } else {
            field_at(o, 0, 4, "url", doc->url);
        }
    }
}

char *yamlout_programme(Arena *a, const Programme *p, const char *source,
                        const char *format, size_t *len)
{
    Buf o = {0};
    if (source) {
        /* a path with a line break would end the comment early */
        buf_str(&o, "# Imported by livret from ");
        for (const char *c = source; *c; c++)
            buf_add(&o, *c == '\n' || *c == '\r' ? "?" : c, 1);
        if (format)
            buf_printf(&o, " (%s)", format);
        buf_str(&o, "; edit freely.\n");
    }
    buf_str(&o, "programme:\n");
    field(&o, 2, "title", p->title);
    field(&o, 2, "subtitle", p->subtitle);
    field(&o, 2, "organizer", p->organizer);
    field(&o, 2, "language", p->language);
    if (p->from.y && p->to.y) {
        buf_str(&o, "  dates:\n");
        date_field(&o, 4, "from", p->from);
        date_field(&o, 4, "to", p->to);
    }
    field(&o, 2, "timezone", p->timezone);
    if (p->ntracks)
        buf_str(&o, "tracks:\n");
    for (size_t i = 0; i < p->ntracks; i++) {
        const Track *t = &p->tracks[i];
        buf_str(&o, "- ");
        field_at(&o, 0, 2, "id", t->id);
        field(&o, 2, "title", t->title);
        color_field(&o, 2, t->color);
    }
    buf_str(&o, "sessions:");
    buf_str(&o, p->nsessions ? "\n" : " []\n");
    for (size_t i = 0; i < p->nsessions; i++)
        session(&o, &p->sessions[i]);
    char *r = arena_strndup(a, o.s ? o.s : "", o.n);
    *len = o.n;
    free(o.s);
    return r;
}
