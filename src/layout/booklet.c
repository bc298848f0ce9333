#include "layout/booklet.h"
#include "text/bidi.h"
#include "text/font.h"
#include "layout/grid.h"
#include "text/hyph.h"
#include "layout/index.h"
#include "input/locale.h"
#include "layout/paginate.h"
#include "layout/pages.h"
#include "text/para.h"
#include "layout/story.h"
#include "input/style.h"
#include "display/vlist.h"
#include "base/xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "layout/booklet_impl.h"


static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---------------------------------------------------------------------
 * Pages
 */

double booklet_block_left(const Ctx *c, size_t physical)
{
    /* the inner margin is on the binding side */
    return booklet_right_hand(c, physical) ? c->st->margin_inner
                                           : c->st->margin_outer;
}

double booklet_frame_top(const Ctx *c)
{
    return c->st->page_height - c->st->margin_top;
}

/* A box's items on a page at (x, baseline): the page refers to them
 * where the box keeps them (they are not copied), in an arena that lives
 * as long as the page is read. */
void booklet_put_box(Arena *a, Page *pg, const VItem *b, double x, double base)
{
    page_refer(a, pg, b->items, b->nitems, x + b->x, base);
}

void booklet_place(void *vctx, size_t page, const VItem *it, double y)
{
    PlaceCtx *pc = vctx;
    Ctx *c = pc->c;
    if (it->kind == VMARK) {
        if (!pc->record)
            return;
        Landing *L = it->mark == MARK_SESSION ? &c->session_at[it->value]
                   : it->mark == MARK_DAY     ? &c->day_at[it->value]
                                              : NULL;
        if (L && L->page < 0) {
            L->page = (int)page;
            L->y = y;
        }
        return;
    }
    if (!pc->pages)
        return;
    size_t phys = pc->first_physical + page;
    booklet_put_box(c->a, &pc->pages[phys], it, booklet_block_left(c, phys),
            booklet_frame_top(c) - y);
}

/* One line of text in a style at an absolute position on a page. */
static void page_text(Ctx *c, Page *pg, double x, double base, StyleId s,
                      const char *text, Align align, double width)
{
    VItem box = { 0 };
    box.kind = VBOX;
    double w = text_draw(&c->t, c->a, &box, 0, s, text, strlen(text),
                         srcloc(NULL, 0, 0));
    double dx = align == ALIGN_RIGHT ? width - w
              : align == ALIGN_CENTER ? (width - w) / 2 : 0;
    booklet_put_box(c->a, pg, &box, x + dx, base);
}

/* Shorten a running head that does not fit, at a space, with an
 * ellipsis: the full text is on the page it heads. */
static const char *fit_head(Ctx *c, const char *text, double width)
{
    if (text_width(&c->t, ST_HEAD, text, strlen(text)) <= width)
        return text;
    size_t n = strlen(text);
    while (n > 0) {
        while (n > 0 && text[n - 1] != ' ')
            n--;
        while (n > 0 && text[n - 1] == ' ')
            n--;
        const char *s = arena_printf(c->a, "%.*s\xE2\x80\xA6", (int)n, text);
        if (text_width(&c->t, ST_HEAD, s, strlen(s)) <= width)
            return s;
    }
    return "";
}

/* Running head and folio.  Facing pages: the head is at the outer edge,
 * the verso's (an even page) `left`, the recto's `right`; the folio too.
 * Single-sided pages: `left` at the left and `right` at the right of
 * every page, the folio on the right.  A right-to-left booklet's rectos
 * are left-hand pages (booklet_right_hand). */
