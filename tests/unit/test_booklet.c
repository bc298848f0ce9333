/* Unit tests: layout files, locales, and the booklet's cross-references. */
#include "harness.h"

#include "base/arena.h"
#include "layout/booklet.h"
#include "base/diag.h"
#include "input/loader.h"
#include "input/locale.h"
#include "input/style.h"
#include "model/tz.h"
#include "model/date.h"
#include "text/collate.h"
#include "base/uri.h"
#include "display/dump.h"

#include <stdlib.h>

static Arena arena;

/* The items of page k of doc, placed, as an array (made once per
 * document, in the test arena, so pointers to items compare equal). */
static const Item *items_of(const DocList *doc, size_t k, size_t *n)
{
    static const DocList *flat_doc;
    static Item **flat;
    static size_t *flat_n;
    if (flat_doc != doc) {
        flat = arena_array(&arena, doc->npages + 1, sizeof *flat);
        flat_n = arena_array(&arena, doc->npages + 1, sizeof *flat_n);
        for (size_t i = 0; i < doc->npages; i++) {
            flat[i] = arena_array(&arena, doc->pages[i].nitems + 1,
                                  sizeof *flat[i]);
            PageIter pi = page_iter(&doc->pages[i]);
            while (page_next(&pi, &flat[i][flat_n[i]]))
                flat_n[i]++;
        }
        flat_doc = doc;
    }
    *n = flat_n[k];
    return flat[k];
}

TEST(default_layout_loads_from_the_data_directory)
{
    Diags d;
    diags_init(&d, NULL);
    const Style *s = style_load(&arena, NULL, &d);
    CHECK(s != NULL);
    CHECK_INT(d.nerrors, 0);
    CHECK_INT(d.nwarnings, 0);
    if (s) {
        CHECK_NEAR(s->page_width, 419.53, 0.01);
        CHECK_NEAR(s->page_height, 595.28, 0.01);
        CHECK(s->margin_inner > s->margin_outer);
        CHECK(s->session_new_page);
    }
    const Style *c = style_load(&arena, "a5-compact", &d);
    CHECK(c != NULL && !c->session_new_page);   /* inherit + override */
    diags_fini(&d);
}

TEST(layout_errors_are_located)
{
    Diags d;
    diags_init(&d, NULL);
    const char *path = "build/tests/bad-layout.yaml";
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    fputs("page: {size: A3}\nstyles:\n  body: {size: 9pt, leading: 2pt}\n"
          "  bogus: {size: 9}\noptions: {widows: nine}\n", f);
    fclose(f);
    CHECK(style_load(&arena, path, &d) == NULL);
    CHECK_INT(d.nerrors, 3);
    CHECK_INT(d.nwarnings, 1);
    char line[512];
    diag_format(&d.items[0], line, sizeof line);
    CHECK_STR(line, "build/tests/bad-layout.yaml:1:14: error: page.size: unknown "
                    "size 'A3' (known: A4, A5, A6, B5, letter, half-letter; or "
                    "give width and height)");
    diags_fini(&d);
}

