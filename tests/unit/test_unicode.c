/* Unit tests: the Unicode text services on ICU (issue 10): line and
 * cluster breaks, clusters set whole, every lost place named, character
 * names, CLDR collation and CLDR dates. */
#include "harness.h"

#include "base/arena.h"
#include "text/charname.h"
#include "base/diag.h"
#include "input/locale.h"
#include "input/style.h"
#include "text/breaks.h"
#include "text/collate.h"
#include "text/font.h"
#include "text/hyph.h"
#include "text/lost.h"
#include "text/para.h"

#include <stdlib.h>

static Style style;
static FontSet fonts;
static Hyphenator *hyph;
static Diags diags;
static Arena arena;

static void setup(void)
{
    style_defaults(&style);
    static const char *files[NFAMILIES][NFACES] = {
        { "fonts/NotoSerif-Regular.ttf", "fonts/NotoSerif-Bold.ttf",
          "fonts/NotoSerif-Italic.ttf", "fonts/NotoSerif-BoldItalic.ttf" },
        { "fonts/NotoSans-Regular.ttf", "fonts/NotoSans-Bold.ttf",
          "fonts/NotoSans-Italic.ttf", "fonts/NotoSans-BoldItalic.ttf" },
        { "fonts/DejaVuSansMono.ttf", "fonts/DejaVuSansMono.ttf",
          "fonts/DejaVuSansMono.ttf", "fonts/DejaVuSansMono.ttf" },
    };
    memcpy(style.face, files, sizeof files);
    static const char *fb[] = { "fonts/DejaVuSans.ttf", "fonts/Symbola.ttf",
                                "fonts/DroidSansFallbackFull.ttf" };
    style.fallback = fb;
    style.nfallback = 3;
    style.fallback_bold = fb;
    style.nfallback_bold = 3;
    diags_init(&diags, NULL);
    arena_init(&arena);
    font_set_init(&fonts, &diags);
    hyph = hyph_new(NULL);
}

static void teardown(void)
{
    hyph_free(hyph);
    font_set_fini(&fonts);
    arena_free(&arena);
    diags_fini(&diags);
}

/* Set text in a fresh context (so its lost places are its own); the
 * lines' text items joined, lines separated by '|'.  The context is
 * closed, which flushes the closing counts of lost places. */
static const char *set(const char *text, const char *lang, double width)
{
    TextCtx t;
    text_ctx_init(&t, &style, &fonts, hyph, &diags);
    VList l = { 0 };
    Span sp = { text, strlen(text), ST_BODY, NULL, false,
                srcloc("t.yaml", 3, 7), "sessions[0].summary" };
    ParaSpec p = { &sp, 1, lang, width, 0, 0, ALIGN_LEFT, false, false };
    para_set(&t, &arena, &p, &l);
    text_ctx_fini(&t);
    char *buf = arena_alloc(&arena, 4096);
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < l.n; i++) {
        if (l.v[i].kind != VBOX)
            continue;
        if (o && o + 1 < 4096)
            buf[o++] = '|';
        for (size_t k = 0; k < l.v[i].nitems; k++) {
            const Item *it = &l.v[i].items[k];
            if (it->kind != ITEM_TEXT)
                continue;
            int n = snprintf(buf + o, 4096 - o, "%s", it->u.text.utf8);
            if (n > 0 && o + (size_t)n < 4096)
                o += (size_t)n;
        }
        buf[o] = '\0';
    }
    return buf;
}

static size_t count(const char *s, const char *sub)
{
    size_t n = 0;
    for (const char *p = strstr(s, sub); p; p = strstr(p + 1, sub))
        n++;
    return n;
}

TEST(character_names_come_from_icu)
{
    char b[CHARNAME_MAX];
    CHECK_STR(charname(0x1F1E6, b, sizeof b),
              "U+1F1E6 REGIONAL INDICATOR SYMBOL LETTER A");
    CHECK_STR(charname(0x00E9, b, sizeof b), "U+00E9 LATIN SMALL LETTER E WITH ACUTE");
    CHECK_STR(charname(0x0007, b, sizeof b), "U+0007 <control-0007>");
    CHECK_STR(charname(0xFFFF, b, sizeof b), "U+FFFF <noncharacter-FFFF>");
}