void booklet_decorate(Ctx *c, Page *pg, size_t phys, const char *left,
                      const char *right, const char *folio)
{
    bool facing = c->st->facing;
    bool recto = phys % 2 == 0 || !facing;
    bool rh = booklet_right_hand(c, phys);
    double x = booklet_block_left(c, phys);
    if (facing) {
        /* one head, at the outer edge */
        const char *head = recto ? right : left;
        left = rh ? NULL : head;
        right = rh ? head : NULL;
    }
    double base = c->st->page_height - c->st->head_offset;
    double half = (left && *left && right && *right) ? c->frame_w / 2 - 6
                                                     : c->frame_w;
    if (left && *left)
        page_text(c, pg, x, base, ST_HEAD, fit_head(c, left, half), ALIGN_LEFT,
                  c->frame_w);
    if (right && *right)
        page_text(c, pg, x, base, ST_HEAD, fit_head(c, right, half),
                  ALIGN_RIGHT, c->frame_w);
    if ((left && *left) || (right && *right)) {
        Item *r = page_add(c->a, pg, ITEM_LINE);
        r->x = x;
        r->y = base - 3.5;
        r->u.line.x2 = x + c->frame_w;
        r->u.line.y2 = r->y;
        r->u.line.width = 0.4;
        r->color = c->st->rule_color;
    }
    if (folio) {
        page_text(c, pg, x, c->st->foot_offset, ST_FOLIO, folio,
                  rh ? ALIGN_RIGHT : ALIGN_LEFT, c->frame_w);
        pg->label = folio;
    }
}

/* A "Notes" page: the heading and ruled lines across the text block. */
static void notes_page(Ctx *c, Page *pg, size_t phys, const char *folio)
{
    double x = booklet_block_left(c, phys);
    const TextStyle *h = &c->st->text[ST_TOC_TITLE];
    double y = booklet_frame_top(c) - h->size;
    page_text(c, pg, x, y, ST_TOC_TITLE, c->loc->label[L_NOTES],
              booklet_dir(c) < 0 ? ALIGN_RIGHT : ALIGN_LEFT, c->frame_w);
    double pitch = c->st->text[ST_BODY].leading * 1.6;
    for (y -= 2 * pitch; y > c->st->margin_bottom; y -= pitch) {
        Item *r = page_add(c->a, pg, ITEM_LINE);
        r->x = x;
        r->y = y;
        r->u.line.x2 = x + c->frame_w;
        r->u.line.y2 = y;
        r->u.line.width = 0.3;
        r->color = c->st->rule_color;
    }
    booklet_decorate(c, pg, phys, NULL, NULL, folio);
}

/* Saddle stitching needs a multiple of the signature: pad with "Notes"
 * (or blank) pages before the back cover (the last page, when it is
 * blank), where a binder expects them; else at the end. */
static void pad_to_signature(Ctx *c, DocList *doc, size_t front)
{
    size_t sig = (size_t)c->st->signature;
    if (sig < 2 || doc->npages % sig == 0)
        return;
    size_t pad = sig - doc->npages % sig;
    size_t n = doc->npages + pad;
    Page *pages = arena_array(c->a, n, sizeof *pages);
    bool back_cover = doc->npages > front + 1 &&
                      doc->pages[doc->npages - 1].nitems == 0;
    size_t at = back_cover ? doc->npages - 1 : doc->npages;
    memcpy(pages, doc->pages, at * sizeof *pages);
    if (back_cover)
        pages[n - 1] = doc->pages[doc->npages - 1];
    doc->pages = pages;
    doc->npages = n;
    for (size_t i = 0; i < n; i++)
        doc->pages[i].recto = booklet_right_hand(c, i);
    for (size_t k = 0; k < pad; k++) {
        const char *folio = locale_number(c->a, c->loc, (long)(at + k - front + 1));
        if (c->st->notes_pages)
            notes_page(c, &doc->pages[at + k], at + k, folio);
        else
            doc->pages[at + k].label = folio;
    }
    if (back_cover)
        doc->pages[n - 1].label = locale_number(c->a, c->loc, (long)(n - front));
}

/* A thumb tab: a block of colour on the outer edge, lower for each day,
 * so a closed booklet shows where each day starts.  It touches the trim,
 * so the print edition runs it into the bleed. */