TEST(script_fonts_come_from_the_layout)
{
    Diags d;
    diags_init(&d, NULL);
    const char *path = "build/tests/scripts-layout.yaml";
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    fputs("inherit: a5-booklet\nfonts:\n  scripts:\n"
          "    Arab: { serif: Noto Sans Arabic }\n"
          "    arabic: { sans: X }\n", f);
    fclose(f);
    CHECK(style_load(&arena, path, &d) == NULL);
    CHECK_INT(d.nerrors, 1);
    char line[512];
    if (d.n) {
        diag_format(&d.items[0], line, sizeof line);
        CHECK_STR(line, "build/tests/scripts-layout.yaml:5:5: error: "
                        "fonts.scripts.arabic: expected an ISO 15924 script tag "
                        "such as Arab, Deva or Hang");
    }
    diags_fini(&d);
    diags_init(&d, NULL);
    f = fopen(path, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    fputs("inherit: a5-booklet\nfonts:\n  scripts:\n"
          "    Arab: { serif: Noto Sans Arabic }\n", f);
    fclose(f);
    const Style *s = style_load(&arena, path, &d);
    CHECK(s != NULL);
    bool arab = false, deva = false;
    for (int k = 0; s && k < s->nscripts; k++) {
        if (strcmp(s->scripts[k].tag, "Arab") == 0)
            arab = strcmp(s->scripts[k].serif, "Noto Sans Arabic") == 0 &&
                   strcmp(s->scripts[k].sans, "Noto Sans Arabic") == 0;
        deva |= strcmp(s->scripts[k].tag, "Deva") == 0;   /* built in */
    }
    CHECK(arab);
    CHECK(deva);
    diags_fini(&d);
}

TEST(dates_in_three_languages)
{
    Diags d;
    diags_init(&d, NULL);
    Date dt = { 2021, 5, 27 };
    const Locale *fr = locale_load(&arena, ".", "fr", srcloc(NULL, 0, 0), &d);
    const Locale *en = locale_load(&arena, ".", "en", srcloc(NULL, 0, 0), &d);
    const Locale *es = locale_load(&arena, ".", "es-AR", srcloc(NULL, 0, 0), &d);
    CHECK_STR(locale_date(&arena, fr, dt), "jeudi 27 mai 2021");
    /* CLDR's: "en" is American English, "en-GB" British */
    CHECK_STR(locale_date(&arena, en, dt), "Thursday, May 27, 2021");
    const Locale *gb = locale_load(&arena, ".", "en-GB", srcloc(NULL, 0, 0), &d);
    CHECK_STR(locale_date(&arena, gb, dt), "Thursday, 27 May 2021");
    CHECK_STR(locale_date(&arena, es, dt), "jueves, 27 de mayo de 2021");
    CHECK_STR(locale_times(&arena, fr, 635, 725), "10:35\xE2\x80\x93" "12:05");
    CHECK_STR(locale_times(&arena, fr, 1290, 1440), "21:30\xE2\x80\x93" "24:00");
    /* An unknown language falls back to English, with one warning. */
    const Locale *xx = locale_load(&arena, ".", "xx", srcloc(NULL, 0, 0), &d);
    CHECK_STR(xx->label[L_CONTENTS], "Contents");
    CHECK_STR(locale_date(&arena, xx, dt), "Thursday, May 27, 2021");
    CHECK_INT(d.nwarnings, 1);
    Date leap = { 2024, 2, 29 };
    CHECK_INT(date_weekday(leap), 3);   /* Thursday */
    diags_fini(&d);
}

/* Page numbers in the digits the locale's dates and times use (CLDR's
 * default numbering system): Arabic-Indic in Arabic, Persian's own,
 * Bengali's; ASCII where CLDR says Latin (Moroccan Arabic, Hindi). */
TEST(page_numbers_in_the_locale_digits)
{
    Diags d;
    diags_init(&d, NULL);
    static const char *const want[][2] = {
        { "fr", "1207" },
        { "ar", "١٢٠٧" },
        { "fa", "۱۲۰۷" },
        { "bn", "১২০৭" },
        { "ar-MA", "1207" },
        { "hi", "1207" },
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        const Locale *l = locale_load(&arena, ".", want[i][0], srcloc(NULL, 0, 0), &d);
        CHECK_STR(locale_number(&arena, l, 1207), want[i][1]);
        /* the same digits as its times */
        const char *t = locale_times(&arena, l, 600, -1);
        CHECK(strncmp(t + strlen(t) - strlen(locale_number(&arena, l, 0)),
                      locale_number(&arena, l, 0), strlen(locale_number(&arena, l, 0))) == 0);
    }
    CHECK_STR(locale_number(&arena, NULL, -42), "-42");
    /* a session's places too, as its page numbers */
    const char *yaml =
        "programme: {title: \"\u0645\u0646\u062A\u062F\u0649\", language: ar}\n"
        "sessions:\n"
        "- {id: S1, title: \"\u0627\u0644\u0645\u062F\u0646\", date: 2026-03-02,"
        " start: \"09:00\", capacity: 60}\n";
    const Programme *p = programme_load_buffer(&arena, "cap.yaml", yaml,
                                               strlen(yaml), &d);
    BookletOptions o = { .timestamp = -1 };
    BookletStats st;
    const DocList *doc = p ? booklet_layout(p, &o, &arena, &d, &st) : NULL;
    CHECK(doc != NULL);
    bool arabic = false, latin = false;
    for (size_t k = 0; doc && k < doc->npages; k++) {
        size_t n;
        const Item *items = items_of(doc, k, &n);
        for (size_t i = 0; i < n; i++)
            if (items[i].kind == ITEM_TEXT) {
                arabic |= strstr(items[i].u.text.utf8, "\u0666\u0660") != NULL;
                latin |= strstr(items[i].u.text.utf8, "60") != NULL;
            }
    }
    CHECK(arabic);
    CHECK(!latin);
    diags_fini(&d);
}

TEST(time_zones_follow_daylight_saving_and_change_days)
{
    ZoneTime z;
    Date may = { 2021, 5, 27 }, jan = { 2021, 1, 14 };
    CHECK(tz_convert("America/Argentina/Buenos_Aires", may, 635,
                     "Europe/Madrid", &z));
    CHECK_INT(z.minutes, 15 * 60 + 35);
    CHECK_STR(z.abbr, "CEST");
    CHECK_INT(z.day_shift, 0);
    CHECK(tz_convert("America/Argentina/Buenos_Aires", jan, 635,
                     "Europe/Madrid", &z));
    CHECK_INT(z.minutes, 14 * 60 + 35);     /* winter: CET, one hour less */
    CHECK_STR(z.abbr, "CET");
    CHECK(tz_convert("Europe/Paris", may, 22 * 60, "Asia/Tokyo", &z));
    CHECK_INT(z.minutes, 5 * 60);
    CHECK_INT(z.day_shift, 1);
    CHECK_INT(z.date.d, 28);
    CHECK(tz_convert("Asia/Tokyo", may, 60, "America/New_York", &z));
    CHECK_INT(z.day_shift, -1);
    /* Midnight ending a session stays on its own day. */
    CHECK(tz_convert("Europe/Paris", may, 1440, "Europe/Paris", &z));
    CHECK_INT(z.minutes, 1440);
    CHECK_INT(z.day_shift, 0);
    /* tzdata's numeric abbreviations are written as UTC offsets. */
    CHECK(tz_convert("Europe/Paris", may, 600, "America/Argentina/Buenos_Aires", &z));
    CHECK_STR(z.abbr, "UTC\xE2\x88\x92" "3");
    CHECK(!tz_known("ART"));
    CHECK(!tz_known("../../etc/passwd"));
    CHECK(!tz_convert("ART", may, 600, "Europe/Paris", &z));
    CHECK(getenv("TZ") == NULL);            /* left as it was */
}

TEST(names_file_under_the_family_name_in_the_language_order)
{
    CHECK_STR(collate_inverted_name(&arena, "Geraldine de Bastion", "en"),
              "Bastion, Geraldine de");
    CHECK_STR(collate_inverted_name(&arena, "Martin Van Buren", "en"),
              "Van Buren, Martin");
    CHECK_STR(collate_inverted_name(&arena, "Ana Belén Solís Araújo", "es"),
              "Solís Araújo, Ana Belén");
    CHECK_STR(collate_inverted_name(&arena, "Milagros Sáenz de Urturi", "es"),
              "Sáenz de Urturi, Milagros");
    CHECK_STR(collate_inverted_name(&arena, "erdgeist", "en"), "erdgeist");
    /* Arabic script: the particle with the family name, the Arabic comma */
    CHECK_STR(collate_inverted_name(&arena, "\u0633\u0644\u0645\u0649 \u0628\u0646 \u0639\u0644\u064A", "ar"),
              "\u0628\u0646 \u0639\u0644\u064A\u060C \u0633\u0644\u0645\u0649");
    CHECK_STR(collate_inverted_name(&arena, "\u064A\u0648\u0633\u0641 \u0627\u0644\u0639\u0645\u0631\u064A", "fr"),
              "\u0627\u0644\u0639\u0645\u0631\u064A\u060C \u064A\u0648\u0633\u0641");
    CHECK_STR(collate_inverted_name(&arena, "Saiz, Emilia", "fr"), "Saiz, Emilia");
    /* É files with E; Ł with L, except in Polish where it follows L. */
    const char *e1 = collate_key(&arena, "Étienne", "fr");
    const char *e2 = collate_key(&arena, "Eva", "fr");
    const char *e3 = collate_key(&arena, "Ezra", "fr");
    CHECK(strcmp(e2, e1) > 0 && strcmp(e1, e3) < 0);   /* Étienne, Eva, Ezra */
    CHECK(strcmp(collate_key(&arena, "Łukasz", "fr"), collate_key(&arena, "Lw", "fr")) < 0);
    CHECK(strcmp(collate_key(&arena, "Łukasz", "pl"), collate_key(&arena, "Lz", "pl")) > 0);
    CHECK(strcmp(collate_key(&arena, "Ñandú", "es"), collate_key(&arena, "Nz", "es")) > 0);
    CHECK(strcmp(collate_key(&arena, "Ñandú", "fr"), collate_key(&arena, "Nz", "fr")) < 0);
}

TEST(uris_are_percent_encoded_once)
{
    CHECK_STR(uri_encode(&arena, "https://exemple.fr/programme/s\xC3\xA9" "ance?q=a b"),
              "https://exemple.fr/programme/s%C3%A9ance?q=a%20b");
    const char *plain = "https://example.org/a%20b?x=1&y=2#frag";
    CHECK(uri_encode(&arena, plain) == plain);
}

static const char *page_text(const DocList *doc, int page, const char *want)
{
    size_t n;
    const Item *items = items_of(doc, (size_t)page, &n);
    for (size_t i = 0; i < n; i++)
        if (items[i].kind == ITEM_TEXT && strstr(items[i].u.text.utf8, want))
            return items[i].u.text.utf8;
    return NULL;
}

/* A programme long enough for a multi-page contents. */
static char *many_sessions(int n)
{
    size_t cap = (size_t)n * 300 + 400, len = 0;
    char *s = malloc(cap);
    len += (size_t)snprintf(s + len, cap - len,
                            "programme: {title: Essai, language: fr}\nsessions:\n");
    for (int i = 0; i < n; i++)
        len += (size_t)snprintf(s + len, cap - len,
            "- {id: S%d, title: \"Séance numéro %d sur la coopération\", "
            "date: 2026-01-%02d, start: \"%02d:00\", summary: \"Résumé %d.\"}\n",
            i, i, 1 + i % 3, 8 + i % 10, i);
    return s;
}

/* A grid page shows sessions: twelve rooms in the morning, one in the
 * evening make no evening page of eleven empty columns (a long day's
 * grid is cut into groups of rooms by hours), and no page of the empty
 * hours between (rows ruled from 09:00 to 22:00); a day that nearly fits
 * a page is not cut. */
TEST(grid_pages_show_sessions_not_empty_hours)
{
    Diags d;
    diags_init(&d, NULL);
    size_t cap = 8192, len = 0;
    char *yaml = malloc(cap);
    len += (size_t)snprintf(yaml + len, cap - len,
                            "programme: {title: Grid, language: en}\nsessions:\n");
    for (int v = 1; v <= 12; v++)
        len += (size_t)snprintf(yaml + len, cap - len,
            "- {id: M%d, title: \"Morning %d\", date: 2026-03-02, "
            "start: \"08:00\", end: \"09:00\", venue: \"Room %d\"}\n", v, v, v);
    len += (size_t)snprintf(yaml + len, cap - len,
        "- {id: E1, title: Evening, date: 2026-03-02, start: \"22:00\", "
        "end: \"23:00\", venue: \"Room 12\"}\n");
    const Programme *p = programme_load_buffer(&arena, "grid.yaml", yaml, len, &d);
    CHECK(p != NULL);
    const char *layouts[] = { NULL, "a4-handout" };
    for (int l = 0; p && l < 2; l++) {
        BookletOptions o = { .layout = layouts[l], .timestamp = -1 };
        BookletStats st;
        const DocList *doc = booklet_layout(p, &o, &arena, &d, &st);
        CHECK(doc != NULL);
        int grids = 0, empty = 0, idle_hours = 0;
        for (size_t k = 0; doc && k < doc->npages; k++) {
            size_t n;
            const Item *items = items_of(doc, k, &n);
            bool grid = false, link = false;
            int idle = 0;
            for (size_t i = 0; i < n; i++) {
                const char *t = items[i].kind == ITEM_TEXT
                                    ? items[i].u.text.utf8 : "";
                if (strncmp(t, "At a glance", 11) == 0)
                    grid = true;
                /* an hour's label between the sessions */
                if (strlen(t) == 5 && t[2] == ':' && strcmp(t, "10:00") >= 0 &&
                    strcmp(t, "21:00") <= 0)
                    idle++;
                link |= items[i].kind == ITEM_LINK;
            }
            grids += grid;
            empty += grid && !link;
            idle_hours += grid ? idle : 0;
        }
        CHECK(grids >= 2);      /* the morning's rooms, then the evening */
        CHECK_INT(empty, 0);
        CHECK_INT(idle_hours, 0);
    }
    free(yaml);
    /* A day a little longer than a page's six hours (A5) is drawn
     * smaller on one page; one of nine hours takes two. */
    const char *days[] = {
        "- {id: A, title: Open, date: 2026-03-02, start: \"09:00\", end: \"10:00\"}\n"
        "- {id: B, title: Close, date: 2026-03-02, start: \"14:30\", end: \"15:30\"}\n",
        "- {id: A, title: Open, date: 2026-03-02, start: \"09:00\", end: \"13:00\"}\n"
        "- {id: B, title: Close, date: 2026-03-02, start: \"13:00\", end: \"18:00\"}\n" };
    for (int k = 0; k < 2; k++) {
        char buf[512];
        int n = snprintf(buf, sizeof buf, "programme: {title: Grid, language: en}\n"
                         "sessions:\n%s", days[k]);
        p = programme_load_buffer(&arena, "day.yaml", buf, (size_t)n, &d);
        CHECK(p != NULL);
        BookletOptions o = { .timestamp = -1 };
        BookletStats st;
        const DocList *doc = p ? booklet_layout(p, &o, &arena, &d, &st) : NULL;
        CHECK(doc != NULL);
        int grids = 0, links = 0;
        for (size_t pg = 0; doc && pg < doc->npages; pg++) {
            size_t ni;
            const Item *items = items_of(doc, pg, &ni);
            bool grid = false;
            int l = 0;
            for (size_t i = 0; i < ni; i++) {
                if (items[i].kind == ITEM_TEXT &&
                    strncmp(items[i].u.text.utf8, "At a glance", 11) == 0)
                    grid = true;
                l += items[i].kind == ITEM_LINK;
            }
            grids += grid;
            links += grid ? l : 0;
        }
        CHECK_INT(grids, k == 0 ? 1 : 2);
        CHECK_INT(links, k == 0 ? 2 : 3);   /* B is cut at 15:00 on two */
    }
    diags_fini(&d);
}

/* A speaker in 80 sessions: every page number in the index (there
 * used to be a cap of 64), read in order, line after line (the wrapped
 * lines used to come in reverse order: the last numbers first). */
TEST(index_numbers_read_in_order)
{
    Diags d;
    diags_init(&d, NULL);
    size_t cap = 16384, len = 0;
    char *yaml = malloc(cap);
    len += (size_t)snprintf(yaml + len, cap - len,
                            "programme: {title: Index, language: en}\nsessions:\n");
    for (int i = 0; i < 80; i++)
        len += (size_t)snprintf(yaml + len, cap - len,
            "- {id: S%d, title: \"Session %d\", date: 2026-03-%02d, "
            "start: \"%02d:00\", speakers: [{name: Ada Lovelace}]}\n",
            i, i, 2 + i / 8, 9 + i % 8);
    const Programme *p = programme_load_buffer(&arena, "ix.yaml", yaml, len, &d);
    CHECK(p != NULL);
    BookletOptions o = { .timestamp = -1 };
    BookletStats st;
    const DocList *doc = p ? booklet_layout(p, &o, &arena, &d, &st) : NULL;
    CHECK(doc != NULL);
    /* the index's first page: the last to name it (the contents does) */
    size_t at = doc ? doc->npages : 0;
    for (size_t k = 0; doc && k < doc->npages; k++) {
        size_t n;
        const Item *items = items_of(doc, k, &n);
        for (size_t i = 0; i < n; i++)
            if (items[i].kind == ITEM_TEXT &&
                strcmp(items[i].u.text.utf8, "Index of speakers") == 0)
                at = k;
    }
    CHECK(doc && at < doc->npages);
    int links = 0, in_order = 1, last = -1;
    for (size_t k = at; doc && k < doc->npages; k++) {
        size_t n;
        const Item *items = items_of(doc, k, &n);
        /* reading order: lines top to bottom, each left to right */
        const Item *ln[256];
        size_t m = 0;
        for (size_t i = 0; i < n && m < 256; i++)
            if (items[i].kind == ITEM_LINK)
                ln[m++] = &items[i];
        for (size_t i = 1; i < m; i++)
            for (size_t j = i; j > 0 && (ln[j]->y > ln[j - 1]->y + 0.5 ||
                                         (fabs(ln[j]->y - ln[j - 1]->y) <= 0.5 &&
                                          ln[j]->x < ln[j - 1]->x)); j--) {
                const Item *tmp = ln[j];
                ln[j] = ln[j - 1];
                ln[j - 1] = tmp;
            }
        for (size_t i = 0; i < m; i++) {
            links++;
            in_order &= ln[i]->u.link.page > last;
            last = ln[i]->u.link.page;
        }
    }
    CHECK_INT(links, 80);
    CHECK_INT(in_order, 1);
    free(yaml);
    diags_fini(&d);
}

/* The last item whose text is want (exactly): the session pages come
 * after the front matter and the at-a-glance grid.  NULL if none. */
static const Item *find_item(const DocList *doc, const char *want)
{
    const Item *found = NULL;
    for (size_t k = 0; k < doc->npages; k++) {
        size_t n;
        const Item *items = items_of(doc, k, &n);
        for (size_t i = 0; i < n; i++) {
            const Item *it = &items[i];
            if (it->kind == ITEM_TEXT && strcmp(it->u.text.utf8, want) == 0)
                found = it;
        }
    }
    return found;
}

TEST(right_to_left_sessions_are_mirrored)
{
    Diags d;
    diags_init(&d, NULL);
    const char *yaml =
        "programme: {title: Forum, language: en}\n"
        "sessions:\n"
        "- {id: R1, type: Atelier, title: \"\u0627\u0644\u0645\u062F\u0646\", language: ar, "
        "date: 2026-01-05, start: \"09:00\", venue: \"\u0642\u0627\u0639\u0629\","
        " speakers: [{name: \"\u0644\u064A\u0644\u0649\"}]}\n"
        "- {id: L1, type: Atelier, title: Cities, date: 2026-01-05, start: \"10:00\","
        " venue: Hall}\n";
    const Programme *p = programme_load_buffer(&arena, "rtl.yaml", yaml,
                                               strlen(yaml), &d);
    CHECK(p != NULL);
    BookletOptions o = { .timestamp = -1 };
    BookletStats st;
    const DocList *doc = p ? booklet_layout(p, &o, &arena, &d, &st) : NULL;
    CHECK(doc != NULL);
    for (size_t i = 0; i < d.n; i++)     /* (no hyphenation for ar: fine) */
        CHECK(strstr(d.items[i].message, "U+") == NULL);
    if (doc) {
        double mid = doc->width / 2;
        /* The Arabic session: code at the left end of its band, venue and
         * title and speaker set from the right; the English one as ever. */
        const Item *r1 = find_item(doc, "R1"), *l1 = find_item(doc, "L1");
        CHECK(r1 && r1->x < mid);
        CHECK(l1 && l1->x > mid);
        const Item *venue = find_item(doc, "\u0642\u0627\u0639\u0629");
        const Item *hall = find_item(doc, "Hall");
        CHECK(venue && venue->x > mid);
        CHECK(hall && hall->x < mid);
        /* The speaker, on the session's page (the index, in the English
         * booklet's direction, has it too). */
        const Item *name = NULL;
        for (size_t k = 0; k < doc->npages && r1; k++) {
            size_t n;
            const Item *items = items_of(doc, k, &n);
            bool here = false;
            for (size_t i = 0; i < n; i++)
                here |= &items[i] == r1;
            for (size_t i = 0; here && i < n; i++)
                if (items[i].kind == ITEM_TEXT &&
                    strcmp(items[i].u.text.utf8, "\u0644\u064A\u0644\u0649") == 0)
                    name = &items[i];
        }
        CHECK(name && name->x > mid);
        /* In the contents of this left-to-right booklet the Arabic
         * title follows its time, the leaders run right to its page. */
        const Item *entry = NULL;
        for (size_t k = 0; k < st.front_pages && !entry; k++) {
            size_t n;
            const Item *items = items_of(doc, k, &n);
            for (size_t i = 0; i < n && !entry; i++)
                if (items[i].kind == ITEM_TEXT &&
                    strcmp(items[i].u.text.utf8,
                           "\u0627\u0644\u0645\u062F\u0646") == 0)
                    entry = &items[i];
        }
        CHECK(entry && entry->x < mid);
    }
    diags_fini(&d);
}

TEST(contents_links_and_bookmarks_land_on_their_session)
{
    Diags d;
    diags_init(&d, NULL);
    char *yaml = many_sessions(150);
    const Programme *p = programme_load_buffer(&arena, "many.yaml", yaml,
                                               strlen(yaml), &d);
    CHECK(p != NULL);
    if (!p) {
        free(yaml);
        diags_fini(&d);
        return;
    }
    BookletOptions o = { .timestamp = -1 };
    BookletStats st;
    const DocList *doc = booklet_layout(p, &o, &arena, &d, &st);
    CHECK(doc != NULL);
    CHECK(st.front_pages >= 6);           /* title, blank, 4+ contents */
    CHECK_INT(st.front_pages % 2, 0);     /* the body starts on a recto */
    CHECK_INT(doc->npages % 2, 0);
    int sessions = 0, links_ok = 0, links = 0;
    for (size_t i = 0; i < doc->noutlines; i++) {
        const Outline *o1 = &doc->outlines[i];
        if (o1->level != 1)
            continue;
        sessions++;
        const char *title = strchr(o1->title, ' ') + 1;   /* after "HH:MM " */
        CHECK(page_text(doc, o1->page, title) != NULL);
    }
    CHECK_INT(sessions, 150);
    for (size_t k = 0; k < st.front_pages; k++) {
        size_t n;
        const Item *items = items_of(doc, k, &n);
        for (size_t i = 0; i < n; i++) {
            const Item *it = &items[i];
            if (it->kind != ITEM_LINK)
                continue;
            links++;
            /* The folio printed on the target page is the number in the
             * contents line the link covers. */
            const char *folio = doc->pages[it->u.link.page].label;
            for (size_t j = 0; j < n; j++) {
                const Item *t = &items[j];
                if (t->kind == ITEM_TEXT && t->x > it->x + it->w - 30 &&
                    t->y > it->y && t->y < it->y + it->h &&
                    strcmp(t->u.text.utf8, folio) == 0)
                    links_ok++;
            }
        }
    }
    CHECK(links >= 150);
    CHECK_INT(links_ok, 150);             /* every last line's number */
    CHECK_STR(doc->pages[0].label, "i");
    CHECK_STR(doc->pages[st.front_pages].label, "1");
    free(yaml);
    diags_fini(&d);
}

/* Page k of doc alone, as the dump prints it (from its "page" line: the
 * header names the fonts, which grow as layout goes). */
static char *page_dump(const DocList *doc, const Page *pg)
{
    DocList one = *doc;
    one.pages = (Page *)pg;
    one.npages = 1;
    one.noutlines = one.nlabels = 0;
    char *s = dump_string(&one);
    char *at = s ? strstr(s, "\npage ") : NULL;
    char *out = strdup(at ? at : "");
    free(s);
    return out;
}

/* The pages a sink took: their dumps, the front matter's apart. */
typedef struct Taken {
    char **dumps[2];            /* [1]: front */
    size_t n[2], cap[2];
} Taken;

static bool take_pages(void *ctx, const DocList *frame, const Page *pages,
                       size_t n, bool front)
{
    Taken *t = ctx;
    for (size_t i = 0; i < n; i++) {
        if (t->n[front] == t->cap[front]) {
            t->cap[front] = t->cap[front] ? 2 * t->cap[front] : 64;
            t->dumps[front] = realloc(t->dumps[front],
                                      t->cap[front] * sizeof *t->dumps[front]);
        }
        t->dumps[front][t->n[front]++] = page_dump(frame, &pages[i]);
    }
    return true;
}

/* A taken page's dump with its links counted from the end of the front
 * matter (LINK_AFTER_FRONT) made page numbers, as the writer makes them. */
static char *resolved(const char *dump, size_t front)
{
    size_t cap = strlen(dump) + 1;
    char *out = malloc(cap), *o = out;
    const char *p = dump;
    for (;;) {
        const char *at = strstr(p, " page ");
        long long n = 0;
        char *end = NULL;
        if (at)
            n = strtoll(at + 6, &end, 10);
        if (!at) {
            strcpy(o, p);
            return out;
        }
        size_t keep = (size_t)(at + 6 - p);
        memcpy(o, p, keep);
        o += keep;
        if (end != at + 6 && n > LINK_AFTER_FRONT)
            n = n - LINK_AFTER_FRONT + (long long)front;
        o += sprintf(o, "%lld", n);
        p = end != at + 6 ? end : at + 6;
    }
}

/* The body, the contents and the grids are laid out a run at a time (of
 * sessions, entries, days) and, like the other pages, may be handed to a
 * sink as they are made (issue 15): the pages are the same whatever the
 * run's length, and the same whether a sink takes them or the DocList
 * keeps them, which then holds their labels and places only. */
TEST(the_pages_are_the_same_whatever_run_they_are_laid_out_by)
{
    /* sessions that start pages (a5-booklet), that run on (a5-compact,
     * a4-handout: a run then ends inside a page) and that start one when
     * too tall to fit (pocket) */
    const char *files[] = { "samples/congreso-es.yaml",
                            "samples/conseil-mondial.yaml", NULL };
    const char *layouts[] = { NULL, "a5-compact", "a4-handout", "pocket" };
    for (size_t run = 0; run < 12; run++) {
        size_t f = run % 3;
        Diags d;
        diags_init(&d, NULL);
        char *yaml = f == 2 ? many_sessions(150) : NULL;
        const Programme *p = yaml
            ? programme_load_buffer(&arena, "many.yaml", yaml, strlen(yaml), &d)
            : programme_load(&arena, files[f], &d);
        CHECK(p != NULL);
        if (!p) {
            free(yaml);
            diags_fini(&d);
            continue;
        }
        BookletOptions o = { .layout = layouts[run / 3], .timestamp = -1,
                             .run = 1000000 };
        BookletStats st;
        const DocList *whole = booklet_layout(p, &o, &arena, &d, &st);
        CHECK(whole != NULL);
        char *want = whole ? dump_string(whole) : NULL;
        size_t runs[] = { 1, 2, 5, 0 };
        for (size_t r = 0; r < 4 && want; r++) {
            o.run = runs[r];
            const DocList *doc = booklet_layout(p, &o, &arena, &d, &st);
            char *got = doc ? dump_string(doc) : NULL;
            CHECK(got && strcmp(got, want) == 0);
            free(got);
        }
        /* a sink takes every page, the body two sessions at a time */
        Taken t = { 0 };
        PageSink sink = { take_pages, NULL, &t };
        o.run = 2;
        o.sink = &sink;
        const DocList *doc = whole ? booklet_layout(p, &o, &arena, &d, &st)
                                   : NULL;
        CHECK(doc != NULL);
        if (doc) {
            CHECK_INT(doc->npages, whole->npages);
            CHECK_INT(doc->front, st.front_pages);
            CHECK_INT(t.n[1], doc->front);
            CHECK_INT(t.n[0] + t.n[1], doc->npages);
            for (size_t k = 0; k < doc->npages && k < whole->npages; k++) {
                const Page *kept = &doc->pages[k];
                bool front = k < t.n[1];
                size_t i = front ? k : k - t.n[1];
                if (i >= t.n[front])
                    break;
                char *w = page_dump(whole, &whole->pages[k]);
                char *g = resolved(t.dumps[front][i], doc->front);
                CHECK(strcmp(g, w) == 0);
                free(w);
                free(g);
                CHECK(kept->sent && kept->nruns == 0 && kept->nitems == 0);
                CHECK((kept->label == NULL) == (whole->pages[k].label == NULL));
                if (kept->label && whole->pages[k].label)
                    CHECK_STR(kept->label, whole->pages[k].label);
            }
        }
        for (int fr = 0; fr < 2; fr++) {
            for (size_t k = 0; k < t.n[fr]; k++)
                free(t.dumps[fr][k]);
            free(t.dumps[fr]);
        }
        free(want);
        free(yaml);
        diags_fini(&d);
    }
}

int main(void)
{
    setenv("LIVRET_DATADIR", ".", 1);
    arena_init(&arena);
    RUN(default_layout_loads_from_the_data_directory);
    RUN(layout_errors_are_located);
    RUN(script_fonts_come_from_the_layout);
    RUN(dates_in_three_languages);
    RUN(page_numbers_in_the_locale_digits);
    RUN(time_zones_follow_daylight_saving_and_change_days);
    RUN(names_file_under_the_family_name_in_the_language_order);
    RUN(uris_are_percent_encoded_once);
    RUN(right_to_left_sessions_are_mirrored);
    RUN(grid_pages_show_sessions_not_empty_hours);
    RUN(index_numbers_read_in_order);
    RUN(contents_links_and_bookmarks_land_on_their_session);
    RUN(the_pages_are_the_same_whatever_run_they_are_laid_out_by);
    arena_free(&arena);
    return harness_done();
}
