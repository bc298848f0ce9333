/* paginate — cut a vertical list into pages (first fit).
 *
 * Each page takes items until the next box would overflow the frame, then
 * ends at the last legal break seen (vlist.h): a heading is never left at
 * the bottom of a page, a speaker block or any keep-together run is moved
 * whole to the next page, widow and orphan lines are respected.  Only when
 * no legal break exists on a full page (a block taller than the frame) is
 * the list cut at the last box that fits, which is the one correct answer
 * left.  Glue and penalties at the top of a page are discarded; a forced
 * break at the top of a page does not make an empty page.
 *
 * The result is the index of the first item of every page; placing the
 * items (y positions, marks) is the caller's walk (paginate_place).
 */
#ifndef LIVRET_PAGINATE_H
#define LIVRET_PAGINATE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "display/vlist.h"

typedef struct Pagination {
    size_t *start;      /* start[k]: first item of page k; start[npages] = n */
    size_t npages;
    size_t forced;      /* pages cut inside a keep-together run */
} Pagination;

void paginate_run(Arena *a, const VList *l, double frame_h, Pagination *out);

/* One page at a time, for a list that grows as it is cut (the body, a
 * run of sessions at a time: issue 15).  The page that starts at or
 * after item *at: its items [*first, *end) and *forced, and *at moves to
 * *end.  False when no page is settled yet: only marks, glue and
 * penalties are left, or (more: items will be added) the items left do
 * not fill a page and reach no forced break, so later ones could join
 * it.  The pages are paginate_run's whatever the steps the list grew
 * by: a page's end depends only on the items before it. */
bool paginate_next(const VList *l, size_t *at, bool more, double frame_h,
                   size_t *first, size_t *end, int *forced);

/* Callback for each placed box or mark of a page: baseline (boxes) or top
 * (marks) as a distance below the top of the frame. */
typedef void (*PlaceFn)(void *ctx, size_t page, const VItem *it, double y);

void paginate_place(const VList *l, const Pagination *pg, PlaceFn fn,
                    void *ctx);
/* The same for one page, items [first, end), numbered page. */
void paginate_place_page(const VList *l, size_t first, size_t end,
                         size_t page, PlaceFn fn, void *ctx);

#endif
