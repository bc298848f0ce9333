/* fuzz_unicode — structured libFuzzer harness for the text services
 * (issue 10): the input bytes are read as choices that build a
 * programme out of code points byte mutation rarely reaches: random code
 * points of all seventeen planes, bases with combining marks, joiners and
 * variation selectors, flags (pairs and lone regional indicators), emoji
 * ZWJ sequences, right-to-left runs, breaks and their controls, URLs.  The
 * text goes into titles, summaries, speaker names and affiliations (the
 * indexes), in one of a dozen languages, down to booklet_layout and
 * dump_string.
 *
 * Oracle, beyond "no crash": no silent loss.  Every code point of every
 * field (NFC, as the loader keeps it) is in the dump's text or named
 * (U+XXXX) in a diagnostic, unless it is one the paragraph builder uses up
 * for its purpose (soft hyphen, zero-width space, word joiner, joiners
 * and selectors a font lacks); else the harness aborts.
 */
#include "fuzz_common.h"

#include "base/arena.h"
#include "base/diag.h"
#include "display/dump.h"
#include "input/loader.h"
#include "layout/booklet.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf8.h>

#define MAX_CPS 300

typedef struct Gen {
    const uint8_t *p, *end;
    char *yaml;
    size_t len, cap;
    UChar32 cps[MAX_CPS * 6];   /* every code point written in a field */
    size_t ncps;
} Gen;

static unsigned next(Gen *g)
{
    return g->p < g->end ? *g->p++ : 0;
}

static void put(Gen *g, const char *s)
{
    size_t n = strlen(s);
    if (g->len + n + 1 > g->cap) {
        g->cap = (g->len + n + 1) * 2;
        g->yaml = realloc(g->yaml, g->cap);
        if (!g->yaml)
            abort();
    }
    memcpy(g->yaml + g->len, s, n + 1);
    g->len += n;
}

/* A code point that can be text: surrogates, noncharacters, the BOM and
 * controls (errors at load, tested elsewhere) become letters. */
static UChar32 textual(UChar32 c)
{
    c %= 0x110000;
    if ((c >= 0xD800 && c <= 0xDFFF) || (c >= 0xFDD0 && c <= 0xFDEF) ||
        (c & 0xFFFE) == 0xFFFE || c == 0xFEFF)
        return 'q';
    if (u_charType(c) == U_CONTROL_CHAR)
        return 'z';
    return c;
}

static void cp(Gen *g, UChar32 c)
{
    c = textual(c);
    char b[16];
    if (c == '"' || c == '\\')
        snprintf(b, sizeof b, "\\%c", (char)c);
    else if (c >= 0x20 && c < 0x7F)
        snprintf(b, sizeof b, "%c", (char)c);
    else
        snprintf(b, sizeof b, "\\U%08X", (unsigned)c);
    put(g, b);
    if (g->ncps < sizeof g->cps / sizeof *g->cps)
        g->cps[g->ncps++] = c;
}

static const UChar32 marks[] = { 0x0300, 0x0301, 0x0308, 0x0323, 0x0338,
    0x0591, 0x05B4, 0x064B, 0x093C, 0x0E48, 0x0E31, 0x1AB0, 0x20D7, 0x20E3,
    0x302A, 0x1F3FB, 0x0F71, 0x1DC0, 0xFE20, 0x1E8D0 };
static const UChar32 joiners[] = { 0x200D, 0x200C, 0xFE0E, 0xFE0F, 0x034F,
    0xE0100, 0x180B, 0x2060, 0x200B, 0x00AD };
static const UChar32 rtl[] = { 0x05D0, 0x05E9, 0x0627, 0x0644, 0x0645,
    0x0710, 0x07C1, 0x0800, 0x10900, 0x1E900, 0x202B, 0x200F, 0x061C };
static const UChar32 spaces[] = { ' ', 0xA0, 0x202F, 0x2009, 0x3000, 0x2028,
    0x2029, '\t' };
/* not "de": libhyphen takes seconds to load the German dictionary, which
 * would make every German input a timeout under ASan */
static const char *const langs[] = { "fr", "en", "es", "pt", "pl", "cs",
    "sv", "vi", "ja", "th", "ar", "he", "zh", "xx" };

