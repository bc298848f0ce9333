/* booklet_stream — where the booklet's finished pages go, and the body
 * laid out a run of sessions at a time (issue 15).
 *
 * Without a sink, pages are kept for the DocList and everything lives in
 * the document arena.  With one (the PDF writer), each batch of pages is
 * handed over as it is made; a run of sessions or a section (the
 * indexes, the contents, the grids) is laid out in an arena of its own,
 * retired once its pages are handed over and freed once the sink is done
 * with them (it draws on a thread of its own): memory holds a run or a
 * section, not the booklet.
 */
#include "layout/booklet_impl.h"
#include "base/xalloc.h"

#include <stdlib.h>
#include <string.h>

struct Retired {
    Arena *a;
    size_t sent;            /* pages the sink had taken when it was retired */
};

Page *booklet_page(Ctx *c, bool front)
{
    Page **v = front ? &c->head : &c->tail;
    size_t *n = front ? &c->nhead : &c->ntail;
    size_t *cap = front ? &c->head_cap : &c->tail_cap;
    if (*n == *cap) {
        size_t more = *cap ? 2 * *cap : 64;
        *v = arena_grow(c->doc_a, *v, *cap, more, sizeof **v);
        *cap = more;
    }
    Page *pg = &(*v)[(*n)++];
    *pg = (Page){ .recto = booklet_right_hand(c, *n - 1) };
    return pg;
}

FontRef *booklet_fonts(Ctx *c, Arena *a, const bool *used)
{
    int n = c->fonts.nfonts;
    FontRef *f = arena_array(a, n ? (size_t)n : 1, sizeof *f);
    for (int i = 0; i < n; i++) {
        const char *path = font_path(&c->fonts, i);
        const char *slash = strrchr(path, '/');
        f[i].path = arena_strdup(a, path);
        f[i].name = used[i] ? arena_strdup(a, font_ps_name(&c->fonts, i))
                            : arena_strdup(a, slash ? slash + 1 : path);
        f[i].units_per_em = used[i] ? font_units_per_em(&c->fonts, i) : 0;
        f[i].index = font_face_index(&c->fonts, i);
    }
    return f;
}

void booklet_mark_fonts(const Page *pg, bool *used)
{
    for (size_t r = 0; r < pg->nruns; r++)
        for (size_t j = 0; j < pg->runs[r].n; j++)
            if (pg->runs[r].items[j].kind == ITEM_TEXT)
                used[pg->runs[r].items[j].u.text.font] = true;
}

/* Pages handed to the sink so far. */
static size_t sent(const Ctx *c)
{
    return c->head_sent + c->tail_sent;
}

/* Hand pages[from, *n) over (front or not); they are then empty here but
 * for their label and side. */
static bool send(Ctx *c, Page *pages, size_t *from, size_t n, bool front)
{
    size_t k = n - *from;
    if (!k)
        return true;
    Page *p = pages + *from;
    for (size_t i = 0; i < k; i++)
        booklet_mark_fonts(&p[i], c->font_used);
    if (c->frame.nfonts != (size_t)c->fonts.nfonts || !c->frame.fonts) {
        /* (a font was added: the frame's list, in the document arena,
         * until the next one is) */
        c->frame = (DocList){ .width = c->st->page_width,
                              .height = c->st->page_height,
                              .fonts = booklet_fonts(c, c->doc_a,
                                                     c->font_used),
                              .nfonts = (size_t)c->fonts.nfonts };
    }
    bool ok = c->sink->take(c->sink->ctx, &c->frame, p, k, front);
    for (size_t i = 0; i < k; i++)
        p[i] = (Page){ .recto = p[i].recto, .label = p[i].label,
                       .sent = true };
    *from = n;
    return ok;
}

bool booklet_send(Ctx *c)
{
    if (!c->sink)
        return true;
    bool ok = send(c, c->tail, &c->tail_sent, c->ntail, false);
    return send(c, c->head, &c->head_sent, c->nhead, true) && ok;
}

Arena *booklet_section(Ctx *c)
{
    if (!c->sink)
        return c->doc_a;
    if (c->nspare)
        return c->spare[--c->nspare];
    Arena *a = xmalloc(sizeof *a);
    arena_init(a);
    return a;
}

/* A freed section's arena is kept for the next (BOOKLET_SPARES of them,
 * emptied but for their largest block). */
static void drop_section(Ctx *c, Arena *a)
{
    if (c->nspare < BOOKLET_SPARES) {
        arena_reset(a);
        c->spare[c->nspare++] = a;
        return;
    }
    arena_free(a);
    free(a);
}

void booklet_retire(Ctx *c, Arena *a)
{
    if (a == c->doc_a)
        return;
    if (c->nretired == c->retired_cap) {
        c->retired_cap = c->retired_cap ? 2 * c->retired_cap : 8;
        c->retired = xreallocarray(c->retired, c->retired_cap,
                                   sizeof *c->retired);
    }
    c->retired[c->nretired++] = (struct Retired){ a, sent(c) };
}

/* Pages handed over that the sink may still be reading before layout
 * waits for it: layout is often faster than drawing, and each page
 * waiting holds its run's or section's memory. */
#define BACKLOG 128

void booklet_release(Ctx *c, bool wait)
{
    if (!c->nretired)
        return;
    size_t all = sent(c);
    size_t need = wait ? all : all > BACKLOG ? all - BACKLOG : 0;
    size_t done = c->sink->done ? c->sink->done(c->sink->ctx, need) : all;
    size_t k = 0;
    for (; k < c->nretired && c->retired[k].sent <= done; k++)
        drop_section(c, c->retired[k].a);
    memmove(c->retired, c->retired + k,
            (c->nretired - k) * sizeof *c->retired);
    c->nretired -= k;
    if (!c->nretired) {
        free(c->retired);
        c->retired = NULL;
        c->retired_cap = 0;
    }
}

