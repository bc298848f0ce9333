/* dump: the exact text of a hand-built display list. */
#include "harness.h"
#include "base/arena.h"
#include "display/dump.h"
#include "display/page.h"

#include <stdlib.h>

static Color gray(double g)
{
    Color c = { COLOR_GRAY, { g, 0, 0, 0 } };
    return c;
}

static void build(Arena *a, DocList *doc)
{
    static FontRef fonts[] = {
        { "/x/NotoSerif-Regular.ttf", "NotoSerif-Regular", 1000, 0 },
        { "/x/DejaVuSans.ttf", "DejaVuSans", 2048, 0 },
    };
    static Outline outlines[] = {
        { 0, "Day", 2, 560 },
        { 1, "Séance \"1\"", 2, 540.004 },
    };
    static LabelRange labels[] = {
        { 0, LABEL_ROMAN_LOWER, 1 },
        { 2, LABEL_DECIMAL, 1 },
    };
    memset(doc, 0, sizeof *doc);
    doc->width = 419.528;
    doc->height = 595.276;
    doc->npages = 3;
    doc->pages = arena_array(a, 3, sizeof *doc->pages);
    doc->fonts = fonts;
    doc->nfonts = 2;
    doc->outlines = outlines;
    doc->noutlines = 2;
    doc->labels = labels;
    doc->nlabels = 2;
    doc->lang = "fr";
    doc->title = "Programme";
    doc->creator = "livret 0.1.0";     /* never dumped */
    doc->timestamp = -1;

    Page *p = &doc->pages[0];
    p->recto = true;
    p->label = "i";
    Item *it = page_add(a, p, ITEM_TEXT);
    it->x = 56.6929;
    it->y = 520;
    it->w = 120.3333;
    it->color = gray(0);
    it->u.text.font = 0;
    it->u.text.size = 9.5;
    it->u.text.utf8 = "Bonjour";
    it->u.text.len = 7;

    it = page_add(a, p, ITEM_RECT);
    it->x = 56.69;
    it->y = 500;
    it->w = 300;
    it->h = 10;
    it->color.space = COLOR_RGB;
    it->color.c[0] = 1;

    it = page_add(a, p, ITEM_LINE);
    it->x = 1;
    it->y = 2;
    it->u.line.x2 = 3;
    it->u.line.y2 = 4;
    it->u.line.width = 0.5;
    it->color = gray(0);

    it = page_add(a, p, ITEM_LINK);
    it->x = 1;
    it->y = 2;
    it->w = 10;
    it->h = 10;
    it->u.link.page = 2;
    it->u.link.top = 500;

    it = page_add(a, p, ITEM_URI);
    it->x = 1;
    it->y = 2;
    it->w = 10;
    it->h = 10;
    it->u.uri.uri = "https://example.org/";

    doc->pages[1].recto = false;
    doc->pages[2].recto = true;
    doc->pages[2].label = "1";
    it = page_add(a, &doc->pages[2], ITEM_TEXT);
    it->x = -0.001;                     /* prints 0.00, not -0.00 */
    it->y = 10.005;
    it->color.space = COLOR_CMYK;
    it->color.c[3] = 1;
    it->u.text.font = 1;
    it->u.text.size = 12;
    it->u.text.utf8 = "a\"b\\c\td\x7f" "e\xc2\x85" "f ễ";
}

static const char *const want =
    "doc 419.53x595.28 pages 3 fonts 2 lang \"fr\" title \"Programme\"\n"
    "font 0 \"NotoSerif-Regular\" upem 1000\n"
    "font 1 \"DejaVuSans\" upem 2048\n"
    "page 1 recto label \"i\"\n"
    "  text f0 9.50 56.69,520.00 w 120.33 gray(0.00) \"Bonjour\"\n"
    "  rect 56.69,500.00 300.00x10.00 rgb(1.00,0.00,0.00)\n"
    "  line 1.00,2.00 3.00,4.00 w 0.50 gray(0.00)\n"
    "  link 1.00,2.00 10.00x10.00 page 3 top 500.00\n"
    "  uri 1.00,2.00 10.00x10.00 \"https://example.org/\"\n"
    "page 2 verso\n"
    "page 3 recto label \"1\"\n"
    "  text f1 12.00 0.00,10.01 w 0.00 cmyk(0.00,0.00,0.00,1.00) "
    "\"a\\\"b\\\\c\\u0009d\\u007Fe\\u0085f ễ\"\n"
    "outline 0 \"Day\" page 3 top 560.00\n"
    "outline 1 \"Séance \\\"1\\\"\" page 3 top 540.00\n"
    "label page 1 roman-lower 1\n"
    "label page 3 decimal 1\n";

TEST(golden)
{
    Arena a;
    arena_init(&a);
    DocList doc;
    build(&a, &doc);
    char *got = dump_string(&doc);
    CHECK_STR(got, want);
    char *again = dump_string(&doc);
    CHECK_STR(again, got);
    free(got);
    free(again);
    arena_free(&a);
}

