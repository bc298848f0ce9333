#include "text/para.h"
#include "text/typo.h"
#include "base/uri.h"
#include "base/xalloc.h"

#include <linebreak.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
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
    const float *pos;       /* P_BOX: kerning/marks (font_shape) or NULL */
    int link;               /* P_BOX: 1 + index into Scratch.links of the
                               URL written in the text it belongs to; 0 */
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
    float *pos;             /* 3 per code point (page.h), when any moves */
    size_t ncp, poscap;
    bool moved;             /* some box of the run had positions */
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
    /* URLs written in running text: made clickable (pass arena strings) */
    struct TextLink { size_t start, end; const char *uri; } *links;
    size_t nlinks, linkcap;
    Arena *link_arena;      /* the paragraph's arena, for link strings */
    Run run;                /* the text run being assembled */
    /* Knuth–Plass */
    double *sumw, *sumst, *sumsh;   /* prefix sums over items */
    size_t sumcap;
    struct KPNode *nodes;
    size_t nnodes, nodecap;
    int *active;
    size_t nactive, activecap;
    size_t *ffbreaks;               /* first-fit breaks, for the report */
    size_t nffbreaks, ffbreakcap;
    char *typo;                     /* text after the language pass */
    size_t typocap;
    bool *rtl;                      /* per byte of src: RTL, left out */
    size_t rtlcap;
    bool rtl_on;                    /* rtl[] is valid for this text */
    bool *prot;                     /* per byte: URL span (typo pass) */
    size_t protcap;
    size_t *map;                    /* typo pass: old offset → new */
    size_t mapcap;
    SrcLoc *rtl_warned;             /* fields already warned about RTL */
    size_t nrtl_warned, rtl_warnedcap;
} Scratch;

/* A feasible breakpoint (Knuth–Plass's active/passive node). */
typedef struct KPNode {
    size_t pos;             /* break before item pos (nitems: the end) */
    size_t start;           /* first item of the line after it */
    int line;               /* lines before the break */
    int fit;                /* fitness class of the line ending here */
    bool hyph;              /* that line ends with a hyphen */
    double dem;             /* total demerits from the start */
    int prev;               /* node of the previous break, -1 at start */
} KPNode;

enum { F_URL = 1, F_HYPH = 2 };

#define PEN_PAGE_HYPHEN 100 /* page break after a hyphenated line */
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
        free(sc->links);
        free(sc->run.pos);
        free(sc->sumw);
        free(sc->sumst);
        free(sc->sumsh);
        free(sc->nodes);
        free(sc->active);
        free(sc->ffbreaks);
        free(sc->typo);
        free(sc->rtl);
        free(sc->prot);
        free(sc->map);
        free(sc->rtl_warned);
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
    t->missing++;
    if (cp < 0 || cp >= 0x110000)
        return;
    if (t->warned[cp >> 3] & (1u << (cp & 7)))
        return;
    t->warned[cp >> 3] |= (unsigned char)(1u << (cp & 7));
    char utf8[5] = { 0 };
    utf8proc_encode_char(cp, (utf8proc_uint8_t *)utf8);
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
/* A URL written in the text becomes a link: the token without the
 * brackets and punctuation around it ("(https://x.org/a)." → the URL). */
static void add_text_link(Arena *a, Scratch *sc, const char *w, size_t start,
                          size_t wl)
{
    size_t b = 0, e = wl;
    /* no-break and thin spaces end it too (French spacing puts them
     * before ":" or "?" right after a URL) */
    static const char *const stops[] = { "\xC2\xA0", "\xE2\x80\xAF",
                                         "\xE2\x80\x89" };
    for (size_t q = 0; q < 3; q++)
        for (size_t i = 0; i + strlen(stops[q]) <= e; i++)
            if (memcmp(w + i, stops[q], strlen(stops[q])) == 0) {
                e = i;
                break;
            }
    while (b < e && strchr("(<[\"'\xC2\xAB", w[b]))
        b++;
    while (e > b && strchr(")>].,;:!?\"'", w[e - 1]))
        e--;
    if (e - b < 8 || !a)
        return;
    const char *u = arena_strndup(a, w + b, e - b);
    if (strncmp(u, "www.", 4) == 0)
        u = arena_printf(a, "https://%s", u);
    sc->links = grow(sc->links, &sc->linkcap, sc->nlinks + 1, sizeof *sc->links);
    sc->links[sc->nlinks++] = (struct TextLink){ start, start + wl, uri_encode(a, u) };
}

