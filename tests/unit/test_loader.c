/* test_loader — the programme schema: typing, defaults, every error class,
 * includes, cross-record checks, and the typed scalar parsers. */
#include "harness.h"
#include "input/loader.h"
#include "input/scalar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct Load {
    Arena a;
    Diags d;
    const Programme *p;
} Load;

static void load(Load *l, const char *text)
{
    arena_init(&l->a);
    diags_init(&l->d, NULL);
    l->p = programme_load_buffer(&l->a, "p.yaml", text, strlen(text), &l->d);
}

static void load_file(Load *l, const char *path)
{
    arena_init(&l->a);
    diags_init(&l->d, NULL);
    l->p = programme_load(&l->a, path, &l->d);
}

static void done(Load *l)
{
    diags_fini(&l->d);
    arena_free(&l->a);
}

static const char *line_of(const Load *l, size_t i)
{
    static char buf[2048];
    buf[0] = '\0';
    if (i < l->d.n)
        diag_format(&l->d.items[i], buf, sizeof buf);
    return buf;
}

/* True when some diagnostic prints exactly as want. */
static bool has_line(const Load *l, const char *want)
{
    for (size_t i = 0; i < l->d.n; i++)
        if (strcmp(line_of(l, i), want) == 0)
            return true;
    printf("  missing diagnostic: %s\n  have:\n", want);
    for (size_t i = 0; i < l->d.n; i++)
        printf("    %s\n", line_of(l, i));
    return false;
}

#define HEAD "programme:\n  title: T\n  dates: {from: 2024-05-01, to: 2024-05-02}\n"

/* Time limits are for native runs; valgrind (LD_PRELOAD of its vgpreload
 * libraries, or `make valgrind`) is some 50 times slower. */
static double time_limit(double native)
{
    const char *pre = getenv("LD_PRELOAD");
    bool slow = getenv("LIVRET_VALGRIND") || (pre && strstr(pre, "vgpreload"));
    return slow ? 50 * native : native;
}

TEST(minimal_and_defaults)
{
    Load l;
    load(&l, "programme: {title: T}\nsessions:\n  - {id: a, title: A, "
             "date: 2024-05-01}\n");
    CHECK(l.p != NULL);
    CHECK_INT(l.d.n, 0);
    const Programme *p = l.p;
    CHECK_STR(p->title.s, "T");
    CHECK_STR(p->language.s, "en");
    CHECK(p->subtitle.s == NULL);
    CHECK_INT(p->from.y, 0);
    CHECK_INT(p->ntracks, 0);
    CHECK_INT(p->nsessions, 1);
    CHECK_STR(p->path, "p.yaml");
    const Session *s = &p->sessions[0];
    CHECK_INT(s->index, 0);
    CHECK_INT(s->start, -1);
    CHECK_INT(s->end, -1);
    CHECK_INT(s->capacity, -1);
    CHECK(s->track == NULL);
    CHECK(s->language.s == NULL);
    CHECK_INT(s->nspeakers + s->nsections + s->ndocuments + s->norganizers
              + s->nlanguages, 0);
    CHECK_INT(s->date.y, 2024);
    CHECK_INT(s->date.m, 5);
    CHECK_INT(s->date.d, 1);
    CHECK_INT(s->loc.line, 3);
    CHECK_INT(s->loc.col, 5);
    done(&l);
}

