/* test_ytree — YAML/JSON text to located nodes, and what ytree refuses. */
#include "harness.h"
#include "input/ytree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* One parse with its arena and diagnostics (kept, not printed). */
typedef struct Parse {
    Arena a;
    Diags d;
    YNode *root;
} Parse;

static void parse_n(Parse *p, const char *text, size_t len)
{
    arena_init(&p->a);
    diags_init(&p->d, NULL);
    p->root = ytree_load_buffer(&p->a, &p->a, "t.yaml", text, len, &p->d);
}

static void parse(Parse *p, const char *text)
{
    parse_n(p, text, strlen(text));
}

static void done(Parse *p)
{
    diags_fini(&p->d);
    arena_free(&p->a);
}

/* Diagnostic i as livret prints it ("" when there is none). */
static const char *line_of(const Parse *p, size_t i)
{
    static char buf[2048];
    buf[0] = '\0';
    if (i < p->d.n)
        diag_format(&p->d.items[i], buf, sizeof buf);
    return buf;
}

static const char *str_at(const YNode *map, const char *key)
{
    const YNode *n = ytree_get(map, key);
    return n && n->kind == YNODE_SCALAR ? n->str : NULL;
}

/* Time limits are for native runs; valgrind (LD_PRELOAD of its vgpreload
 * libraries, or `make valgrind`) is some 50 times slower. */
static double time_limit(double native)
{
    const char *pre = getenv("LD_PRELOAD");
    bool slow = getenv("LIVRET_VALGRIND") || (pre && strstr(pre, "vgpreload"));
    return slow ? 50 * native : native;
}

TEST(scalars_stay_text)
{
    Parse p;
    parse(&p, "a: no\nb: 10:35\nc: 3.10\nd: 2024-02-03\ne: 0755\nf: On\n");
    CHECK(p.root != NULL);
    CHECK_STR(str_at(p.root, "a"), "no");
    CHECK_STR(str_at(p.root, "b"), "10:35");
    CHECK_STR(str_at(p.root, "c"), "3.10");
    CHECK_STR(str_at(p.root, "d"), "2024-02-03");
    CHECK_STR(str_at(p.root, "e"), "0755");
    CHECK_STR(str_at(p.root, "f"), "On");
    CHECK_INT(p.d.n, 0);
    done(&p);
}

TEST(nulls)
{
    Parse p;
    parse(&p, "a:\nb: ~\nc: null\nd: NULL\ne: \"null\"\nf: ''\ng: !!str ~\n"
              "h: Nul\n");
    CHECK(ytree_is_null(ytree_get(p.root, "a")));
    CHECK(ytree_is_null(ytree_get(p.root, "b")));
    CHECK(ytree_is_null(ytree_get(p.root, "c")));
    CHECK(ytree_is_null(ytree_get(p.root, "d")));
    CHECK(!ytree_is_null(ytree_get(p.root, "e")));
    CHECK(!ytree_is_null(ytree_get(p.root, "f")));
    CHECK(!ytree_is_null(ytree_get(p.root, "g")));
    CHECK(!ytree_is_null(ytree_get(p.root, "h")));
    CHECK(!ytree_is_null(NULL));
    CHECK(!ytree_is_null(p.root));
    done(&p);
}

TEST(structure_and_order)
{
    Parse p;
    parse(&p, "z: 1\na: [x, {k: v}]\nm: {}\n");
    CHECK(p.root && p.root->kind == YNODE_MAP);
    CHECK_INT(p.root->npairs, 3);
    CHECK_STR(p.root->pairs[0].key->str, "z");
    CHECK_STR(p.root->pairs[1].key->str, "a");
    const YNode *a = ytree_get(p.root, "a");
    CHECK(a && a->kind == YNODE_SEQ && a->nitems == 2);
    CHECK_STR(a->items[0]->str, "x");
    CHECK_STR(str_at(a->items[1], "k"), "v");
    CHECK_STR(ytree_kind_name(a), "sequence");
    CHECK_STR(ytree_kind_name(a->items[1]), "mapping");
    CHECK_STR(ytree_kind_name(a->items[0]), "string");
    CHECK(ytree_get(a, "k") == NULL);
    CHECK(ytree_get(p.root, "missing") == NULL);
    CHECK_INT(ytree_get(p.root, "m")->npairs, 0);
    done(&p);
}

