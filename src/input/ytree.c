/* ytree — see ytree.h.
 *
 * Three passes over the bytes:
 *   1. ytext_check: UTF-8 validity and control characters, with positions,
 *      because libyaml's reader reports neither line nor column;
 *   2. ytext_fix_surrogates / ytext_hide_separators: the text libyaml
 *      should read (see ytext_fix.c);
 *   3. build (here): libyaml events to a tree, refusing aliases, deep
 *      nesting, duplicate keys, unknown tags and extra documents.
 *
 * Positions: libyaml's marks count code points; a mark's character index
 * is turned into line:column with ytext's table of LF line starts.
 */
#include "input/ytree.h"
#include "input/ytext.h"
#include "base/infile.h"
#include "base/xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <utf8proc.h>
#include <yaml.h>

#define CORE_TAG "tag:yaml.org,2002:"
#define PATH_SIZE 256

/* ------------------------------------------------------------------ */
/* 3. Events to tree                                                   */

typedef struct Frame {
    YNode *node;
    size_t base;        /* its first child in Builder.kids */
} Frame;

typedef struct Builder {
    Arena *a;           /* nodes, pairs, lists and the keys' text */
    Arena *strings;     /* every other scalar's text (ytree.h) */
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
    const char *cur;    /* a byte of text and its character index: */
    size_t cur_index;   /* events come in document order, so finding a
                           scalar's text moves this forward only */
    bool stop;
} Builder;

static const char *index_ptr(const Builder *b, size_t index);

static SrcLoc mark_loc(const Builder *b, yaml_mark_t m)
{
    return ytext_loc(b->file, b->lines, b->fixes, m.index);
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

/* A code point that is no text: a noncharacter (U+FDD0..FDEF, U+xFFFE,
 * U+xFFFF of every plane) or a byte order mark inside the text. */
static const char *not_text(int32_t cp)
{
    if (cp == 0xFEFF)
        return "a byte order mark";
    if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE)
        return "a noncharacter";
    return NULL;
}

