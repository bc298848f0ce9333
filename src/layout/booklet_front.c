/* booklet_front — the title page (cover picture, logo, title block) and
 * the contents with their leaders, page numbers and links.  Laid out by
 * booklet.c's fixed point with the front matter's length. */
#include "layout/booklet_impl.h"
#include "layout/pages.h"

#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------
 * Front matter
 */

static const char *date_range(Ctx *c)
{
    const Programme *p = c->prog;
    Date from = p->from.y ? p->from : (c->ag.ndays ? c->ag.days[0] : p->from);
    Date to = p->to.y ? p->to : (c->ag.ndays ? c->ag.days[c->ag.ndays - 1] : p->to);
    if (!from.y)
        return NULL;
    const char *a = locale_date(c->a, c->loc, from);
    if (!to.y || (to.y == from.y && to.m == from.m && to.d == from.d))
        return a;
    return arena_printf(c->a, "%s \xE2\x80\x93 %s", a, locale_date(c->a, c->loc, to));
}

/* The cover picture fills the top of the title page, to the trim on
 * three sides (the print edition runs it into the bleed), cut to its area
 * rather than distorted; the logo sits at the foot of the text block. */
void booklet_cover_art(Ctx *c, Page *pg, size_t phys)
{
    const Programme *p = c->prog;
    double W = c->st->page_width, H = c->st->page_height;
    VItem box = { 0 };
    if (p->cover.path) {
        double y0 = H * (1 - COVER_SHARE), ah = H - y0;
        double sc = W / p->cover.px_w;
        if (p->cover.px_h * sc < ah)
            sc = ah / p->cover.px_h;
        double w = p->cover.px_w * sc, h = p->cover.px_h * sc;
        Item *it = pages_image_item(c->a, &box, &p->cover, (W - w) / 2,
                                    y0 + (ah - h) / 2, w, h);
        it->u.image.clip[0] = 0;
        it->u.image.clip[1] = y0;
        it->u.image.clip[2] = W;
        it->u.image.clip[3] = H;
        it->u.image.full_bleed = 1 | 4 | 8;
    }
    if (p->logo.path) {
        double h = 42, w = h * p->logo.px_w / p->logo.px_h;
        if (w > c->frame_w * 0.45) {
            w = c->frame_w * 0.45;
            h = w * p->logo.px_h / p->logo.px_w;
        }
        pages_image_item(c->a, &box, &p->logo, booklet_block_left(c, phys) + c->frame_w - w,
                         c->st->margin_bottom, w, h);
    }
    booklet_put_box(c->a, pg, &box, 0, 0);
}

