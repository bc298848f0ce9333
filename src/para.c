#include "para.h"
#include "xalloc.h"

#include <linebreak.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

enum { P_BOX, P_GLUE, P_PEN };

/* One item of the horizontal list (Knuth–Plass's boxes, glue, penalties). */
typedef struct PItem {
    unsigned char kind;
    bool flagged;           /* P_PEN: a hyphen is drawn if we break here */
    short font;             /* P_BOX: FontSet index */
    short style;            /* StyleId */
    int span;               /* index of the span the item came from */
    uint32_t off, len;      /* P_BOX: bytes in the clean buffer */
    double w, st, sh;       /* width; glue stretch and shrink */
    int pen;                /* P_PEN: cost; >= VLIST_INF forbids */
} PItem;

/* A text run being assembled for one text item: characters of one font,
 * style and span that follow each other on the line. */
typedef struct Run {
    bool have;
    short font, style;
    int span;
    double x, w;
    char *buf;              /* scratch; copied into the arena on flush */
    size_t len, cap;
} Run;

/* Scratch buffers reused by every paragraph of a run. */
typedef struct Scratch {
    char *src;              /* spans concatenated */
    size_t srccap;
    char *brk;              /* libunibreak result per byte of src */
    unsigned char *flags;   /* per byte of src: F_URL, F_HYPH */
    size_t brkcap;
    char *clean;            /* the characters that will be drawn */
    size_t cleanlen, cleancap;
    PItem *items;
    size_t nitems, itemcap;
    size_t *breaks;
    size_t nbreaks, breakcap;
    size_t *spanstart;
    size_t spancap;
    Run run;                /* the text run being assembled */
} Scratch;

enum { F_URL = 1, F_HYPH = 2 };

#define PEN_HYPHEN 50
#define PEN_EMERGENCY 1000  /* between characters of a too-long word */
#define MAX_STRETCH 3.0     /* adjustment ratio beyond which a line is ragged */

static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return p;
    size_t c = *cap ? *cap : 64;
    while (c < need)
        c *= 2;
    *cap = c;
    return xreallocarray(p, c, size);
}

bool text_ctx_init(TextCtx *t, const Style *s, FontSet *fonts,
                   Hyphenator *h, Diags *d)
{
    memset(t, 0, sizeof *t);
    t->style = s;
    t->fonts = fonts;
    t->hyph = h;
    t->d = d;
    for (int i = 0; i < FONT_MAX; i++)
        t->doc_font[i] = -1;
    bool ok = true;
    for (int f = 0; f < NFAMILIES; f++)
        for (int k = 0; k < NFACES; k++) {
            FontChain *c = &t->chain[f][k];
            int idx = font_add(fonts, s->face[f][k], d);
            if (idx < 0) {
                ok = false;
                continue;
            }
            c->font[c->n++] = idx;
            bool bold = k == FACE_BOLD || k == FACE_BOLD_ITALIC;
            const char **fb = bold ? s->fallback_bold : s->fallback;
            int nfb = bold ? s->nfallback_bold : s->nfallback;
            for (int j = 0; j < nfb && c->n < FONT_CHAIN_MAX; j++) {
                int fi = font_add(fonts, fb[j], d);
                if (fi < 0)
                    ok = false;
                else
                    c->font[c->n++] = fi;
            }
        }
    t->warned = xcalloc(0x110000 / 8, 1);
    init_linebreak();
    Scratch *sc = xcalloc(1, sizeof *sc);
    t->scratch = sc;
    return ok;
}

void text_ctx_fini(TextCtx *t)
{
    Scratch *sc = t->scratch;
    if (sc) {
        free(sc->src);
        free(sc->brk);
        free(sc->flags);
        free(sc->clean);
        free(sc->items);
        free(sc->breaks);
        free(sc->spanstart);
        free(sc->run.buf);
        free(sc);
    }
    free(t->warned);
    memset(t, 0, sizeof *t);
}