TEST(locations_count_code_points)
{
    Parse p;
    parse(&p, "title: x\n  # c\nlist:\n  - été: vàlue\n    k: w\n");
    const YNode *item = ytree_get(p.root, "list")->items[0];
    CHECK_INT(item->loc.line, 4);
    CHECK_INT(item->loc.col, 5);
    CHECK_INT(item->pairs[0].value->loc.line, 4);
    CHECK_INT(item->pairs[0].value->loc.col, 10);  /* not 12 (bytes) */
    CHECK_INT(item->pairs[1].key->loc.col, 5);
    CHECK_STR(item->loc.file, "t.yaml");
    done(&p);
}

TEST(line_separator_is_not_a_line_break)
{
    /* libyaml counts U+2028 as a line break; editors and we do not. */
    Parse p;
    parse(&p, "a: x\xe2\x80\xa8y\nb: [1, 2]\n");
    const YNode *b = ytree_get(p.root, "b");
    CHECK(b != NULL);
    CHECK_INT(b->loc.line, 2);
    CHECK_INT(b->items[1]->loc.col, 8);
    done(&p);
}

TEST(line_separators_in_block_scalars)
{
    Parse p;
    parse(&p, "c: |\n  p\xe2\x80\xa8q\xe2\x80\xa9\n  r\nd: x\n");
    CHECK(p.root != NULL);
    CHECK_STR(str_at(p.root, "c"), "p\xe2\x80\xa8q\xe2\x80\xa9\nr\n");
    CHECK_INT(ytree_get(p.root, "d")->loc.line, 4);
    done(&p);
    /* their stand-ins are refused in the input */
    parse(&p, "c: \xef\xb7\x90\n");
    CHECK(p.root == NULL);
    CHECK_STR(line_of(&p, 0), "t.yaml:1:4: error: noncharacter U+FDD0 is not "
                              "allowed");
    done(&p);
}

TEST(nfc)
{
    Parse p;
    parse(&p, "a: \"e\\u0301t\xc3\xa9\"\nb: Cafe\xcc\x81\n");
    CHECK_STR(str_at(p.root, "a"), "\xc3\xa9t\xc3\xa9");
    CHECK_STR(str_at(p.root, "b"), "Caf\xc3\xa9");
    CHECK_INT(ytree_get(p.root, "b")->len, 5);
    done(&p);
}

TEST(nfc_keys_compare_equal)
{
    Parse p;
    parse(&p, "caf\xc3\xa9: 1\ncafe\xcc\x81: 2\n");
    CHECK(p.root == NULL);
    CHECK_STR(line_of(&p, 0), "t.yaml:2:1: error: duplicate key 'caf\xc3\xa9'");
    done(&p);
}

TEST(bom_and_crlf)
{
    Parse p;
    parse(&p, "\xef\xbb\xbf" "a: 1\r\nb: |\r\n  one\r\n  two\r\nc: \"x\"\r\n");
    CHECK(p.root != NULL);
    CHECK_INT(p.root->loc.line, 1);
    CHECK_INT(p.root->loc.col, 1);
    CHECK_STR(str_at(p.root, "b"), "one\ntwo\n");
    CHECK_INT(ytree_get(p.root, "c")->loc.line, 5);
    CHECK_INT(ytree_get(p.root, "c")->loc.col, 4);
    done(&p);
}

TEST(block_scalars_keep_paragraphs)
{
    Parse p;
    parse(&p, "s: |-\n  One\n  line.\n\n  Two.\n");
    CHECK_STR(str_at(p.root, "s"), "One\nline.\n\nTwo.");
    CHECK(!ytree_get(p.root, "s")->plain);
    done(&p);
}

TEST(json)
{
    Parse p;
    parse(&p, "{\"a\": 1, \"b\": [true, null, \"\\u00e9\\/\"],\t\"c\": {}}");
    CHECK(p.root != NULL);
    const YNode *b = ytree_get(p.root, "b");
    CHECK_STR(b->items[0]->str, "true");
    CHECK(ytree_is_null(b->items[1]));
    CHECK_STR(b->items[2]->str, "\xc3\xa9/");
    done(&p);
}

TEST(json_surrogate_pairs)
{
    Parse p;
    parse(&p, "{\"t\": \"x\\ud83d\\ude00y\", \"u\": \"\\uD83C\\uDFB7\", "
              "\"v\": \"z\"}\n");
    CHECK(p.root != NULL);
    CHECK_STR(str_at(p.root, "t"), "x\xf0\x9f\x98\x80y");
    CHECK_STR(str_at(p.root, "u"), "\xf0\x9f\x8e\xb7");
    /* columns after a replaced escape are those of the file as written */
    CHECK_INT(ytree_get(p.root, "u")->loc.col, 30);
    CHECK_INT(ytree_get(p.root, "v")->loc.col, 51);
    done(&p);
}

