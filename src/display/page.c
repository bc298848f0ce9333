#include "display/page.h"
#include "base/arena.h"

#include <string.h>

/* A body page holds some 40 runs (a line box each, the head, the
 * folio); owned runs are mostly one rule or tab.  Both grow
 * geometrically; outgrown arrays stay in the arena until it is freed. */
#define PAGE_MIN_RUNS 32
#define PAGE_MIN_ITEMS 4

static PageRun *new_run(Arena *a, Page *p)
{
    if (p->nruns == p->cap) {
        size_t ncap = p->cap ? p->cap * 2 : PAGE_MIN_RUNS;
        p->runs = arena_grow(a, p->runs, p->nruns, ncap, sizeof *p->runs);
        p->cap = ncap;
    }
    PageRun *r = &p->runs[p->nruns++];
    *r = (PageRun){ 0 };
    return r;
}

Item *page_add(Arena *a, Page *p, ItemKind kind)
{
    PageRun *r = p->nruns ? &p->runs[p->nruns - 1] : NULL;
    if (!r || !r->cap)
        r = new_run(a, p);
    if (r->n == r->cap) {
        uint32_t ncap = r->cap ? r->cap * 2 : PAGE_MIN_ITEMS;
        r->items = arena_grow(a, r->items, r->n, ncap, sizeof *r->items);
        r->cap = ncap;
    }
    Item *it = &r->items[r->n++];
    p->nitems++;
    memset(it, 0, sizeof *it);
    it->kind = kind;
    return it;
}

void page_refer(Arena *a, Page *p, Item *items, size_t n, double dx,
                double dy)
{
    if (!n)
        return;
    PageRun *r = new_run(a, p);
    r->items = items;
    r->n = (uint32_t)n;
    r->dx = dx;
    r->dy = dy;
    p->nitems += n;
}

PageIter page_iter(const Page *p)
{
    return (PageIter){ p, 0, 0 };
}

bool page_next(PageIter *pi, Item *out)
{
    const Page *p = pi->p;
    while (pi->run < p->nruns && pi->i >= p->runs[pi->run].n) {
        pi->run++;
        pi->i = 0;
    }
    if (pi->run >= p->nruns)
        return false;
    const PageRun *r = &p->runs[pi->run];
    *out = r->items[pi->i++];
    if (!r->cap)
        item_place(out, 1, r->dx, r->dy);
    return true;
}

void item_place(Item *it, double s, double dx, double dy)
{
    it->x = dx + it->x * s;
    it->y = dy + it->y * s;
    it->w *= s;
    it->h *= s;
    if (it->kind == ITEM_TEXT) {
        it->u.text.size *= s;
    } else if (it->kind == ITEM_LINE) {
        it->u.line.x2 = dx + it->u.line.x2 * s;
        it->u.line.y2 = dy + it->u.line.y2 * s;
        it->u.line.width *= s;
    } else if (it->kind == ITEM_IMAGE && it->u.image.clip[2] > it->u.image.clip[0]) {
        for (int k = 0; k < 4; k++)
            it->u.image.clip[k] = (k % 2 ? dy : dx) + it->u.image.clip[k] * s;
    }
}