void booklet_day_tab(Ctx *c, Page *pg, size_t phys, int day)
{
    const double w = 4.5 * 72 / 25.4, h = 16 * 72 / 25.4, gap = 2;
    int slots = (int)((c->st->page_height - c->st->margin_top -
                       c->st->margin_bottom) / (h + gap));
    if (slots < 1)
        return;
    Item *r = page_add(c->a, pg, ITEM_RECT);
    r->w = w;
    r->h = h;
    r->x = booklet_right_hand(c, phys) ? c->st->page_width - w : 0;
    r->y = booklet_frame_top(c) - (day % slots + 1) * h - (day % slots) * gap;
    r->color = c->st->band_color;
}

const char *booklet_roman(Arena *a, int n)
{
    static const struct { int v; const char *s; } r[] = {
        { 1000, "m" }, { 900, "cm" }, { 500, "d" }, { 400, "cd" },
        { 100, "c" }, { 90, "xc" }, { 50, "l" }, { 40, "xl" }, { 10, "x" },
        { 9, "ix" }, { 5, "v" }, { 4, "iv" }, { 1, "i" },
    };
    char buf[64] = "";
    size_t len = 0;
    for (size_t i = 0; i < sizeof r / sizeof *r && len < 50; i++)
        while (n >= r[i].v && len < 50) {
            strcpy(buf + len, r[i].s);
            len += strlen(r[i].s);
            n -= r[i].v;
        }
    return arena_strdup(a, buf);
}

/* ---------------------------------------------------------------------
 * Assembly
 */

static bool setup(Ctx *c, const Programme *p, const BookletOptions *o,
                  Arena *a, Diags *d)
{
    memset(c, 0, sizeof *c);
    c->prog = p;
    c->a = c->doc_a = a;
    c->sink = o->sink;
    c->d = d;
    c->st = style_load(a, o->layout, d);
    if (!c->st)
        return false;
    const char *lang = o->lang ? o->lang : p->language.s;
    c->loc = locale_load(a, c->st->datadir, lang ? lang : "en", p->language.loc, d);
    if (!c->loc)
        return false;
    if (!font_set_init(&c->fonts, d))
        return false;
    c->own_hyph = !o->hyph;
    c->hyph = o->hyph ? o->hyph : hyph_new(NULL);
    if (!text_ctx_init(&c->t, c->st, &c->fonts, c->hyph, d))
        return false;
    c->t.lang = p->language.s;
    c->t.compare = o->compare_breakers;
    c->frame_w = c->st->page_width - c->st->margin_inner - c->st->margin_outer;
    c->frame_h = c->st->page_height - c->st->margin_top - c->st->margin_bottom;
    agenda_build(a, p, &c->ag);
    c->subject = o->subject;
    c->print = o->print;
    c->run = o->run;
    c->story = (StoryCtx){ .t = &c->t, .prog = p, .loc = c->loc,
                           .ag = &c->ag, .width = c->frame_w,
                           .frame_h = c->frame_h,
                           .ref_folio = o->ref_folio };
    story_prepare(&c->story, a, d);
    return true;
}

static void teardown(Ctx *c)
{
    booklet_sections_fini(c);
    text_ctx_fini(&c->t);
    if (c->own_hyph)
        hyph_free(c->hyph);
    font_set_fini(&c->fonts);
}

/* Physical pages of the title matter: its pages (one, unless a long title
 * or subtitle runs over) and a blank verso when facing pages need one. */
static size_t title_pages(const Ctx *c, const Pagination *tp)
{
    size_t n = tp->npages ? tp->npages : 1;
    return c->st->facing ? n + n % 2 : n;
}

static void index_marks(void *vctx, size_t page, const VItem *it, double y)
{
    (void)y;
    Ctx *c = vctx;
    if (it->kind == VMARK && it->mark == MARK_ANCHOR && c->back_start[it->value] < 0)
        c->back_start[it->value] = (int)page;
}

/* The indexes, each starting a page; links LINK_AFTER_FRONT pages
 * ahead (the front matter, laid out after them, is not known yet). */