TEST(optional_fields)
{
    Arena a;
    arena_init(&a);
    DocList doc;
    build(&a, &doc);
    doc.lang = NULL;
    doc.title = NULL;
    doc.author = "Zoë";
    doc.subject = "S";
    doc.timestamp = 1700000000;
    doc.npages = 0;
    doc.nfonts = doc.noutlines = doc.nlabels = 0;
    char *got = dump_string(&doc);
    CHECK_STR(got, "doc 419.53x595.28 pages 0 fonts 0 author \"Zoë\" "
                   "subject \"S\" timestamp 1700000000\n");
    free(got);
    arena_free(&a);
}

TEST(odd_numbers_and_colors)
{
    Arena a;
    arena_init(&a);
    DocList doc;
    memset(&doc, 0, sizeof doc);
    doc.width = NAN;
    doc.height = -INFINITY;
    doc.timestamp = -1;
    Page pg = { .recto = false };
    doc.pages = &pg;
    doc.npages = 1;
    Item *it = page_add(&a, &pg, ITEM_RECT);
    it->w = INFINITY;
    it->h = -0.0;
    it = page_add(&a, &pg, ITEM_LINE);
    it->color.space = COLOR_RGB;
    it->color.c[0] = 0.125;             /* %.2f rounds half to even: 0.12 */
    it->color.c[1] = 0.555;
    it->color.c[2] = -0.004;
    char *got = dump_string(&doc);
    CHECK_STR(got, "doc nanx-inf pages 1 fonts 0\n"
                   "page 1 verso\n"
                   "  rect 0.00,0.00 infx0.00 none\n"
                   "  line 0.00,0.00 0.00,0.00 w 0.00 "
                   "rgb(0.12,0.56,0.00)\n");
    free(got);
    arena_free(&a);
}

TEST(page_add_grows)
{
    Arena a;
    arena_init(&a);
    Page pg = { 0 };
    for (int i = 0; i < 1000; i++) {
        Item *it = page_add(&a, &pg, i % 2 ? ITEM_RECT : ITEM_LINE);
        it->x = i;
    }
    CHECK_INT(pg.nitems, 1000);
    CHECK_INT(pg.nruns, 1);     /* one owned run, grown */
    int ok = 1, i = 0;
    PageIter pi = page_iter(&pg);
    Item it;
    for (; page_next(&pi, &it); i++)
        ok &= it.x == i && it.kind == (i % 2 ? ITEM_RECT : ITEM_LINE) &&
              it.color.space == COLOR_NONE && it.w == 0;
    CHECK(ok);
    CHECK_INT(i, 1000);
    arena_free(&a);
}

/* A page refers to a box's items and places them as they are read; owned
 * items between references keep their order. */
TEST(page_refer_places_in_order)
{
    Arena a;
    arena_init(&a);
    Item box[2] = { { .kind = ITEM_TEXT, .x = 1, .y = -2, .w = 3 },
                    { .kind = ITEM_LINE, .x = 0, .y = 0,
                      .u.line = { 5, 1, 0.5 } } };
    Page pg = { 0 };
    page_add(&a, &pg, ITEM_RECT)->x = 7;
    page_refer(&a, &pg, box, 2, 100, 200);
    page_refer(&a, &pg, box, 0, 0, 0);     /* an empty box: nothing */
    page_add(&a, &pg, ITEM_RECT)->x = 8;
    page_add(&a, &pg, ITEM_RECT)->x = 9;
    page_refer(&a, &pg, box, 1, 10, 20);
    CHECK_INT(pg.nitems, 6);
    CHECK_INT(pg.nruns, 4);
    Item got[6];
    size_t n = 0;
    PageIter pi = page_iter(&pg);
    while (n < 6 && page_next(&pi, &got[n]))
        n++;
    CHECK_INT(n, 6);
    CHECK(!page_next(&pi, &got[0]));
    CHECK(got[0].kind == ITEM_RECT && got[0].x == 7);
    CHECK(got[1].kind == ITEM_TEXT && got[1].x == 101 && got[1].y == 198 &&
          got[1].w == 3);
    CHECK(got[2].kind == ITEM_LINE && got[2].u.line.x2 == 105 &&
          got[2].u.line.y2 == 201);
    CHECK(got[3].x == 8 && got[4].x == 9);
    CHECK(got[5].kind == ITEM_TEXT && got[5].x == 11 && got[5].y == 18);
    /* the box itself is unchanged */
    CHECK(box[0].x == 1 && box[1].u.line.x2 == 5);
    arena_free(&a);
}

TEST(write_error_reported)
{
    Arena a;
    arena_init(&a);
    DocList doc;
    build(&a, &doc);
    FILE *f = fopen("/dev/full", "w");
    CHECK(f != NULL);
    if (f) {
        CHECK(!dump_write(&doc, f));
        fclose(f);
    }
    arena_free(&a);
}

int main(void)
{
    RUN(golden);
    RUN(optional_fields);
    RUN(odd_numbers_and_colors);
    RUN(page_add_grows);
    RUN(page_refer_places_in_order);
    RUN(write_error_reported);
    return harness_done();
}
