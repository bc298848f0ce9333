/* story — the programme as a vertical list of session blocks.
 *
 * Realisation (Typst's word): the const model, the layout and the locale
 * become paragraphs, headings, lists and keep-together blocks:
 *
 *   day heading (first session of a day)
 *   band        type · track, on the track colour
 *   title
 *   meta        date, times, zone and other times, venue, languages,
 *               registration, capacity, organizers (label: value lines)
 *   summary     paragraphs
 *   sections    heading + paragraphs or a numbered/bulleted list
 *   speakers    heading, moderators first; name in bold, role, position
 *               and affiliation; kept on one page
 *   documents   title and URL (a link)
 *
 * Rebuilt from scratch in each layout pass, in that pass's arena.
 */
#ifndef LIVRET_STORY_H
#define LIVRET_STORY_H

#include "input/locale.h"
#include "model/model.h"
#include "text/bidi.h"
#include "text/para.h"
#include "display/vlist.h"

typedef struct Agenda {
    const Session **order;  /* sessions sorted by date, start, input order */
    size_t n;
    int *day;               /* day index of order[i] */
    Date *days;             /* distinct dates, ascending */
    size_t ndays;
} Agenda;

/* Sort sessions into an agenda (arena-owned). */
void agenda_build(Arena *a, const Programme *p, Agenda *ag);

typedef struct StoryCtx {
    TextCtx *t;
    const Programme *prog;
    const Locale *loc;
    const Agenda *ag;
    double width;           /* text block width */
    double frame_h;         /* text block height (session-new-page: auto) */
    bool codes;             /* the session ids are codes a delegate uses
                               ("S04", "E3023"), not slugs ("axe-1-pleniere"):
                               shown in bands and grid cells */
    double label_col;       /* width of the meta labels' column */
    const char *const *ref_folio;   /* per Session.index: folio in the full
                                       programme (handouts), or NULL */
    /* display zones that tz_known() accepts, with their labels */
    const char *zone[8];
    const char *zone_label[8];  /* NULL: the database's abbreviation */
    int nzones;
    Diags *d;
    /* The session being set is right to left (its language): its band,
     * meta, lists and speakers are mirrored, its paragraphs set from the
     * right (text/bidi.h).  Only while session_block runs. */
    const char *rtl_lang;   /* that language, else NULL */
} StoryCtx;

/* The base direction of the booklet's own text (headings, contents,
 * indexes, grids, day headings): -1, right to left, when the programme's
 * language is written so; else 0, each paragraph its own (text/para.h).
 * Values the locale writes inside a session keep the locale's direction
 * (story.c, booklet_value). */
static inline int story_booklet_dir(const Programme *p)
{
    return bidi_lang_rtl(p->language.s) ? -1 : 0;
}

/* True when every session id is a code: at most 10 characters and no
 * run of three lower-case letters (a slug spells words). */
bool story_ids_are_codes(const Programme *p);

/* Measure what every session block shares (the meta label column) and
 * check the display zones (warnings to d). */
void story_prepare(StoryCtx *s, Arena *a, Diags *d);

/* Append sessions [first, end) of the agenda (with MARK_DAY /
 * MARK_SESSION marks) to l: the whole body is every session, in runs
 * (booklet.c lays out and frees a run at a time).  A run starts as the
 * whole list would at that session: the break or space before it and
 * its day's heading. */
void story_sessions(StoryCtx *s, Arena *a, VList *l, size_t first, size_t end);

/* Append one paragraph per blank-line-separated block of text. */
void story_text(StoryCtx *s, Arena *a, VList *l, const Str *text,
                StyleId style, const char *lang, const char *field);

/* The language of a session's text. */
const char *session_lang(const StoryCtx *s, const Session *ss);

/* "10:35–12:05", or with display zones "10:35–12:05 ART · 15:35–17:05
 * CEST"; NULL without a start time */
const char *session_times(Arena *a, const StoryCtx *s, const Session *ss);

#endif