const FontChain *text_chain(TextCtx *t, const TextStyle *ts)
{
    int face = ts->bold ? (ts->italic ? FACE_BOLD_ITALIC : FACE_BOLD)
                        : (ts->italic ? FACE_ITALIC : FACE_REGULAR);
    return &t->chain[ts->family][face];
}

/* ---------------------------------------------------------------------
 * Characters
 */

/* Characters that shape text but are never drawn. */
static bool invisible(int32_t cp)
{
    return cp == 0xAD || cp == 0x200B || cp == 0x200C || cp == 0x200D ||
           cp == 0x2060 || cp == 0xFEFF || (cp >= 0xFE00 && cp <= 0xFE0F) ||
           (cp >= 0xE0100 && cp <= 0xE01EF) || cp == 0x180E;
}

static bool is_space(int32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r';
}

static bool is_letter(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LL ||
           c == UTF8PROC_CATEGORY_LT || c == UTF8PROC_CATEGORY_LM ||
           c == UTF8PROC_CATEGORY_LO || c == UTF8PROC_CATEGORY_MN ||
           c == UTF8PROC_CATEGORY_MC;
}

static int32_t next_cp(const char *s, size_t len, size_t i, size_t *k)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                          (utf8proc_ssize_t)(len - i), &cp);
    if (n <= 0) {   /* text is validated on input; be safe anyway */
        *k = 1;
        return 0xFFFD;
    }
    *k = (size_t)n;
    return cp;
}

/* Warn once per code point that no font can draw it. */
static void warn_missing(TextCtx *t, int32_t cp, const Span *sp)
{
    if (cp < 0 || cp >= 0x110000)
        return;
    if (t->warned[cp >> 3] & (1u << (cp & 7)))
        return;
    t->warned[cp >> 3] |= (unsigned char)(1u << (cp & 7));
    char utf8[5] = { 0 };
    utf8proc_encode_char(cp, (utf8proc_uint8_t *)utf8);
    if (cp > 0xFFFF)
        diag_warn(t->d, sp->loc, sp->field,
                  "U+%04X '%s' is outside the Basic Multilingual Plane, which "
                  "the PDF writer (libharu 2.3.0) cannot embed; it is left out",
                  (unsigned)cp, utf8);
    else
        diag_warn(t->d, sp->loc, sp->field,
                  "U+%04X '%s' has no glyph in the layout's fonts; it is left "
                  "out", (unsigned)cp, utf8);
}

/* ---------------------------------------------------------------------
 * Step 1: items
 */

static PItem *push(Scratch *sc, int kind)
{
    sc->items = grow(sc->items, &sc->itemcap, sc->nitems + 1, sizeof *sc->items);
    PItem *it = &sc->items[sc->nitems++];
    memset(it, 0, sizeof *it);
    it->kind = (unsigned char)kind;
    return it;
}

static void push_pen(Scratch *sc, int pen, bool flagged, double w, int span)
{
    /* Two break opportunities in a row are one. */
    if (sc->nitems && sc->items[sc->nitems - 1].kind != P_BOX)
        return;
    PItem *p = push(sc, P_PEN);
    p->pen = pen;
    p->flagged = flagged;
    p->w = w;
    p->span = span;
}

