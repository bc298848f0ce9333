/* srcmap — YAML positions back to the export's.  See srcmap.h. */
#include "import/srcmap.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct SrcMap {
    const char *yaml_name;
    const char *source;         /* the export's path */
    const Programme *p;         /* the draft */
    const char *const *labels;  /* per session */
    int *session_line;          /* YAML line where each session starts */
    int *track_line;
    size_t nsession_lines, ntrack_lines;
};

SrcMap *srcmap_new(Arena *a, const ImportDraft *dr, const char *yaml_name,
                   const char *yaml, size_t len)
{
    SrcMap *m = arena_alloc(a, sizeof *m);
    memset(m, 0, sizeof *m);
    m->yaml_name = arena_strdup(a, yaml_name);
    m->source = dr->file;
    /* the draft itself is the caller's (on its stack); its arrays are in
     * the arena */
    Programme *copy = arena_alloc(a, sizeof *copy);
    *copy = dr->p;
    m->p = copy;
    m->labels = dr->labels;
    m->session_line = arena_array(a, dr->p.nsessions + 1, sizeof *m->session_line);
    m->track_line = arena_array(a, dr->p.ntracks + 1, sizeof *m->track_line);
    /* yamlout writes each track and session as "- " at the start of a
     * line, under "tracks:" and "sessions:" (yamlout.h) */
    int line = 1, list = 0;     /* 1 tracks, 2 sessions */
    for (size_t i = 0; i < len; i++) {
        const char *s = yaml + i;
        if (strncmp(s, "tracks:", 7) == 0)
            list = 1;
        else if (strncmp(s, "sessions:", 9) == 0)
            list = 2;
        else if (s[0] == '-' && s[1] == ' ') {
            if (list == 1 && m->ntrack_lines < dr->p.ntracks)
                m->track_line[m->ntrack_lines++] = line;
            else if (list == 2 && m->nsession_lines < dr->p.nsessions)
                m->session_line[m->nsession_lines++] = line;
        }
        const char *nl = memchr(s, '\n', len - i);
        if (!nl)
            break;
        i = (size_t)(nl - yaml);
        line++;
    }
    return m;
}

/* The last entry of lines[0..n) at or before line, or -1. */
static long entry_at(const int *lines, size_t n, int line)
{
    long lo = 0, hi = (long)n - 1, r = -1;
    while (lo <= hi) {
        long mid = (lo + hi) / 2;
        if (lines[mid] <= line) {
            r = mid;
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    return r;
}

/* "sessions[12].end" → 12 and "end"; -1 when field is not about one. */
static long indexed(const char *field, const char *list, const char **rest)
{
    size_t n = strlen(list);
    if (!field || strncmp(field, list, n) != 0 || field[n] != '[')
        return -1;
    char *end;
    long i = strtol(field + n + 1, &end, 10);
    if (*end != ']')
        return -1;
    *rest = end[1] == '.' ? end + 2 : end[1] ? end + 1 : NULL;
    return i;
}

static bool starts(const char *s, const char *key)
{
    size_t n = strlen(key);
    return s && strncmp(s, key, n) == 0 && (s[n] == '\0' || s[n] == '.'
                                            || s[n] == '[');
}

/* Where in the export the session's field came from, when known. */
static SrcLoc field_loc(const Session *s, const char *rest)
{
    SrcLoc none = { 0 };
    if (!rest)
        return none;
    if (starts(rest, "title"))
        return s->title.loc;
    if (starts(rest, "date"))
        return s->date_loc;
    if (starts(rest, "start"))
        return s->start_loc;
    if (starts(rest, "end") || starts(rest, "end_date")
        || starts(rest, "duration"))
        return s->end_loc;
    if (starts(rest, "venue"))
        return s->venue.loc;
    if (starts(rest, "summary"))
        return s->summary.loc;
    const char *sub;
    long k = indexed(rest, "speakers", &sub);
    if (k >= 0 && (size_t)k < s->nspeakers)
        return s->speakers[k].loc;
    return none;
}

const char *srcmap_remap(void *ctx, SrcLoc *loc, const char *field,
                         char *fbuf, size_t fsize)
{
    const SrcMap *m = ctx;
    if (!loc->file || strcmp(loc->file, m->yaml_name) != 0)
        return field;
    const Programme *p = m->p;
    const char *rest = NULL;
    long si = indexed(field, "sessions", &rest);
    long ti = si < 0 ? indexed(field, "tracks", &rest) : -1;
    if (si < 0 && ti < 0 && !field && loc->line > 0) {
        /* no field (a later stage's warning): the record on that line */
        si = entry_at(m->session_line, m->nsession_lines, loc->line);
        if (si < 0)
            ti = entry_at(m->track_line, m->ntrack_lines, loc->line);
    }
    if (si >= 0 && (size_t)si < p->nsessions) {
        const Session *s = &p->sessions[si];
        SrcLoc at = field_loc(s, rest);
        *loc = at.line > 0 ? at : s->loc;
        if (!loc->file)
            *loc = srcloc(m->source, 0, 0);
        const char *label = m->labels && m->labels[si] ? m->labels[si]
                                                       : s->id.s;
        snprintf(fbuf, fsize, "%s%s%s", label ? label : "event",
                 rest ? ": " : "", rest ? rest : "");
        return fbuf;
    }
    if (ti >= 0 && (size_t)ti < p->ntracks) {
        const Track *t = &p->tracks[ti];
        *loc = t->loc.file ? t->loc : srcloc(m->source, 0, 0);
        snprintf(fbuf, fsize, "track \"%s\"%s%s", t->title.s ? t->title.s : "",
                 rest ? ": " : "", rest ? rest : "");
        return fbuf;
    }
    /* the programme as a whole: the export's conference */
    *loc = p->loc.file ? p->loc : srcloc(m->source, 0, 0);
    return field;
}