static void layout_back(Ctx *c)
{
    memset(&c->back, 0, sizeof c->back);
    memset(&c->back_pg, 0, sizeof c->back_pg);
    for (int k = 0; k < NINDEXES; k++)
        c->back_start[k] = -1;
    if (!c->st->indexes)
        return;
    for (int k = 0; k < NINDEXES; k++) {
        if (!c->ix[k].n)
            continue;
        if (c->back.n)
            vlist_penalty(c->a, &c->back, -VLIST_INF);
        vlist_mark(c->a, &c->back, MARK_ANCHOR, k);
        index_layout(&c->story, c->a, &c->back, &c->ix[k], (IndexKind)k,
                     LINK_AFTER_FRONT, booklet_frame_top(c));
    }
    paginate_run(c->a, &c->back, c->frame_h, &c->back_pg);
    paginate_place(&c->back, &c->back_pg, index_marks, c);
}

static void free_marks(void *vctx, size_t page, const VItem *it, double y)
{
    (void)y;
    Ctx *c = vctx;
    if (it->kind == VMARK && it->mark == MARK_ANCHOR && c->free_at[it->value] < 0)
        c->free_at[it->value] = (int)page;
}

/* The free pages, front and back: laid out once (they cite no page). */
static void layout_free(Ctx *c)
{
    size_t n = c->prog->npages;
    c->free_at = arena_array(c->a, n ? n : 1, sizeof *c->free_at);
    for (size_t i = 0; i < n; i++)
        c->free_at[i] = -1;
    for (int k = 0; k < 2; k++) {
        memset(&c->freel[k], 0, sizeof c->freel[k]);
        memset(&c->free_pg[k], 0, sizeof c->free_pg[k]);
        /* a handout of some sessions (a track, a day) is those sessions:
         * the welcome word and the partners are in the full programme */
        if (c->subject)
            continue;
        if (!pages_layout(&c->story, c->a, &c->freel[k], k == 1, c->frame_h))
            continue;
        paginate_run(c->a, &c->freel[k], c->frame_h, &c->free_pg[k]);
        paginate_place(&c->freel[k], &c->free_pg[k], free_marks, c);
    }
}

/* The title of the free page that page k of list `back` shows. */
static const char *free_title(const Ctx *c, bool back, size_t k)
{
    const char *t = NULL;
    for (size_t i = 0; i < c->prog->npages; i++)
        if (c->prog->pages[i].back == back && c->free_at[i] >= 0
            && (size_t)c->free_at[i] <= k)
            t = c->prog->pages[i].title.s;
    return t;
}

static void add_outlines(Ctx *c, DocList *doc, size_t front)
{
    size_t n = c->ag.n + c->ag.ndays + NINDEXES + c->prog->npages;
    doc->outlines = arena_array(c->a, n ? n : 1, sizeof *doc->outlines);
    size_t o = 0;
    for (size_t k = 0; k < c->ag.n; k++) {
        if (k == 0 || c->ag.day[k] != c->ag.day[k - 1]) {
            int di = c->ag.day[k];
            Outline *ol = &doc->outlines[o++];
            ol->level = 0;
            ol->title = locale_date(c->a, c->loc, c->ag.days[di]);
            ol->page = (int)front + c->day_at[di].page;
            ol->top = booklet_frame_top(c) - c->day_at[di].y + 6;
        }
        const Session *ss = c->ag.order[k];
        Outline *ol = &doc->outlines[o++];
        ol->level = 1;
        const char *t = locale_times(c->a, c->loc, ss->start, -1);
        const char *title = text_marked(&c->t, c->a, ss->language.s, ss->title.s);
        ol->title = t ? arena_printf(c->a, "%s %s", t, title) : title;
        ol->page = (int)front + c->session_at[k].page;
        ol->top = booklet_frame_top(c) - c->session_at[k].y + 6;
    }
    for (int k = 0; k < NINDEXES; k++) {
        if (c->back_start[k] < 0)
            continue;
        Outline *ol = &doc->outlines[o++];
        ol->level = 0;
        ol->title = c->loc->label[k == INDEX_SPEAKERS ? L_INDEX_SPEAKERS
                                                      : L_INDEX_ORGANISATIONS];
        ol->page = (int)(front + c->body_pages) + c->back_start[k];
        ol->top = booklet_frame_top(c);
    }
    for (size_t i = 0; i < c->prog->npages; i++) {
        if (!c->prog->pages[i].back || c->free_at[i] < 0)
            continue;
        Outline *ol = &doc->outlines[o++];
        ol->level = 0;
        ol->title = text_marked(&c->t, c->a, NULL, c->prog->pages[i].title.s);
        ol->page = (int)(front + c->body_pages + c->back_pg.npages)
                   + c->free_at[i];
        ol->top = booklet_frame_top(c);
    }
    doc->noutlines = o;
}

