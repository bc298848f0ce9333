#include "layout/paginate.h"

#define EPS 1e-6
/* Space (points) a page may give up so as not to end on a hyphenated
 * line: about two lines of body text. */
#define PAGE_HYPHEN_SLACK 26.0

static size_t skip_top(const VList *l, size_t i)
{
    while (i < l->n && (l->v[i].kind == VGLUE || l->v[i].kind == VPENALTY))
        i++;
    return i;
}

/* Find where the page starting at i ends: the index the next page starts
 * from (before discarding).  *forced is set when no legal break existed;
 * *open when the list ran out before the page was full or broken (items
 * added later would join it). */
static size_t page_end(const VList *l, size_t i, double frame_h, int *forced,
                       bool *open)
{
    double y = 0;
    bool have_box = false;
    size_t best = 0;
    bool have_best = false;
    /* The last break that is not discouraged (a positive penalty: para.c
     * puts one after a line ending with a hyphen), and the heights at
     * both: a page should not end on a hyphen when giving up a line or two
     * avoids it. */
    size_t clean = 0;
    bool have_clean = false;
    double y_best = 0, y_clean = 0;
    size_t j;
    *forced = 0;
    *open = false;
    for (j = i; j < l->n; j++) {
        const VItem *it = &l->v[j];
        switch (it->kind) {
        case VBOX:
            if (have_box && y + it->h + it->d > frame_h + EPS)
                goto overflow;
            y += it->h + it->d;
            have_box = true;
            break;
        case VGLUE:
            if (have_box && l->v[j - 1].kind == VBOX) {
                best = clean = j;
                have_best = have_clean = true;
                y_best = y_clean = y;
            }
            y += it->h;
            break;
        case VPENALTY:
            if (it->penalty <= -VLIST_INF && have_box)
                return j + 1;
            if (it->penalty < VLIST_INF && have_box) {
                best = j;
                have_best = true;
                y_best = y;
                if (it->penalty <= 0) {
                    clean = j;
                    have_clean = true;
                    y_clean = y;
                }
            }
            break;
        case VMARK:
            break;
        }
    }
    *open = true;
    return l->n;
overflow:
    if (have_best && have_clean && clean != best &&
        y_best - y_clean <= PAGE_HYPHEN_SLACK + EPS)
        return clean;
    if (have_best)
        return best;
    *forced = 1;
    /* No legal break on a full page: cut before the box that overflows,
     * but keep the marks just before it with it. */
    while (j > i + 1 && l->v[j - 1].kind == VMARK)
        j--;
    return j;
}

bool paginate_next(const VList *l, size_t *at, bool more, double frame_h,
                   size_t *first, size_t *end, int *forced)
{
    size_t i = skip_top(l, *at);
    /* A page that would hold only marks is no page. */
    size_t k = i;
    while (k < l->n && l->v[k].kind != VBOX)
        k++;
    if (k >= l->n)
        return false;
    bool open;
    size_t e = page_end(l, i, frame_h, forced, &open);
    if (open && more)
        return false;
    *first = i;
    *end = e > i ? e : i + 1;
    if (!more) {
        /* The last page keeps the marks left after it (paginate_place
         * reads its items up to the end of the list). */
        size_t b = *end;
        while (b < l->n && l->v[b].kind != VBOX)
            b++;
        if (b >= l->n)
            *end = l->n;
    }
    *at = *end;
    return true;
}

void paginate_run(Arena *a, const VList *l, double frame_h, Pagination *out)
{
    size_t cap = 64;
    out->start = arena_array(a, cap, sizeof *out->start);
    out->npages = 0;
    out->forced = 0;
    size_t at = 0, first, end;
    int forced;
    while (paginate_next(l, &at, false, frame_h, &first, &end, &forced)) {
        if (out->npages + 2 > cap) {
            out->start = arena_grow(a, out->start, cap, cap * 2,
                                    sizeof *out->start);
            cap *= 2;
        }
        out->start[out->npages++] = first;
        out->forced += (size_t)forced;
    }
    out->start[out->npages] = l->n;
}

void paginate_place_page(const VList *l, size_t first, size_t end,
                         size_t page, PlaceFn fn, void *ctx)
{
    double y = 0;
    bool top = true;
    for (size_t j = first; j < end; j++) {
        const VItem *it = &l->v[j];
        switch (it->kind) {
        case VBOX:
            fn(ctx, page, it, y + it->h);
            y += it->h + it->d;
            top = false;
            break;
        case VGLUE:
            if (!top)
                y += it->h;
            break;
        case VMARK:
            fn(ctx, page, it, y);
            break;
        case VPENALTY:
            break;
        }
    }
}

void paginate_place(const VList *l, const Pagination *pg, PlaceFn fn,
                    void *ctx)
{
    for (size_t p = 0; p < pg->npages; p++)
        paginate_place_page(l, pg->start[p], pg->start[p + 1], p, fn, ctx);
}
