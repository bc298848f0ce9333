#include "display/page.h"
#include "base/arena.h"

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
