/* markup — HTML (libxml2's HTML parser) and Markdown (a line reader) to
 * paragraphs, headings and lists.  See markup.h. */
#include "import/markup.h"
#include "import/entities.h"
#include "base/buf.h"
#include "input/markdown.h"

#include "base/xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

static bool is_space(int c)
{
    /* ASCII whitespace only: U+00A0 and U+202F are words' glue, kept. */
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
           || c == '\v';
}

char *markup_collapse(Arena *a, const char *s, size_t len)
{
    char *out = arena_alloc(a, len + 1);
    size_t n = 0;
    bool space = false;
    for (size_t i = 0; i < len; i++) {
        if (is_space((unsigned char)s[i])) {
            space = n > 0;
            continue;
        }
        if (space)
            out[n++] = ' ';
        space = false;
        out[n++] = s[i];
    }
    out[n] = '\0';
    /* references left in the text by the exporting tool ("R&amp;D") */
    n = entities_decode(out, n);
    return n ? out : NULL;
}

static MarkupBlock *push(Markup *m, MarkupKind kind)
{
    if (m->n == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 8;
        m->blocks = xreallocarray(m->blocks, m->cap, sizeof *m->blocks);
    }
    MarkupBlock *b = &m->blocks[m->n++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    return b;
}

/* Items of the list being read, heap-grown, copied to the arena at the
 * end of the list. */
typedef struct Items {
    const char **v;
    size_t n, cap;
    bool numbered;
} Items;

static void items_add(Items *it, const char *s)
{
    if (!s)
        return;
    if (it->n == it->cap) {
        it->cap = it->cap ? it->cap * 2 : 8;
        it->v = xreallocarray(it->v, it->cap, sizeof *it->v);
    }
    it->v[it->n++] = s;
}

static void items_flush(Arena *a, Items *it, Markup *m)
{
    if (it->n) {
        MarkupBlock *b = push(m, MARKUP_LIST);
        b->items = arena_array(a, it->n, sizeof *b->items);
        memcpy(b->items, it->v, it->n * sizeof *it->v);
        b->nitems = it->n;
        b->numbered = it->numbered;
    }
    free(it->v);
    memset(it, 0, sizeof *it);
}

void markup_free(Markup *m)
{
    free(m->blocks);
    memset(m, 0, sizeof *m);
}

/* ------------------------------------------------------------------ */
/* HTML                                                                */

static const char *const html_tags[] = {
    "p", "br", "ul", "ol", "li", "a", "h1", "h2", "h3", "h4", "h5", "h6",
    "div", "strong", "em", "b", "i", "code", "pre", "hr", "blockquote",
    "span", "img", "table", NULL
};

bool markup_looks_html(const char *s)
{
    for (const char *p = strchr(s, '<'); p; p = strchr(p + 1, '<')) {
        const char *q = p + 1;
        if (*q == '/')
            q++;
        size_t n = 0;
        while (isalnum((unsigned char)q[n]))
            n++;
        if (!n || !(q[n] == '>' || q[n] == ' ' || q[n] == '/'))
            continue;
        for (int i = 0; html_tags[i]; i++)
            if (strlen(html_tags[i]) == n
                && strncasecmp(q, html_tags[i], n) == 0)
                return true;
    }
    return false;
}

typedef struct Html {
    Arena *a;
    Markup *m;
    Buf cur;            /* text of the paragraph or item being read */
    Items items;        /* the list being read (outermost <ul>/<ol>) */
    int list_depth;
} Html;

static bool name_is(const xmlNode *n, const char *name)
{
    return n->name && strcmp((const char *)n->name, name) == 0;
}

static bool is_heading(const xmlNode *n)
{
    const char *s = (const char *)n->name;
    return s && s[0] == 'h' && s[1] >= '1' && s[1] <= '6' && !s[2];
}

static bool is_block(const xmlNode *n)
{
    static const char *const blocks[] = {
        "p", "div", "blockquote", "pre", "section", "article", "table",
        "tr", "dl", "dt", "dd", "center", "details", "summary", "figure",
        "header", "footer", "main", "nav", "aside", "address", "li", NULL
    };
    for (int i = 0; blocks[i]; i++)
        if (name_is(n, blocks[i]))
            return true;
    return false;
}

/* End of a paragraph (or of an item: inside a list, paragraphs of one item
 * are joined by a space, since an item is one text). */
static void html_break(Html *h)
{
    if (h->list_depth) {
        buf_add(&h->cur, " ", 1);
        return;
    }
    char *t = h->cur.n ? markup_collapse(h->a, h->cur.s, h->cur.n) : NULL;
    if (t)
        push(h->m, MARKUP_PARA)->text = t;
    h->cur.n = 0;
}

static void html_item_end(Html *h)
{
    char *t = h->cur.n ? markup_collapse(h->a, h->cur.s, h->cur.n) : NULL;
    items_add(&h->items, t);
    h->cur.n = 0;
}

/* All the text under n, links included as text only. */
static void text_of(const xmlNode *n, Buf *b)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content)
                buf_str(b, (const char *)c->content);
        } else if (c->type == XML_ELEMENT_NODE) {
            if (name_is(c, "br") || is_block(c))
                buf_add(b, " ", 1);
            text_of(c, b);
        }
    }
}

