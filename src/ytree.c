/* ytree — see ytree.h.
 *
 * Three passes over the bytes:
 *   1. check_text: UTF-8 validity and control characters, with positions,
 *      because libyaml's reader reports neither line nor column;
 *   2. surrogate fix-up: JSON writers (Python's json.dumps) escape non-BMP
 *      characters as "\ud83d\ude00", which libyaml 0.2.5 rejects.  Such
 *      pairs are replaced by the UTF-8 character, and libyaml itself then
 *      confirms that each replacement lay inside a double-quoted scalar
 *      (elsewhere a backslash is literal text and the replacement is undone);
 *   3. build: libyaml events to a tree, refusing aliases, deep nesting,
 *      duplicate keys, unknown tags and extra documents.
 *
 * Line separators: libyaml follows YAML 1.1, where U+2028 and U+2029 end
 * a line even inside a plain or block scalar (so "x<U+2028>y" in a block
 * ends it).  Editors, JSON and YAML 1.2 see ordinary characters.  They are
 * handed to libyaml as the noncharacters U+FDD0/U+FDD1 (refused in input,
 * same length, same code point count) and restored in every scalar.
 *
 * Positions: libyaml's marks count code points; a mark's character index
 * is turned into line:column with our own table of LF line starts.
 */
#include "ytree.h"
#include "xalloc.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <utf8proc.h>
#include <yaml.h>

#define CORE_TAG "tag:yaml.org,2002:"
#define MAX_CONTROL_ERRORS 10   /* then the file is probably not text */
#define MAX_FIX_ROUNDS 4
#define SURROGATE_ESCAPE_LEN 12 /* "\ud83d\ude00" */
#define PATH_SIZE 256
/* U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR and their stand-ins
 * U+FDD0, U+FDD1: three bytes each, differing in the last two. */
#define LS_PS_LEAD "\xE2\x80"
#define STAND_IN_LEAD "\xEF\xB7"

static bool is_cont(unsigned char b)
{
    return (b & 0xC0) == 0x80;
}

/* ------------------------------------------------------------------ */
/* 1. Encoding and control characters                                  */

/* One invalid sequence: how many bytes to show, how many to skip. */
typedef struct BadSeq {
    size_t shown;
    size_t skip;
    const char *why;
} BadSeq;

/* Length of the valid UTF-8 sequence at s (n >= 1 bytes left) with its code
 * point in *cp, or 0 with *bad filled in.  Written out rather than taken
 * from utf8proc_iterate because the message names the kind of fault. */
static size_t utf8_decode(const unsigned char *s, size_t n, int32_t *cp,
                          BadSeq *bad)
{
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = (int32_t)c;
        return 1;
    }
    bad->shown = bad->skip = 1;
    if (c < 0xC0) {
        bad->why = "unexpected continuation byte";
        return 0;
    }
    if (c < 0xC2) {
        bad->why = "overlong encoding";
        bad->shown = bad->skip = (n > 1 && is_cont(s[1])) ? 2 : 1;
        return 0;
    }
    if (c > 0xF4) {
        bad->why = "byte never used in UTF-8";
        return 0;
    }
    size_t need = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    unsigned lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
    unsigned hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
    int32_t v = (int32_t)(c & (0xFF >> (need + 1)));
    for (size_t i = 1; i < need; i++) {
        if (i >= n) {
            bad->why = "sequence truncated at the end of the file";
            bad->shown = bad->skip = i;
            return 0;
        }
        if (!is_cont(s[i])) {
            bad->why = "truncated sequence";
            bad->shown = i + 1;     /* show the byte that broke it */
            bad->skip = i;          /* but read it again as itself */
            return 0;
        }
        if (i == 1 && (s[1] < lo || s[1] > hi)) {
            bad->why = c == 0xED ? "UTF-16 surrogate"
                     : c == 0xF4 ? "code point above U+10FFFF"
                                 : "overlong encoding";
            size_t k = 2;
            while (k < need && k < n && is_cont(s[k]))
                k++;
            bad->shown = bad->skip = k;
            return 0;
        }
        v = (v << 6) | (s[i] & 0x3F);
    }
    *cp = v;
    return need;
}

/* What is wrong with code point cp as text in a programme, or NULL. */
static const char *control_problem(int32_t cp)
{
    if (cp == '\t' || cp == '\n')
        return NULL;
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F))
        return "control character";
    if (cp == 0xFEFF)
        return "byte order mark (allowed only at the start of the file)";
    if (cp == 0xFFFE || cp == 0xFFFF || (cp >= 0xFDD0 && cp <= 0xFDEF))
        return "noncharacter";
    return NULL;
}

typedef struct TextCheck {
    const char *file;
    Diags *d;
    size_t nbad;            /* invalid UTF-8 sequences */
    size_t nmultibyte;      /* valid sequences of 2 bytes or more */
    bool latin1_like;       /* a bad lead byte looked like a Latin-1 letter */
    size_t ncontrol;
} TextCheck;