/* Mark URL zones and hyphenation points on the source bytes. */
static void mark_words(TextCtx *t, Scratch *sc, const ParaSpec *p, size_t len,
                       const HyphLang *hl)
{
    memset(sc->flags, 0, len);
    size_t i = 0, si = 0;
    while (i < len) {
        size_t k;
        int32_t cp = next_cp(sc->src, len, i, &k);
        if (is_space(cp)) {
            i += k;
            continue;
        }
        size_t start = i, end = i;
        bool shy = false;
        while (end < len) {
            cp = next_cp(sc->src, len, end, &k);
            if (is_space(cp))
                break;
            shy |= cp == 0xAD;
            end += k;
        }
        while (si + 1 < p->nspans && sc->spanstart[si + 1] <= start)
            si++;
        const char *w = sc->src + start;
        size_t wl = end - start;
        bool url = p->spans[si].url ||
                   (wl > 7 && strncmp(w, "http://", 7) == 0) ||
                   (wl > 8 && strncmp(w, "https://", 8) == 0) ||
                   (wl > 4 && strncmp(w, "www.", 4) == 0) ||
                   (wl > 7 && strncmp(w, "(http", 5) == 0);
        if (url) {
            memset(sc->flags + start, F_URL, wl);
        } else if (hl && !shy &&
                   t->style->text[p->spans[si].style].hyphenate) {
            /* Hyphenate each run of letters on its own: apostrophes and
             * explicit hyphens end a run (guide/text.md §4). */
            size_t j = start;
            while (j < end) {
                cp = next_cp(sc->src, len, j, &k);
                if (!is_letter(cp)) {
                    j += k;
                    continue;
                }
                size_t rs = j;
                bool lower = false;
                while (j < end) {
                    cp = next_cp(sc->src, len, j, &k);
                    if (!is_letter(cp))
                        break;
                    lower |= utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
                    j += k;
                }
                if (!lower)
                    continue;   /* acronyms (COVID, UNESCO) stay whole */
                unsigned char pts[64];
                size_t ncp = hyph_word(hl, sc->src + rs, j - rs, pts, sizeof pts);
                size_t b = rs;
                for (size_t c = 0; c < ncp; c++) {
                    next_cp(sc->src, len, b, &k);
                    b += k;
                    if (pts[c])
                        sc->flags[b - 1] |= F_HYPH;
                }
            }
        }
        i = end;
    }
}

static double space_width(TextCtx *t, StyleId st)
{
    const TextStyle *ts = &t->style->text[st];
    int f = font_pick(t->fonts, text_chain(t, ts), ' ');
    return f < 0 ? ts->size * 0.25 : font_advance(t->fonts, f, ' ') * ts->size / 1000.0;
}

static double hyphen_width(TextCtx *t, StyleId st, int font)
{
    const TextStyle *ts = &t->style->text[st];
    return font_advance(t->fonts, font, '-') * ts->size / 1000.0;
}

static void build_items(TextCtx *t, Scratch *sc, const ParaSpec *p, size_t len)
{
    sc->nitems = 0;
    sc->cleanlen = 0;
    sc->clean = grow(sc->clean, &sc->cleancap, len + 1, 1);
    size_t si = 0;
    PItem *box = NULL;
    bool pending_space = false;
    for (size_t i = 0; i < len;) {
        while (si + 1 < p->nspans && sc->spanstart[si + 1] <= i)
            si++;
        const Span *sp = &p->spans[si];
        const TextStyle *ts = &t->style->text[sp->style];
        size_t k;
        int32_t cp = next_cp(sc->src, len, i, &k);
        size_t last = i + k - 1;    /* last byte of this character */
        if (is_space(cp)) {
            pending_space = sc->nitems > 0;
            box = NULL;
            i += k;
            continue;
        }
        if (pending_space) {
            PItem *g = push(sc, P_GLUE);
            g->w = space_width(t, sp->style);
            g->st = g->w / 2;
            g->sh = g->w / 3;
            g->span = (int)si;
            g->style = (short)sp->style;
            pending_space = false;
            box = NULL;
        }
        if (cp == 0xAD) {
            int f = box ? box->font : font_pick(t->fonts, text_chain(t, ts), '-');
            push_pen(sc, PEN_HYPHEN, true, f < 0 ? 0 : hyphen_width(t, sp->style, f),
                     (int)si);
            box = NULL;
        } else if (cp == 0x200B) {
            push_pen(sc, 0, false, 0, (int)si);
            box = NULL;
        } else if (!invisible(cp)) {
            int f = font_pick(t->fonts, text_chain(t, ts), (uint32_t)cp);
            if (f < 0) {
                warn_missing(t, cp, sp);
            } else {
                if (!box || box->font != f || box->span != (int)si) {
                    box = push(sc, P_BOX);
                    box->font = (short)f;
                    box->style = (short)sp->style;
                    box->span = (int)si;
                    box->off = (uint32_t)sc->cleanlen;
                }
                memcpy(sc->clean + sc->cleanlen, sc->src + i, k);
                sc->cleanlen += k;
                box->len += (uint32_t)k;
                box->w += font_advance(t->fonts, f, (uint32_t)cp) * ts->size / 1000.0;
            }
        }
        /* Break opportunity after this character (not before a space:
         * that one is the glue's). */
        size_t nk;
        bool next_space = last + 1 >= len ||
                          is_space(next_cp(sc->src, len, last + 1, &nk));
        if (!next_space && box) {
            if (sc->flags[last] & F_URL) {
                if (strchr("/?&=-", sc->src[last]) &&
                    !(sc->src[last] == '/' && last + 1 < len &&
                      sc->src[last + 1] == '/')) {
                    push_pen(sc, 0, false, 0, (int)si);
                    box = NULL;
                }
            } else if (sc->flags[last] & F_HYPH) {
                push_pen(sc, PEN_HYPHEN, true, hyphen_width(t, sp->style, box->font),
                         (int)si);
                box = NULL;
            } else if (sc->brk[last] == LINEBREAK_ALLOWBREAK && cp != 0xAD &&
                       cp != 0x200B) {
                push_pen(sc, 0, false, 0, (int)si);
                box = NULL;
            }
        }
        i += k;
    }
    /* Drop trailing break opportunities. */
    while (sc->nitems && sc->items[sc->nitems - 1].kind != P_BOX)
        sc->nitems--;
}