static void mark_words(TextCtx *t, Scratch *sc, const ParaSpec *p, size_t len,
                       const HyphLang *hl)
{
    int lmin = 2, rmin = 2;
    for (int q = 0; p->lang && q < t->style->typo.nhyphen_min; q++) {
        const char *hl2 = t->style->typo.hyphen_min[q].lang;
        size_t n2 = strlen(hl2);
        if (strncmp(p->lang, hl2, n2) == 0 &&
            (p->lang[n2] == '\0' || p->lang[n2] == '-' || p->lang[n2] == '_')) {
            lmin = t->style->typo.hyphen_min[q].left;
            rmin = t->style->typo.hyphen_min[q].right;
        }
    }
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
            if (!p->spans[si].uri)
                add_text_link(sc->link_arena, sc, w, start, wl);
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
                /* The layout's minimum fragments for this language
                 * (typography.hyphen-min), on top of the dictionary's. */
                for (size_t c = 0; c < ncp; c++)
                    if ((int)(c + 1) < lmin || (int)(ncp - c - 1) < rmin)
                        pts[c] = 0;
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
            g->st = g->w * t->style->typo.space_stretch;
            g->sh = g->w * t->style->typo.space_shrink;
            g->span = (int)si;
            g->style = (short)sp->style;
            pending_space = false;
            box = NULL;
        }
        if (sc->rtl_on && sc->rtl[i]) {
            /* right-to-left letter: named in para_set's warning */
            t->missing++;
        } else if (cp == 0xAD) {
            int f = box ? box->font : font_pick(t->fonts, text_chain(t, ts), '-');
            push_pen(sc, t->style->typo.hyphen_penalty, true, f < 0 ? 0 : hyphen_width(t, sp->style, f),
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
                int link = 0;
                for (size_t q = 0; q < sc->nlinks && !link; q++)
                    if (i >= sc->links[q].start && i < sc->links[q].end)
                        link = (int)q + 1;
                if (!box || box->font != f || box->span != (int)si ||
                    box->link != link) {
                    box = push(sc, P_BOX);
                    box->link = link;
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
                push_pen(sc, t->style->typo.hyphen_penalty, true,
                         hyphen_width(t, sp->style, box->font), (int)si);
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

/* Kerning and mark positions for every box (font_shape caches them per
 * (font, text)); the box's width becomes what the viewer will advance:
 * truncated /W widths plus the TJ adjustments the backend writes. */
static void shape_boxes(TextCtx *t, Scratch *sc)
{
    if (!t->style->typo.kerning)
        return;
    for (size_t i = 0; i < sc->nitems; i++) {
        PItem *it = &sc->items[i];
        if (it->kind != P_BOX || it->len < 1)
            continue;
        it->pos = font_shape(t->fonts, it->font, sc->clean + it->off, it->len);
        if (!it->pos)
            continue;
        size_t ncp = 0;
        for (uint32_t b = 0; b < it->len; b++)
            ncp += ((unsigned char)sc->clean[it->off + b] & 0xC0) != 0x80;
        double k = 0;
        for (size_t c = 0; c < ncp; c++)
            k += it->pos[3 * c];
        it->w += k * t->style->text[it->style].size / 1000.0;
    }
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
 * Step 2: breaks (Knuth–Plass total fit)
 *
 * Knuth & Plass, "Breaking Paragraphs into Lines" (1981), as in TeX: a
 * line's badness is 100|r|³ for adjustment ratio r (r < -1 is overfull and
 * never chosen), its demerits (l + b)² ± p² plus the layout's demerits for
 * two hyphenated lines in a row, a hyphen on the last-but-one line, and
 * fitness classes (tight, decent, loose, very loose) of adjacent lines
 * more than one apart.  The path of least total demerits wins.
 *
 * Cascade (TeX's passes): 1. no hyphenation, r <= pretolerance; 2. with
 * hyphenation, r <= tolerance; 3. the same with emergency stretch added to
 * every line's stretch when judging (lines are still set with their own
 * glue); 4. any r >= -1, badness capped, so a paragraph that can be set
 * without an overfull line is.  Only a box wider than the measure with no
 * break inside can still fail, and then first-fit sets it (overfull).
 *
 * Ragged text is broken the same way against a fixed stretch at the line
 * end (ragged-stretch, TeX's \rightskip 0pt plus …), spaces not
 * stretching: the rag is balanced instead of greedy.
 */

typedef struct KPParams {
    double first_w, rest_w;
    bool ragged;
    double ragged_stretch;
    const Style *st;
} KPParams;

static void kp_sums(Scratch *sc)
{
    size_t n = sc->nitems;
    size_t cap = sc->sumcap;
    sc->sumw = grow(sc->sumw, &cap, n + 1, sizeof *sc->sumw);
    cap = sc->sumcap;
    sc->sumst = grow(sc->sumst, &cap, n + 1, sizeof *sc->sumst);
    cap = sc->sumcap;
    sc->sumsh = grow(sc->sumsh, &cap, n + 1, sizeof *sc->sumsh);
    sc->sumcap = cap;
    double w = 0, st = 0, sh = 0;
    for (size_t i = 0; i < n; i++) {
        sc->sumw[i] = w;
        sc->sumst[i] = st;
        sc->sumsh[i] = sh;
        const PItem *it = &sc->items[i];
        if (it->kind != P_PEN)
            w += it->w;
        if (it->kind == P_GLUE) {
            st += it->st;
            sh += it->sh;
        }
    }
    sc->sumw[n] = w;
    sc->sumst[n] = st;
    sc->sumsh[n] = sh;
}

static int kp_node(Scratch *sc, size_t pos, int line, int fit, bool hyph,
                   double dem, int prev)
{
    sc->nodes = grow(sc->nodes, &sc->nodecap, sc->nnodes + 1, sizeof *sc->nodes);
    KPNode *n = &sc->nodes[sc->nnodes];
    n->pos = pos;
    n->start = pos == 0 && prev < 0 ? skip_discardable(sc, 0)
                                    : skip_discardable(sc, pos + 1);
    n->line = line;
    n->fit = fit;
    n->hyph = hyph;
    n->dem = dem;
    n->prev = prev;
    return (int)sc->nnodes++;
}

/* One pass; true when a path to the end was found (breaks then set). */
static bool kp_pass(Scratch *sc, const KPParams *kp, double tol, bool hyphens,
                    double emergency, bool final)
{
    const Style *st = kp->st;
    size_t n = sc->nitems;
    sc->nnodes = 0;
    sc->nactive = 0;
    int start = kp_node(sc, 0, 0, 1, false, 0, -1);
    sc->active = grow(sc->active, &sc->activecap, 1, sizeof *sc->active);
    sc->active[sc->nactive++] = start;
    for (size_t b = 0; b <= n; b++) {
        bool end = b == n;
        int pen = 0;
        bool flagged = false;
        double pw = 0;
        if (!end) {
            if (!legal_break(sc, b))
                continue;
            const PItem *it = &sc->items[b];
            if (it->kind == P_PEN) {
                pen = it->pen;
                flagged = it->flagged;
                pw = flagged ? it->w : 0;
                if (flagged && !hyphens)
                    continue;
            }
        }
        double best[4] = { 1e300, 1e300, 1e300, 1e300 };
        int from[4] = { -1, -1, -1, -1 };
        for (size_t q = 0; q < sc->nactive;) {
            const KPNode *a = &sc->nodes[sc->active[q]];
            size_t s0 = a->start;
            if (s0 > b) {           /* breaks inside the discarded run */
                q++;
                continue;
            }
            double measure = a->line == 0 ? kp->first_w : kp->rest_w;
            double L = sc->sumw[b] - sc->sumw[s0] + pw;
            double Y = kp->ragged ? kp->ragged_stretch : sc->sumst[b] - sc->sumst[s0];
            double Z = sc->sumsh[b] - sc->sumsh[s0];
            double r;
            if (L < measure - 1e-9) {
                if (end)
                    r = 0;          /* \parfillskip: the last line is free */
                else {
                    Y += emergency;
                    r = Y > 0 ? (measure - L) / Y : 1e9;
                }
            } else if (L > measure + 1e-9) {
                r = Z > 0 ? (measure - L) / Z : -1e9;
            } else {
                r = 0;
            }
            if (r < -1 - 1e-9) {
                /* Overfull, and every later break would be longer still:
                 * this node can start no more lines. */
                sc->active[q] = sc->active[--sc->nactive];
                continue;
            }
            if (r <= tol || final) {
                /* Capped at 10000 as in TeX.  Uncapped in the last pass
                 * was measured worse on the corpus (FOSDEM: 1174 lines
                 * with r > 1 and 341 with r > 2, against 1110 and 272):
                 * the cube then spreads one bad line's looseness over its
                 * neighbours. */
                double bad = 100 * fabs(r) * r * r;
                if (bad > 10000)
                    bad = 10000;
                int fit = r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1 ? 2 : 3;
                double d = st->typo.line_penalty + bad;
                d *= d;
                if (end)
                    ;               /* forced break: p = -inf adds nothing */
                else if (pen > 0)
                    d += (double)pen * pen;
                else if (pen < 0)
                    d -= (double)pen * pen;
                if (flagged && a->hyph)
                    d += st->typo.double_hyphen_demerits;
                if (end && a->hyph)
                    d += st->typo.final_hyphen_demerits;
                if (abs(fit - a->fit) > 1)
                    d += st->typo.adj_demerits;
                d += a->dem;
                if (d < best[fit]) {
                    best[fit] = d;
                    from[fit] = sc->active[q];
                }
            }
            q++;
        }
        double min = 1e300;
        for (int f = 0; f < 4; f++)
            if (from[f] >= 0 && best[f] < min)
                min = best[f];
        for (int f = 0; f < 4; f++) {
            if (from[f] < 0 || best[f] > min + st->typo.adj_demerits)
                continue;
            int node = kp_node(sc, b, sc->nodes[from[f]].line + 1, f, flagged,
                               best[f], from[f]);
            if (end)
                continue;
            sc->active = grow(sc->active, &sc->activecap, sc->nactive + 1,
                              sizeof *sc->active);
            sc->active[sc->nactive++] = node;
        }
        if (sc->nactive == 0 && !end)
            return false;       /* nothing can reach further: fail pass */
    }
    /* The best node at the end. */
    int best = -1;
    for (size_t i = 0; i < sc->nnodes; i++)
        if (sc->nodes[i].pos == n && sc->nodes[i].prev >= 0 &&
            (best < 0 || sc->nodes[i].dem < sc->nodes[best].dem))
            best = (int)i;
    if (best < 0)
        return false;
    size_t nb = 0;
    for (int k = best; sc->nodes[k].prev >= 0; k = sc->nodes[k].prev)
        nb++;
    sc->breaks = grow(sc->breaks, &sc->breakcap, nb, sizeof *sc->breaks);
    sc->nbreaks = nb;
    for (int k = best; sc->nodes[k].prev >= 0; k = sc->nodes[k].prev)
        sc->breaks[--nb] = sc->nodes[k].pos;
    return true;
}

static void break_kp(Scratch *sc, const KPParams *kp)
{
    const Style *st = kp->st;
    kp_sums(sc);
    if (kp_pass(sc, kp, st->typo.pretolerance, false, 0, false))
        return;
    if (kp_pass(sc, kp, st->typo.tolerance, true, 0, false))
        return;
    if (st->typo.emergency_stretch > 0 &&
        kp_pass(sc, kp, st->typo.tolerance, true, st->typo.emergency_stretch,
                false))
        return;
    if (kp_pass(sc, kp, 0, true, 0, true))
        return;
    break_first_fit(sc, kp->first_w, kp->rest_w);
}

/* How a line from item from (a break's first item) to item to (the break)
 * is set: natural width w (with the hyphen), adjustment ratio r (clamped
 * at -1: *overfull says it was worse), as emit_line sets it. */
static double line_ratio(const ParaSpec *p, const Scratch *sc, size_t from,
                         size_t to, bool first, bool last, bool *hyphen,
                         bool *overfull, double *wout)
{
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
    *hyphen = brk && brk->kind == P_PEN && brk->flagged;
    if (*hyphen)
        w += brk->w;
    double r = 0;
    if (w > measure + 1e-6)
        r = sh > 0 ? (measure - w) / sh : -2;
    else if (p->align == ALIGN_JUSTIFY && !last)
        r = st > 0 ? (measure - w) / st : 0;
    *overfull = r < -1 - 1e-9;
    if (r < -1)
        r = -1;
    *wout = w;
    return r;
}

/* Figures of a set of breaks (for the report). */
static void count_lines(const ParaSpec *p, const Scratch *sc,
                        const size_t *breaks, size_t nb, long *lines,
                        long *hyphenated, long *overfull, long *loose,
                        long *very_loose, long *runs)
{
    size_t from = 0;
    int streak = 0;
    for (size_t i = 0; i < nb; i++) {
        size_t to = breaks[i];
        bool hy, of;
        double w;
        double r = line_ratio(p, sc, skip_discardable(sc, from), to, i == 0,
                              i + 1 == nb, &hy, &of, &w);
        (*lines)++;
        *overfull += of;
        *loose += r > 1;
        *very_loose += r > 2;
        *hyphenated += hy;
        streak = hy ? streak + 1 : 0;
        *runs += streak == 2;
        from = to + 1;
    }
}

/* ---------------------------------------------------------------------
 * Step 3: lines
 */

static void line_metrics(const TextStyle *ts, double *h, double *d)
{
    *d = (ts->leading - ts->size) / 2 + ts->size * 0.22;
    *h = ts->leading - *d;
}

/* Append n bytes of text (advancing w) with their positions (3 floats
 * per code point, or NULL: nothing moves). */
static void run_append(Run *r, const char *s, size_t n, double w,
                       const float *pos)
{
    r->buf = grow(r->buf, &r->cap, r->len + n + 1, 1);
    memcpy(r->buf + r->len, s, n);
    r->len += n;
    r->w += w;
    size_t ncp = 0;
    for (size_t b = 0; b < n; b++)
        ncp += ((unsigned char)s[b] & 0xC0) != 0x80;
    r->pos = grow(r->pos, &r->poscap, 3 * (r->ncp + ncp), sizeof *r->pos);
    if (pos) {
        memcpy(r->pos + 3 * r->ncp, pos, 3 * ncp * sizeof *pos);
        r->moved = true;
    } else {
        memset(r->pos + 3 * r->ncp, 0, 3 * ncp * sizeof *r->pos);
    }
    r->ncp += ncp;
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
    if (r->moved) {
        float *pos = arena_array(a, 3 * r->ncp, sizeof *pos);
        memcpy(pos, r->pos, 3 * r->ncp * sizeof *pos);
        ti->u.text.pos = pos;
    }
    r->have = false;
    r->len = 0;
    r->w = 0;
    r->ncp = 0;
    r->moved = false;
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
    r->ncp = 0;
    r->moved = false;
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
    bool hyphen, overfull;
    double w;
    double r = line_ratio(p, sc, from, to, first, last, &hyphen, &overfull, &w);
    const PItem *brk = to < sc->nitems ? &sc->items[to] : NULL;
    if (overfull)
        t->overfull++;
    if (r > 1)
        t->loose++;
    if (r > 2)
        t->very_loose++;
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
                run_append(run, " ", 1, gw, NULL);
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
        run_append(run, sc->clean + it->off, it->len, it->w, it->pos);
        const char *uri = p->spans[it->span].uri;
        if (!uri && it->link)
            uri = sc->links[it->link - 1].uri;
        if (uri)
            last_uri = link_box(t, a, box, last_uri, uri, it, x);
        x += it->w;
    }
    if (hyphen && run->have) {
        const char *h = font_has(t->fonts, run->font, '-') ? "-" : "\xE2\x80\x90";
        run_append(run, h, strlen(h), brk->w, NULL);
    }
    run_flush(t, a, box, run);
}

/* Right-to-left letters (bidi classes R and AL, and marks on them): livret
 * has no bidi reordering yet, and drawing them in logical order would show
 * isolated letters in reverse.  They are left out and named, once per call
 * (one field), in one warning. */
static void mark_rtl(TextCtx *t, Scratch *sc, const Span *sp, size_t len)
{
    sc->rtl_on = false;
    bool any = false;
    for (size_t i = 0; i < len && !any; i++)
        any = (unsigned char)sc->src[i] >= 0xD6 && (unsigned char)sc->src[i] < 0xF0;
    if (!any)
        return;             /* no byte that could start U+0590..U+FFFF RTL */
    sc->rtl = grow(sc->rtl, &sc->rtlcap, len + 1, sizeof *sc->rtl);
    memset(sc->rtl, 0, len);
    char list[600];
    size_t ll = 0;
    int nlisted = 0;
    bool prev_rtl = false;
    int32_t seen[64];
    int nseen = 0;
    for (size_t i = 0; i < len;) {
        size_t k;
        int32_t cp = next_cp(sc->src, len, i, &k);
        const utf8proc_property_t *pr = utf8proc_get_property(cp);
        bool r = pr->bidi_class == UTF8PROC_BIDI_CLASS_R ||
                 pr->bidi_class == UTF8PROC_BIDI_CLASS_AL ||
                 (prev_rtl && pr->bidi_class == UTF8PROC_BIDI_CLASS_NSM);
        if (r) {
            memset(sc->rtl + i, 1, k);
            sc->rtl_on = true;
            bool dup = false;
            for (int q = 0; q < nseen; q++)
                dup |= seen[q] == cp;
            if (!dup && nseen < 64) {
                seen[nseen++] = cp;
                char u[5] = { 0 };
                utf8proc_encode_char(cp, (utf8proc_uint8_t *)u);
                int m = snprintf(list + ll, sizeof list - ll, "%sU+%04X '%s'",
                                 nlisted ? ", " : "", (unsigned)cp, u);
                if (m > 0 && ll + (size_t)m < sizeof list) {
                    ll += (size_t)m;
                    nlisted++;
                }
            }
        }
        prev_rtl = r;
        i += k;
    }
    /* Front matter is laid out more than once, and a title is set in the
     * contents, the running head and the body: one warning per source
     * location. */
    for (size_t q = 0; sc->rtl_on && q < sc->nrtl_warned; q++)
        if (sc->rtl_warned[q].file == sp->loc.file &&
            sc->rtl_warned[q].line == sp->loc.line &&
            sc->rtl_warned[q].col == sp->loc.col)
            return;
    if (sc->rtl_on) {
        sc->rtl_warned = grow(sc->rtl_warned, &sc->rtl_warnedcap,
                              sc->nrtl_warned + 1, sizeof *sc->rtl_warned);
        sc->rtl_warned[sc->nrtl_warned++] = sp->loc;
    }
    if (sc->rtl_on)
        diag_warn(t->d, sp->loc, sp->field,
                  "right-to-left text cannot be set yet (no bidi reordering); "
                  "its letters are left out: %s", list);
}

/* The language pass (typo.c) over the concatenated spans; span starts
 * move with the text. */
static size_t apply_typo(TextCtx *t, Scratch *sc, const ParaSpec *p, size_t len)
{
    bool any_url = false;
    for (size_t i = 0; i < p->nspans; i++)
        any_url |= p->spans[i].url;
    if (any_url) {
        sc->prot = grow(sc->prot, &sc->protcap, len + 1, sizeof *sc->prot);
        for (size_t i = 0; i < p->nspans; i++)
            memset(sc->prot + sc->spanstart[i], p->spans[i].url,
                   p->spans[i].len);
    }
    sc->typo = grow(sc->typo, &sc->typocap, TYPO_MAX(len), 1);
    sc->map = grow(sc->map, &sc->mapcap, len + 1, sizeof *sc->map);
    int lint = 0;
    size_t n = typo_apply(t->style, p->lang, sc->src, len,
                          any_url ? sc->prot : NULL, sc->typo, sc->map, &lint);
    if (lint & TYPO_LINT_ES_QUESTION)
        diag_warn(t->d, p->spans[0].loc, p->spans[0].field,
                  "a question ends with '?' but has no opening '¿' (Spanish)");
    if (n == len && memcmp(sc->typo, sc->src, len) == 0)
        return len;
    for (size_t i = 0; i < p->nspans; i++)
        sc->spanstart[i] = sc->map[sc->spanstart[i]];
    sc->src = grow(sc->src, &sc->srccap, n + 1, 1);
    memcpy(sc->src, sc->typo, n);
    sc->src[n] = '\0';
    sc->brk = grow(sc->brk, &sc->brkcap, n + 1, 1);
    sc->flags = xrealloc(sc->flags, sc->brkcap);
    return n;
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
    len = apply_typo(t, sc, p, len);
    mark_rtl(t, sc, &p->spans[0], len);
    set_linebreaks_utf8((const utf8_t *)sc->src, len, lang2[0] ? lang2 : NULL,
                        sc->brk);
    sc->nlinks = 0;
    sc->link_arena = a;
    mark_words(t, sc, p, len, hl);
    build_items(t, sc, p, len);
    sc->rtl_on = false;
    if (sc->nitems == 0)
        return 0;
    double first_w = p->width - p->left - p->first;
    double rest_w = p->width - p->left;
    split_wide(t, sc, first_w < rest_w ? first_w : rest_w);
    shape_boxes(t, sc);

    /* Justified text in a column narrower than ragged-below (or with
     * ragged-right) is set ragged: KP cannot make 25-character lines even. */
    const Typo *ty = &t->style->typo;
    ParaSpec ps = *p;
    if (ps.align == ALIGN_JUSTIFY &&
        (ty->ragged || (ty->ragged_below > 0 && rest_w < ty->ragged_below)))
        ps.align = ALIGN_LEFT;
    p = &ps;
    KPParams kp = { first_w, rest_w, ps.align != ALIGN_JUSTIFY,
                    ty->ragged_stretch, t->style };
    /* The report compares both breakers on the same items: the other one
     * runs first and its figures go to t->alt. */
    if (ty->first_fit)
        break_kp(sc, &kp);
    else
        break_first_fit(sc, first_w, rest_w);
    sc->ffbreaks = grow(sc->ffbreaks, &sc->ffbreakcap, sc->nbreaks,
                        sizeof *sc->ffbreaks);
    memcpy(sc->ffbreaks, sc->breaks, sc->nbreaks * sizeof *sc->breaks);
    sc->nffbreaks = sc->nbreaks;
    count_lines(p, sc, sc->ffbreaks, sc->nffbreaks, &t->alt.lines,
                &t->alt.hyphenated, &t->alt.overfull, &t->alt.loose,
                &t->alt.very_loose, &t->alt.hyph_runs);
    if (ty->first_fit)
        break_first_fit(sc, first_w, rest_w);
    else
        break_kp(sc, &kp);
    {
        long dl = 0, dh = 0, dof = 0, dlo = 0, dvl = 0, runs = 0;
        count_lines(p, sc, sc->breaks, sc->nbreaks, &dl, &dh, &dof, &dlo, &dvl,
                    &runs);
        t->hyph_runs += runs;
    }

    const TextStyle *ts = &t->style->text[p->spans[0].style];
    double h, d;
    line_metrics(ts, &h, &d);
    int n = (int)sc->nbreaks;
    size_t from = 0;
    for (int i = 0; i < n; i++) {
        size_t to = sc->breaks[i];
        if (i > 0) {
            /* After a line ending with a hyphen: a small positive penalty,
             * which paginate.c avoids as a page end when it can (a hyphen
             * should not be carried over a page turn). */
            const PItem *prev_brk = sc->breaks[i - 1] < sc->nitems
                                        ? &sc->items[sc->breaks[i - 1]] : NULL;
            int pen = prev_brk && prev_brk->kind == P_PEN && prev_brk->flagged
                          ? PEN_PAGE_HYPHEN : 0;
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
    sc->nlinks = 0;     /* single lines carry no text links */
    mark_rtl(t, sc, &sp, len);
    build_items(t, sc, &p, len);
    sc->rtl_on = false;
    shape_boxes(t, sc);
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
