/* ytext_fix — the text libyaml reads, and positions back in the file as
 * written.  See ytext.h.
 *
 * JSON writers (Python's json.dumps) escape non-BMP characters as
 * "\ud83d\ude00", which libyaml 0.2.5 rejects.  Such pairs are replaced by
 * the UTF-8 character, and libyaml itself then confirms that each
 * replacement lay inside a double-quoted scalar (elsewhere a backslash is
 * literal text and the replacement is undone).
 *
 * Line separators: libyaml follows YAML 1.1, where U+2028 and U+2029 end
 * a line even inside a plain or block scalar.  Editors, JSON and YAML 1.2
 * see ordinary characters.  They are handed to libyaml as the
 * noncharacters U+FDD0/U+FDD1 (refused in input, same length, same code
 * point count) and restored in every scalar.
 */
#include "input/ytext.h"
#include "base/xalloc.h"
#include "input/ytree.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>
#include <yaml.h>

#define MAX_FIX_ROUNDS 4
#define SURROGATE_ESCAPE_LEN 12 /* "\ud83d\ude00" */

void ytext_lines(LineMap *lm, const char *text, size_t n)
{
    size_t cap = 1024, index = 0;
    lm->start = xmalloc(cap * sizeof *lm->start);
    lm->start[0] = 0;
    lm->n = 1;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)text[i];
        if (ytext_is_cont(c))
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
SrcLoc ytext_loc(const char *file, const LineMap *lm, const Fixes *fx,
                 size_t index)
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
        if (ytext_is_cont(c))
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
const char *ytext_fix_surrogates(const char *s, size_t n, Fixes *fx,
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
const char *ytext_hide_separators(const char *s, size_t n, char **owned)
{
    *owned = NULL;
    if (!has_separators(s, n))
        return s;
    *owned = xmalloc(n + 1);
    memcpy(*owned, s, n);
    swap_separators(*owned, n, LS_PS_LEAD "\xA8", STAND_IN_LEAD "\x90");
    return *owned;
}

void ytext_restore_separators(char *s, size_t n)
{
    swap_separators(s, n, STAND_IN_LEAD "\x90", LS_PS_LEAD "\xA8");
}
