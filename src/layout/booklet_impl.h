/* booklet_impl — what booklet.c (the driver) and booklet_front.c (title
 * page and contents) share: the layout context and the helpers that place
 * boxes on pages.  Nothing outside layout/booklet*.c includes it. */
#ifndef LIVRET_LAYOUT_BOOKLET_IMPL_H
#define LIVRET_LAYOUT_BOOKLET_IMPL_H

#include "layout/booklet.h"
#include "layout/grid.h"
#include "layout/index.h"
#include "layout/paginate.h"
#include "layout/story.h"
#include "input/locale.h"
#include "input/style.h"
#include "text/font.h"
#include "text/bidi.h"
#include "text/hyph.h"
#include "text/para.h"
#include "display/vlist.h"

/* Where a session or a day landed. */
typedef struct Landing {
    int page;               /* body page index, -1 = not placed */
    double y;               /* distance below the frame top */
} Landing;

/* Arenas of freed runs and sections kept for the next ones. */
#define BOOKLET_SPARES 4

typedef struct Ctx {
    const Programme *prog;
    const Style *st;
    const Locale *loc;
    TextCtx t;
    FontSet fonts;
    Hyphenator *hyph;
    bool own_hyph;          /* not lent by BookletOptions.hyph */
    Agenda ag;
    StoryCtx story;
    Diags *d;
    Arena *a;
    double frame_w, frame_h;
    /* finished pages (booklet_stream.c), in the document arena: the
     * front matter's, and after it the body's then the back matter's;
     * those a sink took are empty but for their label and side */
    Page *head, *tail;
    size_t nhead, ntail, head_cap, tail_cap;
    size_t head_sent, tail_sent;
    size_t body_pages;      /* the body's share of tail */
    size_t body_forced;     /* body pages cut inside a keep-together run */
    size_t day_k;           /* the recto heads' day: agenda index and */
    int day_cur;            /* day reached (body_day) */
    Landing *session_at;    /* per agenda index */
    int *session_page;      /* session_at[k].page, once the body is laid
                               out (the indexes and grids cite it) */
    Landing *day_at;        /* per day */
    const PageSink *sink;   /* BookletOptions.sink */
    struct Retired *retired;    /* arenas of pages the sink took, freed
                                   once it is done with them */
    size_t nretired, retired_cap;
    Arena *spare[BOOKLET_SPARES];   /* emptied arenas kept for the
                                       next run or section */
    size_t nspare;
    bool font_used[FONT_MAX];   /* by a page a sink took */
    DocList frame;          /* what the sink is told of the document:
                               page size, fonts (remade when a font is
                               added) */
    Arena *doc_a;           /* the document's arena (c->a is a run's or a
                               section's own while a sink takes pages) */
    const char *subject;    /* handout subject, or NULL */
    bool print;             /* print edition: pad to the signature */
    size_t run;             /* BookletOptions.run */
    /* back matter: the indexes, after the body */
    Index ix[NINDEXES];
    VList back;
    Pagination back_pg;
    int back_start[NINDEXES];   /* back page where each index starts, -1 */
    size_t grid_first;      /* the grids' first page; grid_n: how many */
    size_t grid_n;
    /* the organizer's free pages: [0] after the title page, [1] after
     * the indexes; free_at: per Programme.pages, its page in its list */
    VList freel[2];
    Pagination free_pg[2];
    int *free_at;
    size_t title_n;         /* physical pages of the title matter */
} Ctx;

/* The share of the title page's height the cover picture takes. */
#define COVER_SHARE 0.46

/* Where the boxes of a list's pages go (booklet_place). */
typedef struct PlaceCtx {
    Ctx *c;
    Page *pages;            /* where boxes go (NULL: marks only) */
    size_t first_physical;  /* index in pages of the list's page 0 */
    bool record;            /* record marks into session_at/day_at */
} PlaceCtx;