void booklet_title_page(Ctx *c, VList *l)
{
    const Programme *p = c->prog;
    const char *lang = p->language.s;
    /* An empty box first: glue at the top of a page is discarded, and the
     * title is meant to sit a fifth of the way down. */
    vlist_box(c->a, l, 0, 0);
    /* under the cover picture when there is one */
    vlist_space(c->a, l, p->cover.path
                             ? c->st->page_height * COVER_SHARE - c->st->margin_top + 14
                             : c->frame_h * 0.18);
    Span t = { p->title.s, p->title.len, ST_COVER_TITLE, NULL, false,
               p->title.loc, "programme.title" };
    ParaSpec ps = { &t, 1, lang, c->frame_w, 0, 0, ALIGN_LEFT, true, true };
    para_set(&c->t, c->a, &ps, l);
    if (p->subtitle.s) {
        vlist_space(c->a, l, c->st->text[ST_COVER_SUBTITLE].space_before);
        Span s = { p->subtitle.s, p->subtitle.len, ST_COVER_SUBTITLE, NULL,
                   false, p->subtitle.loc, "programme.subtitle" };
        ParaSpec pp = { &s, 1, lang, c->frame_w, 0, 0, ALIGN_LEFT, true, true };
        para_set(&c->t, c->a, &pp, l);
    }
    if (c->subject) {
        vlist_space(c->a, l, c->st->text[ST_COVER_SUBTITLE].space_before);
        Span s = { c->subject, strlen(c->subject), ST_COVER_SUBTITLE, NULL,
                   false, p->loc, NULL };
        ParaSpec pp = { &s, 1, lang, c->frame_w, 0, 0, ALIGN_LEFT, true, true };
        para_set_dir(&c->t, c->a, &pp, l, booklet_dir(c));
    }
    vlist_space(c->a, l, 18);
    const char *lines[3] = { p->organizer.s, date_range(c), NULL };
    if (p->timezone.s) {
        /* French sets a no-break space before the colon. */
        const char *sep = strcmp(c->loc->lang, "fr") == 0 ? "\xC2\xA0: " : ": ";
        lines[2] = arena_printf(c->a, "%s%s%s", c->loc->label[L_TIMEZONE], sep,
                                locale_zone(c->a, c->loc, p->timezone.s));
    }
    for (int i = 0; i < 3; i++) {
        if (!lines[i])
            continue;
        vlist_space(c->a, l, c->st->text[ST_COVER_META].space_before);
        Span s = { lines[i], strlen(lines[i]), ST_COVER_META, NULL, false,
                   p->loc, "programme" };
        ParaSpec pp = { &s, 1, NULL, c->frame_w, 0, 0, ALIGN_LEFT, true, true };
        para_set_dir(&c->t, c->a, &pp, l, booklet_dir(c));
    }
}

/* The whole entry (lines from before on) links to its page. */
static void toc_links(Ctx *c, VList *l, size_t before, int target_page,
                      double top)
{
    for (size_t i = before; i < l->n; i++) {
        VItem *b = &l->v[i];
        if (b->kind != VBOX)
            continue;
        Item *ln = vbox_add(c->a, b, ITEM_LINK);
        ln->x = 0;
        ln->y = -b->d;
        ln->w = c->frame_w;
        ln->h = b->h + b->d;
        ln->u.link.page = target_page;
        ln->u.link.top = top;
    }
}

/* A table-of-contents line: time (optional), title wrapping under itself,
 * dot leaders, the page number flush right; the whole entry links to its
 * page. */
static void toc_line(Ctx *c, VList *l, const char *times, const char *title,
                     SrcLoc loc, const char *lang, int target_page, double top,
                     const char *folio)
{
    const double tcol = 34, pcol = 26;
    size_t before = l->n;
    /* The line runs the booklet's way whatever its entry's language: in a
     * right-to-left booklet the time is on the right, the leaders run
     * left to the page number at the left edge. */
    bool rtl = booklet_dir(c) < 0;
    Span t = { title, strlen(title), ST_TOC_ENTRY, NULL, false, loc, "toc" };
    ParaSpec ps = { &t, 1, lang, c->frame_w - pcol, tcol, 0, ALIGN_LEFT, true,
                    false };
    vlist_space(c->a, l, c->st->text[ST_TOC_ENTRY].space_before);
    int nlines = para_set_dir(&c->t, c->a, &ps, l, rtl ? -1 : 1);
    if (nlines == 0)
        return;
    vlist_space(c->a, l, c->st->text[ST_TOC_ENTRY].space_after);
    VItem *first = NULL, *last = NULL;
    for (size_t i = before; i < l->n; i++)
        if (l->v[i].kind == VBOX) {
            if (!first)
                first = &l->v[i];
            last = &l->v[i];
        }
    double fw = text_width(&c->t, ST_TOC_PAGE, folio, strlen(folio));
    double pitch = 4.5;
    if (rtl) {
        /* The title set from the right ends tcol short of the frame's
         * right edge; its lines move right past the page column. */
        for (size_t i = before; i < l->n; i++)
            for (size_t j = 0; l->v[i].kind == VBOX && j < l->v[i].nitems; j++)
                l->v[i].items[j].x += pcol;
        if (times)
            text_draw(&c->t, c->a, first,
                      c->frame_w - text_width(&c->t, ST_TOC_ENTRY, times,
                                              strlen(times)),
                      ST_TOC_ENTRY, times, strlen(times), loc);
        double start = c->frame_w - tcol;
        for (size_t i = 0; i < last->nitems; i++)
            if (last->items[i].kind == ITEM_TEXT && last->items[i].x < start)
                start = last->items[i].x;
        text_leaders(&c->t, c->a, last, pitch * (double)(int)((fw + 3) / pitch + 1),
                     start - 4, pitch, ST_TOC_ENTRY, loc);
        text_draw(&c->t, c->a, last, 0, ST_TOC_PAGE, folio, strlen(folio),
                  loc);
        toc_links(c, l, before, target_page, top);
        return;
    }
    if (times)
        text_draw(&c->t, c->a, first, 0, ST_TOC_ENTRY, times, strlen(times), loc);
    /* Leaders: dots on a fixed pitch so they line up down the page. */
    double end = tcol;
    for (size_t i = 0; i < last->nitems; i++)
        if (last->items[i].kind == ITEM_TEXT &&
            last->items[i].x + last->items[i].w > end)
            end = last->items[i].x + last->items[i].w;
    double x0 = (double)(int)((end + 4) / pitch + 1) * pitch;
    text_leaders(&c->t, c->a, last, x0, c->frame_w - fw - 3, pitch,
                 ST_TOC_ENTRY, loc);
    text_draw(&c->t, c->a, last, c->frame_w - fw, ST_TOC_PAGE, folio,
              strlen(folio), loc);
    toc_links(c, l, before, target_page, top);
}