static void piece(Gen *g)
{
    unsigned k = next(g);
    switch (k % 9) {
    case 0: {       /* any plane */
        UChar32 c = (UChar32)((next(g) << 16 | next(g) << 8 | next(g)) % 0x110000);
        cp(g, c);
        break;
    }
    case 1:         /* base and marks */
        cp(g, "aeAkx\xD0"[next(g) % 5]);
        for (unsigned n = 1 + next(g) % 3; n--;)
            cp(g, marks[next(g) % (sizeof marks / sizeof *marks)]);
        break;
    case 2:
        cp(g, joiners[next(g) % (sizeof joiners / sizeof *joiners)]);
        break;
    case 3:         /* a flag, or a lone regional indicator */
        cp(g, 0x1F1E6 + (UChar32)(next(g) % 26));
        if (next(g) % 4)
            cp(g, 0x1F1E6 + (UChar32)(next(g) % 26));
        break;
    case 4:         /* a right-to-left run */
        for (unsigned n = 1 + next(g) % 6; n--;)
            cp(g, rtl[next(g) % (sizeof rtl / sizeof *rtl)]);
        break;
    case 5:         /* emoji ZWJ sequence: 👩‍💻, 🏳️‍⚧️ */
        cp(g, 0x1F469 + (UChar32)(next(g) % 8));
        if (next(g) & 1)
            cp(g, 0xFE0F);
        cp(g, 0x200D);
        cp(g, 0x1F4BB + (UChar32)(next(g) % 8));
        break;
    case 6:
        cp(g, spaces[next(g) % (sizeof spaces / sizeof *spaces)]);
        break;
    case 7:
        put(g, (next(g) & 1) ? "https://ex.org/a/b?c=d " : "word-word ");
        break;
    default:        /* a script's letters: CJK, Thai, Hangul, Devanagari */
        cp(g, (const UChar32[]){ 0x4E2D, 0x0E01, 0xAC00, 0x0915, 0x1100,
                                 0x3042, 0x10D0 }[next(g) % 7] +
                  (UChar32)(next(g) % 32));
        break;
    }
}

static void field(Gen *g, const char *key, unsigned max)
{
    put(g, key);
    put(g, ": \"");
    cp(g, 'a');
    for (unsigned n = 1 + next(g) % max; n-- && g->ncps < MAX_CPS;)
        piece(g);
    put(g, "\"\n");
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_set_datadir();
    return 0;
}

/* Is c used up by design (text/para.h) rather than drawn or named? */
static bool used_up(UChar32 c)
{
    return c == ' ' || c == '\t' || c == 0xAD || c == 0x200B || c == 0x2060 ||
           c == 0x200C || c == 0x200D || c == 0x034F ||
           (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF) ||
           (c >= 0x180B && c <= 0x180F) || (c >= 0xE0020 && c <= 0xE007F) ||
           /* bidi controls: used for the levels, not displayed (UAX #9
            * X9, text/bidi.h) */
           c == 0x200E || c == 0x200F || c == 0x061C ||
           (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Gen g = { data, data + size, NULL, 0, 0, { 0 }, 0 };
    char head[256];
    snprintf(head, sizeof head,
             "programme:\n  language: %s\n  dates: {from: 2026-03-12, to: "
             "2026-03-12}\n  timezone: Europe/Paris\n",
             langs[next(&g) % (sizeof langs / sizeof *langs)]);
    put(&g, head);
    field(&g, "  title", 6);
    put(&g, "sessions:\n");
    for (int s = 0; s < 3 && g.p < g.end; s++) {
        char b[128];
        snprintf(b, sizeof b, "- id: S%d\n  date: 2026-03-12\n  start: \"%02d:00\"\n",
                 s, 9 + s);
        put(&g, b);
        field(&g, "  title", 8);
        field(&g, "  summary", 40);
        put(&g, "  speakers:\n");
        field(&g, "  - name", 5);
        field(&g, "    affiliation", 4);
    }
    Arena a;
    arena_init(&a);
    Diags d;
    diags_init(&d, NULL);
    const Programme *p = programme_load_buffer(&a, "fuzz.yaml", g.yaml, g.len, &d);
    if (p) {
        BookletOptions o = { .timestamp = -1 };
        BookletStats st;
        const DocList *doc = booklet_layout(p, &o, &a, &d, &st);
        char *dump = doc ? dump_string(doc) : NULL;
        /* the loader keeps NFC: a character a composition replaced is
         * checked through what replaced it, so only code points that
         * are their own NFC (NFC_Quick_Check yes) are looked for */
        for (size_t i = 0; dump && i < g.ncps; i++) {
            UChar32 c = g.cps[i];
            if (used_up(c) || u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK) != UNORM_YES ||
                u_getCombiningClass(c) != 0)
                continue;
            char u8[5] = { 0 };
            int32_t k = 0;
            U8_APPEND_UNSAFE(u8, k, c);
            if (strstr(dump, u8))
                continue;
            char tag[16];
            snprintf(tag, sizeof tag, "U+%04X ", (unsigned)c);
            bool named = false;
            for (size_t q = 0; q < d.n && !named; q++)
                named = strstr(d.items[q].message, tag) != NULL;
            if (!named) {
                fprintf(stderr, "fuzz_unicode: U+%04X neither drawn nor named\n%s\n",
                        (unsigned)c, g.yaml);
                abort();
            }
        }
        if (getenv("FUZZ_UNICODE_VERBOSE"))
            fprintf(stderr, "fuzz_unicode: %zu code points, %zu diagnostics, "
                    "%s\n", g.ncps, d.n, dump ? "laid out" : "not laid out");
        free(dump);
    }
    arena_free(&a);
    diags_fini(&d);
    free(g.yaml);
    return 0;
}
