#include "edition/print.h"

#include <math.h>
#include <string.h>

#define MM (72.0 / 25.4)
#define EDGE 0.01   /* "touches the trim" tolerance, points */

Color print_cmyk(Color c)
{
    Color k = { COLOR_CMYK, { 0, 0, 0, 0 } };
    switch (c.space) {
    case COLOR_CMYK:
        return c;
    case COLOR_NONE:
    case COLOR_GRAY:
        /* Grey and black are pure K: no registration risk in small type. */
        k.c[3] = 1 - (c.space == COLOR_GRAY ? c.c[0] : 0);
        return k;
    case COLOR_RGB: {
        double r = c.c[0], g = c.c[1], b = c.c[2];
        double key = 1 - fmax(r, fmax(g, b));
        if (key >= 1 - 1e-9) {
            k.c[3] = 1;
            return k;
        }
        /* A neutral RGB is pure K too; otherwise grey component
         * replacement, then total ink held under PRINT_MAX_INK. */
        if (fabs(r - g) < 1e-6 && fabs(g - b) < 1e-6) {
            k.c[3] = key;
            return k;
        }
        k.c[0] = (1 - r - key) / (1 - key);
        k.c[1] = (1 - g - key) / (1 - key);
        k.c[2] = (1 - b - key) / (1 - key);
        k.c[3] = key;
        double cmy = k.c[0] + k.c[1] + k.c[2];
        if (cmy + key > PRINT_MAX_INK && cmy > 0) {
            double f = (PRINT_MAX_INK - key) / cmy;
            for (int i = 0; i < 3; i++)
                k.c[i] *= f;
        }
        return k;
    }
    }
    return k;
}

/* A picture cut to an area on the trim: the area grows into the bleed on
 * the edges it touches — of this page, or of the imposed sheet, never
 * across the spine into the facing page — and the picture is scaled again
 * to cover it (centred, never distorted). */
static void bleed_image(Item *it, double bleed, double w, double h)
{
    double *k = it->u.image.clip;
    unsigned e = it->u.image.full_bleed;
    if ((e & 1) && k[0] <= EDGE)
        k[0] -= bleed;
    if ((e & 2) && k[1] <= EDGE)
        k[1] -= bleed;
    if ((e & 4) && k[2] >= w - EDGE)
        k[2] += bleed;
    if ((e & 8) && k[3] >= h - EDGE)
        k[3] += bleed;
    double aw = k[2] - k[0], ah = k[3] - k[1];
    double s = aw / it->u.image.px_w;
    if (it->u.image.px_h * s < ah)
        s = ah / it->u.image.px_h;
    it->w = it->u.image.px_w * s;
    it->h = it->u.image.px_h * s;
    it->x = k[0] + (aw - it->w) / 2;
    it->y = k[1] + (ah - it->h) / 2;
}

static Color registration(void)
{
    Color c = { COLOR_CMYK, { 1, 1, 1, 1 } };
    return c;
}

static void crop_mark(Arena *a, Page *p, double x, double y, double x2,
                      double y2)
{
    Item *it = page_add(a, p, ITEM_LINE);
    it->x = x;
    it->y = y;
    it->u.line.x2 = x2;
    it->u.line.y2 = y2;
    it->u.line.width = 0.25;
    it->color = registration();
}

/* Marks at the four corners of the trim (tx0, ty0)-(tx1, ty1). */
static void crop_marks(Arena *a, Page *p, double tx0, double ty0, double tx1,
                       double ty1, double off, double len)
{
    crop_mark(a, p, tx0 - off - len, ty0, tx0 - off, ty0);
    crop_mark(a, p, tx0, ty0 - off - len, tx0, ty0 - off);
    crop_mark(a, p, tx1 + off, ty0, tx1 + off + len, ty0);
    crop_mark(a, p, tx1, ty0 - off - len, tx1, ty0 - off);
    crop_mark(a, p, tx0 - off - len, ty1, tx0 - off, ty1);
    crop_mark(a, p, tx0, ty1 + off, tx0, ty1 + off + len);
    crop_mark(a, p, tx1 + off, ty1, tx1 + off + len, ty1);
    crop_mark(a, p, tx1, ty1 + off, tx1, ty1 + off + len);
}