TEST(every_field)
{
    Load l;
    load(&l, "programme:\n  title: Journées\n  subtitle: Lyon\n  organizer: "
             "AEC\n  language: fr\n  dates: {from: 2026-06-11, to: "
             "2026-06-12}\n  timezone: ART\n"
             "tracks:\n  - {id: villes, title: Villes, color: \"#1F6F8B\"}\n"
             "  - {id: sols, title: Sols, color: \"cmyk(0,60,100,0)\"}\n"
             "  - {id: nu, title: Sans couleur}\n"
             "sessions:\n"
             "  - id: 123\n    type: Plénière\n    title: 3.10\n"
             "    track: sols\n    organizers: [CGLU, Ville]\n"
             "    date: 2026-06-11\n    start: 10:35\n    end: \"12:05\"\n"
             "    timezone: America/Argentina/Buenos_Aires\n"
             "    other_times: 15 h 35 - 17 h 05 CET\n    venue: Streaming\n"
             "    capacity: 300\n    registration: no\n"
             "    languages: anglais\n    language: es-AR\n"
             "    summary: |-\n      Un.\n\n      Deux.\n"
             "    sections:\n      - title: Objectifs\n        numbered: yes\n"
             "        items: [Premier, \"  Second\\t \"]\n"
             "      - text: \"\\tTexte\\tlibre  \"\n      - title: Seul\n"
             "    speakers:\n      - {name: Emilia Saiz, role: Modératrice, "
             "affiliation: CGLU}\n      - name: Juan\n        position: maire\n"
             "    documents:\n      - {url: \"https://x.org/?a=1\"}\n"
             "      - {title: Charte}\n");
    CHECK(l.p != NULL);
    CHECK_INT(l.d.n, 0);
    const Programme *p = l.p;
    CHECK_STR(p->language.s, "fr");
    CHECK_STR(p->timezone.s, "ART");
    CHECK_INT(p->to.d, 12);
    CHECK_INT(p->ntracks, 3);
    CHECK(p->tracks[0].color.space == COLOR_RGB);
    CHECK_NEAR(p->tracks[0].color.c[0], 0x1F / 255.0, 1e-9);
    CHECK_NEAR(p->tracks[0].color.c[2], 0x8B / 255.0, 1e-9);
    CHECK(p->tracks[1].color.space == COLOR_CMYK);
    CHECK_NEAR(p->tracks[1].color.c[1], 0.6, 1e-9);
    CHECK_NEAR(p->tracks[1].color.c[2], 1.0, 1e-9);
    CHECK(p->tracks[2].color.space == COLOR_NONE);
    const Session *s = &p->sessions[0];
    CHECK_STR(s->id.s, "123");
    CHECK_STR(s->title.s, "3.10");
    CHECK(s->track == &p->tracks[1]);
    CHECK_STR(s->track_id.s, "sols");
    CHECK_INT(s->norganizers, 2);
    CHECK_STR(s->organizers[1].s, "Ville");
    CHECK_INT(s->start, 10 * 60 + 35);
    CHECK_INT(s->end, 12 * 60 + 5);
    CHECK_INT(s->start_loc.line, 19);
    CHECK_STR(s->registration.s, "no");
    CHECK_INT(s->capacity, 300);
    CHECK_INT(s->nlanguages, 1);
    CHECK_STR(s->languages[0].s, "anglais");
    CHECK_STR(s->language.s, "es-AR");
    CHECK_STR(s->summary.s, "Un.\n\nDeux.");
    CHECK_INT(s->summary.len, 10);
    CHECK_INT(s->nsections, 3);
    CHECK(s->sections[0].numbered);
    CHECK_INT(s->sections[0].nitems, 2);
    CHECK_STR(s->sections[0].items[1].s, "Second");
    CHECK_STR(s->sections[1].text.s, "Texte libre");   /* tab → space */
    CHECK(s->sections[1].title.s == NULL);
    CHECK_STR(s->sections[2].title.s, "Seul");
    CHECK(s->sections[2].text.s == NULL && s->sections[2].nitems == 0);
    CHECK_INT(s->nspeakers, 2);
    CHECK(speaker_is_moderator(&s->speakers[0]));
    CHECK(!speaker_is_moderator(&s->speakers[1]));
    CHECK_STR(s->speakers[1].position.s, "maire");
    CHECK_INT(s->ndocuments, 2);
    CHECK(s->documents[0].title.s == NULL);
    CHECK_STR(s->documents[0].url.s, "https://x.org/?a=1");
    done(&l);
}

TEST(midnight)
{
    Load l;
    load(&l, HEAD "sessions:\n"
             "  - {id: a, title: A, date: 2024-05-01, start: \"22:30\", "
             "end: \"00:00\"}\n"
             "  - {id: b, title: B, date: 2024-05-01, start: \"23:00\", "
             "end: \"24:00\"}\n"
             "  - {id: c, title: C, date: 2024-05-01, start: \"0:00\", "
             "end: \"0:30\"}\n");
    CHECK(l.p != NULL);
    CHECK_INT(l.p->sessions[0].end, 1440);
    CHECK_INT(l.p->sessions[1].end, 1440);
    CHECK_INT(l.p->sessions[2].start, 0);
    CHECK_INT(l.p->sessions[2].end, 30);
    done(&l);
}