TEST(icu_line_breaks_follow_uax14_and_dictionaries)
{
    TextBreaks b;
    breaks_init(&b);
    unsigned char m[64];
    /* flags next to other characters: libunibreak 1.1 asserted here */
    const char *flags = "a \xF0\x9F\x87\xA6 \xF0\x9F\x87\xAB\xF0\x9F\x87\xB7";
    CHECK(breaks_line(&b, flags, strlen(flags), "fr", m));
    /* no break inside the flag 🇫🇷 (bytes 7..14) */
    for (int i = 7; i < 14; i++)
        CHECK_INT(m[i], 0);
    /* Thai has no spaces: the dictionary finds the words */
    const char *th = "\xE0\xB8\xAA\xE0\xB8\xA7\xE0\xB8\xB1\xE0\xB8\xAA\xE0\xB8\x94"
                     "\xE0\xB8\xB5\xE0\xB8\x84\xE0\xB8\xA3\xE0\xB8\xB1\xE0\xB8\x9A";
    CHECK(breaks_line(&b, th, strlen(th), "th", m));     /* สวัสดีครับ */
    int nth = 0;
    for (size_t i = 0; i + 1 < strlen(th); i++)
        nth += m[i];
    CHECK(nth >= 1);
    CHECK_INT(m[17], 1);        /* after สวัสดี */
    /* CJK: never before 。 */
    const char *ja = "\xE6\x97\xA5\xE6\x9C\xAC\xE3\x80\x82\xE8\xAA\x9E";  /* 日本。語 */
    CHECK(breaks_line(&b, ja, strlen(ja), "ja", m));
    CHECK_INT(m[2], 1);         /* 日|本 */
    CHECK_INT(m[5], 0);         /* 本|。 forbidden */
    CHECK_INT(m[8], 1);         /* 。|語 */
    /* word joiner forbids, zero-width space allows */
    const char *wj = "ab\xE2\x81\xA0" "cd-ef";
    CHECK(breaks_line(&b, wj, strlen(wj), "en", m));
    CHECK_INT(m[1] | m[4], 0);
    CHECK_INT(m[7], 1);         /* after the hyphen */
    breaks_fini(&b);
}

TEST(clusters_are_icu_extended_grapheme_clusters)
{
    TextBreaks b;
    breaks_init(&b);
    unsigned char m[64];
    /* 🏳️‍⚧️: U+1F3F3 FE0F 200D 26A7 FE0F, 16 bytes, one cluster */
    const char *tf = "\xF0\x9F\x8F\xB3\xEF\xB8\x8F\xE2\x80\x8D\xE2\x9A\xA7\xEF\xB8\x8F" "x";
    CHECK(breaks_clusters(&b, tf, strlen(tf), m));
    int n = 0;
    for (size_t i = 0; i < strlen(tf); i++)
        n += m[i];
    CHECK_INT(n, 2);
    CHECK_INT(m[16], 1);
    /* two flags: two clusters of two regional indicators */
    const char *fl = "\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7\xF0\x9F\x87\xAA\xF0\x9F\x87\xBA";
    CHECK(breaks_clusters(&b, fl, strlen(fl), m));
    CHECK_INT(m[0] + m[4] + m[8] + m[12], 2);
    CHECK_INT(m[4], 0);
    breaks_fini(&b);
}

TEST(flags_and_noncharacters_do_not_crash_and_flags_stay_whole)
{
    size_t before = diags.nwarnings;
    /* the two crashes, straight into the paragraph builder */
    const char *s = set("a \xF0\x9F\x87\xA6", "fr", 300);
    CHECK(strstr(s, "\xF0\x9F\x87\xA6") != NULL);
    set("a\xEF\xBF\xBF", "en", 300);
    CHECK(diags.nwarnings > before);    /* U+FFFF is named, not drawn */
    CHECK(strstr(diags.items[diags.n - 1].message, "U+FFFF") != NULL);
    /* twelve flags in a narrow column: lines break between flags only,
     * so every line holds an even number of regional indicators */
    char many[256] = "";
    for (int i = 0; i < 12; i++)
        strcat(many, "\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7");
    const char *lines = set(many, "fr", 40);
    CHECK(count(lines, "|") >= 2);
    const char *p = lines;
    while (p) {
        const char *e = strchr(p, '|');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        CHECK_INT(len % 8, 0);
        p = e ? e + 1 : NULL;
    }
}

