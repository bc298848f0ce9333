/* markdown — see markdown.h. */
#include "input/markdown.h"
#include "base/buf.h"
#include "base/xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

static bool is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
           || c == '\v';
}

/* ------------------------------------------------------------------ */
/* Shared lexical rules                                                */

/* ' ' for whitespace (Unicode's too: "_mot_\u202F:" closes before the
 * narrow no-break space), '.' for punctuation, 'a' for anything else —
 * CommonMark's classes for flanking delimiter runs. */
static int char_class(const char *s, size_t n)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s,
                                          (utf8proc_ssize_t)n, &cp);
    if (k <= 0)
        return 'a';
    if (cp < 0x80)
        return is_space(cp) ? ' ' : ispunct(cp) ? '.' : 'a';
    utf8proc_category_t c = utf8proc_category(cp);
    if (c == UTF8PROC_CATEGORY_ZS)
        return ' ';
    if (c >= UTF8PROC_CATEGORY_PC && c <= UTF8PROC_CATEGORY_PO)
        return '.';
    return 'a';
}

size_t md_emphasis(const char *s, size_t len, MdEmph *pairs, size_t max)
{
    struct { size_t pos, run; char c; } st[64];
    int n = 0;
    size_t np = 0;
    for (size_t i = 0; i < len;) {
        char c = s[i];
        if (c == '\\') {
            i += 2;
            continue;
        }
        if (c != '*' && c != '_') {
            i++;
            continue;
        }
        size_t run = 0;
        while (i + run < len && s[i + run] == c)
            run++;
        size_t pi = i;
        while (pi > 0 && ((unsigned char)s[pi - 1] & 0xC0) == 0x80)
            pi--;       /* back to the previous character's first byte */
        int prev = i ? char_class(s + (pi ? pi - 1 : 0), len - (pi ? pi - 1 : 0)) : ' ';
        int next = i + run < len ? char_class(s + i + run, len - i - run) : ' ';
        bool ps = prev == ' ', pp = prev == '.';
        bool ns = next == ' ', nx = next == '.';
        bool left = !ns && (!nx || ps || pp);
        bool right = !ps && (!pp || ns || nx);
        bool can_open = left, can_close = right;
        if (c == '_') {
            can_open = left && (!right || pp);
            can_close = right && (!left || nx);
        }
        bool closed = false;
        if (can_close)
            for (int k = n - 1; k >= 0; k--)
                if (st[k].c == c && st[k].run == run) {
                    if (np < max)
                        pairs[np++] = (MdEmph){ st[k].pos, i, run };
                    n = k;
                    closed = true;
                    break;
                }
        if (!closed && can_open && n < 64) {
            st[n].pos = i;
            st[n].run = run;
            st[n].c = c;
            n++;
        }
        i += run;
    }
    return np;
}

size_t md_list_marker(const char *s, size_t n, int *number)
{
    size_t i = 0;
    if (n >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+')
        && (s[1] == ' ' || s[1] == '\t')) {
        *number = 0;
        i = 2;
    } else if (n >= 4 && memcmp(s, "\xE2\x80\xA2", 3) == 0
               && (s[3] == ' ' || s[3] == '\t')) {
        *number = 0;    /* "•": plain text pasted from a word processor */
        i = 4;
    } else {
        while (i < n && i < 9 && isdigit((unsigned char)s[i]))
            i++;
        if (!i || i + 1 >= n || (s[i] != '.' && s[i] != ')')
            || (s[i + 1] != ' ' && s[i + 1] != '\t'))
            return 0;
        *number = atoi(s);
        if (*number < 1)
            *number = 1;
        i += 2;
    }
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i;
}

bool md_is_rule(const char *s, size_t n)
{
    char c = 0;
    int count = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ' || s[i] == '\t')
            continue;
        if (s[i] != '-' && s[i] != '*' && s[i] != '_')
            return false;
        if (c && s[i] != c)
            return false;
        c = s[i];
        count++;
    }
    return count >= 3;
}

/* ------------------------------------------------------------------ */
/* The free-page reader                                                */

/* A block being read: its raw text with, per byte, the file position of
 * that byte (line, column), so inline errors are located exactly. */