static void report_bad_seq(TextCheck *tc, const unsigned char *s,
                           const BadSeq *bad, int line, int col)
{
    tc->nbad++;
    if (s[0] >= 0xC0 && bad->skip == 1)
        tc->latin1_like = true;
    if (tc->nbad > 1)
        return;     /* the first is enough to locate the problem */
    char hex[4 * 3 + 1] = "";
    for (size_t i = 0, o = 0; i < bad->shown && i < 4; i++, o += 3)
        snprintf(hex + o, sizeof hex - o, "%02x ", s[i]);
    hex[3 * (bad->shown < 4 ? bad->shown : 4) - 1] = '\0';
    diag_error(tc->d, srcloc(tc->file, line, col), NULL,
               "invalid UTF-8 byte sequence <%s> (%s)", hex, bad->why);
}

static void report_control(TextCheck *tc, int32_t cp, const char *what,
                           int line, int col)
{
    tc->ncontrol++;
    if (tc->ncontrol > MAX_CONTROL_ERRORS)
        return;
    diag_error(tc->d, srcloc(tc->file, line, col), NULL,
               "%s U+%04X is not allowed", what, (unsigned)cp);
    if (tc->ncontrol == MAX_CONTROL_ERRORS)
        diag_note(tc->d, srcloc(tc->file, 0, 0),
                  "further control characters are not reported; "
                  "is this a UTF-8 text file?");
}

static void report_text_summary(const TextCheck *tc)
{
    SrcLoc whole = srcloc(tc->file, 0, 0);
    /* Latin-1 text has letters where UTF-8 expects a lead byte, and no
     * valid multi-byte sequence (a UTF-8 file with one bad byte has many). */
    if (tc->latin1_like && tc->nmultibyte == 0)
        diag_note(tc->d, whole,
                  "the file is not UTF-8 (Latin-1?): %zu invalid sequence%s; "
                  "convert it, e.g. with iconv -f LATIN1 -t UTF-8",
                  tc->nbad, tc->nbad == 1 ? "" : "s");
    else if (tc->nbad > 1)
        diag_note(tc->d, whole, "invalid UTF-8 sequences in all: %zu",
                  tc->nbad);
}

/* Checks every byte; reports and returns false when the text is not
 * UTF-8 fit for libyaml.  Columns count code points, like libyaml's. */
static bool check_text(const char *file, const char *text, size_t n,
                       Diags *d)
{
    const unsigned char *s = (const unsigned char *)text;
    TextCheck tc = { file, d, 0, 0, false, 0 };
    int line = 1, col = 1;
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c >= 0x20 && c < 0x7F) {        /* the common case */
            i++;
            col++;
            continue;
        }
        if (c == '\n') {
            i++;
            line++;
            col = 1;
            continue;
        }
        if (c == '\r' && i + 1 < n && s[i + 1] == '\n') {
            i++;
            col++;
            continue;
        }
        int32_t cp = 0;
        BadSeq bad = { 0, 0, NULL };
        size_t k = utf8_decode(s + i, n - i, &cp, &bad);
        if (k == 0) {
            report_bad_seq(&tc, s + i, &bad, line, col);
            i += bad.skip;
            col++;
            continue;
        }
        const char *what = control_problem(cp);
        if (what)
            report_control(&tc, cp, what, line, col);
        tc.nmultibyte += k > 1;
        i += k;
        col++;
    }
    report_text_summary(&tc);
    return tc.nbad == 0 && tc.ncontrol == 0;
}

/* ------------------------------------------------------------------ */
/* Positions                                                           */

/* Character index of the first character of each LF-terminated line. */
typedef struct LineMap {
    size_t *start;
    size_t n;
} LineMap;

static void linemap_build(LineMap *lm, const char *text, size_t n)
{
    size_t cap = 1024, index = 0;
    lm->start = xmalloc(cap * sizeof *lm->start);
    lm->start[0] = 0;
    lm->n = 1;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)text[i];
        if (is_cont(c))
            continue;
        index++;
        if (c != '\n')
            continue;
        if (lm->n == cap) {
            cap *= 2;
            lm->start = xreallocarray(lm->start, cap, sizeof *lm->start);
        }
        lm->start[lm->n++] = index;
    }
}

/* A replaced surrogate-pair escape. */
typedef struct Fix {
    size_t src;         /* offset of its backslash in the original text */
    int32_t cp;
    size_t index;       /* character index of the result in the fixed text */
    size_t line;        /* 0-based line of the result */
    bool off;           /* not in a double-quoted scalar: left as written */
} Fix;

typedef struct Fixes {
    Fix *v;
    size_t n, cap;
} Fixes;