/* A section of pages (the indexes, the contents, the grids) laid out in
 * an arena of its own when a sink takes the pages (booklet_section). */
static Arena *section_begin(Ctx *c)
{
    return c->a = booklet_section(c);
}

/* Hand the section's pages over and let its arena go once the sink is
 * done with them; false if the sink refused them. */
static bool section_end(Ctx *c, Arena *sa)
{
    bool ok = booklet_send(c);
    booklet_retire(c, sa);
    booklet_release(c, false);
    c->a = c->doc_a;
    return ok;
}

/* The back matter after the body: the indexes, the organizer's back
 * pages, a blank verso to end a facing booklet.  Its folios follow the
 * body's; its links to the body are made LINK_AFTER_FRONT pages ahead. */
static bool make_back(Ctx *c)
{
    const Programme *p = c->prog;
    const char *title = c->subject ? c->subject : p->title.s;
    Arena *sa = section_begin(c);
    layout_back(c);
    size_t first = c->ntail;
    for (size_t k = 0; k < c->back_pg.npages; k++)
        booklet_page(c, false);
    PlaceCtx pc = { c, c->tail, first, false };
    paginate_place(&c->back, &c->back_pg, booklet_place, &pc);
    for (size_t k = 0; k < c->back_pg.npages; k++) {
        size_t ph = first + k;
        int kind = 0;
        for (int i = 0; i < NINDEXES; i++)
            if (c->back_start[i] >= 0 && (size_t)c->back_start[i] <= k)
                kind = i;
        booklet_decorate(c, &c->tail[ph], ph, title,
                         c->loc->label[kind == INDEX_SPEAKERS
                                           ? L_INDEX_SPEAKERS
                                           : L_INDEX_ORGANISATIONS],
                         locale_number(c->doc_a, c->loc, (long)(ph + 1)));
    }
    c->back = (VList){ 0 };         /* (its items go with the section) */
    bool ok = section_end(c, sa);
    first = c->ntail;
    for (size_t k = 0; k < c->free_pg[1].npages; k++)
        booklet_page(c, false);
    pc = (PlaceCtx){ c, c->tail, first, false };
    paginate_place(&c->freel[1], &c->free_pg[1], booklet_place, &pc);
    for (size_t k = 0; k < c->free_pg[1].npages; k++)
        booklet_decorate(c, &c->tail[first + k], first + k, p->title.s,
                         free_title(c, true, k),
                         locale_number(c->doc_a, c->loc,
                                       (long)(first + k + 1)));
    /* Facing pages: an odd body ends with a blank verso. */
    if (c->st->facing && c->ntail % 2) {
        Page *blank = booklet_page(c, false);
        blank->label = locale_number(c->doc_a, c->loc, (long)c->ntail);
    }
    return booklet_send(c) && ok;
}

/* A front page of l's entries [first, end) (the contents, the grids):
 * no heads, the folio in roman numerals. */