TEST(value_errors)
{
    Load l;
    load(&l, HEAD "sessions:\n"
             "  - id: S04\n    title: T\n    date: 12/09/2024\n"
             "  - id: S05\n    title: T\n    date: 2021-02-30\n"
             "    start: \"25:00\"\n    end: 10h35\n"
             "  - id: S06\n    title: T\n    date: 2024-05-01\n"
             "    start: \"10:35\"\n    end: \"10:05\"\n    capacity: N/A\n"
             "  - id: S07\n    title: T\n    date: 2024-05-01\n"
             "    end: \"10:05\"\n    language: español\n");
    CHECK(l.p == NULL);
    CHECK(has_line(&l, "p.yaml:7:11: error: sessions[0].date: expected "
                       "YYYY-MM-DD, got '12/09/2024' (session S04)"));
    CHECK(has_line(&l, "p.yaml:10:11: error: sessions[1].date: '2021-02-30' "
                       "is not a calendar date (2021-02 has 28 days) "
                       "(session S05)"));
    CHECK(has_line(&l, "p.yaml:11:12: error: sessions[1].start: '25:00' is "
                       "not a time of day (00:00 to 23:59) (session S05)"));
    CHECK(has_line(&l, "p.yaml:12:10: error: sessions[1].end: expected H:MM "
                       "or HH:MM, got '10h35' (session S05)"));
    CHECK(has_line(&l, "p.yaml:17:10: error: sessions[2].end: end 10:05 is "
                       "not after start 10:35 (session S06)"));
    CHECK(has_line(&l, "p.yaml:18:15: error: sessions[2].capacity: expected "
                       "a non-negative integer, got 'N/A' (session S06)"));
    CHECK(has_line(&l, "p.yaml:22:10: error: sessions[3].end: end without "
                       "start (session S07)"));
    CHECK(has_line(&l, "p.yaml:23:15: error: sessions[3].language: expected "
                       "a language tag such as 'fr' or 'es-AR', got "
                       "'español' (session S07)"));
    CHECK_INT(l.d.nerrors, 8);
    done(&l);
}

TEST(missing_and_types)
{
    Load l;
    load(&l, "programme:\n  subtitle: x\ntracks:\n  - {title: No id}\n"
             "sessions:\n  - id: S04\n    date: 2024-05-01\n"
             "    speakers: [Emilia Saiz]\n    documents: [{}]\n"
             "    title: {a: b}\n  - title: T\n    date: ''\n");
    CHECK(l.p == NULL);
    CHECK(has_line(&l, "p.yaml:2:3: error: programme.title: missing"));
    CHECK(has_line(&l, "p.yaml:4:5: error: tracks[0].id: missing"));
    CHECK(has_line(&l, "p.yaml:10:12: error: sessions[0].title: expected a "
                       "string, got a mapping (session S04)"));
    CHECK(has_line(&l, "p.yaml:8:16: error: sessions[0].speakers[0]: "
                       "expected a mapping, got a string (session S04)"));
    CHECK(has_line(&l, "p.yaml:9:17: error: sessions[0].documents[0]: needs "
                       "a title or a url (session S04)"));
    CHECK(has_line(&l, "p.yaml:11:5: error: sessions[1].id: missing"));
    CHECK(has_line(&l, "p.yaml:12:11: error: sessions[1].date: must not be "
                       "empty"));
    CHECK_INT(l.d.nerrors, 7);
    done(&l);
    load(&l, HEAD "tracks:\n  -\nsessions:\n  - ~\n");
    CHECK(has_line(&l, "p.yaml:5:4: error: tracks[0]: expected a mapping, "
                       "got an empty value"));
    CHECK(has_line(&l, "p.yaml:7:5: error: sessions[0]: expected a mapping, "
                       "got an empty value"));
    done(&l);
    load(&l, "[1, 2]\n");
    CHECK(l.p == NULL);
    CHECK_STR(line_of(&l, 0), "p.yaml:1:1: error: expected a mapping with "
                              "programme and sessions, got a list");
    done(&l);
    load(&l, "programme: x\nsessions: {a: b}\n");
    CHECK(has_line(&l, "p.yaml:1:12: error: programme: expected a mapping, "
                       "got a string"));
    CHECK(has_line(&l, "p.yaml:2:11: error: sessions: expected a list, got a "
                       "mapping"));
    done(&l);
}

