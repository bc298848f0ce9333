#include "page.h"
#include "arena.h"

#include <string.h>

/* Items grow geometrically; the old array stays in the arena until the
 * pass arena is reset, which is cheap next to a page's worth of items. */
#define PAGE_MIN_ITEMS 32

Item *page_add(Arena *a, Page *p, ItemKind kind)
{
    if (p->nitems == p->cap) {
        size_t ncap = p->cap ? p->cap * 2 : PAGE_MIN_ITEMS;
        p->items = arena_grow(a, p->items, p->nitems, ncap, sizeof *p->items);
        p->cap = ncap;
    }
    Item *it = &p->items[p->nitems++];
    memset(it, 0, sizeof *it);
    it->kind = kind;
    return it;
}