TEST(surrogate_text_outside_double_quotes_is_kept)
{
    Parse p;
    parse(&p, "a: x\\ud83d\\ude00y\n# \\ud83d\\ude00\n"
              "b: '\\ud83d\\ude00'\nc: \"\\\\ud83d\\\\ude00\"\n"
              "d: \"\\ud83d\\ude00\" # \\ud83d\\ude00\n");
    CHECK(p.root != NULL);
    CHECK_INT(p.d.n, 0);
    CHECK_STR(str_at(p.root, "a"), "x\\ud83d\\ude00y");
    CHECK_STR(str_at(p.root, "b"), "\\ud83d\\ude00");
    /* escaped backslashes: the pair is not an escape */
    CHECK_STR(str_at(p.root, "c"), "\\ud83d\\ude00");
    CHECK_STR(str_at(p.root, "d"), "\xf0\x9f\x98\x80");
    CHECK_INT(ytree_get(p.root, "d")->loc.col, 4);
    done(&p);
    parse(&p, "c: \"\\\\ud83d\"\n");
    CHECK_STR(str_at(p.root, "c"), "\\ud83d");
    done(&p);
}

TEST(lone_surrogate_escape)
{
    Parse p;
    parse(&p, "{\"t\": \"x\\ud83d y\"}\n");
    CHECK(p.root == NULL);
    CHECK_STR(line_of(&p, 0),
              "t.yaml:1:11: error: found invalid Unicode character escape code");
    CHECK_STR(line_of(&p, 1), "t.yaml:1:7: note: while parsing a quoted scalar");
    CHECK(strstr(line_of(&p, 2), "surrogate pair") != NULL);
    done(&p);
}