/* A box wider than the measure is cut between characters, with a high
 * penalty, so the breaker can force it apart (long URLs, identifiers). */
static void split_wide(TextCtx *t, Scratch *sc, double measure)
{
    size_t n = sc->nitems;
    bool any = false;
    for (size_t i = 0; i < n; i++)
        if (sc->items[i].kind == P_BOX && sc->items[i].w > measure)
            any = true;
    if (!any)
        return;
    PItem *old = xmalloc(n * sizeof *old);
    memcpy(old, sc->items, n * sizeof *old);
    sc->nitems = 0;
    for (size_t i = 0; i < n; i++) {
        PItem it = old[i];
        if (it.kind != P_BOX || it.w <= measure) {
            *push(sc, it.kind) = it;
            continue;
        }
        const TextStyle *ts = &t->style->text[it.style];
        size_t j = it.off, end = it.off + it.len;
        while (j < end) {
            size_t k;
            int32_t cp = next_cp(sc->clean, sc->cleanlen, j, &k);
            if (j > it.off) {
                PItem *pen = push(sc, P_PEN);
                pen->pen = PEN_EMERGENCY;
                pen->span = it.span;
            }
            PItem *b = push(sc, P_BOX);
            *b = it;
            b->off = (uint32_t)j;
            b->len = (uint32_t)k;
            b->w = font_advance(t->fonts, it.font, (uint32_t)cp) * ts->size / 1000.0;
            j += k;
        }
    }
    free(old);
}

/* ---------------------------------------------------------------------
 * Step 2: breaks (first fit)
 */

static bool legal_break(const Scratch *sc, size_t i)
{
    const PItem *it = &sc->items[i];
    if (it->kind == P_PEN)
        return it->pen < VLIST_INF;
    if (it->kind == P_GLUE)
        return i > 0 && sc->items[i - 1].kind == P_BOX;
    return false;
}

static size_t skip_discardable(const Scratch *sc, size_t i)
{
    while (i < sc->nitems && sc->items[i].kind != P_BOX)
        i++;
    return i;
}

static void add_break(Scratch *sc, size_t b)
{
    sc->breaks = grow(sc->breaks, &sc->breakcap, sc->nbreaks + 1, sizeof *sc->breaks);
    sc->breaks[sc->nbreaks++] = b;
}