typedef struct Raw {
    Buf text;
    int *line, *col;
    size_t cap;
} Raw;

typedef struct Reader {
    Arena *a;
    const MdSource *src;
    Diags *d;
    TextBlock *v;
    size_t n, cap;
    Raw raw;
    int kind;           /* of the block in raw: -1 none */
    int number;
    SrcLoc loc;
} Reader;

static int cols_of(const char *s, size_t n)
{
    int c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

static SrcLoc pos(const Reader *r, int line, const char *ls, const char *at)
{
    return srcloc(r->src->file, r->src->first_line + line,
                  r->src->first_col + cols_of(ls, (size_t)(at - ls)));
}

static void raw_add(Reader *r, const char *s, size_t n, int line,
                    const char *ls)
{
    Raw *w = &r->raw;
    if (w->text.n + n + 1 > w->cap) {
        w->cap = (w->text.n + n + 1) * 2;
        w->line = xreallocarray(w->line, w->cap, sizeof *w->line);
        w->col = xreallocarray(w->col, w->cap, sizeof *w->col);
    }
    for (size_t i = 0; i < n; i++) {
        SrcLoc l = pos(r, line, ls, s + i);
        w->line[w->text.n + i] = l.line;
        w->col[w->text.n + i] = l.col;
    }
    buf_add(&w->text, s, n);
    SrcLoc end = pos(r, line, ls, s + n);
    w->line[w->text.n] = end.line;
    w->col[w->text.n] = end.col;
    buf_add(&w->text, "\n", 1);
}

static SrcLoc raw_loc(const Reader *r, size_t i)
{
    return srcloc(r->src->file, r->raw.line[i], r->raw.col[i]);
}

typedef struct Runs {
    TextRun *v;
    size_t n, cap;
    Buf cur;
    bool bold, italic;
    const char *uri;
    SrcLoc loc;
} Runs;

static void run_flush(Reader *r, Runs *u)
{
    if (u->cur.n) {
        if (u->n == u->cap) {
            u->cap = u->cap ? u->cap * 2 : 4;
            u->v = xreallocarray(u->v, u->cap, sizeof *u->v);
        }
        TextRun *t = &u->v[u->n++];
        t->s = arena_strndup(r->a, u->cur.s, u->cur.n);
        t->len = u->cur.n;
        t->bold = u->bold;
        t->italic = u->italic;
        t->uri = u->uri;
        t->loc = u->loc;
    }
    u->cur.n = 0;
}

static void run_add(Reader *r, Runs *u, const char *s, size_t n, SrcLoc at)
{
    if (!u->cur.n)
        u->loc = at;
    buf_add(&u->cur, s, n);
    (void)r;
}

static void bad(Reader *r, SrcLoc at, const char *what)
{
    diag_error(r->d, at, r->src->field, "%s", what);
}

/* Inline text of raw[b, e) into runs; em marks emphasis markers: +1 opens
 * italic, +2 bold (+3 both), negative closes. */
static void inline_runs(Reader *r, Runs *u, size_t b, size_t e,
                        const signed char *em, const char *uri)
{
    const char *s = r->raw.text.s;
    u->uri = uri;
    for (size_t i = b; i < e;) {
        char c = s[i];
        if (em[i]) {
            int k = em[i] < 0 ? -em[i] : em[i];
            run_flush(r, u);
            if (k & 1)
                u->italic = em[i] > 0;
            if (k & 2)
                u->bold = em[i] > 0;
            size_t run = (size_t)(k == 3 ? 3 : k);
            i += run;
            continue;
        }
        if (c == '\\' && i + 1 < e && ispunct((unsigned char)s[i + 1])) {
            run_add(r, u, s + i + 1, 1, raw_loc(r, i));
            i += 2;
            continue;
        }
        if (c == '!' && i + 1 < e && s[i + 1] == '[') {
            bad(r, raw_loc(r, i), "images in text are not supported; list "
                "them under the page's images: (docs/format.md, Free pages)");
            i += 2;
            continue;
        }
        if (c == '`') {
            bad(r, raw_loc(r, i), "code spans are not supported; write the "
                "text without backquotes");
            const char *close = memchr(s + i + 1, '`', e - i - 1);
            i = close ? (size_t)(close - s) + 1 : e;
            continue;
        }
        if (c == '<') {
            size_t j = i + 1;
            while (j < e && s[j] != '>' && !is_space((unsigned char)s[j]))
                j++;
            if (j < e && s[j] == '>' && (strncmp(s + i + 1, "http", 4) == 0
                                         || strncmp(s + i + 1, "mailto:", 7) == 0)) {
                run_flush(r, u);
                const char *link = arena_strndup(r->a, s + i + 1, j - i - 1);
                u->uri = link;
                run_add(r, u, link, j - i - 1, raw_loc(r, i + 1));
                run_flush(r, u);
                u->uri = uri;
                i = j + 1;
                continue;
            }
            if (i + 1 < e && (isalpha((unsigned char)s[i + 1]) || s[i + 1] == '/')) {
                bad(r, raw_loc(r, i), "HTML is not supported; use the "
                    "Markdown subset (docs/format.md, Free pages)");
                i = j < e ? j + 1 : e;
                continue;
            }
        }
        if (c == '[' && !uri) {
            size_t j = i + 1;
            int depth = 1;
            while (j < e && depth) {
                if (s[j] == '[')
                    depth++;
                else if (s[j] == ']')
                    depth--;
                if (depth)
                    j++;
            }
            if (j + 1 < e && s[j + 1] == '(') {
                size_t k = j + 2;
                while (k < e && s[k] != ')' && !is_space((unsigned char)s[k]))
                    k++;
                if (k < e && s[k] == ')' && k > j + 2) {
                    run_flush(r, u);
                    const char *link = arena_strndup(r->a, s + j + 2, k - j - 2);
                    inline_runs(r, u, i + 1, j, em, link);
                    run_flush(r, u);
                    u->uri = uri;
                    i = k + 1;
                    continue;
                }
                bad(r, raw_loc(r, j + 1), "a link is [text](URL), with the URL "
                    "in parentheses and no space in it");
            }
        }
        size_t n = 1;
        while (i + n < e && ((unsigned char)s[i + n] & 0xC0) == 0x80)
            n++;
        run_add(r, u, c == '\n' ? " " : s + i, n, raw_loc(r, i));
        i += n;
    }
    run_flush(r, u);
}

static void end_block(Reader *r)
{
    if (r->kind < 0 || !r->raw.text.n) {
        r->kind = -1;
        r->raw.text.n = 0;
        return;
    }
    size_t len = r->raw.text.n;
    const char *s = r->raw.text.s;
    MdEmph *pairs = xcalloc(len / 2 + 1, sizeof *pairs);
    size_t np = md_emphasis(s, len, pairs, len / 2 + 1);
    signed char *em = xcalloc(len + 1, 1);
    for (size_t k = 0; k < np; k++) {
        int run = pairs[k].run > 3 ? 3 : (int)pairs[k].run;
        em[pairs[k].open] = (signed char)run;
        em[pairs[k].close] = (signed char)-run;
    }
    free(pairs);
    Runs u = { 0 };
    inline_runs(r, &u, 0, len, em, NULL);
    free(em);
    free(u.cur.s);
    if (u.n) {
        if (r->n == r->cap) {
            r->cap = r->cap ? r->cap * 2 : 8;
            r->v = xreallocarray(r->v, r->cap, sizeof *r->v);
        }
        TextBlock *bk = &r->v[r->n++];
        bk->kind = r->kind;
        bk->number = r->number;
        bk->runs = arena_array(r->a, u.n, sizeof *u.v);
        memcpy(bk->runs, u.v, u.n * sizeof *u.v);
        bk->nruns = u.n;
        bk->loc = r->loc;
    }
    free(u.v);
    r->kind = -1;
    r->raw.text.n = 0;
}

static void start_block(Reader *r, int kind, int number, SrcLoc at)
{
    end_block(r);
    r->kind = kind;
    r->number = number;
    r->loc = at;
}

size_t md_read(Arena *a, const char *text, const MdSource *src, Diags *d,
               TextBlock **out)
{
    Reader r = { .a = a, .src = src, .d = d, .kind = -1 };
    bool in_list = false, blank = false, fence = false;
    int line = 0;
    for (const char *p = text; *p; line++) {
        const char *eol = strchr(p, '\n');
        size_t n = eol ? (size_t)(eol - p) : strlen(p);
        const char *next = eol ? eol + 1 : p + n;
        while (n && (p[n - 1] == '\r' || p[n - 1] == ' ' || p[n - 1] == '\t'))
            n--;
        size_t ind = 0;
        while (ind < n && (p[ind] == ' ' || p[ind] == '\t'))
            ind++;
        const char *t = p + ind;
        size_t tn = n - ind;
        SrcLoc at = pos(&r, line, p, t);
        int number = 0;
        size_t mk;
        if (tn == 0) {
            end_block(&r);
            blank = true;
            p = next;
            continue;
        }
        bool fence_line = tn >= 3 && (strncmp(t, "```", 3) == 0
                                      || strncmp(t, "~~~", 3) == 0);
        if (fence) {
            fence = !fence_line;    /* the block's lines: reported once */
        } else if (fence_line) {
            bad(&r, at, "code blocks are not supported");
            fence = true;
        } else if (*t == '>') {
            bad(&r, at, "block quotes are not supported");
        } else if (*t == '|') {
            bad(&r, at, "tables are not supported; use a list");
        } else if (*t == '<' && tn > 1 && (isalpha((unsigned char)t[1]) || t[1] == '/')
                   && !(strncmp(t + 1, "http", 4) == 0 || strncmp(t + 1, "mailto:", 7) == 0)) {
            bad(&r, at, "HTML is not supported; use the Markdown subset "
                "(docs/format.md, Free pages)");
        } else if (*t == '#') {
            size_t h = 0;
            while (h < tn && t[h] == '#')
                h++;
            if (h < tn && t[h] != ' ' && t[h] != '\t') {
                start_block(&r, BLOCK_PARA, 0, at);  /* "#hashtag" is text */
                raw_add(&r, t, tn, line, p);
            } else if (h > 3) {
                bad(&r, at, "headings go down to ### only");
            } else {
                size_t e = tn;
                while (e > h && (t[e - 1] == '#' || t[e - 1] == ' '))
                    e--;
                size_t b = h;
                while (b < e && (t[b] == ' ' || t[b] == '\t'))
                    b++;
                start_block(&r, BLOCK_HEADING, 0, at);
                raw_add(&r, t + b, e - b, line, p);
                end_block(&r);
                in_list = false;
            }
        } else if (md_is_rule(t, tn)) {
            bad(&r, at, r.kind == BLOCK_PARA && !blank
                ? "underlined headings are not supported; write ## Heading"
                : "horizontal rules are not supported");
        } else if (tn > 1 && strspn(t, "=") == tn && r.kind == BLOCK_PARA
                   && !blank) {
            bad(&r, at, "underlined headings are not supported; write # Heading");
        } else if ((mk = md_list_marker(t, tn, &number)) > 0) {
            if (ind >= 2 && in_list)
                bad(&r, at, "nested lists are not supported; a free page's "
                    "lists have one level");
            start_block(&r, BLOCK_ITEM, number, at);
            raw_add(&r, t + mk, tn - mk, line, p);
            in_list = true;
        } else if (r.kind == BLOCK_ITEM && !blank && ind > 0) {
            raw_add(&r, t, tn, line, p);    /* the item goes on */
        } else if (r.kind == BLOCK_PARA && !blank) {
            raw_add(&r, t, tn, line, p);
        } else if (ind >= 4) {
            bad(&r, at, "indented code blocks are not supported; remove the "
                "indentation");
        } else {
            start_block(&r, BLOCK_PARA, 0, at);
            raw_add(&r, t, tn, line, p);
            in_list = false;
        }
        blank = false;
        p = next;
    }
    end_block(&r);
    free(r.raw.text.s);
    free(r.raw.line);
    free(r.raw.col);
    *out = NULL;
    if (r.n) {
        *out = arena_array(a, r.n, sizeof **out);
        memcpy(*out, r.v, r.n * sizeof *r.v);
    }
    free(r.v);
    return r.n;
}
