#include "edition/nup.h"

#include <string.h>

const DocList *doclist_two_up(Arena *a, const DocList *doc, double sheet_w,
                              double sheet_h)
{
    double cell = sheet_w / 2;
    double sx = (cell - 2 * NUP_EDGE) / doc->width;
    double sy = (sheet_h - 2 * NUP_EDGE) / doc->height;
    double s = sx < sy ? sx : sy;
    DocList *out = arena_alloc(a, sizeof *out);
    *out = *doc;
    out->width = sheet_w;
    out->height = sheet_h;
    out->npages = (doc->npages + 1) / 2;
    out->pages = arena_array(a, out->npages ? out->npages : 1, sizeof *out->pages);
    /* Each page centred in its half of the sheet. */
    double pw = doc->width * s, ph = doc->height * s;
    double oy = (sheet_h - ph) / 2;
    for (size_t i = 0; i < doc->npages; i++) {
        const Page *src = &doc->pages[i];
        Page *dst = &out->pages[i / 2];
        dst->recto = true;
        /* the earlier page on the left, or on the right when the
         * booklet reads right to left */
        size_t side = doc->rtl ? 1 - i % 2 : i % 2;
        double ox = (double)side * cell + (cell - pw) / 2;
        PageIter pi = page_iter(src);
        Item placed;
        while (page_next(&pi, &placed)) {
            Item *it = page_add(a, dst, placed.kind);
            *it = placed;
            item_place(it, s, ox, oy);
            if (it->kind == ITEM_LINK) {    /* the target is on a sheet too */
                it->u.link.top = oy + it->u.link.top * s;
                it->u.link.page /= 2;
            }
        }
    }
    for (size_t i = 0; i < out->npages; i++)
        out->pages[i].label = arena_printf(a, "%zu", i + 1);
    out->outlines = arena_array(a, doc->noutlines ? doc->noutlines : 1,
                                sizeof *out->outlines);
    for (size_t i = 0; i < doc->noutlines; i++) {
        out->outlines[i] = doc->outlines[i];
        out->outlines[i].top = oy + doc->outlines[i].top * s;
        out->outlines[i].page /= 2;
    }
    /* Sheets are numbered 1, 2, 3: the folios printed on the pages no
     * longer name a sheet. */
    out->labels = arena_alloc(a, sizeof *out->labels);
    out->labels[0] = (LabelRange){ 0, LABEL_DECIMAL, 1 };
    out->nlabels = 1;
    return out;
}
