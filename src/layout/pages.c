/* pages — see pages.h. */
#include "layout/pages.h"
#include "base/uri.h"

#include <stdio.h>
#include <string.h>

/* An image may take this share of the frame's height at most: a caption
 * and the page's title still fit beside it. */
#define IMAGE_MAX_SHARE 0.72
/* Logos: this many to a row, each cell this high for its width. */
#define LOGO_COLUMNS 3
#define LOGO_CELL_RATIO 0.55
#define LOGO_GAP 12.0

Item *pages_image_item(Arena *a, VItem *box, const Image *img, double x,
                       double y, double w, double h)
{
    Item *it = vbox_add(a, box, ITEM_IMAGE);
    it->x = x;
    it->y = y;
    it->w = w;
    it->h = h;
    it->u.image.path = img->path;
    it->u.image.px_w = img->px_w;
    it->u.image.px_h = img->px_h;
    return it;
}

static const TextStyle *tstyle(const StoryCtx *s, StyleId id)
{
    return &s->t->style->text[id];
}

static StyleId run_style(const TextRun *r)
{
    return r->bold && r->italic ? ST_BODY_BOLD_ITALIC
         : r->bold              ? ST_BODY_BOLD
         : r->italic            ? ST_BODY_ITALIC
                                : ST_BODY;
}

/* A block's runs as spans in style base (bold/italic runs in the emphasis
 * styles when base is the body). */
static int block_para(StoryCtx *s, Arena *a, VList *l, const TextBlock *b,
                      StyleId base, double left, bool keep_with_next,
                      const char *lang, const char *field)
{
    Span *sp = arena_array(a, b->nruns, sizeof *sp);
    for (size_t i = 0; i < b->nruns; i++) {
        const TextRun *r = &b->runs[i];
        /* URL break rules only for a URL shown as itself (<https://...>) */
        bool bare = r->uri && strlen(r->uri) == r->len
                    && memcmp(r->uri, r->s, r->len) == 0;
        sp[i] = (Span){ r->s, r->len, base == ST_BODY ? run_style(r) : base,
                        r->uri ? uri_encode(a, r->uri) : NULL, bare, r->loc,
                        field };
    }
    ParaSpec p = { sp, b->nruns, lang, s->width, left, 0,
                   tstyle(s, base)->align, false, keep_with_next };
    return para_set(s->t, a, &p, l);
}

static void text_blocks(StoryCtx *s, Arena *a, VList *l, const FreePage *pg,
                        const char *lang, const char *field)
{
    double indent = s->t->style->list_indent;
    for (size_t i = 0; i < pg->nblocks; i++) {
        const TextBlock *b = &pg->blocks[i];
        if (b->kind == BLOCK_HEADING) {
            vlist_space(a, l, tstyle(s, ST_HEADING)->space_before);
            block_para(s, a, l, b, ST_HEADING, 0, true, lang, field);
            vlist_space(a, l, tstyle(s, ST_HEADING)->space_after);
            vlist_penalty(a, l, VLIST_INF);
        } else if (b->kind == BLOCK_ITEM) {
            size_t before = l->n;
            vlist_space(a, l, tstyle(s, ST_ITEM)->space_before);
            if (block_para(s, a, l, b, ST_BODY, indent, false, lang, field) == 0)
                continue;
            vlist_space(a, l, tstyle(s, ST_ITEM)->space_after);
            const char *label = b->number ? arena_printf(a, "%d.", b->number)
                                          : "\xE2\x80\xA2";
            for (size_t k = before; k < l->n; k++)
                if (l->v[k].kind == VBOX) {
                    double w = text_width(s->t, ST_BODY, label, strlen(label));
                    text_draw(s->t, a, &l->v[k], indent - w - 4, ST_BODY, label,
                              strlen(label), b->loc);
                    break;
                }
        } else {
            vlist_space(a, l, tstyle(s, ST_BODY)->space_before);
            block_para(s, a, l, b, ST_BODY, 0, false, lang, field);
            vlist_space(a, l, tstyle(s, ST_BODY)->space_after);
        }
    }
}

/* A picture fitted to the text width (or its own width, never more),
 * centred, with its caption kept under it. */