const DocList *doclist_for_print(Arena *a, const DocList *doc,
                                 const PrintOptions *po)
{
    double bleed = po->bleed;
    double off = po->mark_offset > bleed ? po->mark_offset : bleed;
    double margin = po->crop_marks ? off + po->mark_length + 2 * MM : bleed;
    DocList *out = arena_alloc(a, sizeof *out);
    *out = *doc;
    out->width = doc->width + 2 * margin;
    out->height = doc->height + 2 * margin;
    out->trim[0] = margin;
    out->trim[1] = margin;
    out->trim[2] = margin + doc->width;
    out->trim[3] = margin + doc->height;
    out->bleed[0] = margin - bleed;
    out->bleed[1] = margin - bleed;
    out->bleed[2] = margin + doc->width + bleed;
    out->bleed[3] = margin + doc->height + bleed;
    out->pdfx = "PDF/X-1a:2001";
    out->output_condition = po->output_condition ? po->output_condition : "FOGRA39";
    out->icc_path = po->icc_path;
    out->pages = arena_array(a, doc->npages ? doc->npages : 1, sizeof *out->pages);
    for (size_t i = 0; i < doc->npages; i++) {
        const Page *src = &doc->pages[i];
        Page *dst = &out->pages[i];
        dst->recto = src->recto;
        dst->label = src->label;
        PageIter pi = page_iter(src);
        Item it;
        while (page_next(&pi, &it)) {
            if (it.kind == ITEM_LINK || it.kind == ITEM_URI)
                continue;
            if (it.kind == ITEM_RECT) {
                /* Whatever touches the trim runs on into the bleed, so
                 * trimming a hair off never leaves a white edge. */
                if (it.x <= EDGE) {
                    it.x -= bleed;
                    it.w += bleed;
                }
                if (it.x + it.w >= doc->width - EDGE)
                    it.w += bleed;
                if (it.y <= EDGE) {
                    it.y -= bleed;
                    it.h += bleed;
                }
                if (it.y + it.h >= doc->height - EDGE)
                    it.h += bleed;
            }
            if (it.kind == ITEM_IMAGE && it.u.image.full_bleed)
                bleed_image(&it, bleed, doc->width, doc->height);
            item_place(&it, 1, margin, margin);
            it.color = print_cmyk(it.color);
            *page_add(a, dst, it.kind) = it;
        }
        if (po->crop_marks)
            crop_marks(a, dst, out->trim[0], out->trim[1], out->trim[2],
                       out->trim[3], off, po->mark_length);
    }
    out->outlines = arena_array(a, doc->noutlines ? doc->noutlines : 1,
                                sizeof *out->outlines);
    for (size_t i = 0; i < doc->noutlines; i++) {
        out->outlines[i] = doc->outlines[i];
        out->outlines[i].top += margin;
    }
    return out;
}

void saddle_pages(int n, int s, int *left, int *right)
{
    int k = s / 2;
    if (s % 2 == 0) {       /* front of sheet k */
        *left = n - 2 * k;
        *right = 2 * k + 1;
    } else {                /* back */
        *left = 2 * k + 2;
        *right = n - 2 * k - 1;
    }
}

static void put_page(Arena *a, Page *dst, const Page *src, double dx)
{
    PageIter pi = page_iter(src);
    Item it;
    while (page_next(&pi, &it)) {
        if (it.kind == ITEM_LINK || it.kind == ITEM_URI)
            continue;   /* targets would be pages of another document */
        item_place(&it, 1, dx, 0);
        *page_add(a, dst, it.kind) = it;
    }
}

const DocList *doclist_impose_saddle(Arena *a, const DocList *doc,
                                     double creep)
{
    int n = (int)doc->npages;
    DocList *out = arena_alloc(a, sizeof *out);
    *out = *doc;
    out->width = doc->width * 2;
    out->npages = (size_t)(n / 2);
    out->pages = arena_array(a, out->npages ? out->npages : 1, sizeof *out->pages);
    for (int s = 0; s < n / 2; s++) {
        int l, r;
        saddle_pages(n, s, &l, &r);
        if (doc->rtl) {     /* bound on the right: the spread turned round */
            int t = l;
            l = r;
            r = t;
        }
        /* Inner sheets stick out at the fore-edge once folded: move their
         * pages towards the spine so the trim cuts every page alike. */
        double shift = creep * (s / 2);
        Page *dst = &out->pages[s];
        dst->recto = true;
        dst->label = NULL;
        put_page(a, dst, &doc->pages[l - 1], shift);
        put_page(a, dst, &doc->pages[r - 1], doc->width - shift);
    }
    out->noutlines = 0;     /* bookmarks to sheets would mislead */
    out->outlines = NULL;
    out->labels = arena_alloc(a, sizeof *out->labels);
    out->labels[0] = (LabelRange){ 0, LABEL_DECIMAL, 1 };
    out->nlabels = 1;
    return out;
}