/* Break before item index b (b == nitems: end of paragraph). */
static void break_first_fit(Scratch *sc, double first_w, double rest_w)
{
    sc->nbreaks = 0;
    size_t start = skip_discardable(sc, 0);
    while (start < sc->nitems) {
        double measure = sc->nbreaks == 0 ? first_w : rest_w;
        double w = 0, sh = 0;
        size_t best = 0;
        bool have = false;
        size_t i = start;
        for (; i < sc->nitems; i++) {
            const PItem *it = &sc->items[i];
            if (legal_break(sc, i)) {
                double lw = w + (it->kind == P_PEN && it->flagged ? it->w : 0);
                if (lw - sh <= measure + 1e-6) {
                    best = i;
                    have = true;
                } else {
                    break;
                }
            }
            if (it->kind == P_BOX) {
                w += it->w;
                if (have && w - sh > measure + 1e-6)
                    break;
            } else if (it->kind == P_GLUE) {
                w += it->w;
                sh += it->sh;
            }
        }
        if (i >= sc->nitems && w - sh <= measure + 1e-6)
            break;                      /* the rest fits on this line */
        if (!have) {
            /* Nothing fits: take the first break after start (overfull;
             * only a single character wider than the line gets here). */
            for (best = start + 1; best < sc->nitems && !legal_break(sc, best); best++)
                ;
            if (best >= sc->nitems)
                break;
        }
        add_break(sc, best);
        start = skip_discardable(sc, best + 1);
    }
    add_break(sc, sc->nitems);
}

/* ---------------------------------------------------------------------
 * Step 3: lines
 */

static void line_metrics(const TextStyle *ts, double *h, double *d)
{
    *d = (ts->leading - ts->size) / 2 + ts->size * 0.22;
    *h = ts->leading - *d;
}

static void run_append(Run *r, const char *s, size_t n, double w)
{
    r->buf = grow(r->buf, &r->cap, r->len + n + 1, 1);
    memcpy(r->buf + r->len, s, n);
    r->len += n;
    r->w += w;
}

static void run_flush(TextCtx *t, Arena *a, VItem *box, Run *r)
{
    if (!r->have)
        return;
    const TextStyle *ts = &t->style->text[r->style];
    Item *ti = vbox_add(a, box, ITEM_TEXT);
    ti->x = r->x;
    ti->y = 0;
    ti->w = r->w;
    ti->color = ts->color;
    ti->u.text.font = r->font;    /* FontSet index = DocList font index */
    ti->u.text.size = ts->size;
    ti->u.text.utf8 = arena_strndup(a, r->buf, r->len);
    ti->u.text.len = r->len;
    r->have = false;
    r->len = 0;
    r->w = 0;
}

static void run_start(Run *r, const PItem *it, double x)
{
    r->have = true;
    r->font = it->font;
    r->style = it->style;
    r->span = it->span;
    r->x = x;
    r->len = 0;
    r->w = 0;
}

/* Extend the run's link rectangle, or start one, for a box with a URI. */
static Item *link_box(TextCtx *t, Arena *a, VItem *box, Item *last,
                      const char *uri, const PItem *it, double x)
{
    if (last && last->u.uri.uri == uri && last->x + last->w >= x - 6) {
        last->w = x + it->w - last->x;
        return last;
    }
    const TextStyle *ts = &t->style->text[it->style];
    Item *u = vbox_add(a, box, ITEM_URI);
    u->x = x;
    u->y = -ts->size * 0.25;
    u->w = it->w;
    u->h = ts->size * 1.05;
    u->u.uri.uri = uri;
    return u;
}