/* Number of lines that start at or before index (binary search). */
static size_t count_lines_before(const LineMap *lm, size_t index)
{
    size_t lo = 0, hi = lm->n;      /* first line starting after index */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (lm->start[mid] <= index)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static size_t fixes_before_index(const Fixes *fx, size_t index)
{
    size_t lo = 0, hi = fx->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (fx->v[mid].index < index)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static size_t fixes_before_line(const Fixes *fx, size_t line)
{
    size_t lo = 0, hi = fx->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (fx->v[mid].line < line)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* line:column in the file as written of the character at index in the
 * text libyaml read: each replaced escape on the same line before it
 * stood for 12 characters, not 1. */
static SrcLoc index_loc(const char *file, const LineMap *lm,
                        const Fixes *fx, size_t index)
{
    size_t line = count_lines_before(lm, index) - 1;
    size_t col = index - lm->start[line] + 1;
    if (fx->n)
        col += (SURROGATE_ESCAPE_LEN - 1)
               * (fixes_before_index(fx, index) - fixes_before_line(fx, line));
    return srcloc(file, (int)(line + 1), (int)col);
}

/* ------------------------------------------------------------------ */
/* 2. JSON surrogate pairs                                             */

static int hex4(const char *s)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        int h = c >= '0' && c <= '9' ? c - '0'
              : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

/* True when s[i..] is "\uD8xx\uDCxx" (a high then a low surrogate). */
static bool surrogate_pair_at(const char *s, size_t n, size_t i, int32_t *cp)
{
    if (n - i < SURROGATE_ESCAPE_LEN || s[i + 1] != 'u' || s[i + 6] != '\\'
        || s[i + 7] != 'u')
        return false;
    int hi = hex4(s + i + 2), lo = hex4(s + i + 8);
    if (hi < 0xD800 || hi > 0xDBFF || lo < 0xDC00 || lo > 0xDFFF)
        return false;
    *cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
    return true;
}

/* Every unescaped backslash that starts a surrogate pair. */
static void find_fixes(const char *s, size_t n, Fixes *fx)
{
    size_t run = 0;     /* backslashes just before s[i] */
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\\') {
            run = 0;
            continue;
        }
        int32_t cp;
        if (run % 2 == 0 && surrogate_pair_at(s, n, i, &cp)) {
            if (fx->n == fx->cap) {
                fx->cap = fx->cap ? fx->cap * 2 : 16;
                fx->v = xreallocarray(fx->v, fx->cap, sizeof *fx->v);
            }
            Fix f = { i, cp, 0, 0, false };
            fx->v[fx->n++] = f;
            i += SURROGATE_ESCAPE_LEN - 1;
            run = 0;
            continue;
        }
        run++;
    }
}

static void count_text(const char *s, size_t n, size_t *index, size_t *line)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (is_cont(c))
            continue;
        ++*index;
        if (c == '\n')
            ++*line;
    }
}

/* The text with every enabled fix applied (heap; caller frees); fills in
 * each fix's index and line. */
static char *apply_fixes(const char *s, size_t n, Fixes *fx, size_t *outn)
{
    char *out = xmalloc(n + 1);
    size_t o = 0, from = 0, index = 0, line = 0;
    for (size_t k = 0; k < fx->n; k++) {
        Fix *f = &fx->v[k];
        if (f->off)
            continue;
        count_text(s + from, f->src - from, &index, &line);
        memcpy(out + o, s + from, f->src - from);
        o += f->src - from;
        f->index = index++;
        f->line = line;
        o += (size_t)utf8proc_encode_char(f->cp, (utf8proc_uint8_t *)out + o);
        from = f->src + SURROGATE_ESCAPE_LEN;
    }
    memcpy(out + o, s + from, n - from);
    o += n - from;
    out[o] = '\0';
    *outn = o;
    return out;
}

/* Turns off the fixes that libyaml does not see inside a double-quoted
 * scalar; returns how many.  Parsing stops at the depth limit, as the real
 * pass does, so this pass cannot be made slow either. */
static size_t verify_fixes(const char *text, size_t n, Fixes *fx)
{
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p))
        return 0;       /* the real pass reports it */
    yaml_parser_set_input_string(&p, (const unsigned char *)text, n);
    yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
    size_t k = 0, nbad = 0, depth = 0;
    for (bool done = false; !done;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev))
            break;
        switch (ev.type) {
        case YAML_SCALAR_EVENT: {
            bool dq = ev.data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
            for (; k < fx->n && (fx->v[k].off
                                 || fx->v[k].index < ev.end_mark.index); k++) {
                Fix *f = &fx->v[k];
                if (!f->off && (!dq || f->index < ev.start_mark.index)) {
                    f->off = true;
                    nbad++;
                }
            }
            break;
        }
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
            done = ++depth > YTREE_MAX_DEPTH;
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            depth--;
            break;
        case YAML_STREAM_END_EVENT:
            for (; k < fx->n; k++)          /* after the last scalar */
                if (!fx->v[k].off) {
                    fx->v[k].off = true;
                    nbad++;
                }
            done = true;
            break;
        default:
            break;
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&p);
    return nbad;
}

static void drop_off_fixes(Fixes *fx)
{
    size_t j = 0;
    for (size_t k = 0; k < fx->n; k++)
        if (!fx->v[k].off)
            fx->v[j++] = fx->v[k];
    fx->n = j;
}

/* The text libyaml should read: the input itself, or a heap copy with the
 * surrogate pairs replaced (*owned set). */