static void toc_entry(Ctx *c, VList *l, size_t k, int target_page,
                      const char *folio)
{
    const Session *ss = c->ag.order[k];
    /* The entry reads as its session's title does: an Arabic title in a
     * French contents (or a French one in an Arabic contents) keeps its
     * own direction inside the line. */
    const char *lang = session_lang(&c->story, ss);
    const char *title = ss->title.s;
    if (bidi_lang_rtl(lang) != (booklet_dir(c) < 0))
        title = bidi_isolate(c->a, title, bidi_lang_rtl(lang));
    toc_line(c, l, locale_times(c->a, c->loc, ss->start, -1), title,
             ss->title.loc, lang, target_page,
             booklet_frame_top(c) - c->session_at[k].y + 4, folio);
}

/* Without a title page, the contents open with the programme's title
 * (and the handout's subject). */
static void title_block(Ctx *c, VList *l)
{
    const Programme *p = c->prog;
    Span t = { p->title.s, p->title.len, ST_TOC_TITLE, NULL, false,
               p->title.loc, "programme.title" };
    ParaSpec ps = { &t, 1, p->language.s, c->frame_w, 0, 0, ALIGN_LEFT, true, true };
    para_set(&c->t, c->a, &ps, l);
    const char *sub = c->subject ? c->subject : p->subtitle.s;
    if (sub) {
        Span s = { sub, strlen(sub), ST_COVER_SUBTITLE, NULL, false, p->loc, NULL };
        ParaSpec pp = { &s, 1, p->language.s, c->frame_w, 0, 0, ALIGN_LEFT, true, true };
        para_set_dir(&c->t, c->a, &pp, l, booklet_dir(c));
    }
    const char *when = date_range(c);
    if (when) {
        Span s = { when, strlen(when), ST_COVER_META, NULL, false, p->loc, NULL };
        ParaSpec pp = { &s, 1, NULL, c->frame_w, 0, 0, ALIGN_LEFT, true, true };
        para_set_dir(&c->t, c->a, &pp, l, booklet_dir(c));
    }
    vlist_space(c->a, l, 14);
}