TEST(a_cluster_takes_one_font_with_all_its_characters)
{
    /* v + U+20D7 COMBINING RIGHT ARROW ABOVE: Noto has v, not the arrow;
     * the pair is set in the first font with both, in one text item */
    TextCtx t;
    text_ctx_init(&t, &style, &fonts, hyph, &diags);
    const FontChain *c = text_chain(&t, &style.text[ST_BODY]);
    int f = -1;
    for (int q = 0; q < c->n && f < 0; q++)
        if (font_has(&fonts, c->font[q], 'v') && font_has(&fonts, c->font[q], 0x20D7))
            f = c->font[q];
    CHECK(f >= 0);
    CHECK(!font_has(&fonts, c->font[0], 0x20D7));
    VList l = { 0 };
    Span sp = { "v\xE2\x83\x97", 4, ST_BODY, NULL, false, srcloc("t.yaml", 1, 1), "f" };
    ParaSpec p = { &sp, 1, "en", 300, 0, 0, ALIGN_LEFT, false, false };
    para_set(&t, &arena, &p, &l);
    int items = 0;
    for (size_t i = 0; i < l.n; i++)
        for (size_t k = 0; l.v[i].kind == VBOX && k < l.v[i].nitems; k++)
            if (l.v[i].items[k].kind == ITEM_TEXT) {
                items++;
                CHECK_STR(l.v[i].items[k].u.text.utf8, "v\xE2\x83\x97");
                CHECK_INT(l.v[i].items[k].u.text.font, f);
            }
    CHECK_INT(items, 1);
    text_ctx_fini(&t);
}

TEST(a_long_word_is_cut_between_clusters)
{
    /* e + U+0301 fifty times, no break opportunity: emergency cuts fall
     * between clusters, never before a mark */
    char w[256] = "";
    for (int i = 0; i < 50; i++)
        strcat(w, "e\xCC\x81");
    const char *lines = set(w, NULL, 60);
    CHECK(count(lines, "|") >= 2);
    CHECK(strstr(lines, "|\xCC\x81") == NULL);
}

TEST(every_place_a_character_is_lost_is_named_then_counted)
{
    size_t before = diags.nwarnings;
    TextCtx t;
    text_ctx_init(&t, &style, &fonts, hyph, &diags);
    /* U+11EE0 MAKASAR LETTER KA is in no font (not even an installed
     * one: fonts-noto-core has Gothic, so U+10330 would be drawn): 25
     * places, each a field */
    for (int i = 0; i < 25; i++) {
        VList l = { 0 };
        Span sp = { "x \xF0\x91\xBB\xA0 y", 8, ST_BODY, NULL, false,
                    srcloc("t.yaml", 10 + i, 3), "sessions[0].title" };
        ParaSpec p = { &sp, 1, "en", 300, 0, 0, ALIGN_LEFT, false, false };
        para_set(&t, &arena, &p, &l);
        para_set(&t, &arena, &p, &l);   /* the same place again: no more */
    }
    CHECK_INT(diags.nwarnings, before + LOST_PLACES);
    const Diag *g = &diags.items[diags.n - 1];
    CHECK(strstr(g->message, "U+11EE0 MAKASAR LETTER KA has no glyph") != NULL);
    CHECK_INT(g->loc.line, 10 + LOST_PLACES - 1);
    CHECK_STR(g->field, "sessions[0].title");
    text_ctx_fini(&t);      /* the closing count */
    CHECK_INT(diags.nwarnings, before + LOST_PLACES + 1);
    g = &diags.items[diags.n - 1];
    CHECK(strstr(g->message, "at 5 more places") != NULL);
    CHECK_INT(g->loc.line, 10);
}

TEST(a_cluster_no_font_has_whole_is_named_whole)
{
    size_t before = diags.nwarnings;
    /* Makasar letter + combining acute: named together */
    set("\xF0\x91\xBB\xA0\xCC\x81 x", "en", 300);
    CHECK_INT(diags.nwarnings, before + 1);
    CHECK(strstr(diags.items[diags.n - 1].message,
                 "U+11EE0 MAKASAR LETTER KA + U+0301 COMBINING ACUTE ACCENT") != NULL);
}

TEST(format_characters_are_used_or_named)
{
    size_t before = diags.nwarnings;
    /* soft hyphen, ZWSP, WJ, ZWJ, VS16: used, not named */
    const char *s = set("co\xC2\xAD" "op a\xE2\x80\x8B" "b c\xE2\x81\xA0" "d "
                        "\xE2\x9D\xA4\xEF\xB8\x8F e\xE2\x80\x8D" "f", "en", 300);
    CHECK_INT(diags.nwarnings, before);
    CHECK(strstr(s, "coop") != NULL);
    CHECK(strstr(s, "\xE2\x9D\xA4") != NULL);       /* ❤ drawn */
    /* U+13430 EGYPTIAN HIEROGLYPH VERTICAL JOINER: no font draws it, and
     * nothing here uses it */
    set("a\xF0\x93\x90\xB0" "b", "en", 300);
    CHECK_INT(diags.nwarnings, before + 1);
    CHECK(strstr(diags.items[diags.n - 1].message,
                 "U+13430 EGYPTIAN HIEROGLYPH VERTICAL JOINER") != NULL);
}

