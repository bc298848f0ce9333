/* Unit tests: the print edition's transform, imposition and preflight. */
#include "harness.h"

#include "base/arena.h"
#include "edition/print.h"

static Arena a;

/* Item k of a page, placed (a zeroed item past the end). */
static Item item_at(const Page *pg, size_t k)
{
    PageIter pi = page_iter(pg);
    Item it = { 0 };
    for (size_t i = 0; i <= k; i++)
        if (!page_next(&pi, &it))
            return (Item){ 0 };
    return it;
}

static void order(int n, const char *want)
{
    char got[256] = "";
    size_t len = 0;
    for (int s = 0; s < n / 2; s++) {
        int l, r;
        saddle_pages(n, s, &l, &r);
        len += (size_t)snprintf(got + len, sizeof got - len, "%s%d|%d",
                                s ? " " : "", l, r);
    }
    CHECK_STR(got, want);
}

TEST(saddle_order_for_8_12_16_pages)
{
    order(8, "8|1 2|7 6|3 4|5");
    order(12, "12|1 2|11 10|3 4|9 8|5 6|7");
    order(16, "16|1 2|15 14|3 4|13 12|5 6|11 10|7 8|9");
}

TEST(colours_become_cmyk_with_black_as_pure_k)
{
    Color black = { COLOR_GRAY, { 0, 0, 0, 0 } };
    Color k = print_cmyk(black);
    CHECK_INT(k.space, COLOR_CMYK);
    CHECK_NEAR(k.c[0] + k.c[1] + k.c[2], 0, 1e-9);
    CHECK_NEAR(k.c[3], 1, 1e-9);
    Color rgb_black = { COLOR_RGB, { 0, 0, 0, 0 } };
    k = print_cmyk(rgb_black);
    CHECK_NEAR(k.c[0] + k.c[1] + k.c[2], 0, 1e-9);
    Color grey = { COLOR_RGB, { 0.3, 0.3, 0.3, 0 } };
    k = print_cmyk(grey);
    CHECK_NEAR(k.c[0] + k.c[1] + k.c[2], 0, 1e-9);
    CHECK_NEAR(k.c[3], 0.7, 1e-9);
    /* A near-black colour stays under the ink limit. */
    Color dark = { COLOR_RGB, { 0.02, 0.0, 0.05, 0 } };
    k = print_cmyk(dark);
    CHECK(k.c[0] + k.c[1] + k.c[2] + k.c[3] <= PRINT_MAX_INK + 1e-9);
    Color teal = { COLOR_RGB, { 0, 0x85 / 255.0, 0x7c / 255.0, 0 } };
    k = print_cmyk(teal);
    CHECK(k.c[0] > 0.9 && k.c[3] < 0.5);
}

static DocList *one_page(void)
{
    DocList *d = arena_alloc(&a, sizeof *d);
    d->width = 419.53;
    d->height = 595.28;
    d->npages = 1;
    d->pages = arena_alloc(&a, sizeof *d->pages);
    Item *tab = page_add(&a, &d->pages[0], ITEM_RECT);   /* touches the right trim */
    tab->x = d->width - 12;
    tab->y = 300;
    tab->w = 12;
    tab->h = 40;
    tab->color = (Color){ COLOR_RGB, { 0.2, 0.3, 0.4, 0 } };
    Item *t = page_add(&a, &d->pages[0], ITEM_TEXT);
    t->x = 50;
    t->y = 500;
    t->w = 100;
    t->u.text.size = 5;     /* too small: preflight must say so */
    t->u.text.utf8 = "x";
    t->u.text.len = 1;
    Item *ln = page_add(&a, &d->pages[0], ITEM_LINK);
    ln->x = 50;
    ln->y = 500;
    ln->w = 10;
    ln->h = 10;
    return d;
}