static void emit_line(TextCtx *t, Arena *a, const ParaSpec *p, Scratch *sc,
                      size_t from, size_t to, bool first, bool last,
                      VItem *box)
{
    from = skip_discardable(sc, from);
    double measure = p->width - p->left - (first ? p->first : 0);
    double w = 0, st = 0, sh = 0;
    for (size_t i = from; i < to; i++) {
        const PItem *it = &sc->items[i];
        if (it->kind == P_BOX)
            w += it->w;
        else if (it->kind == P_GLUE) {
            w += it->w;
            st += it->st;
            sh += it->sh;
        }
    }
    const PItem *brk = to < sc->nitems ? &sc->items[to] : NULL;
    bool hyphen = brk && brk->kind == P_PEN && brk->flagged;
    if (hyphen)
        w += brk->w;
    double r = 0;
    if (w > measure + 1e-6)
        r = sh > 0 ? (measure - w) / sh : 0;
    else if (p->align == ALIGN_JUSTIFY && !last)
        r = st > 0 ? (measure - w) / st : 0;
    if (r < -1) {
        r = -1;
        t->overfull++;
    }
    if (r > 1)
        t->loose++;
    /* A line that would need its spaces stretched past MAX_STRETCH (gaps
     * of several spaces: rivers, and readers that take them for columns)
     * is set ragged instead, as a typesetter would rather than letter-space
     * it.  Knuth–Plass makes such lines rarer; it cannot rule them out
     * before an unbreakable URL. */
    if (r > MAX_STRETCH)
        r = 0;
    t->lines++;
    if (hyphen)
        t->hyphenated++;
    double x = p->left + (first ? p->first : 0);
    if (r == 0 && w < measure) {
        if (p->align == ALIGN_CENTER)
            x += (measure - w) / 2;
        else if (p->align == ALIGN_RIGHT)
            x += measure - w;
    }
    /* Boxes of one font that touch become one text item; so does a space
     * set at its natural width in that same font (ragged lines): fewer
     * text operators, and the viewer advances the run exactly as measured,
     * since both use the font's /W widths. */
    Run *run = &sc->run;
    run->have = false;
    Item *last_uri = NULL;
    for (size_t i = from; i < to; i++) {
        const PItem *it = &sc->items[i];
        if (it->kind == P_GLUE) {
            double gw = it->w + (r >= 0 ? r * it->st : r * it->sh);
            const PItem *nx = i + 1 < to ? &sc->items[i + 1] : NULL;
            bool inline_space = run->have && r == 0 && nx && nx->kind == P_BOX &&
                                nx->font == run->font && nx->style == run->style &&
                                nx->span == run->span && it->style == run->style &&
                                font_has(t->fonts, run->font, ' ');
            if (inline_space) {
                const TextStyle *ts = &t->style->text[run->style];
                double sw = font_advance(t->fonts, run->font, ' ') * ts->size / 1000.0;
                inline_space = sw > gw - 1e-6 && sw < gw + 1e-6;
            }
            if (inline_space)
                run_append(run, " ", 1, gw);
            else
                run_flush(t, a, box, run);
            x += gw;
            continue;
        }
        if (it->kind != P_BOX)
            continue;
        bool joins = run->have && run->font == it->font &&
                     run->style == it->style && run->span == it->span &&
                     run->x + run->w > x - 1e-6 && run->x + run->w < x + 1e-6;
        if (!joins) {
            run_flush(t, a, box, run);
            run_start(run, it, x);
        }
        run_append(run, sc->clean + it->off, it->len, it->w);
        const char *uri = p->spans[it->span].uri;
        if (uri)
            last_uri = link_box(t, a, box, last_uri, uri, it, x);
        x += it->w;
    }
    if (hyphen && run->have) {
        const char *h = font_has(t->fonts, run->font, '-') ? "-" : "\xE2\x80\x90";
        run_append(run, h, strlen(h), brk->w);
    }
    run_flush(t, a, box, run);
}