/* Sort names in lang; the order as "a,b,c". */
static const char *sorted(const char *lang, const char **names, size_t n)
{
    const char *keys[32];
    for (size_t i = 0; i < n; i++)
        keys[i] = collate_key(&arena, names[i], lang);
    /* insertion sort by key */
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && strcmp(keys[j - 1], keys[j]) > 0; j--) {
            const char *k = keys[j]; keys[j] = keys[j - 1]; keys[j - 1] = k;
            const char *s = names[j]; names[j] = names[j - 1]; names[j - 1] = s;
        }
    char *out = arena_alloc(&arena, 1024);
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(out, ",");
        strcat(out, names[i]);
    }
    return out;
}

#define SORTED(lang, want, ...) do { \
    const char *in_[] = { __VA_ARGS__ }; \
    CHECK_STR(sorted(lang, in_, sizeof in_ / sizeof *in_), want); \
} while (0)

TEST(index_order_follows_cldr)
{
    /* given in reverse or shuffled; want the CLDR order */
    SORTED("fr", "Åberg,Adam,Écija,Eva,Ezra,Odile,Œuvre,Ophélie,Zoé",
           "Zoé", "Ophélie", "Œuvre", "Odile", "Ezra", "Eva", "Écija", "Adam", "Åberg");
    SORTED("es", "Castro,Chávez,Cuevas,Nadal,Núñez,Ñandú,Oliva",
           "Oliva", "Ñandú", "Núñez", "Nadal", "Cuevas", "Chávez", "Castro");
    SORTED("de", "Abel,Ärger,Bauer,Mahler,Märker,Mayer,Ozon,Öztürk,Zander",
           "Zander", "Ozon", "Öztürk", "Mayer", "Märker", "Mahler", "Bauer", "Ärger", "Abel");
    SORTED("pl", "Cyran,Ćwik,Dąbrowski,Lech,Lwów,Łódź,Mazur,Zieliński,Źrebak,Żak",
           "Żak", "Źrebak", "Zieliński", "Mazur", "Łódź", "Lwów", "Lech", "Dąbrowski", "Ćwik", "Cyran");
    SORTED("cs", "Cyril,Čech,Dvořák,Hruška,Chalupa,Ivan,Rybář,Řehoř,Sýkora",
           "Sýkora", "Řehoř", "Rybář", "Ivan", "Chalupa", "Hruška", "Dvořák", "Čech", "Cyril");
    SORTED("sv", "Adler,Zetterberg,Åberg,Ängström,Östberg",
           "Östberg", "Ängström", "Åberg", "Zetterberg", "Adler");
    SORTED("vi", "Anh,Ăn,Âu,Bình,Dương,Đặng,Em,Oanh,Ông,Ơn,Phạm",
           "Phạm", "Ơn", "Ông", "Oanh", "Em", "Đặng", "Dương", "Bình", "Âu", "Ăn", "Anh");
}

TEST(index_letters_follow_the_language)
{
    CHECK_STR(collate_heading(&arena, "Étienne", "fr"), "É");
    CHECK(collate_same_letter("É", "E", "fr"));
    CHECK_STR(collate_heading(&arena, "łukasz", "pl"), "Ł");
    CHECK(!collate_same_letter("Ł", "L", "pl"));
    CHECK_STR(collate_heading(&arena, "Chalupa", "cs"), "Ch");
    CHECK(!collate_same_letter("Ch", "C", "cs"));
    CHECK_STR(collate_heading(&arena, "Chávez", "es"), "C");
}