static const char *fix_surrogates(const char *s, size_t n, Fixes *fx,
                                  size_t *outn, char **owned)
{
    *owned = NULL;
    *outn = n;
    find_fixes(s, n, fx);
    for (int round = 0; round < MAX_FIX_ROUNDS && fx->n; round++) {
        free(*owned);
        *owned = apply_fixes(s, n, fx, outn);
        size_t nbad = verify_fixes(*owned, *outn, fx);
        drop_off_fixes(fx);
        if (nbad == 0)
            return *owned;
    }
    if (fx->n == 0) {   /* every candidate was literal text after all */
        free(*owned);
        *owned = NULL;
        *outn = n;
        return s;
    }
    free(*owned);       /* still changing: apply what is left, unverified */
    *owned = apply_fixes(s, n, fx, outn);
    return *owned;
}

/* ------------------------------------------------------------------ */
/* Line separators                                                     */

/* Replaces each byte sequence `from` (3 bytes, with last byte a or b) by
 * `to` with the same last byte offset, in place. */
static void swap_separators(char *s, size_t n, const char *from,
                            const char *to)
{
    for (char *p = s; (p = memchr(p, from[0], n - (size_t)(p - s)));) {
        size_t left = n - (size_t)(p - s);
        if (left >= 3 && p[1] == from[1]
            && ((unsigned char)p[2] == (unsigned char)from[2]
                || (unsigned char)p[2] == (unsigned char)from[2] + 1)) {
            int which = (unsigned char)p[2] - (unsigned char)from[2];
            p[0] = to[0];
            p[1] = to[1];
            p[2] = (char)((unsigned char)to[2] + which);
            p += 3;
        } else {
            p++;
        }
    }
}

static bool has_separators(const char *s, size_t n)
{
    for (const char *p = s; (p = memchr(p, 0xE2, n - (size_t)(p - s)));) {
        size_t left = n - (size_t)(p - s);
        if (left >= 3 && p[1] == '\x80'
            && (p[2] == '\xA8' || p[2] == '\xA9'))
            return true;
        p++;
    }
    return false;
}

/* The text with U+2028/U+2029 swapped for their stand-ins: s itself when
 * it has none, else a heap copy stored in *owned. */
static const char *hide_separators(const char *s, size_t n, char **owned)
{
    *owned = NULL;
    if (!has_separators(s, n))
        return s;
    *owned = xmalloc(n + 1);
    memcpy(*owned, s, n);
    swap_separators(*owned, n, LS_PS_LEAD "\xA8", STAND_IN_LEAD "\x90");
    return *owned;
}

/* ------------------------------------------------------------------ */
/* 3. Events to tree                                                   */

typedef struct Frame {
    YNode *node;
    size_t base;        /* its first child in Builder.kids */
} Frame;

typedef struct Builder {
    Arena *a;
    Diags *d;
    const char *file;
    const char *text;   /* what libyaml reads */
    size_t len;
    const LineMap *lines;
    const Fixes *fixes;
    Frame stack[YTREE_MAX_DEPTH];
    size_t depth;
    YNode **kids;       /* children of the open containers, innermost last */
    size_t nkids, capkids;
    YNode *root;
    size_t ndocs;
    size_t nanchors;
    size_t errors0;     /* d->nerrors when this file began */
    bool stop;
} Builder;

static SrcLoc mark_loc(const Builder *b, yaml_mark_t m)
{
    return index_loc(b->file, b->lines, b->fixes, m.index);
}

/* Children frame i of the stack holds so far. */
static size_t frame_count(const Builder *b, size_t i)
{
    size_t end = i + 1 < b->depth ? b->stack[i + 1].base : b->nkids;
    return end - b->stack[i].base;
}

/* Field path (e.g. "sessions[3].title") of what is being built inside the
 * first `levels` open containers: for messages only. */
static void build_path(const Builder *b, size_t levels, char *buf,
                       size_t size)
{
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < levels && o < size; i++) {
        const YNode *n = b->stack[i].node;
        size_t k = frame_count(b, i);
        int w = 0;
        if (n->kind == YNODE_SEQ)
            w = snprintf(buf + o, size - o, "[%zu]", k);
        else if (k % 2 == 1)
            w = snprintf(buf + o, size - o, "%s%s", o ? "." : "",
                         b->kids[b->stack[i].base + k - 1]->str);
        if (w < 0)
            break;
        o += (size_t)w;
    }
}

/* The path for a diagnostic, or NULL at the top. */
static const char *path_or_null(const Builder *b, size_t levels, char *buf,
                                size_t size)
{
    build_path(b, levels, buf, size);
    return buf[0] ? buf : NULL;
}

static void push_kid(Builder *b, YNode *n)
{
    if (b->nkids == b->capkids) {
        b->capkids = b->capkids ? b->capkids * 2 : 256;
        b->kids = xreallocarray(b->kids, b->capkids, sizeof *b->kids);
    }
    b->kids[b->nkids++] = n;
}

static void add_node(Builder *b, YNode *n)
{
    if (b->depth == 0)
        b->root = n;
    else
        push_kid(b, n);
}