/* "text (URL)"; the URL alone when the text is the URL or empty. */
static void html_link(Html *h, xmlNode *n)
{
    Buf t = {0};
    text_of(n, &t);
    char *text = t.n ? markup_collapse(h->a, t.s, t.n) : NULL;
    free(t.s);
    xmlChar *href = xmlGetProp(n, (const xmlChar *)"href");
    char *url = href ? markup_collapse(h->a, (const char *)href,
                                       strlen((const char *)href)) : NULL;
    xmlFree(href);
    if (url && strncmp(url, "mailto:", 7) == 0 && text && strcmp(text, url + 7) == 0)
        url = NULL;
    if (text)
        buf_str(&h->cur, text);
    if (url && (!text || strcmp(text, url) != 0)) {
        if (text)
            buf_add(&h->cur, " (", 2);
        buf_str(&h->cur, url);
        if (text)
            buf_add(&h->cur, ")", 1);
    }
}

static void html_walk(Html *h, xmlNode *n);

static void html_list(Html *h, xmlNode *n)
{
    if (h->list_depth == 0) {
        html_break(h);
        h->items.numbered = name_is(n, "ol");
    } else {
        html_item_end(h);   /* the parent item's text before the sublist */
    }
    h->list_depth++;
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;       /* whitespace between <li>s */
        if (name_is(c, "ul") || name_is(c, "ol")) {
            html_list(h, c);
            continue;
        }
        html_walk(h, c);
        html_item_end(h);
    }
    h->list_depth--;
    if (h->list_depth == 0)
        items_flush(h->a, &h->items, h->m);
}

static void html_walk(Html *h, xmlNode *n)
{
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content)
                buf_str(&h->cur, (const char *)c->content);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (name_is(c, "script") || name_is(c, "style") || name_is(c, "head")
            || name_is(c, "img"))
            continue;
        if (name_is(c, "br") || name_is(c, "hr")) {
            html_break(h);
        } else if (name_is(c, "ul") || name_is(c, "ol")) {
            html_list(h, c);
        } else if (name_is(c, "a")) {
            html_link(h, c);
        } else if (is_heading(c) && !h->list_depth) {
            html_break(h);
            Buf t = {0};
            text_of(c, &t);
            char *s = t.n ? markup_collapse(h->a, t.s, t.n) : NULL;
            free(t.s);
            if (s)
                push(h->m, MARKUP_HEADING)->text = s;
        } else if (is_block(c)) {
            html_break(h);
            html_walk(h, c);
            html_break(h);
        } else {
            html_walk(h, c);
        }
    }
}

bool markup_html(Arena *a, const char *s, Markup *m)
{
    int len = (int)strnlen(s, 0x7fffffff);
    /* NONET: an abstract never makes us fetch anything; errors are the
     * usual tag soup of abstracts, not the user's to fix. */
    htmlDocPtr doc = htmlReadMemory(s, len, NULL, "UTF-8",
                                    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING
                                    | HTML_PARSE_NONET);
    if (!doc)
        return false;
    Html h = { .a = a, .m = m };
    xmlNode *root = xmlDocGetRootElement(doc);
    if (root) {
        /* html_walk looks at children: give it a parent of the root. */
        html_walk(&h, (xmlNode *)doc);
        html_break(&h);
    }
    free(h.cur.s);
    free(h.items.v);
    xmlFreeDoc(doc);
    return true;
}