static int hexval(int c)
{
    return c >= '0' && c <= '9' ? c - '0'
         : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Escapes in a double-quoted scalar can write what the byte check refuses
 * in the file itself (ytext_check): every \x, \u or \U escape of a
 * noncharacter or a BOM is an error at the escape.  The stand-ins for
 * U+2028/U+2029 (ytext.h) are noncharacters too: an escaped U+FDD0 is
 * refused here, before ytext_restore_separators could turn it into a
 * separator. */
static void check_escapes(Builder *b, const yaml_event_t *ev)
{
    if (ev->data.scalar.style != YAML_DOUBLE_QUOTED_SCALAR_STYLE)
        return;
    /* the slow scan of the source only when the value holds one (an
     * escape's or a separator's stand-in) */
    const unsigned char *v = ev->data.scalar.value;
    bool suspect = false;
    for (size_t i = 0; i + 2 < ev->data.scalar.length && !suspect; i++) {
        if (v[i] == 0xEF)           /* U+FDD0..FDEF, U+FEFF, U+FFFE/F */
            suspect = (v[i + 1] == 0xB7 && v[i + 2] >= 0x90 && v[i + 2] <= 0xAF) ||
                      (v[i + 1] == 0xBB && v[i + 2] == 0xBF) ||
                      (v[i + 1] == 0xBF && v[i + 2] >= 0xBE);
        else if (v[i] >= 0xF0 && i + 3 < ev->data.scalar.length)
            suspect = (v[i + 1] & 0x0F) == 0x0F && v[i + 2] == 0xBF &&
                      v[i + 3] >= 0xBE;
    }
    if (!suspect)
        return;
    const char *p = index_ptr(b, ev->start_mark.index);
    const char *end = index_ptr(b, ev->end_mark.index);
    size_t index = ev->start_mark.index;
    for (; p < end; p++) {
        if (ytext_is_cont((unsigned char)*p))
            continue;
        size_t at = index++;
        if (*p != '\\' || p + 1 >= end)
            continue;
        int digits = p[1] == 'x' ? 2 : p[1] == 'u' ? 4 : p[1] == 'U' ? 8 : 0;
        int32_t cp = 0;
        int k = 0;
        for (; k < digits && p + 2 + k < end; k++) {
            int h = hexval((unsigned char)p[2 + k]);
            if (h < 0)
                break;
            cp = cp * 16 + h;
        }
        if (digits && k == digits && cp <= 0x10FFFF && not_text(cp)) {
            yaml_mark_t m = ev->start_mark;
            m.index = at;
            char path[PATH_SIZE];
            diag_error(b->d, mark_loc(b, m),
                       path_or_null(b, b->depth, path, sizeof path),
                       "the escape \\%c%.*s writes U+%04X, %s, which is not "
                       "allowed in text", p[1], digits, p + 2, (unsigned)cp,
                       not_text(cp));
        }
        /* skip the escaped character: "\\\\u..." is a backslash, then text */
        p++;
        index++;
    }
}

/* Whether valid UTF-8 is already in NFC, by ICU's quick check (exact:
 * "maybe" counts as no).  Most text is, and normalising it anyway (a
 * decomposition and a composition of every character) was 3 % of a
 * build.  False when ICU fails: the caller normalises. */
static bool is_nfc(const unsigned char *v, size_t len)
{
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&err);
    if (U_FAILURE(err) || len > INT32_MAX - 1)
        return false;
    UChar buf[512];
    /* UTF-16 never has more units than UTF-8 has bytes. */
    UChar *u = len < sizeof buf / sizeof *buf ? buf : xmalloc((len + 1) * sizeof *u);
    int32_t n16 = 0;
    u_strFromUTF8(u, (int32_t)len + 1, &n16, (const char *)v, (int32_t)len, &err);
    bool yes = U_SUCCESS(err) &&
               unorm2_quickCheck(nfc, u, n16, &err) == UNORM_YES && U_SUCCESS(err);
    if (u != buf)
        free(u);
    return yes;
}

/* Whether the node being read is a mapping's key: its text goes with the
 * nodes, since no caller keeps a key (ytree.h). */
static bool reading_key(const Builder *b)
{
    return b->depth > 0 && b->stack[b->depth - 1].node->kind == YNODE_MAP
           && frame_count(b, b->depth - 1) % 2 == 0;
}

/* Checks the decoded value (escapes can still produce control characters)
 * and stores it NFC-normalised. */
static void set_scalar_text(Builder *b, YNode *n, const yaml_event_t *ev)
{
    Arena *a = reading_key(b) ? b->a : b->strings;
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
        n->str = arena_strndup(a, (const char *)v, len);
        n->len = (uint32_t)len;
        return;
    }
    if (is_nfc(v, len)) {
        char *str = arena_strndup(a, (const char *)v, len);
        ytext_restore_separators(str, len);
        n->str = str;
        n->len = (uint32_t)len;
        return;
    }
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t r = utf8proc_map(v, (utf8proc_ssize_t)len, &out,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (r < 0) {
        diag_error(b->d, mark_loc(b, ev->start_mark), NULL,
                   "cannot normalise text: %s", utf8proc_errmsg(r));
        n->str = arena_strndup(a, (const char *)v, len);
        n->len = (uint32_t)len;
        return;
    }
    char *str = arena_strndup(a, (const char *)out, (size_t)r);
    free(out);
    ytext_restore_separators(str, (size_t)r);
    n->str = str;
    n->len = (uint32_t)r;
}

/* The byte of the character at index, moving the cursor there (forward
 * in document order; back to the start otherwise). */