TEST(print_edition_bleeds_marks_and_boxes)
{
    const double bleed = 8.5;
    PrintOptions po = { bleed, true, 8.5, 17, NULL, NULL };
    const DocList *p = doclist_for_print(&a, one_page(), &po);
    double m = p->trim[0];
    CHECK(m >= bleed + 17);
    CHECK_NEAR(p->trim[2] - p->trim[0], 419.53, 1e-6);
    CHECK_NEAR(p->trim[0] - p->bleed[0], bleed, 1e-6);
    CHECK_NEAR(p->width, 419.53 + 2 * m, 1e-6);
    CHECK_STR(p->pdfx, "PDF/X-1a:2001");
    CHECK_STR(p->output_condition, "FOGRA39");
    int rects = 0, marks = 0, links = 0, outside = 0;
    PageIter pi = page_iter(&p->pages[0]);
    Item placed;
    while (page_next(&pi, &placed)) {
        const Item *it = &placed;
        CHECK(it->color.space != COLOR_RGB);
        if (it->kind == ITEM_RECT) {
            rects++;
            CHECK_NEAR(it->x + it->w, p->trim[2] + bleed, 1e-6);   /* bled */
        }
        if (it->kind == ITEM_LINK || it->kind == ITEM_URI)
            links++;
        if (it->kind == ITEM_LINE) {
            marks++;
            /* every mark stays outside the bleed box */
            bool out = fmax(it->x, it->u.line.x2) <= p->bleed[0] + 1e-6 ||
                       fmin(it->x, it->u.line.x2) >= p->bleed[2] - 1e-6 ||
                       fmax(it->y, it->u.line.y2) <= p->bleed[1] + 1e-6 ||
                       fmin(it->y, it->u.line.y2) >= p->bleed[3] - 1e-6;
            outside += out;
            CHECK_NEAR(it->u.line.width, 0.25, 1e-9);
            CHECK(it->color.c[0] == 1 && it->color.c[3] == 1);  /* registration */
        }
    }
    CHECK_INT(rects, 1);
    CHECK_INT(marks, 8);
    CHECK_INT(outside, 8);
    CHECK_INT(links, 0);
    Preflight pf = preflight_report(p, 14.17, NULL, "t");
    CHECK_NEAR(pf.min_text, 5, 1e-9);
    CHECK(pf.warnings >= 1);
    CHECK_INT(pf.rgb, 0);
    CHECK(pf.max_ink <= 3.0);
}

TEST(imposed_sheets_are_spreads_in_booklet_order)
{
    DocList *d = arena_alloc(&a, sizeof *d);
    d->width = 100;
    d->height = 200;
    d->npages = 8;
    d->pages = arena_array(&a, 8, sizeof *d->pages);
    for (int i = 0; i < 8; i++) {
        Item *t = page_add(&a, &d->pages[i], ITEM_TEXT);
        t->x = 10;
        t->y = 10;
        t->u.text.size = 9;
        t->u.text.utf8 = arena_printf(&a, "%d", i + 1);
    }
    const DocList *s = doclist_impose_saddle(&a, d, 0);
    CHECK_INT(s->npages, 4);
    CHECK_NEAR(s->width, 200, 1e-9);
    /* sheet 0 front: 8 | 1 */
    CHECK_STR(item_at(&s->pages[0], 0).u.text.utf8, "8");
    CHECK_NEAR(item_at(&s->pages[0], 0).x, 10, 1e-9);
    CHECK_STR(item_at(&s->pages[0], 1).u.text.utf8, "1");
    CHECK_NEAR(item_at(&s->pages[0], 1).x, 110, 1e-9);
    CHECK_STR(item_at(&s->pages[3], 0).u.text.utf8, "4");
    CHECK_STR(item_at(&s->pages[3], 1).u.text.utf8, "5");
    /* creep: the inner sheet's pages move towards the spine */
    s = doclist_impose_saddle(&a, d, 1.5);
    CHECK_NEAR(item_at(&s->pages[2], 0).x, 10 + 1.5, 1e-9);
    CHECK_NEAR(item_at(&s->pages[2], 1).x, 110 - 1.5, 1e-9);
}

int main(void)
{
    arena_init(&a);
    RUN(saddle_order_for_8_12_16_pages);
    RUN(colours_become_cmyk_with_black_as_pure_k);
    RUN(print_edition_bleeds_marks_and_boxes);
    RUN(imposed_sheets_are_spreads_in_booklet_order);
    arena_free(&a);
    return harness_done();
}