/* The contents' title and the organizer's front pages. */
static void toc_head(Ctx *c, VList *l)
{
    if (!c->st->title_page)
        title_block(c, l);
    const char *title = c->loc->label[L_CONTENTS];
    Span t = { title, strlen(title), ST_TOC_TITLE, NULL, false, c->prog->loc,
               NULL };
    ParaSpec ps = { &t, 1, NULL, c->frame_w, 0, 0, ALIGN_LEFT, true, true };
    para_set_dir(&c->t, c->a, &ps, l, booklet_dir(c));
    vlist_space(c->a, l, c->st->text[ST_TOC_TITLE].space_after);
    for (size_t i = 0; i < c->prog->npages; i++) {
        const FreePage *pg = &c->prog->pages[i];
        if (pg->back || c->free_at[i] < 0)
            continue;
        int at = (int)c->title_n + c->free_at[i];
        toc_line(c, l, NULL, pg->title.s, pg->title.loc, c->prog->language.s,
                 at, booklet_frame_top(c), booklet_roman(c->a, at + 1));
    }
}

/* Session k's entry, under its day's heading when it opens a day. */
static void toc_session(Ctx *c, VList *l, size_t k)
{
    if (k == 0 || c->ag.day[k] != c->ag.day[k - 1]) {
        const char *day = locale_date(c->a, c->loc, c->ag.days[c->ag.day[k]]);
        vlist_space(c->a, l, c->st->text[ST_TOC_DAY].space_before);
        Span s = { day, strlen(day), ST_TOC_DAY, NULL, false,
                   c->ag.order[k]->date_loc, NULL };
        ParaSpec pd = { &s, 1, NULL, c->frame_w, 0, 0, ALIGN_LEFT, true, true };
        para_set_dir(&c->t, c->a, &pd, l, booklet_dir(c));
        vlist_space(c->a, l, c->st->text[ST_TOC_DAY].space_after);
        vlist_penalty(c->a, l, VLIST_INF);
    }
    int bp = c->session_at[k].page;
    toc_entry(c, l, k, LINK_AFTER_FRONT + bp,
              locale_number(c->a, c->loc, bp + 1));
}

/* The indexes and the organizer's back pages. */
static void toc_back(Ctx *c, VList *l)
{
    bool first = true;
    for (int k = 0; k < NINDEXES; k++) {
        if (c->back_start[k] < 0)
            continue;
        if (first)
            vlist_space(c->a, l, c->st->text[ST_TOC_DAY].space_before);
        first = false;
        int bp = (int)c->body_pages + c->back_start[k];
        const char *name = c->loc->label[k == INDEX_SPEAKERS ? L_INDEX_SPEAKERS
                                                             : L_INDEX_ORGANISATIONS];
        toc_line(c, l, NULL, name, c->prog->loc, NULL, LINK_AFTER_FRONT + bp,
                 booklet_frame_top(c), locale_number(c->a, c->loc, bp + 1));
    }
    for (size_t i = 0; i < c->prog->npages; i++) {
        const FreePage *pg = &c->prog->pages[i];
        if (!pg->back || c->free_at[i] < 0)
            continue;
        if (first)
            vlist_space(c->a, l, c->st->text[ST_TOC_DAY].space_before);
        first = false;
        int bp = (int)(c->body_pages + c->back_pg.npages) + c->free_at[i];
        toc_line(c, l, NULL, pg->title.s, pg->title.loc, c->prog->language.s,
                 LINK_AFTER_FRONT + bp, booklet_frame_top(c),
                 locale_number(c->a, c->loc, bp + 1));
    }
}

size_t booklet_toc_parts(const Ctx *c)
{
    return c->ag.n + 2;
}

void booklet_toc(Ctx *c, VList *l, size_t k0, size_t k1, void *u)
{
    (void)u;
    for (size_t k = k0; k < k1; k++) {
        if (k == 0)
            toc_head(c, l);
        else if (k <= c->ag.n)
            toc_session(c, l, k - 1);
        else
            toc_back(c, l);
    }
}