TEST(ids_and_tracks)
{
    Load l;
    load(&l, "programme: {title: T}\ntracks:\n  - {id: axe-1, title: A}\n"
             "  - {id: axe-2, title: B}\n  - {id: axe-1, title: C}\n"
             "sessions:\n  - {id: S1, title: A, date: 2024-05-01, track: axe-9}\n"
             "  - {id: S1, title: B, date: 2024-05-01, track: axe-2}\n");
    CHECK(l.p == NULL);
    CHECK(has_line(&l, "p.yaml:5:10: error: tracks[2].id: duplicate track id "
                       "'axe-1'"));
    CHECK(has_line(&l, "p.yaml:3:10: note: first defined here"));
    CHECK(has_line(&l, "p.yaml:7:49: error: sessions[0].track: unknown track "
                       "'axe-9' (known: axe-1, axe-2) (session S1)"));
    CHECK(has_line(&l, "p.yaml:8:10: error: sessions[1].id: duplicate session "
                       "id 'S1'"));
    CHECK(has_line(&l, "p.yaml:7:10: note: first defined here"));
    done(&l);
}

TEST(many_tracks_listed_briefly)
{
    char text[4096];
    size_t o = (size_t)sprintf(text, "programme: {title: T}\ntracks:\n");
    for (int i = 0; i < 15; i++)
        o += (size_t)sprintf(text + o, "  - {id: t%02d, title: x}\n", i);
    sprintf(text + o, "sessions:\n  - {id: S, title: A, date: 2024-05-01, "
                      "track: t99}\n");
    Load l;
    load(&l, text);
    CHECK(strstr(line_of(&l, 0), "(known: t00, t01, t02, t03, t04, t05, t06, "
                                 "t07, t08, t09, ... 15 in all) (session S)")
          != NULL);
    done(&l);
}

TEST(warnings_only)
{
    Load l;
    load(&l, HEAD "colour: red\nsessions:\n"
             "  - {id: S1, title: A, date: 2024-05-03, speaker: x}\n"
             "  - {id: S2, title: B, date: 2024-05-01, sections: "
             "[{text: t, numbered: true}]}\n");
    CHECK(l.p != NULL);
    CHECK_INT(l.d.nerrors, 0);
    CHECK_INT(l.d.nwarnings, 4);
    CHECK(has_line(&l, "p.yaml:4:1: warning: unknown key 'colour'"));
    CHECK(has_line(&l, "p.yaml:6:42: warning: sessions[0]: unknown key "
                       "'speaker' (did you mean 'speakers'?) (session S1)"));
    CHECK(has_line(&l, "p.yaml:6:30: warning: sessions[0].date: 2024-05-03 is "
                       "outside the programme dates (2024-05-01 to 2024-05-02) "
                       "(session S1)"));
    CHECK(has_line(&l, "p.yaml:7:73: warning: sessions[1].sections[0]."
                       "numbered: applies only to items (session S2)"));
    done(&l);
}

TEST(programme_dates)
{
    Load l;
    load(&l, "programme:\n  title: T\n  dates: {from: 2024-05-02, to: "
             "2024-05-01, on: x}\nsessions: []\n");
    CHECK(l.p == NULL);
    CHECK(has_line(&l, "p.yaml:3:33: error: programme.dates.to: 2024-05-01 is "
                       "before from (2024-05-02)"));
    CHECK(has_line(&l, "p.yaml:3:45: warning: programme.dates: unknown key "
                       "'on'"));
    done(&l);
    load(&l, "programme:\n  title: T\n  dates: {from: 2024-05-02}\n"
             "sessions: []\n");
    CHECK(has_line(&l, "p.yaml:3:10: error: programme.dates.to: missing"));
    done(&l);
}