static void front_page(Ctx *c, const VList *l, size_t first, size_t end,
                       void *u)
{
    (void)u;
    booklet_page(c, true);
    size_t k = c->nhead - 1;
    PlaceCtx pc = { c, c->head, 0, false };
    paginate_place_page(l, first, end, k, booklet_place, &pc);
    booklet_decorate(c, &c->head[k], k, NULL, NULL,
                     booklet_roman(c->doc_a, (int)k + 1));
}

/* The contents' entries laid out a run at a time (the grids: a day). */
#define TOC_RUN 64

/* The grids, a day at a time: agenda sessions [first[d], first[d + 1])
 * are day d's; the top of each session's page its link shows. */
typedef struct GridDays {
    size_t *first;
    double *stop;
} GridDays;

static void grid_days(Ctx *c, VList *l, size_t d0, size_t d1, void *u)
{
    const GridDays *g = u;
    grid_layout(&c->story, c->a, l, g->first[d0], g->first[d1],
                c->session_page, g->stop, LINK_AFTER_FRONT, c->frame_h);
}

/* n new front pages for a list paginated as pg, its boxes placed (over
 * the cover picture on the first, with cover); their first index. */
static size_t front_pages(Ctx *c, const VList *l, const Pagination *pg,
                          size_t n, bool cover)
{
    size_t first = c->nhead;
    for (size_t k = 0; k < n; k++)
        booklet_page(c, true);
    if (cover && n)
        booklet_cover_art(c, &c->head[first], first);
    PlaceCtx pc = { c, c->head, first, false };
    paginate_place(l, pg, booklet_place, &pc);
    return first;
}

/* The front matter, laid out last since it cites the body and the back
 * matter: title page (and its blank verso), the organizer's front pages,
 * the contents, the grids, a blank verso so the body starts on a recto.
 * What it shows does not depend on its own length; its links to the
 * body and back matter are made LINK_AFTER_FRONT pages ahead. */
static bool make_front(Ctx *c)
{
    const Programme *p = c->prog;
    bool ok = true;
    if (c->st->title_page) {
        Arena *sa = section_begin(c);
        VList tl = { 0 };
        Pagination tp = { 0 };
        booklet_title_page(c, &tl);
        paginate_run(c->a, &tl, c->frame_h, &tp);
        size_t first = front_pages(c, &tl, &tp, title_pages(c, &tp),
                                   tp.npages > 0);
        for (size_t k = first; k < c->nhead; k++)
            c->head[k].label = booklet_roman(c->doc_a, (int)k + 1);
        ok = section_end(c, sa) && ok;
    }
    c->title_n = c->nhead;
    size_t first = front_pages(c, &c->freel[0], &c->free_pg[0],
                               c->free_pg[0].npages, false);
    for (size_t k = first; k < c->nhead; k++)
        booklet_decorate(c, &c->head[k], k, p->title.s,
                         free_title(c, false, k - first),
                         booklet_roman(c->doc_a, (int)k + 1));
    if (c->st->toc && c->ag.n) {
        Stream s = { booklet_toc_parts(c), c->run ? c->run : TOC_RUN,
                     booklet_toc, front_page, NULL, NULL };
        ok = booklet_stream(c, &s) && ok;
    }
    c->grid_first = c->nhead;
    c->grid_n = 0;
    if (c->st->grid && c->ag.n) {
        GridDays g = { arena_array(c->a, c->ag.n + 1, sizeof *g.first),
                       arena_array(c->a, c->ag.n, sizeof *g.stop) };
        size_t ndays = 0;
        for (size_t k = 0; k < c->ag.n; k++) {
            if (k == 0 || c->ag.day[k] != c->ag.day[k - 1])
                g.first[ndays++] = k;
            g.stop[k] = booklet_frame_top(c) - c->session_at[k].y + 4;
        }
        g.first[ndays] = c->ag.n;
        Stream s = { ndays, c->run ? c->run : 1, grid_days, front_page, &g,
                     NULL };
        ok = booklet_stream(c, &s) && ok;
        c->grid_n = c->nhead - c->grid_first;
    }
    if (c->st->facing && c->nhead % 2) {
        Page *blank = booklet_page(c, true);
        blank->label = booklet_roman(c->doc_a, (int)c->nhead);
    }
    return booklet_send(c) && ok;
}