static YNode *new_node(Builder *b, YNodeKind kind, yaml_mark_t m)
{
    YNode *n = arena_alloc(b->a, sizeof *n);
    n->kind = kind;
    n->loc = mark_loc(b, m);
    n->str = "";
    return n;
}

/* "!!str" for core tags, the tag as written otherwise. */
static void tag_display(const char *tag, char *buf, size_t size)
{
    size_t core = strlen(CORE_TAG);
    if (strncmp(tag, CORE_TAG, core) == 0)
        snprintf(buf, size, "!!%s", tag + core);
    else
        snprintf(buf, size, "%s", tag);
}

/* The kind a core tag (the part after "tag:yaml.org,2002:") applies to;
 * false for tags outside the core schema (!!binary, !!python/...). */
static bool core_tag_kind(const char *name, YNodeKind *kind)
{
    static const char *const scalar_tags[] = { "str", "int", "float",
                                               "bool", "null" };
    *kind = YNODE_SCALAR;
    for (size_t i = 0; i < sizeof scalar_tags / sizeof *scalar_tags; i++)
        if (strcmp(name, scalar_tags[i]) == 0)
            return true;
    *kind = strcmp(name, "map") == 0 ? YNODE_MAP : YNODE_SEQ;
    return strcmp(name, "map") == 0 || strcmp(name, "seq") == 0;
}

static void check_tag(Builder *b, const yaml_char_t *tagp, YNodeKind kind,
                      yaml_mark_t m)
{
    const char *tag = (const char *)tagp;
    if (!tag || strcmp(tag, "!") == 0)
        return;
    char shown[128], path[PATH_SIZE];
    tag_display(tag, shown, sizeof shown);
    const char *field = path_or_null(b, b->depth, path, sizeof path);
    size_t core = strlen(CORE_TAG);
    YNodeKind fits;
    if (strncmp(tag, CORE_TAG, core) != 0
        || !core_tag_kind(tag + core, &fits))
        diag_error(b->d, mark_loc(b, m), field,
                   "unknown tag '%s' (a programme needs no tags)", shown);
    else if (fits != kind)
        diag_error(b->d, mark_loc(b, m), field,
                   "tag '%s' cannot be used on a %s", shown,
                   kind == YNODE_MAP ? "mapping"
                   : kind == YNODE_SEQ ? "sequence" : "string");
}

/* Anchors and aliases: the first is reported, the rest counted, since an
 * alias bomb has hundreds and one message says it all. */
static void anchor_seen(Builder *b, yaml_mark_t m)
{
    if (b->nanchors++ == 0) {
        char path[PATH_SIZE];
        diag_error(b->d, mark_loc(b, m),
                   path_or_null(b, b->depth, path, sizeof path),
                   "anchors and aliases are not allowed");
    }
}

/* Checks the decoded value (escapes can still produce control characters)
 * and stores it NFC-normalised. */
static void set_scalar_text(Builder *b, YNode *n, const yaml_event_t *ev)
{
    const unsigned char *v = ev->data.scalar.value;
    size_t len = ev->data.scalar.length;
    bool ascii = true;
    int32_t bad = -1;
    for (size_t i = 0; i < len && bad < 0; i++) {
        unsigned char c = v[i];
        if (c >= 0x80) {
            ascii = false;
            if (c == 0xC2 && i + 1 < len && v[i + 1] <= 0x9F)
                bad = v[i + 1];         /* C1 control */
        } else if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) {
            bad = c;
        }
    }
    if (bad >= 0) {
        char path[PATH_SIZE];
        diag_error(b->d, mark_loc(b, ev->start_mark),
                   path_or_null(b, b->depth, path, sizeof path),
                   "control character U+%04X in a string (from an escape "
                   "sequence) is not allowed", (unsigned)bad);
    }
    if (ascii || bad >= 0) {
        n->str = arena_strndup(b->a, (const char *)v, len);
        n->len = len;
        return;
    }
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t r = utf8proc_map(v, (utf8proc_ssize_t)len, &out,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (r < 0) {
        diag_error(b->d, mark_loc(b, ev->start_mark), NULL,
                   "cannot normalise text: %s", utf8proc_errmsg(r));
        n->str = arena_strndup(b->a, (const char *)v, len);
        n->len = len;
        return;
    }
    char *str = arena_strndup(b->a, (const char *)out, (size_t)r);
    free(out);
    swap_separators(str, (size_t)r, STAND_IN_LEAD "\x90",
                    LS_PS_LEAD "\xA8");
    n->str = str;
    n->len = (size_t)r;
}

static void on_scalar(Builder *b, const yaml_event_t *ev)
{
    const char *tag = (const char *)ev->data.scalar.tag;
    if (ev->data.scalar.anchor)
        anchor_seen(b, ev->start_mark);
    check_tag(b, ev->data.scalar.tag, YNODE_SCALAR, ev->start_mark);
    YNode *n = new_node(b, YNODE_SCALAR, ev->start_mark);
    n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE
               && (!tag || strcmp(tag, CORE_TAG "null") == 0);
    set_scalar_text(b, n, ev);
    add_node(b, n);
}

