#include "display/vlist.h"

VItem *vlist_push(Arena *a, VList *l, VKind kind)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 256;
        l->v = arena_grow(a, l->v, l->n, cap, sizeof *l->v);
        l->cap = cap;
    }
    VItem *it = &l->v[l->n++];
    *it = (VItem){ 0 };
    it->kind = kind;
    return it;
}

void vlist_space(Arena *a, VList *l, double h)
{
    if (h <= 0)
        return;
    if (l->n && l->v[l->n - 1].kind == VGLUE) {
        if (l->v[l->n - 1].h < h)
            l->v[l->n - 1].h = h;
        return;
    }
    vlist_push(a, l, VGLUE)->h = h;
}

void vlist_penalty(Arena *a, VList *l, int penalty)
{
    vlist_push(a, l, VPENALTY)->penalty = penalty;
}

void vlist_mark(Arena *a, VList *l, MarkKind kind, int value)
{
    VItem *m = vlist_push(a, l, VMARK);
    m->mark = kind;
    m->value = value;
}

VItem *vlist_box(Arena *a, VList *l, double h, double d)
{
    VItem *b = vlist_push(a, l, VBOX);
    b->h = h;
    b->d = d;
    return b;
}

Item *vbox_add(Arena *a, VItem *box, ItemKind kind)
{
    /* Boxes hold few items (a line's runs), so grow by copying. */
    size_t n = box->nitems;
    if ((n & (n - 1)) == 0) {   /* n is 0 or a power of two: full */
        size_t cap = n ? n * 2 : 1;
        box->items = arena_grow(a, box->items, n, cap, sizeof *box->items);
    }
    Item *it = &box->items[box->nitems++];
    *it = (Item){ 0 };
    it->kind = kind;
    return it;
}