static const char *cursor_to(Builder *b, size_t index)
{
    if (!b->cur || index < b->cur_index) {
        b->cur = b->text;
        b->cur_index = 0;
        while (b->cur < b->text + b->len && ytext_is_cont((unsigned char)*b->cur))
            b->cur++;
    }
    const char *end = b->text + b->len;
    while (b->cur < end && b->cur_index < index) {
        b->cur++;
        while (b->cur < end && ytext_is_cont((unsigned char)*b->cur))
            b->cur++;
        b->cur_index++;
    }
    return b->cur;
}

/* Where the scalar's text begins in the file (YNode.text_loc): libyaml
 * marks the indicator (a quote, | or >), and messages about a free page's
 * Markdown count lines and columns from the text.  Found in the bytes
 * read (a pipe or standard input is not read again). */
static SrcLoc scalar_text_loc(Builder *b, const yaml_event_t *ev)
{
    yaml_mark_t m = ev->start_mark;
    yaml_scalar_style_t st = ev->data.scalar.style;
    if (st == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
        st == YAML_DOUBLE_QUOTED_SCALAR_STYLE) {
        m.index++;
        return mark_loc(b, m);
    }
    if (st != YAML_LITERAL_SCALAR_STYLE && st != YAML_FOLDED_SCALAR_STYLE)
        return mark_loc(b, m);
    const char *p = cursor_to(b, m.index), *end = b->text + b->len;
    size_t idx = m.index, stop = ev->end_mark.index;
    while (p < end && *p != '\n') {     /* the indicator's line */
        if (!ytext_is_cont((unsigned char)*p))
            idx++;
        p++;
    }
    while (p < end && idx < stop) {
        p++;                            /* past the '\n' */
        idx++;
        size_t ind = 0;
        while (p + ind < end && p[ind] == ' ')
            ind++;
        if (p + ind < end && p[ind] != '\n' && p[ind] != '\r') {
            m.index = idx + ind;
            return mark_loc(b, m);
        }
        p += ind;                       /* a blank line: not in the text */
        idx += ind;
        while (p < end && *p != '\n') {
            if (!ytext_is_cont((unsigned char)*p))
                idx++;
            p++;
        }
    }
    return mark_loc(b, ev->start_mark);   /* an empty block */
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
    SrcLoc at = scalar_text_loc(b, ev);
    n->text_loc.line = at.line;
    n->text_loc.col = at.col;
    check_escapes(b, ev);
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
        f.node->nitems = (uint32_t)n;
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
        if (!ytext_is_cont((unsigned char)*p) && k++ == index)
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
        n += !ytext_is_cont((unsigned char)*q);
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
    case YAML_READER_ERROR:     /* ytext_check should have caught it */
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

/* file: the copy of the name in strings (every loc points to it). */
static YNode *load_text(Arena *a, Arena *strings, const char *file,
                        const char *bytes, size_t len, Diags *d)
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
    if (!ytext_check(file, bytes, len, d))
        return NULL;
    char *hidden;
    bytes = ytext_hide_separators(bytes, len, &hidden);
    Fixes fixes = { NULL, 0, 0 };
    char *owned = NULL;
    size_t tlen = 0;
    const char *text = ytext_fix_surrogates(bytes, len, &fixes, &tlen, &owned);
    LineMap lines;
    ytext_lines(&lines, text, tlen);
    Builder b;
    memset(&b, 0, sizeof b);
    b.a = a;
    b.strings = strings;
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

YNode *ytree_load_buffer(Arena *a, Arena *text, const char *name,
                         const char *bytes, size_t len, Diags *d)
{
    return load_text(a, text, arena_strdup(text, name), bytes, len, d);
}

YNode *ytree_load_file(Arena *a, Arena *text, const char *path, Diags *d)
{
    /* diagnostics keep the name: it must outlive the caller's string */
    InFile f;
    if (infile_read(arena_strdup(text, path), YTREE_MAX_FILE_SIZE, &f, d)
        != INFILE_OK)
        return NULL;
    YNode *root = load_text(a, text, f.name, f.bytes, f.len, d);
    infile_free(&f);
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