void booklet_place(void *vctx, size_t page, const VItem *it, double y);
void booklet_decorate(Ctx *c, Page *pg, size_t phys, const char *left,
                      const char *right, const char *folio);
void booklet_day_tab(Ctx *c, Page *pg, size_t phys, int day);

/* booklet_stream.c: where finished pages go — kept for the DocList, or
 * handed to the sink as they are made and their memory freed once it is
 * done with them. */

/* A new page at the end of the front matter (front) or after the body's
 * and back matter's made so far; its side set from its index, which has
 * the side of its physical page (the front matter's length is even when
 * pages face).  Valid until the next call. */
Page *booklet_page(Ctx *c, bool front);
/* Hand the pages made since the last call to the sink; false if it
 * refused them (it reported why). */
bool booklet_send(Ctx *c);
/* The arena a section of pages is laid out in: one of its own with a
 * sink (retire it once its pages are sent), else the document's. */
Arena *booklet_section(Ctx *c);
void booklet_retire(Ctx *c, Arena *a);
/* Free what the sink is done with, once it is done with all but the
 * last BACKLOG pages (wait: with all of them). */
void booklet_release(Ctx *c, bool wait);
/* Free the arenas kept for reuse (after booklet_release with wait). */
void booklet_sections_fini(Ctx *c);
/* A list laid out and cut into pages a run of parts at a time (the
 * body's sessions, the contents' entries, the grids' days): parts
 * [k0, k1) appended to the list in c->a, a run's own arena with a sink;
 * each page settled (paginate_next) made from its entries; the pages
 * handed over after each run, and a run's arena retired once every entry
 * it made is on a page handed over.  Memory holds a run or two and the
 * page left open, not the list; the pages are those of the whole list
 * cut at once, whatever run_len.  At least one run, even of no parts. */
typedef struct Stream {
    size_t nparts, run_len;
    void (*parts)(Ctx *c, VList *l, size_t k0, size_t k1, void *u);
    void (*page)(Ctx *c, const VList *l, size_t first, size_t end, void *u);
    void *u;
    size_t *forced;         /* += pages cut inside a keep-together run
                               (NULL: not counted) */
} Stream;
/* False if the sink refused pages (it reported why). */
bool booklet_stream(Ctx *c, const Stream *s);
/* The body, a run of run_len sessions at a time. */
bool booklet_layout_body(Ctx *c, size_t run_len);
FontRef *booklet_fonts(Ctx *c, Arena *a, const bool *used);
void booklet_mark_fonts(const Page *pg, bool *used);

void booklet_cover_art(Ctx *c, Page *pg, size_t phys);
void booklet_title_page(Ctx *c, VList *l);
/* The contents' parts [k0, k1) (a Stream's parts); links to the body and
 * back matter LINK_AFTER_FRONT pages ahead (DocList.front). */
void booklet_toc(Ctx *c, VList *l, size_t k0, size_t k1, void *u);
/* Its parts, for booklet_stream: the head (title, the organizer's front
 * pages), one a session, the back matter's entries. */
size_t booklet_toc_parts(const Ctx *c);
double booklet_block_left(const Ctx *c, size_t physical);
double booklet_frame_top(const Ctx *c);
void booklet_put_box(Arena *a, Page *pg, const VItem *b, double x, double base);
const char *booklet_roman(Arena *a, int n);

/* The base direction of the booklet's own text (story_booklet_dir). */
static inline int booklet_dir(const Ctx *c)
{
    return story_booklet_dir(c->prog);
}

/* Whether physical page phys is the right-hand page of its spread.  A
 * right-to-left booklet is bound on the right, as an Arabic or Hebrew
 * book is: its first page is a left-hand page, the inner margin of the
 * odd pages on their right, heads, folios and day tabs on the left. */
static inline bool booklet_right_hand(const Ctx *c, size_t phys)
{
    return !c->st->facing || (phys % 2 == 0) != (booklet_dir(c) < 0);
}

#endif