/* ------------------------------------------------------------------ */
/* Markdown                                                            */

/* Emphasis markers to drop: the pairs input/markdown.c matches (the
 * free pages' reader uses the same rules). */
static void emphasis_marks(const char *s, size_t len, bool *drop)
{
    MdEmph *pairs = xcalloc(len / 2 + 1, sizeof *pairs);
    size_t n = md_emphasis(s, len, pairs, len / 2 + 1);
    for (size_t k = 0; k < n; k++) {
        memset(drop + pairs[k].open, 1, pairs[k].run);
        memset(drop + pairs[k].close, 1, pairs[k].run);
    }
    free(pairs);
}

/* Inline Markdown to text: [text](url) → "text (url)", <url> → url,
 * emphasis and code markers dropped, backslash escapes resolved. */
static void md_inline(const char *s, size_t len, const bool *drop, Buf *out)
{
    size_t i = 0;
    while (i < len) {
        char c = s[i];
        if (c == '\\' && i + 1 < len && ispunct((unsigned char)s[i + 1])) {
            buf_add(out, s + i + 1, 1);
            i += 2;
            continue;
        }
        if (c == '!' && i + 1 < len && s[i + 1] == '[') {
            i++;            /* an image: its alt text, read as a link */
            continue;
        }
        if (c == '[') {
            /* [text](url): find the closing ] then (url) */
            size_t j = i + 1;
            int depth = 1;
            while (j < len && depth) {
                if (s[j] == '[')
                    depth++;
                else if (s[j] == ']')
                    depth--;
                if (depth)
                    j++;
            }
            if (j < len && j + 1 < len && s[j + 1] == '(') {
                size_t k = j + 2;
                while (k < len && s[k] != ')' && !is_space((unsigned char)s[k]))
                    k++;
                size_t url_end = k;
                while (k < len && s[k] != ')')     /* "title" after the URL */
                    k++;
                if (k < len) {
                    Buf t = {0};
                    md_inline(s + i + 1, j - i - 1, drop + i + 1, &t);
                    const char *url = s + j + 2;
                    size_t ulen = url_end - (j + 2);
                    if (ulen && url[0] == '<' && url[ulen - 1] == '>') {
                        url++;
                        ulen -= 2;
                    }
                    if (t.n)
                        buf_add(out, t.s, t.n);
                    if (ulen && !(t.n == ulen && memcmp(t.s, url, ulen) == 0)) {
                        if (t.n)
                            buf_add(out, " (", 2);
                        buf_add(out, url, ulen);
                        if (t.n)
                            buf_add(out, ")", 1);
                    }
                    free(t.s);
                    i = k + 1;
                    continue;
                }
            }
        }
        if (c == '<') {
            /* <https://...> autolink */
            size_t j = i + 1;
            while (j < len && s[j] != '>' && !is_space((unsigned char)s[j]))
                j++;
            if (j < len && s[j] == '>' && memchr(s + i, ':', j - i)
                && (strncmp(s + i + 1, "http", 4) == 0
                    || strncmp(s + i + 1, "mailto:", 7) == 0)) {
                buf_add(out, s + i + 1, j - i - 1);
                i = j + 1;
                continue;
            }
        }
        if (c == '`') {
            size_t run = 0;
            while (i + run < len && s[i + run] == '`')
                run++;
            /* a code span keeps its text and loses its ticks; a run
             * with no closing run of the same length is text */
            size_t close = 0;
            for (size_t j = i + run; j < len && !close; j++)
                if (s[j] == '`') {
                    size_t r2 = 0;
                    while (j + r2 < len && s[j + r2] == '`')
                        r2++;
                    if (r2 == run)
                        close = j;
                    j += r2 - 1;
                }
            if (close) {
                buf_add(out, s + i + run, close - i - run);
                i = close + run;
            } else {
                buf_add(out, s + i, run);
                i += run;
            }
            continue;
        }
        if (drop[i]) {
            i++;
            continue;
        }
        buf_add(out, s + i, 1);
        i++;
    }
}

typedef struct Md {
    Arena *a;
    Markup *m;
    Buf para;           /* raw lines of the paragraph being read */
    Buf item;           /* raw lines of the list item being read */
    Items items;
    bool in_list, in_item;
} Md;