TEST(sections)
{
    Load l;
    load(&l, HEAD "sessions:\n  - id: S\n    title: T\n    date: 2024-05-01\n"
             "    sections:\n      - {text: a, items: [b]}\n      - {}\n"
             "      - {items: [a, {b: c}, ~]}\n      - {items: x}\n"
             "      - {items: [a], numbered: maybe}\n"
             "      - items:\n          - Moderar: preguntas abiertas\n");
    CHECK(l.p == NULL);
    CHECK(has_line(&l, "p.yaml:9:9: error: sessions[0].sections[0]: has both "
                       "text and items; give one (session S)"));
    CHECK(has_line(&l, "p.yaml:10:9: error: sessions[0].sections[1]: needs "
                       "text or items (session S)"));
    CHECK(has_line(&l, "p.yaml:11:21: error: sessions[0].sections[2]."
                       "items[1]: expected a string, got a mapping "
                       "(session S)"));
    CHECK(has_line(&l, "p.yaml:15:13: error: sessions[0].sections[5]."
                       "items[0]: expected a string, got a mapping (quote "
                       "text that contains ': ') (session S)"));
    CHECK(has_line(&l, "p.yaml:11:29: error: sessions[0].sections[2]."
                       "items[2]: must not be empty (session S)"));
    CHECK(has_line(&l, "p.yaml:12:17: error: sessions[0].sections[3].items: "
                       "expected a list, got a string (session S)"));
    CHECK(has_line(&l, "p.yaml:13:32: error: sessions[0].sections[4]."
                       "numbered: expected true or false, got 'maybe' "
                       "(session S)"));
    done(&l);
}

TEST(every_problem_reported)
{
    char text[64 * 1024];
    size_t o = (size_t)sprintf(text, HEAD "sessions:\n");
    for (int i = 0; i < 50; i++)
        o += (size_t)sprintf(text + o, "  - {id: s%d, title: x, date: "
                                       "2024-05-%02d}\n", i, 40 + i);
    Load l;
    load(&l, text);
    CHECK(l.p == NULL);
    CHECK_INT(l.d.nerrors, 50);
    done(&l);
}

TEST(typed_parsers)
{
    Date d;
    CHECK(parse_date("2024-02-29", &d) && d.y == 2024 && d.m == 2 && d.d == 29);
    CHECK(!parse_date("2023-02-29", &d));
    CHECK(!parse_date("2000-02-30", &d));
    CHECK(parse_date("2000-02-29", &d));
    CHECK(!parse_date("1900-02-29", &d));
    CHECK(!parse_date("2024-2-01", &d));
    CHECK(!parse_date("2024-02-01 ", &d));
    CHECK(!parse_date("0000-01-01", &d));
    CHECK(!parse_date("2024-04-31", &d));
    CHECK(!parse_date("", &d));
    int m;
    CHECK(parse_time("9:05", &m) && m == 545);
    CHECK(parse_time("00:00", &m) && m == 0);
    CHECK(parse_time("23:59", &m) && m == 1439);
    CHECK(!parse_time("24:00", &m));
    CHECK(!parse_time("12:60", &m));
    CHECK(!parse_time("10h35", &m));
    CHECK(!parse_time("10:5", &m));
    CHECK(!parse_time("123:00", &m));
    CHECK(!parse_time("-1:00", &m));
    /* seconds, as exports write them (issue 12) */
    CHECK(parse_time("10:30:00", &m) && m == 630);
    CHECK(parse_time("9:05:59", &m) && m == 545);
    CHECK(!parse_time("10:30:60", &m));
    CHECK(!parse_time("10:30:0", &m));
    CHECK(scalar_time_seconds("10:30:45") == 45);
    CHECK(scalar_time_seconds("10:30") == 0);
    Session ends = { .end = 1470 };
    CHECK(session_end_day(&ends) == 1);
    ends.end = 1440;
    CHECK(session_end_day(&ends) == 0);
    ends.end = 2880;
    CHECK(session_end_day(&ends) == 1);
    ends.end = -1;
    CHECK(session_end_day(&ends) == 0);
    Color c;
    CHECK(parse_color("#ff0080", &c) && c.space == COLOR_RGB);
    CHECK_NEAR(c.c[2], 128 / 255.0, 1e-9);
    CHECK(parse_color("cmyk( 10 , 20.5, 30%, 100 )", &c)
          && c.space == COLOR_CMYK);
    CHECK_NEAR(c.c[1], 0.205, 1e-9);
    CHECK_NEAR(c.c[3], 1.0, 1e-9);
    CHECK(!parse_color("cmyk(0,0,0)", &c));
    CHECK(!parse_color("cmyk(0,0,0,101)", &c));
    CHECK(!parse_color("cmyk(0,0,0,-1)", &c));
    CHECK(!parse_color("cmyk(0,0,0,0)x", &c));
    CHECK(!parse_color("#FFF", &c));
    CHECK(!parse_color("#GG0000", &c));
    CHECK(!parse_color("red", &c));
    long v;
    CHECK(parse_int("42", 0, 100, &v) && v == 42);
    CHECK(parse_int("-3", -10, 10, &v) && v == -3);
    CHECK(!parse_int("101", 0, 100, &v));
    CHECK(!parse_int("4 2", 0, 100, &v));
    CHECK(!parse_int("", 0, 100, &v));
    CHECK(!parse_int("0x10", 0, 100, &v));
    CHECK(!parse_int("99999999999999999999999", 0, 100, &v));
    bool b;
    CHECK(parse_bool("yes", &b) && b);
    CHECK(parse_bool("False", &b) && !b);
    CHECK(parse_bool("TRUE", &b) && b);
    CHECK(!parse_bool("on", &b));
    CHECK(!parse_bool("1", &b));
}