void booklet_sections_fini(Ctx *c)
{
    for (size_t i = 0; i < c->nretired; i++) {
        arena_free(c->retired[i].a);
        free(c->retired[i].a);
    }
    free(c->retired);
    c->retired = NULL;
    c->nretired = c->retired_cap = 0;
    while (c->nspare) {
        Arena *a = c->spare[--c->nspare];
        arena_free(a);
        free(a);
    }
}

/* ---------------------------------------------------------------------
 * Lists laid out a run of parts at a time
 */

/* A run's arena, and the first entry it made. */
typedef struct Run {
    Arena *a;
    size_t first_entry;
} Run;

bool booklet_stream(Ctx *c, const Stream *s)
{
    Arena entries;
    arena_init(&entries);
    /* Its entries in an arena of their own: dead once their pages refer
     * to their boxes' items, and grown without an outgrown copy left at
     * each doubling. */
    VList l = { .entries = &entries };
    size_t at = 0;          /* l.v[at]: where the next page starts */
    size_t base = 0;        /* entries dropped before l.v[0] */
    Run *runs = NULL;
    size_t nruns = 0, cap = 0;
    bool ok = true;
    size_t k0 = 0;
    do {
        size_t k1 = s->nparts - k0 > s->run_len ? k0 + s->run_len : s->nparts;
        bool more = k1 < s->nparts;
        if (nruns == cap) {
            cap = cap ? 2 * cap : 4;
            runs = xreallocarray(runs, cap, sizeof *runs);
        }
        runs[nruns++] = (Run){ booklet_section(c), base + l.n };
        c->a = runs[nruns - 1].a;
        s->parts(c, &l, k0, k1, s->u);
        size_t first, end;
        int forced;
        while (paginate_next(&l, &at, more, c->frame_h, &first, &end,
                             &forced)) {
            if (s->forced)
                *s->forced += (size_t)forced;
            s->page(c, &l, first, end, s->u);
        }
        ok = booklet_send(c);
        /* The entries on pages go, and every run whose entries all went
         * (its pages were handed over with them). */
        if (at) {
            memmove(l.v, l.v + at, (l.n - at) * sizeof *l.v);
            l.n -= at;
            base += at;
            at = 0;
        }
        size_t gone = 0;
        while (gone + 1 < nruns && runs[gone + 1].first_entry <= base)
            booklet_retire(c, runs[gone++].a);
        if (gone) {
            memmove(runs, runs + gone, (nruns - gone) * sizeof *runs);
            nruns -= gone;
        }
        booklet_release(c, false);
        c->a = c->doc_a;
        k0 = k1;
    } while (ok && k0 < s->nparts);
    for (size_t i = 0; i < nruns; i++)
        booklet_retire(c, runs[i].a);
    free(runs);
    arena_free(&entries);
    return ok;
}

/* ---------------------------------------------------------------------
 * The body
 */

/* The day a body page's recto head names: the day of the page's first
 * session, or the day still running from the page before.  Pages come in
 * order, each once its sessions' marks are placed. */
static int body_day(Ctx *c, size_t pg)
{
    while (c->day_k < c->ag.n && c->session_at[c->day_k].page >= 0 &&
           c->session_at[c->day_k].page < (int)pg)
        c->day_cur = c->ag.day[c->day_k++];
    if (c->day_k < c->ag.n && c->session_at[c->day_k].page == (int)pg)
        c->day_cur = c->ag.day[c->day_k];
    return c->day_cur;
}

/* A body page of l's entries [first, end): boxes placed, marks
 * recorded, heads, folio and day tab. */
static void body_page(Ctx *c, const VList *l, size_t first, size_t end,
                      void *u)
{
    (void)u;
    Page *pg = booklet_page(c, false);
    size_t k = c->ntail - 1;
    PlaceCtx pc = { c, c->tail, 0, true };
    paginate_place_page(l, first, end, k, booklet_place, &pc);
    const Programme *p = c->prog;
    const char *title = c->subject ? c->subject : p->title.s;
    int day = body_day(c, k);
    const char *head = c->ag.ndays
                           ? locale_date(c->a, c->loc, c->ag.days[day])
                           : title;
    booklet_decorate(c, pg, k, title, head,
                     locale_number(c->doc_a, c->loc, (long)(k + 1)));
    if (c->st->day_tabs && c->ag.ndays > 1)
        booklet_day_tab(c, pg, k, day);
}

static void body_sessions(Ctx *c, VList *l, size_t k0, size_t k1, void *u)
{
    (void)u;
    story_sessions(&c->story, c->a, l, k0, k1);
}

bool booklet_layout_body(Ctx *c, size_t run_len)
{
    size_t n = c->ag.n ? c->ag.n : 1;
    c->session_at = arena_array(c->a, n, sizeof *c->session_at);
    c->day_at = arena_array(c->a, c->ag.ndays ? c->ag.ndays : 1,
                            sizeof *c->day_at);
    for (size_t i = 0; i < c->ag.n; i++)
        c->session_at[i].page = -1;
    for (size_t i = 0; i < c->ag.ndays; i++)
        c->day_at[i].page = -1;
    Stream s = { c->ag.n, run_len, body_sessions, body_page, NULL,
                 &c->body_forced };
    bool ok = booklet_stream(c, &s);
    c->body_pages = c->ntail;
    return ok;
}