TEST(invalid_utf8)
{
    static const struct {
        const char *text;
        const char *want;
    } cases[] = {
        { "a: x\x80y\n",
          "t.yaml:1:5: error: invalid UTF-8 byte sequence <80> (unexpected "
          "continuation byte)" },
        { "a: \xc3\xa9\n\xc0\xaf: b\n",
          "t.yaml:2:1: error: invalid UTF-8 byte sequence <c0 af> "
          "(overlong encoding)" },
        { "a: \xe0\x80\xaf\n",
          "t.yaml:1:4: error: invalid UTF-8 byte sequence <e0 80 af> "
          "(overlong encoding)" },
        { "a: \xed\xa0\x80\n",
          "t.yaml:1:4: error: invalid UTF-8 byte sequence <ed a0 80> "
          "(UTF-16 surrogate)" },
        { "a: \xf4\x90\x80\x80\n",
          "t.yaml:1:4: error: invalid UTF-8 byte sequence <f4 90 80 80> "
          "(code point above U+10FFFF)" },
        { "a: \xe2\x82\x41\n",
          "t.yaml:1:4: error: invalid UTF-8 byte sequence <e2 82 41> "
          "(truncated sequence)" },
        { "\xc3\xa9: \xc3\x28\n",
          "t.yaml:1:4: error: invalid UTF-8 byte sequence <c3 28> "
          "(truncated sequence)" },
        { "a: \xe2\x82",
          "t.yaml:1:4: error: invalid UTF-8 byte sequence <e2 82> "
          "(sequence truncated at the end of the file)" },
        { "a: \xff\n",
          "t.yaml:1:4: error: invalid UTF-8 byte sequence <ff> (byte never "
          "used in UTF-8)" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        Parse p;
        parse(&p, cases[i].text);
        CHECK(p.root == NULL);
        CHECK_STR(line_of(&p, 0), cases[i].want);
        done(&p);
    }
}

TEST(latin1_file)
{
    Parse p;
    parse(&p, "title: Journ\xe9" "es\nvenue: Amphith\xe9\xe2tre\n");
    CHECK(p.root == NULL);
    CHECK_STR(line_of(&p, 0), "t.yaml:1:13: error: invalid UTF-8 byte "
                              "sequence <e9 65> (truncated sequence)");
    CHECK(strstr(line_of(&p, 1), "t.yaml: note: the file is not UTF-8 "
                                 "(Latin-1?): 3 invalid sequences") != NULL);
    CHECK_INT(p.d.nerrors, 1);
    done(&p);
}

TEST(utf16_file)
{
    Parse p;
    parse_n(&p, "\xff\xfe" "a\0:\0", 6);
    CHECK(p.root == NULL);
    CHECK_STR(line_of(&p, 0), "t.yaml: error: the file is UTF-16; convert "
                              "it to UTF-8");
    done(&p);
}

TEST(control_characters)
{
    Parse p;
    parse_n(&p, "a: x\0y\nb: \x1b[0m\rc\n", 16);
    CHECK(p.root == NULL);
    CHECK_STR(line_of(&p, 0), "t.yaml:1:5: error: control character U+0000 "
                              "is not allowed");
    CHECK_STR(line_of(&p, 1), "t.yaml:2:4: error: control character U+001B "
                              "is not allowed");
    CHECK_STR(line_of(&p, 2), "t.yaml:2:8: error: control character U+000D "
                              "is not allowed");
    done(&p);
    parse(&p, "a: \"\\x07\"\nb: [\"\\N\"]\nc: \"tab\\t ok\"\nd: \xef\xbb\xbf\n");
    CHECK(p.root == NULL);
    CHECK_STR(line_of(&p, 0), "t.yaml:4:4: error: byte order mark (allowed "
                              "only at the start of the file) U+FEFF is not "
                              "allowed");
    done(&p);
    parse(&p, "a: \"\\x07\"\nb: [\"\\N\"]\nc: \"tab\\t ok\"\n");
    CHECK(p.root == NULL);
    CHECK_STR(line_of(&p, 0), "t.yaml:1:4: error: a: control character U+0007 "
                              "in a string (from an escape sequence) is not "
                              "allowed");
    CHECK_STR(line_of(&p, 1), "t.yaml:2:5: error: b[0]: control character "
                              "U+0085 in a string (from an escape sequence) "
                              "is not allowed");
    CHECK_INT(p.d.nerrors, 2);
    done(&p);
}

TEST(tabs_in_text_are_fine)
{
    Parse p;
    parse(&p, "a: x\ty\nb: \"p\\tq\"\n");
    CHECK(p.root != NULL);
    CHECK_STR(str_at(p.root, "a"), "x\ty");
    done(&p);
}

TEST(syntax_errors)
{
    Parse p;
    parse(&p, "a:\n  b: \"open\n  c: d\n");
    CHECK(p.root == NULL);
    CHECK_STR(line_of(&p, 0), "t.yaml:4:1: error: found unexpected end of "
                              "stream");
    CHECK_STR(line_of(&p, 1), "t.yaml:2:6: note: while scanning a quoted "
                              "scalar");
    done(&p);
    parse(&p, "a: 1\n\tb: 2\n");
    CHECK(p.root == NULL);
    CHECK(strstr(line_of(&p, p.d.n - 1), "t.yaml:2:1: note: indent with "
                                         "spaces") != NULL);
    done(&p);
    parse(&p, "title: Catalogar: metadatos\n");
    CHECK_STR(line_of(&p, 0), "t.yaml:1:17: error: mapping values are not "
                              "allowed in this context");
    CHECK_STR(line_of(&p, 1), "t.yaml:1:17: note: a value that contains ': ' "
                              "must be quoted");
    done(&p);
}

TEST(long_keys)
{
    char *text = malloc(1200);
    memset(text, 'k', 1100);
    strcpy(text + 1100, ": 1\n");
    Parse p;
    parse(&p, text);
    CHECK(p.root == NULL);
    CHECK(strstr(line_of(&p, 1), "keys longer than 1024 characters") != NULL);
    done(&p);
    /* the same in JSON, where libyaml words it differently */
    text[0] = '{';
    text[1] = '"';
    strcpy(text + 1100, "\": 1}");
    parse(&p, text);
    CHECK(p.root == NULL);
    CHECK(strstr(line_of(&p, 2), "keys longer than 1024 characters") != NULL);
    done(&p);
    /* a long line with a short key: no such hint */
    memset(text, ' ', 1100);
    strcpy(text + 1100, "a: b: c\n");
    text[0] = 'x';
    text[1] = ':';
    parse(&p, text);
    CHECK(p.root == NULL);
    CHECK(strstr(line_of(&p, 1), "a value that contains ': ' must be quoted")
          != NULL);
    done(&p);
    free(text);
}

TEST(duplicate_keys)
{
    Parse p;
    parse(&p, "s:\n  - id: 1\n    title: a\n    title: b\n");
    CHECK(p.root == NULL);
    CHECK_STR(line_of(&p, 0), "t.yaml:4:5: error: s[0]: duplicate key 'title'");
    CHECK_STR(line_of(&p, 1), "t.yaml:3:5: note: first defined here");
    done(&p);
    /* big mappings (sorted check) name every repeat, notes at the first */
    char text[4096];
    size_t o = 0;
    for (int i = 0; i < 40; i++)
        o += (size_t)sprintf(text + o, "k%02d: %d\n", i, i);
    sprintf(text + o, "k07: again\nk07: thrice\n");
    parse(&p, text);
    CHECK(p.root == NULL);
    CHECK_INT(p.d.nerrors, 2);
    CHECK_STR(line_of(&p, 0), "t.yaml:41:1: error: duplicate key 'k07'");
    CHECK_STR(line_of(&p, 1), "t.yaml:8:1: note: first defined here");
    CHECK_STR(line_of(&p, 2), "t.yaml:42:1: error: duplicate key 'k07'");
    done(&p);
}

TEST(complex_keys)
{
    Parse p;
    parse(&p, "? [a, b]\n: c\n");
    CHECK(p.root == NULL);
    CHECK_STR(line_of(&p, 0), "t.yaml:1:3: error: a mapping key must be a "
                              "string, not a sequence");
    done(&p);
}

TEST(anchors_and_aliases)
{
    Parse p;
    parse(&p, "a: &x [1, *x]\nb: *x\n");
    CHECK(p.root == NULL);
    CHECK_STR(line_of(&p, 0), "t.yaml:1:4: error: a: anchors and aliases are "
                              "not allowed");
    CHECK_STR(line_of(&p, 1), "t.yaml: note: the file has 3 anchors and "
                              "aliases; remove them all");
    CHECK_INT(p.d.nerrors, 1);
    done(&p);
}

TEST(billion_laughs_is_fast)
{
    char text[4096];
    size_t o = (size_t)sprintf(text, "l0: &l0 [lol, lol, lol, lol]\n");
    for (int i = 1; i < 10; i++) {
        o += (size_t)sprintf(text + o, "l%d: &l%d [", i, i);
        for (int k = 0; k < 9; k++)
            o += (size_t)sprintf(text + o, "%s*l%d", k ? ", " : "", i - 1);
        o += (size_t)sprintf(text + o, "]\n");
    }
    Parse p;
    clock_t t0 = clock();
    parse(&p, text);
    CHECK(p.root == NULL);
    CHECK_INT(p.d.nerrors, 1);
    CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < time_limit(0.5));
    done(&p);
}

