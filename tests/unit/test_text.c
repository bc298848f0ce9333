/* Unit tests: font measurement, hyphenation, paragraph setting. */
#include "harness.h"

#include "arena.h"
#include "diag.h"
#include "font.h"
#include "hyph.h"
#include "para.h"
#include "style.h"

#include <stdlib.h>

static Style style;
static FontSet fonts;
static Hyphenator *hyph;
static TextCtx tc;
static Diags diags;
static Arena arena;

static void setup(void)
{
    style_defaults(&style);
    /* The defaults name files in DATADIR/fonts; tests run from the repo. */
    static const char *files[NFAMILIES][NFACES] = {
        { "fonts/NotoSerif-Regular.ttf", "fonts/NotoSerif-Bold.ttf",
          "fonts/NotoSerif-Italic.ttf", "fonts/NotoSerif-BoldItalic.ttf" },
        { "fonts/NotoSans-Regular.ttf", "fonts/NotoSans-Bold.ttf",
          "fonts/NotoSans-Italic.ttf", "fonts/NotoSans-BoldItalic.ttf" },
        { "fonts/DejaVuSansMono.ttf", "fonts/DejaVuSansMono.ttf",
          "fonts/DejaVuSansMono.ttf", "fonts/DejaVuSansMono.ttf" },
    };
    memcpy(style.face, files, sizeof files);
    static const char *fb[] = { "fonts/DejaVuSans.ttf",
                                "fonts/DroidSansFallbackFull.ttf" };
    static const char *fbb[] = { "fonts/DejaVuSans-Bold.ttf",
                                 "fonts/DroidSansFallbackFull.ttf" };
    style.fallback = fb;
    style.fallback_bold = fbb;
    diags_init(&diags, NULL);
    arena_init(&arena);
    font_set_init(&fonts, &diags);
    hyph = hyph_new(NULL);
    text_ctx_init(&tc, &style, &fonts, hyph, &diags);
}

static void teardown(void)
{
    text_ctx_fini(&tc);
    hyph_free(hyph);
    font_set_fini(&fonts);
    arena_free(&arena);
    diags_fini(&diags);
}

TEST(advances_are_truncated_thousandths)
{
    int noto = tc.chain[FAMILY_SERIF][FACE_REGULAR].font[0];
    int dejavu = tc.chain[FAMILY_SERIF][FACE_REGULAR].font[1];
    CHECK_INT(font_units_per_em(&fonts, noto), 1000);
    CHECK_INT(font_units_per_em(&fonts, dejavu), 2048);
    /* DejaVu Sans space is 651/2048 em: libharu writes 317 in /W. */
    CHECK_INT(font_advance(&fonts, dejavu, ' '), 317);
    CHECK(font_advance(&fonts, noto, 0xE9) > 0);
    CHECK_INT(font_advance(&fonts, noto, 0x4E2D), 0);   /* no CJK in Noto */
}

TEST(fallback_chain_picks_first_font_with_glyph)
{
    const FontChain *c = &tc.chain[FAMILY_SERIF][FACE_REGULAR];
    CHECK_INT(font_pick(&fonts, c, 'e'), c->font[0]);
    CHECK_INT(font_pick(&fonts, c, 0x2192), c->font[1]);   /* → DejaVu */
    CHECK_INT(font_pick(&fonts, c, 0x4E2D), c->font[2]);   /* 中 Droid */
    CHECK_INT(font_pick(&fonts, c, 0x1F600), -1);          /* above BMP */
}

static size_t points(const char *lang, const char *word, char *out)
{
    const HyphLang *l = hyph_lang(hyph, lang);
    unsigned char p[64];
    size_t n = l ? hyph_word(l, word, strlen(word), p, sizeof p) : 0;
    for (size_t i = 0; i < n; i++)
        out[i] = p[i] ? '1' : '0';
    out[n] = '\0';
    return n;
}

TEST(hyphenation_indexes_code_points_and_lowers_case)
{
    char out[80];
    /* dé-ve-lop-pe-ment: breaks after code points 1, 3, 6, 8 */
    CHECK_INT(points("fr", "développement", out), 13);
    CHECK_STR(out, "0101001010000");
    CHECK_INT(points("fr", "DÉVELOPPEMENT", out), 13);
    CHECK_STR(out, "0101001010000");
    CHECK_INT(points("es-AR", "comunicación", out), 12);
    CHECK(strchr(out, '1') != NULL);
    CHECK(hyph_lang(hyph, "xx") == NULL);
}

/* Set a paragraph and return the lines' boxes. */
static VList set(const char *text, StyleId st, const char *lang, double width,
                 bool url)
{
    VList l = { 0 };
    Span sp = { text, strlen(text), st, NULL, url, srcloc("t.yaml", 1, 1), "f" };
    ParaSpec p = { &sp, 1, lang, width, 0, 0, style.text[st].align, false, false };
    para_set(&tc, &arena, &p, &l);
    return l;
}