TEST(moderators)
{
    static const char *const yes[] = {
        "moderator", "Modérateur", "MODÉRATRICE", "moderador", "Moderadora",
        "chair", " Chair ", "Moderatorin", "modératrice",
    };
    static const char *const no[] = { "speaker", "co-chair", "modération",
                                      "", "moderators" };
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++) {
        Speaker s;
        memset(&s, 0, sizeof s);
        s.role.s = yes[i];
        s.role.len = strlen(yes[i]);
        CHECK(speaker_is_moderator(&s));
    }
    for (size_t i = 0; i < sizeof no / sizeof *no; i++) {
        Speaker s;
        memset(&s, 0, sizeof s);
        s.role.s = no[i];
        s.role.len = strlen(no[i]);
        CHECK(!speaker_is_moderator(&s));
    }
    Speaker none;
    memset(&none, 0, sizeof none);
    CHECK(!speaker_is_moderator(&none));
}

/* ---- includes, on real files ---- */

static char tmpdir[64];

static void put(const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    char *slash = strrchr(path, '/');
    *slash = '\0';
    mkdir(path, 0700);
    *slash = '/';
    FILE *f = fopen(path, "w");
    if (!f)
        return;
    fputs(text, f);
    fclose(f);
}

static const char *at(const char *name)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    return path;
}

static void rm_tree(const char *dir)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        printf("cannot remove %s\n", dir);
}

TEST(includes)
{
    put("main.yaml", HEAD "sessions:\n  - {id: m1, title: M, date: "
                     "2024-05-01}\n  - include: s/*.yaml\n"
                     "  - include: one.yaml\n");
    put("s/02-list.yaml", "- {id: b1, title: B1, date: 2024-05-01}\n"
                          "- include: ../nested/n.yaml\n"
                          "- {id: b2, title: B2, date: 2024-05-01}\n");
    put("s/01-map.yaml", "id: a1\ntitle: A1\ndate: 2024-05-01\n");
    put("s/10-map.yaml", "{\"id\": \"c1\", \"title\": \"C1\", "
                         "\"date\": \"2024-05-02\"}\n");
    put("nested/n.yaml", "id: n1\ntitle: N1\ndate: 2024-05-01\n");
    put("one.yaml", "include: nested/n2.yaml\n");
    put("nested/n2.yaml", "[{id: z1, title: Z, date: 2024-05-01}]\n");
    Load l;
    load_file(&l, at("main.yaml"));
    CHECK(l.p != NULL);
    CHECK_INT(l.d.n, 0);
    static const char *const order[] = { "m1", "a1", "b1", "n1", "b2", "c1",
                                         "z1" };
    CHECK_INT(l.p ? l.p->nsessions : 0, 7);
    for (size_t i = 0; l.p && i < l.p->nsessions && i < 7; i++) {
        CHECK_STR(l.p->sessions[i].id.s, order[i]);
        CHECK_INT(l.p->sessions[i].index, i);
    }
    if (l.p) {
        CHECK(strstr(l.p->sessions[3].loc.file, "nested/n.yaml") != NULL);
        CHECK_INT(l.p->sessions[3].loc.line, 1);
    }
    done(&l);
}