TEST(depth_limit)
{
    char text[300];
    memset(text, '[', 64);
    memset(text + 64, ']', 64);
    text[128] = '\0';
    Parse p;
    parse(&p, text);
    CHECK(p.root != NULL);          /* 64 levels are fine */
    done(&p);
    memset(text, '[', 65);
    memset(text + 65, ']', 65);
    text[130] = '\0';
    parse(&p, text);
    CHECK(p.root == NULL);
    CHECK_STR(line_of(&p, 0), "t.yaml:1:65: error: nesting deeper than 64 "
                              "levels");
    done(&p);
}

TEST(deep_nesting_is_fast)
{
    size_t n = 1000000;
    char *text = malloc(n + 1);
    memset(text, '[', n);
    text[n] = '\0';
    Parse p;
    clock_t t0 = clock();
    parse(&p, text);
    CHECK(p.root == NULL);
    CHECK_INT(p.d.nerrors, 1);
    CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < time_limit(0.5));
    done(&p);
    free(text);
}

TEST(documents)
{
    Parse p;
    parse(&p, "a: 1\n---\nb: 2\n");
    CHECK(p.root == NULL);
    CHECK_STR(line_of(&p, 0), "t.yaml:2:1: error: a second document starts "
                              "here; a file holds one document");
    done(&p);
    parse(&p, "--- \na: 1\n...\n");
    CHECK(p.root != NULL);
    done(&p);
    static const char *const empties[] = { "", "# only a comment\n", "---\n",
                                           "\n\n   \n", "~\n" };
    for (size_t i = 0; i < sizeof empties / sizeof *empties; i++) {
        parse(&p, empties[i]);
        CHECK(p.root == NULL);
        CHECK_STR(line_of(&p, 0), "t.yaml: error: empty document");
        CHECK_INT(p.d.n, 1);
        done(&p);
    }
}