static double line_right(const VItem *b)
{
    double r = 0;
    for (size_t i = 0; i < b->nitems; i++)
        if (b->items[i].kind == ITEM_TEXT && b->items[i].x + b->items[i].w > r)
            r = b->items[i].x + b->items[i].w;
    return r;
}

static const char *sample_fr =
    "La capacité d'un territoire à convertir les connaissances et les "
    "expériences des communautés en innovation sociale, économique et "
    "environnementale, en assurant leur transfert, la valorisation des "
    "ressources endogènes, la collaboration entre acteurs ou la génération "
    "de stratégies et de systèmes de spécialisation intelligents sont des "
    "variables fondamentales pour son développement.";

TEST(justified_lines_fill_the_measure_and_never_exceed_it)
{
    VList l = set(sample_fr, ST_BODY, "fr", 280, false);
    int boxes = 0, full = 0;
    for (size_t i = 0; i < l.n; i++) {
        if (l.v[i].kind != VBOX)
            continue;
        boxes++;
        double r = line_right(&l.v[i]);
        CHECK(r <= 280 + 0.01);
        if (r > 280 - 0.01)
            full++;
    }
    CHECK(boxes >= 4);
    CHECK_INT(full, boxes - 1);    /* every line but the last is flush */
    CHECK_INT(tc.overfull, 0);
}

TEST(hyphen_is_drawn_only_at_a_break)
{
    /* Soft hyphens inside a word that is not broken are not drawn. */
    VList l = set("co\xC2\xADop\xC3\xA9ration", ST_BODY, "fr", 300, false);
    CHECK_INT(l.n, 1);
    CHECK_STR(l.v[0].items[0].u.text.utf8, "coopération");
    /* In a narrow measure the word breaks at a hyphenation point and the
     * line ends with a hyphen. */
    l = set("anticonstitutionnellement", ST_BODY, "fr", 60, false);
    CHECK(l.n >= 2);
    const Item *t = &l.v[0].items[l.v[0].nitems - 1];
    CHECK(t->u.text.utf8[t->u.text.len - 1] == '-');
}

TEST(urls_break_after_slashes_without_hyphen)
{
    const char *u = "https://example.org/programme/2024/sessions/plenary?id=3&lang=fr";
    VList l = set(u, ST_URL, NULL, 90, true);
    CHECK(l.n >= 3);
    for (size_t i = 0; i < l.n; i++) {
        if (l.v[i].kind != VBOX)
            continue;
        const Item *t = &l.v[i].items[l.v[i].nitems - 1];
        char last = t->u.text.utf8[t->u.text.len - 1];
        bool is_last_line = i + 1 == l.n;
        CHECK(line_right(&l.v[i]) <= 90 + 0.01);
        if (!is_last_line)
            CHECK(strchr("/?&=-", last) != NULL);
    }
}

TEST(word_longer_than_the_line_is_cut_between_characters)
{
    VList l = set("Xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", ST_BODY,
                  NULL, 80, false);
    CHECK(l.n >= 3);
    for (size_t i = 0; i < l.n; i++)
        if (l.v[i].kind == VBOX)
            CHECK(line_right(&l.v[i]) <= 80 + 0.01);
}

TEST(missing_character_is_named_once)
{
    size_t before = diags.nwarnings;
    set("emoji \xF0\x9F\x8E\xBC here and \xF0\x9F\x8E\xBC again", ST_BODY, NULL, 300, false);
    CHECK_INT(diags.nwarnings, before + 1);
    CHECK(strstr(diags.items[diags.n - 1].message, "U+1F3BC") != NULL);
    /* A character that only the fallback has is drawn, not warned. */
    set("a \xE2\x86\x92 b", ST_BODY, NULL, 300, false);
    CHECK_INT(diags.nwarnings, before + 1);
}

TEST(widow_and_orphan_penalties)
{
    VList l = set(sample_fr, ST_BODY, "fr", 150, false);
    int nlines = 0;
    for (size_t i = 0; i < l.n; i++)
        nlines += l.v[i].kind == VBOX;
    CHECK(nlines >= 6);
    /* penalties between lines: INF after line 1 and before the last */
    int k = 0;
    for (size_t i = 0; i < l.n; i++) {
        if (l.v[i].kind == VBOX)
            k++;
        else if (l.v[i].kind == VPENALTY) {
            bool forbidden = l.v[i].penalty >= VLIST_INF;
            CHECK(forbidden == (k < 2 || nlines - k < 2));
        }
    }
}

int main(void)
{
    setup();
    RUN(advances_are_truncated_thousandths);
    RUN(fallback_chain_picks_first_font_with_glyph);
    RUN(hyphenation_indexes_code_points_and_lowers_case);
    RUN(justified_lines_fill_the_measure_and_never_exceed_it);
    RUN(hyphen_is_drawn_only_at_a_break);
    RUN(urls_break_after_slashes_without_hyphen);
    RUN(word_longer_than_the_line_is_cut_between_characters);
    RUN(missing_character_is_named_once);
    RUN(widow_and_orphan_penalties);
    teardown();
    return harness_done();
}