TEST(dates_come_from_cldr)
{
    Diags d;
    diags_init(&d, NULL);
    Date dt = { 2021, 5, 27 };
    static const struct { const char *lang, *date, *times; } want[] = {
        { "de", "Donnerstag, 27. Mai 2021", "09:30\xE2\x80\x93" "24:00" },
        { "pt", "quinta-feira, 27 de maio de 2021", "09:30\xE2\x80\x93" "24:00" },
        { "it", "gioved\xC3\xAC 27 maggio 2021", "09:30\xE2\x80\x93" "24:00" },
        { "ja", "2021\xE5\xB9\xB4" "5\xE6\x9C\x88" "27\xE6\x97\xA5\xE6\x9C\xA8\xE6\x9B\x9C\xE6\x97\xA5",
          "9:30\xE2\x80\x93" "24:00" },
        { "ca", "dijous, 27 de maig de 2021", "9:30\xE2\x80\x93" "24:00" },
        { "pl", "czwartek, 27 maja 2021", "09:30\xE2\x80\x93" "24:00" },
        { "nl", "donderdag 27 mei 2021", "09:30\xE2\x80\x93" "24:00" },
        { "fi", "torstaina 27. toukokuuta 2021", "9.30\xE2\x80\x93" "24.00" },
        /* Thai counts Buddhist years by default: livret asks Gregorian */
        { "th", NULL, NULL },
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        const Locale *l = locale_load(&arena, ".", want[i].lang, srcloc(NULL, 0, 0), &d);
        CHECK(l != NULL);
        if (!l)
            continue;
        const char *got = locale_date(&arena, l, dt);
        if (want[i].date) {
            CHECK_STR(got, want[i].date);
            CHECK_STR(locale_times(&arena, l, 570, 1440), want[i].times);
        } else {
            CHECK(strstr(got, "2021") != NULL);
            CHECK(strstr(got, "2564") == NULL);
        }
    }
    /* de, it, pt, nl, ca, pl have labels of their own */
    const char *own[] = { "de", "it", "pt", "nl", "ca", "pl" };
    for (size_t i = 0; i < 6; i++) {
        const Locale *l = locale_load(&arena, ".", own[i], srcloc(NULL, 0, 0), &d);
        CHECK(l && strcmp(l->lang, own[i]) == 0);
        CHECK(l && strcmp(l->label[L_CONTENTS], "Contents") != 0);
    }
    CHECK_STR(locale_load(&arena, ".", "de", srcloc(NULL, 0, 0), &d)->label[L_CONTENTS], "Inhalt");
    diags_fini(&d);
}

/* The zone the times are written in, as a reader names it: CLDR's
 * exemplar city in the booklet's language; a label or a zone without a
 * city as written. */
TEST(time_zones_are_named_by_their_city)
{
    Diags d;
    diags_init(&d, NULL);
    const Locale *fr = locale_load(&arena, ".", "fr", srcloc(NULL, 0, 0), &d);
    const Locale *ja = locale_load(&arena, ".", "ja", srcloc(NULL, 0, 0), &d);
    const Locale *es = locale_load(&arena, ".", "es", srcloc(NULL, 0, 0), &d);
    CHECK(fr && ja && es);
    if (fr && ja && es) {
        CHECK_STR(locale_zone(&arena, fr, "Africa/Casablanca"), "Casablanca");
        CHECK_STR(locale_zone(&arena, fr, "America/Argentina/Buenos_Aires"),
                  "Buenos Aires");
        CHECK_STR(locale_zone(&arena, ja, "Asia/Tokyo"), "\xE6\x9D\xB1\xE4\xBA\xAC");
        CHECK_STR(locale_zone(&arena, es, "Europe/London"), "Londres");
        CHECK_STR(locale_zone(&arena, fr, "ART"), "ART");
        CHECK_STR(locale_zone(&arena, fr, "Etc/UTC"), "Etc/UTC");
        CHECK_STR(locale_zone(&arena, fr, "Mars/Olympus_Mons"), "Mars/Olympus_Mons");
    }
    diags_fini(&d);
}

int main(void)
{
    setup();
    RUN(character_names_come_from_icu);
    RUN(icu_line_breaks_follow_uax14_and_dictionaries);
    RUN(clusters_are_icu_extended_grapheme_clusters);
    RUN(flags_and_noncharacters_do_not_crash_and_flags_stay_whole);
    RUN(a_cluster_takes_one_font_with_all_its_characters);
    RUN(a_long_word_is_cut_between_clusters);
    RUN(every_place_a_character_is_lost_is_named_then_counted);
    RUN(a_cluster_no_font_has_whole_is_named_whole);
    RUN(format_characters_are_used_or_named);
    RUN(index_order_follows_cldr);
    RUN(index_letters_follow_the_language);
    RUN(dates_come_from_cldr);
    RUN(time_zones_are_named_by_their_city);
    teardown();
    return harness_done();
}