TEST(include_errors)
{
    put("bad.yaml", HEAD "sessions:\n  - {id: m1, title: M, date: "
                    "2024-05-01}\n  - include: nothere.yaml\n"
                    "  - include: \"x/*.yml\"\n  - include: bad/*.yaml\n"
                    "  - include: ''\n  - include: [a]\n    id: x\n"
                    "  - include: bad\n");
    put("bad/a.yaml", "id: m1\ntitle: Again\ndate: 2024-13-01\n");
    put("bad/b.yaml", "- {id: b1, title: B, date: 2024-05-01}\n"
                      "- {id: b2, date: 2024-05-01}\n- text\n");
    put("bad/c.yaml", "42\n");
    put("bad/d.yaml", "a: [\n");
    Load l;
    load_file(&l, at("bad.yaml"));
    CHECK(l.p == NULL);
    char want[1024];
    snprintf(want, sizeof want, "%s:6:14: error: sessions[1].include: cannot "
             "read '%s/nothere.yaml': No such file or directory",
             at("bad.yaml"), tmpdir);
    CHECK(has_line(&l, want));
    snprintf(want, sizeof want, "%s:7:14: error: sessions[2].include: no file "
             "matches '%s/x/*.yml'", at("bad.yaml"), tmpdir);
    CHECK(has_line(&l, want));
    snprintf(want, sizeof want, "%s:3:7: error: session.date: '2024-13-01' is "
             "not a calendar date (no month 13) (session m1)",
             at("bad/a.yaml"));
    CHECK(has_line(&l, want));
    snprintf(want, sizeof want, "%s:1:5: error: session.id: duplicate session "
             "id 'm1'", at("bad/a.yaml"));
    CHECK(has_line(&l, want));
    snprintf(want, sizeof want, "%s:2:3: error: sessions[1].title: missing "
             "(session b2)", at("bad/b.yaml"));
    CHECK(has_line(&l, want));
    snprintf(want, sizeof want, "%s:3:3: error: sessions[2]: expected a "
             "mapping, got a string", at("bad/b.yaml"));
    CHECK(has_line(&l, want));
    snprintf(want, sizeof want, "%s:1:1: error: expected a session (a "
             "mapping) or a list of sessions, got a string", at("bad/c.yaml"));
    CHECK(has_line(&l, want));
    snprintf(want, sizeof want, "%s:2:1: error: did not find expected node "
             "content", at("bad/d.yaml"));
    CHECK(has_line(&l, want));
    snprintf(want, sizeof want, "%s:9:14: error: sessions[4].include: must "
             "not be empty", at("bad.yaml"));
    CHECK(has_line(&l, want));
    snprintf(want, sizeof want, "%s:10:14: error: sessions[5].include: "
             "expected a string, got a list", at("bad.yaml"));
    CHECK(has_line(&l, want));
    snprintf(want, sizeof want, "%s:11:5: warning: sessions[5]: unknown key "
             "'id'", at("bad.yaml"));
    CHECK(has_line(&l, want));
    snprintf(want, sizeof want, "%s:12:14: error: sessions[6].include: '%s/bad' "
             "is a directory", at("bad.yaml"), tmpdir);
    CHECK(has_line(&l, want));
    done(&l);
}

TEST(include_cycles_and_depth)
{
    put("cyc.yaml", HEAD "sessions:\n  - include: cyc.yaml\n");
    Load l;
    load_file(&l, at("cyc.yaml"));
    CHECK(l.p == NULL);
    CHECK(strstr(line_of(&l, 0), ":5:14: error: sessions[0].include: include "
                                 "cycle: '") != NULL);
    CHECK(strstr(line_of(&l, 0), "cyc.yaml' is already being read") != NULL);
    CHECK_INT(l.d.n, 1);
    done(&l);
    /* a chain one longer than allowed */
    char name[64], text[128];
    put("deep.yaml", HEAD "sessions:\n  - include: d1.yaml\n");
    for (int i = 1; i <= LOADER_MAX_INCLUDE_DEPTH + 1; i++) {
        snprintf(name, sizeof name, "d%d.yaml", i);
        snprintf(text, sizeof text, "include: d%d.yaml\n", i + 1);
        put(name, text);
    }
    snprintf(name, sizeof name, "d%d.yaml", LOADER_MAX_INCLUDE_DEPTH + 2);
    put(name, "{id: x, title: X, date: 2024-05-01}\n");
    load_file(&l, at("deep.yaml"));
    CHECK(l.p == NULL);
    snprintf(text, sizeof text, "d%d.yaml:1:10: error: session.include: "
             "includes nested deeper than %d levels",
             LOADER_MAX_INCLUDE_DEPTH, LOADER_MAX_INCLUDE_DEPTH);
    CHECK(strstr(line_of(&l, 0), text) != NULL);
    done(&l);
    /* exactly at the limit is fine */
    snprintf(name, sizeof name, "d%d.yaml", LOADER_MAX_INCLUDE_DEPTH);
    put(name, "{id: x, title: X, date: 2024-05-01}\n");
    load_file(&l, at("deep.yaml"));
    CHECK(l.p != NULL);
    done(&l);
}