static double ink(Color c)
{
    return c.space == COLOR_CMYK ? c.c[0] + c.c[1] + c.c[2] + c.c[3] : 0;
}

Preflight preflight_report(const DocList *doc, double safe, FILE *out,
                           const char *name)
{
    Preflight pf = { 1e9, 1e9, 0, 0, 0, 0, 0, 0, 0 };
    for (size_t i = 0; i < doc->npages; i++) {
        PageIter pi = page_iter(&doc->pages[i]);
        Item placed;
        while (page_next(&pi, &placed)) {
            const Item *it = &placed;
            if (it->color.space == COLOR_RGB)
                pf.rgb++;
            if (it->kind == ITEM_LINK || it->kind == ITEM_URI)
                pf.annotations++;
            /* Crop marks print in registration colour (every ink at
             * 100 %) outside the bleed, where nothing is kept. */
            bool mark = it->kind == ITEM_LINE && doc->bleed[2] > 0 &&
                        (fmax(it->x, it->u.line.x2) <= doc->bleed[0] + EDGE ||
                         fmin(it->x, it->u.line.x2) >= doc->bleed[2] - EDGE ||
                         fmax(it->y, it->u.line.y2) <= doc->bleed[1] + EDGE ||
                         fmin(it->y, it->u.line.y2) >= doc->bleed[3] - EDGE);
            if (!mark && ink(it->color) > pf.max_ink)
                pf.max_ink = ink(it->color);
            if (it->kind == ITEM_TEXT) {
                if (it->u.text.size < pf.min_text)
                    pf.min_text = it->u.text.size;
                double s = it->u.text.size;
                if (doc->trim[2] > 0 &&
                    (it->x < doc->trim[0] + safe - EDGE ||
                     it->x + it->w > doc->trim[2] - safe + EDGE ||
                     it->y - 0.25 * s < doc->trim[1] + safe - EDGE ||
                     it->y + 0.8 * s > doc->trim[3] - safe + EDGE))
                    pf.outside_safe++;
            }
            if (it->kind == ITEM_LINE && it->u.line.width < pf.min_line)
                pf.min_line = it->u.line.width;
            if (it->kind == ITEM_IMAGE && it->w > 0 && it->h > 0) {
                /* resolution at printed size, the lower of the two axes */
                double ppi = fmin(it->u.image.px_w / (it->w / 72),
                                  it->u.image.px_h / (it->h / 72));
                if (pf.min_ppi == 0 || ppi < pf.min_ppi)
                    pf.min_ppi = ppi;
                if (ppi < PRINT_MIN_PPI)
                    pf.low_ppi++;
                if (!it->u.image.samples || (it->u.image.ncomp != 1 && it->u.image.ncomp != 4))
                    pf.rgb++;
            }
        }
    }
    if (pf.min_text > 1e8)
        pf.min_text = 0;
    if (pf.min_line > 1e8)
        pf.min_line = 0;
    if (pf.min_text > 0 && pf.min_text < 6)
        pf.warnings++;
    if (pf.min_line > 0 && pf.min_line < 0.25)
        pf.warnings++;
    if (pf.max_ink > 3.0 + 1e-6)
        pf.warnings++;
    pf.warnings += (pf.rgb > 0) + (pf.outside_safe > 0) + (pf.annotations > 0)
                   + (pf.low_ppi > 0);
    if (out) {
        fprintf(out, "%s: preflight: smallest type %.2f pt%s, thinnest line "
                     "%.2f pt%s, highest ink %.0f %%%s, %zu RGB item%s, %zu text "
                     "item%s outside the %.1f mm safe zone, %zu link%s\n",
                name, pf.min_text, pf.min_text > 0 && pf.min_text < 6 ? " (below 6 pt)" : "",
                pf.min_line, pf.min_line > 0 && pf.min_line < 0.25 ? " (below 0.25 pt)" : "",
                pf.max_ink * 100, pf.max_ink > 3.0 + 1e-6 ? " (above 300 %)" : "",
                pf.rgb, pf.rgb == 1 ? "" : "s", pf.outside_safe,
                pf.outside_safe == 1 ? "" : "s", safe / MM, pf.annotations,
                pf.annotations == 1 ? "" : "s");
        if (pf.min_ppi > 0)
            fprintf(out, "%s: %spreflight: lowest image resolution %.0f ppi at "
                         "printed size; %zu image%s under %d ppi\n", name,
                    pf.low_ppi ? "warning: " : "", pf.min_ppi, pf.low_ppi,
                    pf.low_ppi == 1 ? "" : "s", PRINT_MIN_PPI);
    }
    return pf;
}