static void on_alias(Builder *b, const yaml_event_t *ev)
{
    anchor_seen(b, ev->start_mark);
    YNode *n = new_node(b, YNODE_SCALAR, ev->start_mark);
    n->plain = true;    /* a placeholder null keeps the structure going */
    add_node(b, n);
}

static void on_start(Builder *b, YNodeKind kind, const yaml_event_t *ev)
{
    const yaml_char_t *anchor = kind == YNODE_MAP
        ? ev->data.mapping_start.anchor : ev->data.sequence_start.anchor;
    const yaml_char_t *tag = kind == YNODE_MAP
        ? ev->data.mapping_start.tag : ev->data.sequence_start.tag;
    if (b->depth == YTREE_MAX_DEPTH) {
        diag_error(b->d, mark_loc(b, ev->start_mark), NULL,
                   "nesting deeper than %d levels", YTREE_MAX_DEPTH);
        b->stop = true;     /* libyaml's deep flow nesting is quadratic */
        return;
    }
    if (anchor)
        anchor_seen(b, ev->start_mark);
    check_tag(b, tag, kind, ev->start_mark);
    Frame f = { new_node(b, kind, ev->start_mark), b->nkids };
    b->stack[b->depth++] = f;
}

static int pair_cmp(const void *x, const void *y)
{
    const YPair *p = *(const YPair *const *)x, *q = *(const YPair *const *)y;
    int c = strcmp(p->key->str, q->key->str);
    if (c)
        return c;
    return p < q ? -1 : p > q;      /* equal keys: document order */
}

static void report_dup(Builder *b, const YPair *first, const YPair *again)
{
    char path[PATH_SIZE];
    diag_error(b->d, again->key->loc,
               path_or_null(b, b->depth - 1, path, sizeof path),
               "duplicate key '%s'", again->key->str);
    diag_note(b->d, first->key->loc, "first defined here");
}

/* Small mappings (all of a programme's) are checked pairwise; big ones
 * (machine-written JSON) by sorting, to stay O(n log n). */
static void check_dup_keys(Builder *b, const YNode *map)
{
    size_t n = map->npairs;
    if (n <= 32) {
        for (size_t j = 1; j < n; j++)
            for (size_t i = 0; i < j; i++)
                if (strcmp(map->pairs[i].key->str,
                           map->pairs[j].key->str) == 0) {
                    report_dup(b, &map->pairs[i], &map->pairs[j]);
                    break;
                }
        return;
    }
    const YPair **v = xmalloc(n * sizeof *v);
    for (size_t i = 0; i < n; i++)
        v[i] = &map->pairs[i];
    qsort(v, n, sizeof *v, pair_cmp);
    for (size_t i = 1, first = 0; i < n; i++) {
        if (strcmp(v[i]->key->str, v[first]->key->str) == 0)
            report_dup(b, v[first], v[i]);
        else
            first = i;
    }
    free(v);
}

static void finish_map(Builder *b, YNode *map, YNode **kids, size_t n)
{
    map->pairs = arena_array(b->a, n / 2, sizeof *map->pairs);
    for (size_t i = 0; i + 1 < n; i += 2) {
        if (kids[i]->kind != YNODE_SCALAR) {
            char path[PATH_SIZE];
            diag_error(b->d, kids[i]->loc,
                       path_or_null(b, b->depth - 1, path, sizeof path),
                       "a mapping key must be a string, not a %s",
                       ytree_kind_name(kids[i]));
            continue;
        }
        YPair *p = &map->pairs[map->npairs++];
        p->key = kids[i];
        p->value = kids[i + 1];
    }
    check_dup_keys(b, map);
}

static void on_end(Builder *b)
{
    Frame f = b->stack[b->depth - 1];
    size_t n = b->nkids - f.base;
    YNode **kids = n ? b->kids + f.base : NULL;     /* kids is NULL at first */
    if (f.node->kind == YNODE_MAP) {
        finish_map(b, f.node, kids, n);
    } else {
        f.node->items = arena_array(b->a, n, sizeof *f.node->items);
        if (n)
            memcpy(f.node->items, kids, n * sizeof *kids);
        f.node->nitems = n;
    }
    b->nkids = f.base;
    b->depth--;
    add_node(b, f.node);
}

static void on_document_start(Builder *b, const yaml_event_t *ev)
{
    if (b->ndocs++ == 0)
        return;
    diag_error(b->d, mark_loc(b, ev->start_mark), NULL,
               "a second document starts here; a file holds one document");
    b->stop = true;
}

static void handle_event(Builder *b, const yaml_event_t *ev)
{
    switch (ev->type) {
    case YAML_DOCUMENT_START_EVENT:
        on_document_start(b, ev);
        break;
    case YAML_SCALAR_EVENT:
        on_scalar(b, ev);
        break;
    case YAML_ALIAS_EVENT:
        on_alias(b, ev);
        break;
    case YAML_SEQUENCE_START_EVENT:
        on_start(b, YNODE_SEQ, ev);
        break;
    case YAML_MAPPING_START_EVENT:
        on_start(b, YNODE_MAP, ev);
        break;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        on_end(b);
        break;
    case YAML_STREAM_END_EVENT:
        b->stop = true;
        break;
    default:            /* stream start, document end, no event */
        break;
    }
}

