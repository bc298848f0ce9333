/* sweep — every assigned code point through livret, grouped by block
 * (issue 10).  Two modes:
 *
 *   sweep gen DIR        writes DIR/NNN.yaml, programmes whose summaries
 *                        hold the code points of one or more blocks (up to
 *                        CHUNK each; some of each session's also in its
 *                        speakers' names and affiliations, which the
 *                        indexes collate), and DIR/NNN.cps, one line per code
 *                        point: "CP NFC... BLOCK" (hex; NFC is what the
 *                        loader makes of it and pdftotext must give back)
 *   sweep check CPS TXT ERR
 *                        for each code point of CPS: each character of its
 *                        NFC form found in TXT (the pdftotext output) or
 *                        named as U+XXXX in ERR (the warnings), or used for
 *                        its purpose (soft hyphen, zero-width space, word
 *                        joiner, the bidi controls); prints one line
 *                        per block, "ok BLOCK N" or "FAIL BLOCK: U+... NAME
 *                        (neither drawn nor named)", and "N passed, N
 *                        failed" (blocks).
 *
 * Left out of the sweep, each for a reason the suites test elsewhere:
 * unassigned code points and noncharacters (Cn: errors at load,
 * suite_errors), surrogates (Cs: not UTF-8), the private-use planes 15
 * and 16 (131,068 code points no font of livret has, named like the
 * BMP's private-use area, which is swept), controls (Cc: errors at load)
 * and U+FEFF (a BOM inside text: an error at load).  Tab and newline are
 * whitespace.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#define CHUNK 1500
#define PER_SUMMARY 60

static bool in_sweep(UChar32 c)
{
    int8_t t = u_charType(c);
    return t != U_UNASSIGNED && t != U_SURROGATE &&
           (t != U_PRIVATE_USE_CHAR || c < 0xF0000) &&
           t != U_CONTROL_CHAR && c != 0xFEFF;
}

static const char *block_name(UChar32 c)
{
    const char *n = u_getPropertyValueName(UCHAR_BLOCK, ublock_getCode(c),
                                           U_LONG_PROPERTY_NAME);
    return n ? n : "No_Block";
}

static FILE *open_chunk(const char *dir, int n, const char *ext)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%03d.%s", dir, n, ext);
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(2);
    }
    return f;
}

static void chunk_end(FILE *y, FILE *c)
{
    if (y && fclose(y) != 0)
        exit(2);
    if (c && fclose(c) != 0)
        exit(2);
}

/* Close a session's summary and give it two speakers whose names and
 * affiliation are made of some of its code points: the indexes collate
 * and file them (ICU collation elements of any character). */
static void end_session(FILE *y, const UChar32 *c, int n)
{
    fprintf(y, "\"\n  speakers:\n");
    for (int s = 0; s < 2; s++) {
        fprintf(y, "  - name: \"");
        for (int i = s; i < n; i += 10)
            fprintf(y, "%s\\U%08X", i > s ? " " : "", (unsigned)c[i]);
        fprintf(y, "\"\n    affiliation: \"");
        for (int i = s + 5; i < n; i += 10)
            fprintf(y, "\\U%08X", (unsigned)c[i]);
        fprintf(y, "x\"\n");
    }
}

static int gen(const char *dir)
{
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&err);
    if (U_FAILURE(err))
        return 2;
    FILE *y = NULL, *cp = NULL;
    int chunk = 0, in_chunk = 0, in_summary = 0, session = 0;
    UChar32 sess[PER_SUMMARY];
    int nsess = 0;
    UBlockCode block = UBLOCK_INVALID_CODE;
    for (UChar32 c = 0; c <= 0x10FFFF; c++) {
        if (!in_sweep(c))
            continue;
        UBlockCode b = ublock_getCode(c);
        /* a new chunk at a block start once it is full, or mid-block
         * every CHUNK code points */
        if (!y || in_chunk >= CHUNK || (b != block && in_chunk >= CHUNK / 2)) {
            if (y)
                end_session(y, sess, nsess);
            nsess = 0;
            chunk_end(y, cp);
            y = open_chunk(dir, chunk, "yaml");
            cp = open_chunk(dir, chunk, "cps");
            chunk++;
            in_chunk = in_summary = 0;
            fprintf(y, "programme:\n  title: Sweep %d\n  language: en\n"
                       "  dates: {from: 2026-03-12, to: 2026-03-12}\n"
                       "  timezone: Europe/Paris\nsessions:\n", chunk);
        }
        block = b;
        if (in_summary == 0 || in_summary >= PER_SUMMARY) {
            if (in_summary)
                end_session(y, sess, nsess);
            nsess = 0;
            int m = 8 * 60 + (session * 10) % (12 * 60);
            fprintf(y, "- id: S%d\n  title: \"Part %d\"\n  date: 2026-03-12\n"
                       "  start: \"%02d:%02d\"\n  summary: \"", session, session,
                       m / 60, m % 60);
            session++;
            in_summary = 0;
        }
        fprintf(y, " \\U%08X", (unsigned)c);
        sess[nsess++] = c;
        in_summary++;
        in_chunk++;
        UChar u[4], n[32];
        int32_t ul = 0;
        U16_APPEND_UNSAFE(u, ul, c);
        err = U_ZERO_ERROR;
        int32_t nl = unorm2_normalize(nfc, u, ul, n, 32, &err);
        fprintf(cp, "%X", (unsigned)c);
        for (int32_t i = 0; U_SUCCESS(err) && i < nl;) {
            UChar32 d;
            U16_NEXT(n, i, nl, d);
            fprintf(cp, " %X", (unsigned)d);
        }
        fprintf(cp, "\t%s\n", block_name(c));
    }
    if (y)
        end_session(y, sess, nsess);
    chunk_end(y, cp);
    printf("%d\n", chunk);
    return 0;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(2);
    }
    size_t cap = 1 << 16, n = 0;
    char *s = malloc(cap);
    size_t k;
    while ((k = fread(s + n, 1, cap - n - 1, f)) > 0) {
        n += k;
        if (cap - n < 2) {
            cap *= 2;
            s = realloc(s, cap);
        }
    }
    fclose(f);
    s[n] = '\0';
    *len = n;
    return s;
}