static char *md_text(Arena *a, const char *s, size_t n)
{
    Buf t = {0};
    bool *drop = xcalloc(n + 1, 1);
    emphasis_marks(s, n, drop);
    md_inline(s, n, drop, &t);
    free(drop);
    char *r = t.n ? markup_collapse(a, t.s, t.n) : NULL;
    free(t.s);
    return r;
}

static void md_end_item(Md *md)
{
    if (md->in_item)
        items_add(&md->items, md_text(md->a, md->item.s, md->item.n));
    md->item.n = 0;
    md->in_item = false;
}

static void md_end_para(Md *md)
{
    if (md->para.n) {
        char *t = md_text(md->a, md->para.s, md->para.n);
        if (t)
            push(md->m, MARKUP_PARA)->text = t;
    }
    md->para.n = 0;
}

static void md_end_list(Md *md)
{
    md_end_item(md);
    if (md->in_list)
        items_flush(md->a, &md->items, md->m);
    md->in_list = false;
}

static size_t list_marker(const char *s, size_t n, bool *numbered)
{
    int number = 0;
    size_t k = md_list_marker(s, n, &number);
    *numbered = number > 0;
    return k;
}

void markup_markdown(Arena *a, const char *s, Markup *m)
{
    Md md = { .a = a, .m = m };
    bool fence = false;
    const char *p = s;
    while (*p) {
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
        /* blockquote markers: the quoted text is text */
        while (tn && *t == '>') {
            t++, tn--;
            while (tn && (*t == ' ' || *t == '\t'))
                t++, tn--;
        }
        bool numbered = false;
        size_t mk;
        if (tn >= 3 && (strncmp(t, "```", 3) == 0 || strncmp(t, "~~~", 3) == 0)) {
            fence = !fence;     /* code: its lines are read as text */
            md_end_list(&md);
        } else if (fence) {
            if (tn) {
                buf_add(&md.para, t, tn);
                buf_add(&md.para, "\n", 1);
            }
        } else if (tn == 0) {
            md_end_para(&md);
            md_end_item(&md);
        } else if (*t == '#' && ind < 4) {
            size_t h = 0;
            while (h < tn && t[h] == '#')
                h++;
            if (h <= 6 && (h == tn || t[h] == ' ' || t[h] == '\t')) {
                md_end_para(&md);
                md_end_list(&md);
                size_t e = tn;
                while (e > h && (t[e - 1] == '#' || t[e - 1] == ' '))
                    e--;    /* closing hashes */
                char *text = md_text(a, t + h, e > h ? e - h : 0);
                if (text)
                    push(m, MARKUP_HEADING)->text = text;
            } else {
                md_end_list(&md);
                buf_add(&md.para, t, tn);
                buf_add(&md.para, "\n", 1);
            }
        } else if (md_is_rule(t, tn)) {
            md_end_para(&md);
            md_end_list(&md);
        } else if ((mk = list_marker(t, tn, &numbered)) > 0) {
            md_end_para(&md);
            md_end_item(&md);
            if (!md.in_list)
                md.items.numbered = numbered;
            md.in_list = md.in_item = true;
            buf_add(&md.item, t + mk, tn - mk);
            buf_add(&md.item, "\n", 1);
        } else if (md.in_item && ind > 0) {
            /* continuation of the item.  An unindented line ends the list
             * (CommonMark would continue the item, but in plain-text
             * abstracts such a line is the next paragraph) */
            buf_add(&md.item, t, tn);
            buf_add(&md.item, "\n", 1);
        } else if (md.in_list && ind >= 2) {
            /* an indented paragraph after a blank line belongs to the
             * last item */
            md.in_item = true;
            if (md.items.n) {
                md.items.n--;   /* reopen it: re-read its text */
                buf_str(&md.item, md.items.v[md.items.n]);
                buf_add(&md.item, "\n", 1);
            }
            buf_add(&md.item, t, tn);
            buf_add(&md.item, "\n", 1);
        } else {
            md_end_list(&md);
            buf_add(&md.para, t, tn);
            buf_add(&md.para, "\n", 1);
        }
        p = next;
    }
    md_end_para(&md);
    md_end_list(&md);
    free(md.para.s);
    free(md.item.s);
    free(md.items.v);
}