TEST(glob_characters_in_the_directory)
{
    put("we[ir]d/main.yaml", HEAD "sessions:\n  - include: in/*.yaml\n");
    put("we[ir]d/in/a.yaml", "{id: a, title: A, date: 2024-05-01}\n");
    Load l;
    load_file(&l, at("we[ir]d/main.yaml"));
    CHECK(l.p != NULL && l.p->nsessions == 1);
    done(&l);
}

TEST(missing_main_file)
{
    Load l;
    load_file(&l, at("nope.yaml"));
    CHECK(l.p == NULL);
    CHECK(strstr(line_of(&l, 0), "nope.yaml: error: cannot open: No such "
                                 "file or directory") != NULL);
    done(&l);
}

/* The repository's samples, when run from the top directory. */
TEST(samples_load)
{
    static const char *const samples[] = { "samples/seed-plenary-fr.yaml",
                                           "samples/congreso-es.yaml" };
    for (size_t i = 0; i < sizeof samples / sizeof *samples; i++) {
        if (access(samples[i], R_OK) != 0)
            continue;
        Load l;
        load_file(&l, samples[i]);
        CHECK(l.p != NULL);
        CHECK_INT(l.d.nerrors, 0);
        done(&l);
    }
}

TEST(big_programme_is_fast)
{
    size_t cap = 8u * 1024 * 1024, o = 0;
    char *text = malloc(cap);
    o += (size_t)sprintf(text + o, "programme: {title: Big}\ntracks:\n");
    for (int t = 0; t < 50; t++)
        o += (size_t)sprintf(text + o, "  - {id: t%d, title: Track}\n", t);
    o += (size_t)sprintf(text + o, "sessions:\n");
    for (int i = 0; i < 5000; i++)
        o += (size_t)sprintf(text + o, "  - id: s%d\n    title: Session "
                             "numéro %d\n    track: t%d\n    date: 2024-05-01\n"
                             "    start: \"10:00\"\n    end: \"11:00\"\n"
                             "    summary: |-\n      Un résumé assez long "
                             "pour peser un peu dans le fichier.\n\n      "
                             "Second paragraphe.\n    speakers:\n      - "
                             "{name: Ana, role: chair}\n", i, i, i % 50);
    Load l;
    clock_t t0 = clock();
    arena_init(&l.a);
    diags_init(&l.d, NULL);
    l.p = programme_load_buffer(&l.a, "big.yaml", text, o, &l.d);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    CHECK(l.p != NULL && l.p->nsessions == 5000);
    CHECK(secs < time_limit(1.0));
    done(&l);
    free(text);
}

int main(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/test_loader.XXXXXX");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    RUN(minimal_and_defaults);
    RUN(every_field);
    RUN(midnight);
    RUN(value_errors);
    RUN(missing_and_types);
    RUN(ids_and_tracks);
    RUN(many_tracks_listed_briefly);
    RUN(warnings_only);
    RUN(programme_dates);
    RUN(sections);
    RUN(every_problem_reported);
    RUN(typed_parsers);
    RUN(moderators);
    RUN(includes);
    RUN(include_errors);
    RUN(include_cycles_and_depth);
    RUN(glob_characters_in_the_directory);
    RUN(missing_main_file);
    RUN(samples_load);
    RUN(big_programme_is_fast);
    rm_tree(tmpdir);
    return harness_done();
}