/* Links made LINK_AFTER_FRONT pages ahead, on the pages a DocList keeps,
 * go `front` pages ahead. */
static void resolve_links(DocList *doc)
{
    for (size_t i = 0; i < doc->npages; i++)
        for (size_t r = 0; r < doc->pages[i].nruns; r++) {
            const PageRun *run = &doc->pages[i].runs[r];
            for (size_t j = 0; j < run->n; j++) {
                Item *it = &run->items[j];
                if (it->kind == ITEM_LINK && it->u.link.page >= LINK_AFTER_FRONT)
                    it->u.link.page += (int)doc->front - LINK_AFTER_FRONT;
            }
        }
}

/* The DocList: the front matter's pages, then the others; bookmarks,
 * labels, fonts, information. */
static DocList *assemble(Ctx *c, const BookletOptions *o)
{
    const Programme *p = c->prog;
    DocList *doc = arena_alloc(c->a, sizeof *doc);
    doc->width = c->st->page_width;
    doc->height = c->st->page_height;
    size_t front = c->nhead;
    doc->front = front;
    doc->npages = c->nhead + c->ntail;
    doc->pages = arena_array(c->a, doc->npages ? doc->npages : 1,
                             sizeof *doc->pages);
    if (c->nhead)
        memcpy(doc->pages, c->head, c->nhead * sizeof *doc->pages);
    if (c->ntail)
        memcpy(doc->pages + c->nhead, c->tail, c->ntail * sizeof *doc->pages);
    for (size_t i = 0; i < doc->npages; i++)
        doc->pages[i].recto = booklet_right_hand(c, i);
    resolve_links(doc);
    if (c->print)
        pad_to_signature(c, doc, front);
    add_outlines(c, doc, front);
    if (c->grid_n) {
        /* A bookmark for the grids, first among the days. */
        Outline *ol = arena_array(c->a, doc->noutlines + 1, sizeof *ol);
        ol[0] = (Outline){ 0, c->loc->label[L_AT_A_GLANCE],
                           (int)c->grid_first, booklet_frame_top(c) };
        memcpy(ol + 1, doc->outlines, doc->noutlines * sizeof *ol);
        doc->outlines = ol;
        doc->noutlines++;
    }
    size_t nfront = 0;
    for (size_t i = 0; i < p->npages; i++)
        nfront += !p->pages[i].back && c->free_at[i] >= 0;
    if (nfront) {
        /* The front pages' bookmarks come first, in reading order. */
        Outline *ol = arena_array(c->a, doc->noutlines + nfront, sizeof *ol);
        size_t j = 0;
        for (size_t i = 0; i < p->npages; i++)
            if (!p->pages[i].back && c->free_at[i] >= 0)
                ol[j++] = (Outline){ 0, text_marked(&c->t, c->a, NULL,
                                                    p->pages[i].title.s),
                                     (int)c->title_n + c->free_at[i],
                                     booklet_frame_top(c) };
        memcpy(ol + j, doc->outlines, doc->noutlines * sizeof *ol);
        doc->outlines = ol;
        doc->noutlines += nfront;
    }
    doc->nlabels = 0;
    doc->labels = arena_array(c->a, 2, sizeof *doc->labels);
    if (front)
        doc->labels[doc->nlabels++] = (LabelRange){ 0, LABEL_ROMAN_LOWER, 1 };
    if (front < doc->npages)    /* a programme with no session has no body */
        doc->labels[doc->nlabels++] = (LabelRange){ (int)front, LABEL_DECIMAL, 1 };
    /* Fonts: the FontSet's, in order; the backend embeds only those used. */
    doc->nfonts = (size_t)c->fonts.nfonts;
    bool used[FONT_MAX];
    memcpy(used, c->font_used, sizeof used);
    for (size_t i = 0; i < doc->npages; i++)
        booklet_mark_fonts(&doc->pages[i], used);
    doc->fonts = booklet_fonts(c, c->a, used);
    /* The document's title as its title page shows it. */
    doc->title = text_marked(&c->t, c->a, NULL, p->title.s);
    doc->author = p->organizer.s;
    doc->subject = p->subtitle.s ? text_marked(&c->t, c->a, NULL, p->subtitle.s) : NULL;
    doc->lang = p->language.s ? p->language.s : "en";
    doc->rtl = booklet_dir(c) < 0;
    doc->creator = "livret " LIVRET_VERSION;
    doc->timestamp = o->timestamp;
    return doc;
}

