#include "display/vlist.h"

#include <string.h>

VItem *vlist_push(Arena *a, VList *l, VKind kind)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;   /* grid cells hold a few */
        /* In an arena of its own, v is its last allocation: it grows in
         * place until its block is full. */
        l->v = arena_grow(l->entries ? l->entries : a, l->v, l->n, cap,
                          sizeof *l->v);
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
    /* Boxes hold few items (a band, a label), so start small. */
    if (box->nitems == box->cap) {
        size_t cap = box->cap ? (size_t)box->cap * 2 : 4;
        box->items = arena_grow(a, box->items, box->nitems, cap,
                                sizeof *box->items);
        box->cap = (unsigned)cap;
    }
    Item *it = &box->items[box->nitems++];
    *it = (Item){ 0 };
    it->kind = kind;
    return it;
}

void vbox_append(Arena *a, VItem *box, const Item *items, size_t n)
{
    if (!n)
        return;
    if (box->nitems + n > box->cap) {
        /* Exact for a line's items; geometric when a box is filled by
         * several calls (a contents line: title, leader dots, folio). */
        size_t cap = box->nitems + n;
        if (box->nitems && cap < (size_t)box->cap * 2)
            cap = (size_t)box->cap * 2;
        box->items = arena_grow(a, box->items, box->nitems, cap,
                                sizeof *box->items);
        box->cap = (unsigned)cap;
    }
    memcpy(box->items + box->nitems, items, n * sizeof *items);
    box->nitems += n;
}