static void image_block(StoryCtx *s, Arena *a, VList *l, const Image *img,
                        double frame_h, const char *lang, const char *field)
{
    double w = img->width > 0 && img->width < s->width ? img->width : s->width;
    double h = w * img->px_h / img->px_w;
    if (h > frame_h * IMAGE_MAX_SHARE) {
        h = frame_h * IMAGE_MAX_SHARE;
        w = h * img->px_w / img->px_h;
    }
    vlist_space(a, l, 6);
    VItem *box = vlist_box(a, l, h, 0);
    pages_image_item(a, box, img, (s->width - w) / 2, 0, w, h);
    if (img->caption.s) {
        vlist_penalty(a, l, VLIST_INF);
        vlist_space(a, l, tstyle(s, ST_CAPTION)->space_before);
        Span sp = { img->caption.s, img->caption.len, ST_CAPTION, NULL, false,
                    img->caption.loc, field };
        ParaSpec p = { &sp, 1, lang, s->width, 0, 0, ALIGN_CENTER, true, false };
        /* keep the caption's first line with the picture */
        para_set(s->t, a, &p, l);
        vlist_space(a, l, tstyle(s, ST_CAPTION)->space_after);
    } else {
        vlist_space(a, l, 8);
    }
}

/* Logos in rows of equal cells, each fitted inside its cell, centred. */
static void logo_grid(StoryCtx *s, Arena *a, VList *l, const FreePage *pg)
{
    int cols = pg->nlogos < LOGO_COLUMNS ? (int)pg->nlogos : LOGO_COLUMNS;
    double cw = (s->width - LOGO_GAP * (cols - 1)) / cols;
    double ch = cw * LOGO_CELL_RATIO;
    vlist_space(a, l, 10);
    for (size_t i = 0; i < pg->nlogos; i += (size_t)cols) {
        VItem *row = vlist_box(a, l, ch, 0);
        size_t n = pg->nlogos - i < (size_t)cols ? pg->nlogos - i : (size_t)cols;
        /* a short last row is centred under the others */
        double x0 = (s->width - (n * cw + (n - 1) * LOGO_GAP)) / 2;
        for (size_t k = 0; k < n; k++) {
            const Image *img = &pg->logos[i + k];
            double w = cw, h = cw * img->px_h / img->px_w;
            if (h > ch) {
                h = ch;
                w = ch * img->px_w / img->px_h;
            }
            double cx = x0 + (double)k * (cw + LOGO_GAP);
            pages_image_item(a, row, img, cx + (cw - w) / 2, (ch - h) / 2, w, h);
        }
        /* captions: one line under each logo, centred in its cell */
        VItem *names = NULL;
        for (size_t k = 0; k < n; k++) {
            const Image *img = &pg->logos[i + k];
            if (!img->caption.s)
                continue;
            const TextStyle *cs = tstyle(s, ST_CAPTION);
            if (!names) {
                vlist_penalty(a, l, VLIST_INF);
                names = vlist_box(a, l, cs->leading, cs->leading * 0.3);
            }
            double cx = x0 + (double)k * (cw + LOGO_GAP);
            double w = text_width(s->t, ST_CAPTION, img->caption.s, img->caption.len);
            text_draw(s->t, a, names, cx + (cw - (w < cw ? w : cw)) / 2, ST_CAPTION,
                      img->caption.s, img->caption.len, img->caption.loc);
        }
        vlist_space(a, l, LOGO_GAP);
    }
}

size_t pages_layout(StoryCtx *s, Arena *a, VList *l, bool back,
                    double frame_h)
{
    const Programme *p = s->prog;
    const char *lang = p->language.s;
    size_t n = 0;
    for (size_t i = 0; i < p->npages; i++) {
        const FreePage *pg = &p->pages[i];
        if (pg->back != back)
            continue;
        char field[64];
        snprintf(field, sizeof field, "pages[%zu]", i);
        if (l->n)
            vlist_penalty(a, l, -VLIST_INF);
        vlist_mark(a, l, MARK_ANCHOR, (int)i);
        /* an empty box: the title's space is kept at the top of a page */
        vlist_box(a, l, 0, 0);
        Span t = { pg->title.s, pg->title.len, ST_DAY, NULL, false,
                   pg->title.loc, arena_printf(a, "%s.title", field) };
        ParaSpec tp = { &t, 1, lang, s->width, 0, 0, ALIGN_LEFT, true, true };
        para_set(s->t, a, &tp, l);
        vlist_space(a, l, tstyle(s, ST_DAY)->space_after);
        vlist_penalty(a, l, VLIST_INF);
        const char *tf = arena_printf(a, "%s.text", field);
        text_blocks(s, a, l, pg, lang, tf);
        for (size_t k = 0; k < pg->nimages; k++)
            image_block(s, a, l, &pg->images[k], frame_h, lang,
                        arena_printf(a, "%s.images[%zu].caption", field, k));
        if (pg->nlogos)
            logo_grid(s, a, l, pg);
        n++;
    }
    return n;
}