static int check(const char *cps, const char *txt, const char *errf)
{
    size_t tl, el;
    char *t = slurp(txt, &tl), *e = slurp(errf, &el);
    unsigned char *seen = calloc(0x110000, 1);
    for (int32_t i = 0; (size_t)i < tl;) {
        UChar32 c;
        U8_NEXT(t, i, (int32_t)tl, c);
        if (c >= 0)
            seen[c] = 1;
    }
    FILE *f = fopen(cps, "r");
    if (!f) {
        perror(cps);
        return 2;
    }
    char line[512], cur[128] = "";
    int pass = 0, fail = 0, ncur = 0, badcur = 0;
    char bad[1024] = "";
    for (;;) {
        bool eof = !fgets(line, sizeof line, f);
        char *tab = eof ? NULL : strchr(line, '\t');
        char blk[128] = "";
        if (tab) {
            snprintf(blk, sizeof blk, "%s", tab + 1);
            blk[strcspn(blk, "\n")] = '\0';
        }
        if (eof || strcmp(blk, cur) != 0) {
            if (cur[0]) {
                if (badcur) {
                    printf("FAIL %s: %d of %d code points neither drawn nor "
                           "named:%s\n", cur, badcur, ncur, bad);
                    fail++;
                } else {
                    printf("ok %s %d\n", cur, ncur);
                    pass++;
                }
            }
            if (eof)
                break;
            snprintf(cur, sizeof cur, "%s", blk);
            ncur = badcur = 0;
            bad[0] = '\0';
        }
        if (!tab)
            continue;
        *tab = '\0';
        char *p = line;
        unsigned long c = strtoul(p, &p, 16);
        /* each character of its NFC form drawn (extracted) or named:
         * the loader normalises, so U+0958 is set, or named, as U+0915
         * U+093C */
        bool ok = true;
        int nd = 0;
        while (*p) {
            unsigned long d = strtoul(p, &p, 16);
            if (d >= 0x110000)
                break;
            nd++;
            char tag[32];
            snprintf(tag, sizeof tag, "U+%04lX ", d);
            /* pdftotext writes every space separator as U+0020 */
            bool drawn = seen[d] || (u_charType((UChar32)d) == U_SPACE_SEPARATOR && seen[' ']);
            if (!drawn && !strstr(e, tag))
                ok = false;
        }
        if (nd == 0)
            ok = false;
        /* soft hyphen, zero-width space, word joiner; the bidi controls,
         * used for the levels and not displayed (UAX #9 X9) */
        bool used = c == 0xAD || c == 0x200B || c == 0x2060 ||
                    c == 0x200E || c == 0x200F || c == 0x061C ||
                    (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
        ncur++;
        if (!ok && !used) {
            badcur++;
            size_t bl = strlen(bad);
            if (badcur <= 8 && bl + 40 < sizeof bad) {
                char nm[80] = "";
                UErrorCode err = U_ZERO_ERROR;
                u_charName((UChar32)c, U_UNICODE_CHAR_NAME, nm, sizeof nm, &err);
                snprintf(bad + bl, sizeof bad - bl, " U+%04lX %.40s;", c, nm);
            }
        }
    }
    fclose(f);
    printf("%d passed, %d failed\n", pass, fail);
    free(t);
    free(e);
    free(seen);
    return fail ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "gen") == 0)
        return gen(argv[2]);
    if (argc == 5 && strcmp(argv[1], "check") == 0)
        return check(argv[2], argv[3], argv[4]);
    fprintf(stderr, "usage: sweep gen DIR | sweep check CPS TXT ERR\n");
    return 2;
}