const DocList *booklet_layout(const Programme *p, const BookletOptions *o,
                              Arena *a, Diags *d, BookletStats *stats)
{
    Ctx c;
    double t0 = now();
    memset(stats, 0, sizeof *stats);
    if (!setup(&c, p, o, a, d)) {
        teardown(&c);
        return NULL;
    }
    bool ok = booklet_layout_body(&c, o->run ? o->run : BOOKLET_BODY_RUN);
    if (ok) {
        layout_free(&c);
        c.session_page = arena_array(a, c.ag.n ? c.ag.n : 1,
                                     sizeof *c.session_page);
        for (size_t k = 0; k < c.ag.n; k++)
            c.session_page[k] = c.session_at[k].page;
        for (int k = 0; k < NINDEXES; k++)
            index_build(a, &c.story, c.session_page, (IndexKind)k, &c.ix[k]);
        ok = make_back(&c) && make_front(&c);
    }
    if (c.sink)
        booklet_release(&c, true);
    if (!ok) {
        stats->sink_failed = true;
        teardown(&c);
        return NULL;
    }
    DocList *doc = assemble(&c, o);
    size_t front = doc->front;
    stats->pages = doc->npages;
    stats->front_pages = front;
    stats->sessions = p->nsessions;
    for (size_t i = 0; i < p->nsessions; i++)
        stats->speakers += p->sessions[i].nspeakers;
    stats->lines = c.t.lines;
    stats->hyphenated = c.t.hyphenated;
    stats->overfull = c.t.overfull;
    stats->loose = c.t.loose;
    stats->very_loose = c.t.very_loose;
    stats->hyph_runs = c.t.hyph_runs;
    stats->missing = c.t.missing;
    stats->alt.lines = c.t.alt.lines;
    stats->alt.hyphenated = c.t.alt.hyphenated;
    stats->alt.overfull = c.t.alt.overfull;
    stats->alt.loose = c.t.alt.loose;
    stats->alt.very_loose = c.t.alt.very_loose;
    stats->alt.hyph_runs = c.t.alt.hyph_runs;
    stats->first_fit = c.st->typo.first_fit;
    font_shape_stats(&c.fonts, &stats->shape_calls, &stats->shape_hits);
    stats->forced_breaks = c.body_forced;
    stats->style = c.st;
    size_t nidx = 0;
    for (size_t i = 0; i < p->nsessions; i++)
        if (p->sessions[i].index + 1 > nidx)
            nidx = p->sessions[i].index + 1;
    stats->folio_of = arena_array(a, nidx ? nidx : 1, sizeof *stats->folio_of);
    stats->nfolio_of = nidx;
    for (size_t k = 0; k < c.ag.n; k++)
        if (c.session_at[k].page >= 0)
            stats->folio_of[c.ag.order[k]->index] =
                doc->pages[front + (size_t)c.session_at[k].page].label;
    stats->t_text_layout = now() - t0;
    teardown(&c);
    if (stats->forced_breaks)
        diag_warn(d, srcloc(p->path, 0, 0), NULL,
                  "%zu block(s) taller than a page had to be cut",
                  stats->forced_breaks);
    return doc;
}
