/* Unit tests: the page builder on vertical lists of fake boxes. */
#include "harness.h"

#include "base/arena.h"
#include "layout/paginate.h"
#include "display/vlist.h"

static Arena a;

static void lines(VList *l, int n, double h, int between)
{
    for (int i = 0; i < n; i++) {
        if (i)
            vlist_penalty(&a, l, between);
        vlist_box(&a, l, h * 0.8, h * 0.2);
    }
}

static size_t boxes_on(const VList *l, const Pagination *p, size_t page)
{
    size_t n = 0;
    for (size_t j = p->start[page]; j < p->start[page + 1]; j++)
        n += l->v[j].kind == VBOX;
    return n;
}

TEST(fills_pages_first_fit)
{
    VList l = { 0 };
    lines(&l, 25, 10, 0);
    Pagination p;
    paginate_run(&a, &l, 100, &p);
    CHECK_INT(p.npages, 3);
    CHECK_INT(boxes_on(&l, &p, 0), 10);
    CHECK_INT(boxes_on(&l, &p, 2), 5);
}

TEST(keep_together_block_moves_whole)
{
    VList l = { 0 };
    lines(&l, 7, 10, 0);
    vlist_space(&a, &l, 5);
    lines(&l, 4, 10, VLIST_INF);    /* a speaker block */
    Pagination p;
    paginate_run(&a, &l, 100, &p);
    CHECK_INT(p.npages, 2);
    CHECK_INT(boxes_on(&l, &p, 0), 7);
    CHECK_INT(boxes_on(&l, &p, 1), 4);
}

TEST(block_taller_than_a_page_is_cut_and_counted)
{
    VList l = { 0 };
    lines(&l, 15, 10, VLIST_INF);
    Pagination p;
    paginate_run(&a, &l, 100, &p);
    CHECK_INT(p.npages, 2);
    CHECK_INT(boxes_on(&l, &p, 0), 10);
    CHECK_INT(p.forced, 1);
}

TEST(forced_break_starts_a_page_but_never_an_empty_one)
{
    VList l = { 0 };
    vlist_penalty(&a, &l, -VLIST_INF);   /* at the top: ignored */
    lines(&l, 2, 10, 0);
    vlist_penalty(&a, &l, -VLIST_INF);
    lines(&l, 2, 10, 0);
    vlist_penalty(&a, &l, -VLIST_INF);  /* at the end: no empty page */
    Pagination p;
    paginate_run(&a, &l, 100, &p);
    CHECK_INT(p.npages, 2);
}

TEST(heading_is_not_left_at_the_bottom)
{
    VList l = { 0 };
    lines(&l, 9, 10, 0);
    vlist_space(&a, &l, 4);
    vlist_box(&a, &l, 8, 2);             /* heading */
    vlist_penalty(&a, &l, VLIST_INF);    /* keep with next */
    lines(&l, 3, 10, 0);
    Pagination p;
    paginate_run(&a, &l, 100, &p);
    CHECK_INT(p.npages, 2);
    CHECK_INT(boxes_on(&l, &p, 0), 9);
}

static int placed;
static void count(void *ctx, size_t page, const VItem *it, double y)
{
    (void)ctx;
    (void)page;
    if (it->kind == VBOX)
        CHECK(y > 0 && y <= 100 + 1e-6);
    placed++;
}

TEST(place_reports_every_box_within_the_frame)
{
    VList l = { 0 };
    vlist_mark(&a, &l, MARK_SESSION, 0);
    lines(&l, 25, 10, 0);
    Pagination p;
    paginate_run(&a, &l, 100, &p);
    placed = 0;
    paginate_place(&l, &p, count, NULL);
    CHECK_INT(placed, 26);
}

int main(void)
{
    arena_init(&a);
    RUN(fills_pages_first_fit);
    RUN(keep_together_block_moves_whole);
    RUN(block_taller_than_a_page_is_cut_and_counted);
    RUN(forced_break_starts_a_page_but_never_an_empty_one);
    RUN(heading_is_not_left_at_the_bottom);
    RUN(place_reports_every_box_within_the_frame);
    arena_free(&a);
    return harness_done();
}
