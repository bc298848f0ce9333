/* booklet — the whole pipeline from a loaded programme to a display list.
 *
 *   layout file + locale → fonts and text context
 *   agenda (sessions sorted by day and time)
 *   body:  story → vertical list → pages (laid out once), a run of
 *          sessions at a time
 *   back:  the indexes, the organizer's back pages
 *   front: title page, blank verso, front pages, table of contents,
 *          grids, laid out last; the contents cite body folios, which do
 *          not depend on the front matter, and link to physical pages,
 *          which do: laid out once, its links to the body and back
 *          matter are made LINK_AFTER_FRONT-relative and resolved once
 *          its length is known
 *   With a PageSink (the PDF writer), each run and section is handed
 *   over as it is made and freed once the sink is done with it, so the
 *   booklet is never held whole.
 *   pages: boxes placed in the mirrored text block, running heads (verso:
 *          programme title; recto: the day), folios on the outer edge of
 *          the foot, page labels equal to the folios (front matter in
 *          roman numerals), bookmarks days → sessions.
 *
 * Callers (main, tests, fuzzers) then hand the DocList to a backend.
 */
#ifndef LIVRET_BOOKLET_H
#define LIVRET_BOOKLET_H

#include <stdbool.h>

#include "base/arena.h"
#include "base/diag.h"
#include "model/model.h"
#include "display/page.h"

/* Sessions the body is laid out by: a run's boxes live until its pages
 * are handed over.  Sixteen sessions are 30 to 40 A5 pages. */
#define BOOKLET_BODY_RUN 16

typedef struct BookletOptions {
    const char *layout;         /* name or file; NULL = a5-booklet */
    const char *lang;           /* labels language; NULL = programme's */
    long long timestamp;        /* Info dates; -1 = none */
    const char *subject;        /* what a handout covers ("Axe 1", a day):
                                   shown under the title and in the running
                                   heads; NULL for the full programme */
    bool print;                 /* pad to the layout's signature with
                                   "Notes" pages before the back cover */
    const char *const *ref_folio;   /* per Session.index: the session's folio
                                   in the full programme, cited by handouts
                                   ("p. 23 in the full programme"); NULL */
    bool compare_breakers;      /* also run the other line breaker on every
                                   paragraph, for the report (stats.alt) */
    struct Hyphenator *hyph;    /* dictionaries kept across layouts (the
                                   handouts of --split-by load them once);
                                   NULL: loaded for this layout alone */
    const PageSink *sink;       /* takes every page as it is made (a PDF
                                   written as it goes), so they are not
                                   held; the DocList then has only their
                                   places and labels (Page.sent).  NULL:
                                   the DocList holds every page */
    size_t run;                 /* body sessions, contents entries and
                                   grid days laid out at a time; 0: the
                                   defaults (BOOKLET_BODY_RUN, ...).  The
                                   pages do not depend on it (tests vary
                                   it) */
} BookletOptions;

typedef struct BookletStats {
    size_t pages, sessions, speakers;
    size_t front_pages;
    long lines, hyphenated, overfull, loose;
    /* typography (issue #3): lines with ratio > 2, runs of 2+ hyphenated
     * lines, characters left out; the same figures from the other line
     * breaker on the same paragraphs (first-fit when KP sets the text);
     * the breaker used; shaping calls and cache hits */
    long very_loose, hyph_runs, missing;
    struct {
        long lines, hyphenated, overfull, loose, very_loose, hyph_runs;
    } alt;
    bool first_fit;
    long shape_calls, shape_hits;
    size_t forced_breaks;       /* blocks taller than a page, cut */
    bool sink_failed;           /* the sink refused pages (it reported
                                   why): an output error, not the input's */
    double t_text_layout;       /* seconds */
    const struct Style *style;  /* the layout used (arena) */
    const char **folio_of;      /* per Session.index: printed folio of the
                                   session's first page (arena) */
    size_t nfolio_of;
} BookletStats;

/* Lay out the programme.  The DocList and everything it points to live
 * in a.  NULL on error (reported to d). */
const DocList *booklet_layout(const Programme *p, const BookletOptions *o,
                              Arena *a, Diags *d, BookletStats *stats);

#endif