/* True when s has a tag that makes paragraphs or lists. */
static bool has_block_tags(const char *s)
{
    static const char *const tags[] = { "<p", "<br", "<ul", "<ol", "<li",
        "<div", "<h1", "<h2", "<h3", "<h4", "<h5", "<h6", "<pre",
        "<blockquote", "<table", "<hr", NULL };
    for (int i = 0; tags[i]; i++) {
        size_t n = strlen(tags[i]);
        for (const char *p = s; (p = strchr(p, '<')); p++)
            if (strncasecmp(p, tags[i], n) == 0
                && (p[n] == '>' || p[n] == ' ' || p[n] == '/'))
                return true;
    }
    return false;
}

void markup_parse(Arena *a, const char *s, Markup *m)
{
    if (!s || !*s)
        return;
    if (!markup_looks_html(s)) {
        markup_markdown(a, s, m);
        return;
    }
    if (has_block_tags(s)) {
        if (!markup_html(a, s, m))
            markup_markdown(a, s, m);
        return;
    }
    /* Plain text with a few inline tags (<b>, <i>): its blank lines are
     * its paragraphs, which the HTML parser would run together. */
    const char *p = s;
    while (*p) {
        const char *e = p;
        for (;;) {
            e = strchr(e, '\n');
            if (!e)
                break;
            const char *q = e + 1;
            while (*q == ' ' || *q == '\t' || *q == '\r')
                q++;
            if (*q == '\n')
                break;
            e = q;
        }
        size_t n = e ? (size_t)(e - p) : strlen(p);
        char *chunk = xstrndup(p, n);
        if (!markup_html(a, chunk, m))
            markup_markdown(a, chunk, m);
        free(chunk);
        p += n;
        while (*p == '\n' || *p == ' ' || *p == '\t' || *p == '\r')
            p++;
    }
}

/* ------------------------------------------------------------------ */
/* Blocks to summary and sections                                      */

typedef struct Layout {
    Arena *a;
    Session *s;
    size_t cap;
    bool to_summary;
    const char *title;      /* pending heading */
    bool weak;              /* the pending title is the caller's, not a
                               heading of the text */
    Buf text;               /* paragraphs waiting, "\n\n" between */
} Layout;

static Section *add_section(Layout *l)
{
    Session *s = l->s;
    if (s->nsections == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 4;
        s->sections = arena_grow(l->a, s->sections, s->nsections, cap,
                                 sizeof *s->sections);
        l->cap = cap;
    }
    Section *sec = &s->sections[s->nsections++];
    memset(sec, 0, sizeof *sec);
    if (l->title)
        sec->title = str_of(l->title);
    l->title = NULL;
    l->weak = false;
    l->to_summary = false;  /* nothing after a section goes above it */
    return sec;
}

static void flush_text(Layout *l, bool lone_title)
{
    if (l->text.n) {
        char *t = arena_strndup(l->a, l->text.s, l->text.n);
        if (l->to_summary && !l->title && !l->s->summary.s) {
            l->s->summary = str_of(t);
            l->to_summary = false;
        } else {
            add_section(l)->text = str_of(t);
        }
        l->text.n = 0;
    } else if (lone_title && l->title && !l->weak) {
        add_section(l);
    }
}

void markup_into_session(Arena *a, const Markup *m, Session *s,
                         bool to_summary, const char *title)
{
    Layout l = { .a = a, .s = s, .cap = s->nsections,
                 .to_summary = to_summary && !s->summary.s,
                 .title = title, .weak = title != NULL };
    for (size_t i = 0; i < m->n; i++) {
        const MarkupBlock *b = &m->blocks[i];
        switch (b->kind) {
        case MARKUP_PARA:
            if (l.text.n)
                buf_add(&l.text, "\n\n", 2);
            buf_str(&l.text, b->text);
            break;
        case MARKUP_HEADING:
            flush_text(&l, true);
            l.title = b->text;
            l.weak = false;
            l.to_summary = false;
            break;
        case MARKUP_LIST: {
            flush_text(&l, false);
            if (l.weak)
                l.title = NULL;     /* "Description" heads text only */
            Section *sec = add_section(&l);
            sec->items = arena_array(a, b->nitems, sizeof *sec->items);
            for (size_t k = 0; k < b->nitems; k++)
                sec->items[k] = str_of(b->items[k]);
            sec->nitems = b->nitems;
            sec->numbered = b->numbered;
            break;
        }
        }
    }
    flush_text(&l, true);
    free(l.text.s);
}