TEST(tags)
{
    Parse p;
    parse(&p, "a: !!str 1\nb: !!int 2\nc: !!map {}\nd: !!seq []\ne: ! x\n"
              "f: \"q\"\n");
    CHECK(p.root != NULL);
    CHECK(!ytree_get(p.root, "e")->plain);
    done(&p);
    parse(&p, "a: !foo x\nb: !!binary eA==\nc: !!map x\nd: !!str [x]\n"
              "e: !<tag:example.com,2000:x> y\n");
    CHECK(p.root == NULL);
    CHECK_STR(line_of(&p, 0), "t.yaml:1:4: error: a: unknown tag '!foo' (a "
                              "programme needs no tags)");
    CHECK_STR(line_of(&p, 1), "t.yaml:2:4: error: b: unknown tag '!!binary' "
                              "(a programme needs no tags)");
    CHECK_STR(line_of(&p, 2), "t.yaml:3:4: error: c: tag '!!map' cannot be "
                              "used on a string");
    CHECK_STR(line_of(&p, 3), "t.yaml:4:4: error: d: tag '!!str' cannot be "
                              "used on a sequence");
    CHECK(strstr(line_of(&p, 4), "unknown tag 'tag:example.com,2000:x'")
          != NULL);
    done(&p);
}

TEST(every_error_of_a_file)
{
    Parse p;
    parse(&p, "a: &x 1\nb: !foo 2\nc: 3\nc: 4\n");
    CHECK(p.root == NULL);
    CHECK_INT(p.d.nerrors, 3);
    done(&p);
}

/* A file in a fresh temporary directory. */
static char *temp_file(const char *dir, const char *name, const char *text)
{
    char *path = malloc(strlen(dir) + strlen(name) + 2);
    sprintf(path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
    return path;
}

TEST(files)
{
    char dir[] = "/tmp/test_ytree.XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char *ok = temp_file(dir, "ok.yaml", "a: b\n");
    Parse p;
    arena_init(&p.a);
    diags_init(&p.d, NULL);
    const YNode *root = ytree_load_file(&p.a, &p.a, ok, &p.d);
    CHECK(root && strcmp(str_at(root, "a"), "b") == 0);
    CHECK_STR(root->loc.file, ok);
    char *missing = temp_file(dir, "none/x.yaml", "");
    CHECK(ytree_load_file(&p.a, &p.a, missing, &p.d) == NULL);
    CHECK(strstr(line_of(&p, 0), ": error: cannot open: No such file or "
                                 "directory") != NULL);
    CHECK(ytree_load_file(&p.a, &p.a, dir, &p.d) == NULL);
    CHECK(strstr(line_of(&p, 1), ": error: is a directory, not a file")
          != NULL);
    /* a sparse file over the limit is refused before it is read */
    char *big = temp_file(dir, "big.yaml", "");
    CHECK(truncate(big, (off_t)YTREE_MAX_FILE_SIZE + 1) == 0);
    clock_t t0 = clock();
    CHECK(ytree_load_file(&p.a, &p.a, big, &p.d) == NULL);
    CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < time_limit(0.1));
    char want[128];
    snprintf(want, sizeof want, ": error: file too large (%u bytes; the "
             "limit is %u MiB)", YTREE_MAX_FILE_SIZE + 1,
             YTREE_MAX_FILE_SIZE / (1024 * 1024));
    CHECK(strstr(line_of(&p, 2), want) != NULL);
    done(&p);
    unlink(ok);
    unlink(big);
    rmdir(dir);
    free(ok);
    free(missing);
    free(big);
}

int main(void)
{
    RUN(scalars_stay_text);
    RUN(nulls);
    RUN(structure_and_order);
    RUN(locations_count_code_points);
    RUN(line_separator_is_not_a_line_break);
    RUN(line_separators_in_block_scalars);
    RUN(nfc);
    RUN(nfc_keys_compare_equal);
    RUN(bom_and_crlf);
    RUN(block_scalars_keep_paragraphs);
    RUN(json);
    RUN(json_surrogate_pairs);
    RUN(surrogate_text_outside_double_quotes_is_kept);
    RUN(lone_surrogate_escape);
    RUN(invalid_utf8);
    RUN(latin1_file);
    RUN(utf16_file);
    RUN(control_characters);
    RUN(tabs_in_text_are_fine);
    RUN(syntax_errors);
    RUN(long_keys);
    RUN(duplicate_keys);
    RUN(complex_keys);
    RUN(anchors_and_aliases);
    RUN(billion_laughs_is_fast);
    RUN(depth_limit);
    RUN(deep_nesting_is_fast);
    RUN(documents);
    RUN(tags);
    RUN(every_error_of_a_file);
    RUN(files);
    return harness_done();
}