/* The byte at a character index of the text (error path only). */
static const char *index_ptr(const Builder *b, size_t index)
{
    const char *p = b->text, *end = b->text + b->len;
    for (size_t k = 0; p < end; p++)
        if (!is_cont((unsigned char)*p) && k++ == index)
            return p;
    return end;
}

/* Length in characters of the key just before the ':' at p (quoted, or
 * plain back to the start of its line, flow item or an earlier ':').  Approximate (escaped
 * quotes end the scan early): it only decides whether to add a hint. */
static size_t key_length_before(const char *text, const char *p)
{
    const char *end = p;
    while (end > text && end[-1] == ' ')
        end--;
    const char *q = end;
    if (q > text && (q[-1] == '"' || q[-1] == '\'')) {
        char quote = *--q;
        while (q > text && q[-1] != quote)
            q--;
    } else {
        while (q > text && !strchr("\n,{[:", q[-1]))
            q--;
        while (q < end && (*q == ' ' || *q == '-'))
            q++;
    }
    size_t n = 0;
    for (; q < end; q++)
        n += !is_cont((unsigned char)*q);
    return n;
}

/* A hint for the libyaml errors whose text does not say what to do. */
static void parser_error_hint(const Builder *b, const yaml_parser_t *p)
{
    const char *problem = p->problem ? p->problem : "";
    SrcLoc at = mark_loc(b, p->problem_mark);
    const char *c = index_ptr(b, p->problem_mark.index);
    if (c < b->text + b->len && *c == '\t')
        diag_note(b->d, at, "indent with spaces: YAML does not allow tabs "
                            "for indentation");
    else if (strstr(problem, "invalid Unicode character escape"))
        diag_note(b->d, at, "\\uD800-\\uDFFF escapes are accepted only as a "
                            "high-low surrogate pair");
    else if (c < b->text + b->len && *c == ':'
             && key_length_before(b->text, c) > 1024)
        diag_note(b->d, at, "keys longer than 1024 characters are not "
                            "supported");
    else if (strcmp(problem, "mapping values are not allowed in this "
                             "context") == 0)
        diag_note(b->d, at, "a value that contains ': ' must be quoted");
}

static void report_parser_error(Builder *b, const yaml_parser_t *p)
{
    SrcLoc whole = srcloc(b->file, 0, 0);
    switch (p->error) {
    case YAML_MEMORY_ERROR:
        diag_error(b->d, whole, NULL, "out of memory while parsing");
        return;
    case YAML_READER_ERROR:     /* check_text should have caught it */
        diag_error(b->d, whole, NULL, "%s (at byte %zu)",
                   p->problem ? p->problem : "cannot read the text",
                   p->problem_offset);
        return;
    case YAML_SCANNER_ERROR:
    case YAML_PARSER_ERROR:
        diag_error(b->d, mark_loc(b, p->problem_mark), NULL, "%s",
                   p->problem ? p->problem : "syntax error");
        if (p->context)
            diag_note(b->d, mark_loc(b, p->context_mark), "%s", p->context);
        parser_error_hint(b, p);
        return;
    default:
        diag_error(b->d, whole, NULL, "YAML error");
        return;
    }
}

static void run_parser(Builder *b)
{
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p)) {
        diag_error(b->d, srcloc(b->file, 0, 0), NULL,
                   "cannot start the YAML parser (out of memory)");
        return;
    }
    yaml_parser_set_input_string(&p, (const unsigned char *)b->text, b->len);
    yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
    while (!b->stop) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            report_parser_error(b, &p);
            break;
        }
        handle_event(b, &ev);
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&p);
}

static YNode *build_tree(Builder *b)
{
    run_parser(b);
    if (b->nanchors > 1)
        diag_note(b->d, srcloc(b->file, 0, 0),
                  "the file has %zu anchors and aliases; remove them all",
                  b->nanchors);
    if (!b->root && b->d->nerrors == b->errors0)
        diag_error(b->d, srcloc(b->file, 0, 0), NULL, "empty document");
    else if (b->root && ytree_is_null(b->root))
        diag_error(b->d, srcloc(b->file, 0, 0), NULL, "empty document");
    free(b->kids);
    return b->root;
}

/* ------------------------------------------------------------------ */
/* Entry points                                                        */

/* A UTF-16 or UTF-32 byte order mark: name the encoding. */
static const char *foreign_bom(const unsigned char *s, size_t n)
{
    if (n >= 4 && ((s[0] == 0 && s[1] == 0 && s[2] == 0xFE && s[3] == 0xFF)
                   || (s[0] == 0xFF && s[1] == 0xFE && s[2] == 0 && s[3] == 0)))
        return "UTF-32";
    if (n >= 2 && ((s[0] == 0xFE && s[1] == 0xFF)
                   || (s[0] == 0xFF && s[1] == 0xFE)))
        return "UTF-16";
    return NULL;
}