int para_set(TextCtx *t, Arena *a, const ParaSpec *p, VList *l)
{
    Scratch *sc = t->scratch;
    size_t len = 0;
    sc->spanstart = grow(sc->spanstart, &sc->spancap, p->nspans + 1,
                         sizeof *sc->spanstart);
    for (size_t i = 0; i < p->nspans; i++) {
        sc->spanstart[i] = len;
        len += p->spans[i].len;
    }
    if (len == 0)
        return 0;
    sc->src = grow(sc->src, &sc->srccap, len + 1, 1);
    sc->brk = grow(sc->brk, &sc->brkcap, len + 1, 1);
    sc->flags = xrealloc(sc->flags, sc->brkcap);
    for (size_t i = 0; i < p->nspans; i++)
        memcpy(sc->src + sc->spanstart[i], p->spans[i].text, p->spans[i].len);
    sc->src[len] = '\0';

    const HyphLang *hl = NULL;
    if (p->lang && p->lang[0]) {
        hl = hyph_lang(t->hyph, p->lang);
        if (!hl) {
            bool seen = false;
            for (int i = 0; i < t->nwarned_lang; i++)
                if (strcmp(t->warned_lang[i], p->lang) == 0)
                    seen = true;
            if (!seen && t->nwarned_lang < 16) {
                snprintf(t->warned_lang[t->nwarned_lang++], 16, "%s", p->lang);
                diag_warn(t->d, p->spans[0].loc, NULL,
                          "no hyphenation dictionary for language '%s'; its "
                          "text is not hyphenated", p->lang);
            }
        }
    }
    char lang2[8] = "";
    if (p->lang)
        snprintf(lang2, sizeof lang2, "%.2s", p->lang);
    set_linebreaks_utf8((const utf8_t *)sc->src, len, lang2[0] ? lang2 : NULL,
                        sc->brk);
    mark_words(t, sc, p, len, hl);
    build_items(t, sc, p, len);
    if (sc->nitems == 0)
        return 0;
    double first_w = p->width - p->left - p->first;
    double rest_w = p->width - p->left;
    split_wide(t, sc, first_w < rest_w ? first_w : rest_w);
    break_first_fit(sc, first_w, rest_w);

    const TextStyle *ts = &t->style->text[p->spans[0].style];
    double h, d;
    line_metrics(ts, &h, &d);
    int n = (int)sc->nbreaks;
    size_t from = 0;
    for (int i = 0; i < n; i++) {
        size_t to = sc->breaks[i];
        if (i > 0) {
            int pen = 0;
            if (p->keep_together || i < t->style->orphans ||
                n - i < t->style->widows)
                pen = VLIST_INF;
            vlist_penalty(a, l, pen);
        }
        VItem *box = vlist_box(a, l, h, d);
        emit_line(t, a, p, sc, from, to, i == 0, i == n - 1, box);
        from = to + 1;
    }
    if (p->keep_with_next)
        vlist_penalty(a, l, VLIST_INF);
    return n;
}

/* ---------------------------------------------------------------------
 * Single lines
 */

double text_draw(TextCtx *t, Arena *a, VItem *box, double x, StyleId style,
                 const char *s, size_t len, SrcLoc loc)
{
    Span sp = { s, len, style, NULL, false, loc, NULL };
    ParaSpec p = { &sp, 1, NULL, 1e9, 0, 0, ALIGN_LEFT, false, false };
    Scratch *sc = t->scratch;
    sc->spanstart = grow(sc->spanstart, &sc->spancap, 2, sizeof *sc->spanstart);
    sc->spanstart[0] = 0;
    sc->src = grow(sc->src, &sc->srccap, len + 1, 1);
    sc->brk = grow(sc->brk, &sc->brkcap, len + 1, 1);
    sc->flags = xrealloc(sc->flags, sc->brkcap);
    memcpy(sc->src, s, len);
    memset(sc->brk, LINEBREAK_NOBREAK, len);
    memset(sc->flags, 0, len);
    build_items(t, sc, &p, len);
    double w = 0;
    for (size_t i = 0; i < sc->nitems; i++)
        if (sc->items[i].kind != P_PEN)
            w += sc->items[i].w;
    if (box) {
        /* One unbroken line; it is not a line of running text, so it
         * does not count in the typesetting figures. */
        long lines = t->lines, loose = t->loose;
        p.left = x;
        emit_line(t, a, &p, sc, 0, sc->nitems, true, true, box);
        t->lines = lines;
        t->loose = loose;
    }
    return w;
}

double text_width(TextCtx *t, StyleId style, const char *s, size_t len)
{
    return text_draw(t, NULL, NULL, 0, style, s, len, srcloc(NULL, 0, 0));
}
