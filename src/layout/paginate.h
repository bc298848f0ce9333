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

#include <stddef.h>

#include "base/arena.h"
#include "display/vlist.h"

typedef struct Pagination {
    size_t *start;      /* start[k]: first item of page k; start[npages] = n */
    size_t npages;
    size_t forced;      /* pages cut inside a keep-together run */
} Pagination;

void paginate_run(Arena *a, const VList *l, double frame_h, Pagination *out);

/* Callback for each placed box or mark of a page: baseline (boxes) or top
 * (marks) as a distance below the top of the frame. */
typedef void (*PlaceFn)(void *ctx, size_t page, const VItem *it, double y);

void paginate_place(const VList *l, const Pagination *pg, PlaceFn fn,
                    void *ctx);

#endif