/* file: the arena's copy of the name. */
static YNode *load_text(Arena *a, const char *file, const char *bytes,
                        size_t len, Diags *d)
{
    size_t errors0 = d->nerrors;
    const char *enc = foreign_bom((const unsigned char *)bytes, len);
    if (len > YTREE_MAX_FILE_SIZE) {
        diag_error(d, srcloc(file, 0, 0), NULL, "file too large (the limit "
                   "is %u MiB)", YTREE_MAX_FILE_SIZE / (1024 * 1024));
        return NULL;
    }
    if (enc) {
        diag_error(d, srcloc(file, 0, 0), NULL,
                   "the file is %s; convert it to UTF-8", enc);
        return NULL;
    }
    if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) {
        bytes += 3;     /* marks then count from after the BOM, as editors do */
        len -= 3;
    }
    if (!check_text(file, bytes, len, d))
        return NULL;
    char *hidden;
    bytes = hide_separators(bytes, len, &hidden);
    Fixes fixes = { NULL, 0, 0 };
    char *owned = NULL;
    size_t tlen = 0;
    const char *text = fix_surrogates(bytes, len, &fixes, &tlen, &owned);
    LineMap lines;
    linemap_build(&lines, text, tlen);
    Builder b;
    memset(&b, 0, sizeof b);
    b.a = a;
    b.d = d;
    b.file = file;
    b.text = text;
    b.len = tlen;
    b.lines = &lines;
    b.fixes = &fixes;
    b.errors0 = errors0;
    YNode *root = build_tree(&b);
    free(lines.start);
    free(fixes.v);
    free(owned);
    free(hidden);
    return d->nerrors > errors0 ? NULL : root;
}

YNode *ytree_load_buffer(Arena *a, const char *name, const char *bytes,
                         size_t len, Diags *d)
{
    return load_text(a, arena_strdup(a, name), bytes, len, d);
}

/* Reads the whole file into a heap buffer, refusing oversized ones before
 * reading them.  Reports and returns NULL on failure. */
static char *read_file(const char *file, const char *path, size_t *len,
                       Diags *d)
{
    SrcLoc whole = srcloc(file, 0, 0);
    FILE *f = fopen(path, "rb");
    if (!f) {
        diag_error(d, whole, NULL, "cannot open: %s", strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fileno(f), &st) != 0) {
        diag_error(d, whole, NULL, "cannot stat: %s", strerror(errno));
        fclose(f);
        return NULL;
    }
    if (S_ISDIR(st.st_mode)) {
        diag_error(d, whole, NULL, "is a directory, not a file");
        fclose(f);
        return NULL;
    }
    if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > YTREE_MAX_FILE_SIZE) {
        diag_error(d, whole, NULL, "file too large (%jd bytes; the limit is "
                   "%u MiB)", (intmax_t)st.st_size,
                   YTREE_MAX_FILE_SIZE / (1024 * 1024));
        fclose(f);
        return NULL;
    }
    /* Pipes have no size: read in chunks up to the limit. */
    size_t cap = S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : 65536;
    size_t n = 0;
    char *buf = xmalloc(cap);
    for (;;) {
        if (n == cap) {
            if (cap > YTREE_MAX_FILE_SIZE)
                break;
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    bool failed = ferror(f) != 0;
    int err = errno;
    if (fclose(f) != 0 && !failed) {
        failed = true;
        err = errno;
    }
    if (failed) {
        diag_error(d, whole, NULL, "read error: %s", strerror(err));
        free(buf);
        return NULL;
    }
    if (n > YTREE_MAX_FILE_SIZE) {
        diag_error(d, whole, NULL, "file too large (the limit is %u MiB)",
                   YTREE_MAX_FILE_SIZE / (1024 * 1024));
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

YNode *ytree_load_file(Arena *a, const char *path, Diags *d)
{
    const char *file = arena_strdup(a, path);
    size_t len = 0;
    char *buf = read_file(file, path, &len, d);
    if (!buf)
        return NULL;
    YNode *root = load_text(a, file, buf, len, d);
    free(buf);
    return root;
}

/* ------------------------------------------------------------------ */
/* Queries                                                             */

const YNode *ytree_get(const YNode *map, const char *key)
{
    if (!map || map->kind != YNODE_MAP)
        return NULL;
    for (size_t i = 0; i < map->npairs; i++)
        if (strcmp(map->pairs[i].key->str, key) == 0)
            return map->pairs[i].value;
    return NULL;
}

bool ytree_is_null(const YNode *n)
{
    if (!n || n->kind != YNODE_SCALAR || !n->plain)
        return false;
    return n->len == 0 || strcmp(n->str, "~") == 0
           || strcmp(n->str, "null") == 0 || strcmp(n->str, "Null") == 0
           || strcmp(n->str, "NULL") == 0;
}

const char *ytree_kind_name(const YNode *n)
{
    if (!n)
        return "nothing";
    switch (n->kind) {
    case YNODE_MAP: return "mapping";
    case YNODE_SEQ: return "sequence";
    case YNODE_SCALAR: return "string";
    }
    return "string";
}
