/* vlist — the vertical list: what the story builds and the page builder
 * cuts into pages (TeX's vertical mode, ReportLab's story).
 *
 *   VBOX     a line or a block that is never split: height above its
 *            baseline, depth below, and display items positioned relative
 *            to (left edge of the text block + box.x, baseline).
 *   VGLUE    vertical space; discarded at the top of a page.
 *   VPENALTY a break point with a cost: >= VLIST_INF forbids a break
 *            (keep-with-next, keep-together, widows, orphans),
 *            <= -VLIST_INF forces one (a session that starts a page),
 *            anything else allows a break.  Glue is a break point only when
 *            it follows a box directly.
 *   VMARK    zero-size: records "this thing starts here" (a session, a
 *            day) so the page builder can tell which page and height it
 *            landed on (TOC, bookmarks, running heads).
 *
 * A box's display items live in the pass arena (pages refer to them).
 * The entries grow in the caller's arena too, unless the list names an
 * arena of its own (VList.entries): the body's list, a few hundred
 * thousand entries that are dead once its pages refer to its boxes'
 * items, is freed before the PDF is written, and grows without leaving
 * an outgrown copy at each doubling.
 */
#ifndef LIVRET_VLIST_H
#define LIVRET_VLIST_H

#include <stddef.h>

#include "base/arena.h"
#include "display/page.h"

#define VLIST_INF 10000

typedef enum { VBOX, VGLUE, VPENALTY, VMARK } VKind;

typedef enum {
    MARK_SESSION,   /* value = session index in the sorted order */
    MARK_DAY,       /* value = day index */
    MARK_ANCHOR     /* value = caller-defined */
} MarkKind;

typedef struct VItem {
    VKind kind;
    unsigned cap;       /* VBOX: items allocated (vbox_add, vbox_append) */
    double h, d;        /* VBOX: height above / depth below the baseline;
                           VGLUE: h = the space */
    double x;           /* VBOX: offset from the text block's left edge */
    int penalty;        /* VPENALTY */
    MarkKind mark;      /* VMARK */
    int value;          /* VMARK */
    Item *items;        /* VBOX content, relative to (x, baseline) */
    size_t nitems;
} VItem;

typedef struct VList {
    VItem *v;
    size_t n, cap;
    Arena *entries;     /* where v grows; NULL = the arena each call gets */
} VList;

VItem *vlist_push(Arena *a, VList *l, VKind kind);
/* Add vertical space; adjacent spaces collapse to the larger one. */
void vlist_space(Arena *a, VList *l, double h);
void vlist_penalty(Arena *a, VList *l, int penalty);
void vlist_mark(Arena *a, VList *l, MarkKind kind, int value);
/* Append a box; returns it for the caller to fill. */
VItem *vlist_box(Arena *a, VList *l, double h, double d);
/* Append display item to a box (grows in the arena). */
Item *vbox_add(Arena *a, VItem *box, ItemKind kind);
/* Append n items at once, allocating exactly what they need (a line's
 * items, gathered first: no abandoned copies). */
void vbox_append(Arena *a, VItem *box, const Item *items, size_t n);

#endif
