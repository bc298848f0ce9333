/* para_items — a paragraph's text to Knuth–Plass items: break
 * opportunities, URL zones, hyphenation points, font per character, the
 * language pass and right-to-left marks; boxes shaped for kerning. */
#include "text/para_impl.h"
#include "text/bidi.h"
#include "text/typo.h"
#include "text/lost.h"
#include "base/uri.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <utf8proc.h>

/* ---------------------------------------------------------------------
 * Characters
 */

/* Characters that act on the cluster they are in (joiners, variation
 * selectors, the combining grapheme joiner, Mongolian variation selectors,
 * emoji tags): they choose the font (text/para.h) and are drawn when that
 * font has them; they need no glyph of their own. */
static bool acts_on_cluster(int32_t cp)
{
    return cp == 0x200C || cp == 0x200D || cp == 0x034F ||
           (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF) ||
           (cp >= 0x180B && cp <= 0x180D) || cp == 0x180F ||
           (cp >= 0xE0020 && cp <= 0xE007F);
}

static bool is_space(int32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r';
}

static bool is_letter(int32_t cp)
{
    if (cp < 0x80)      /* most text: no table look-up */
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LL ||
           c == UTF8PROC_CATEGORY_LT || c == UTF8PROC_CATEGORY_LM ||
           c == UTF8PROC_CATEGORY_LO || c == UTF8PROC_CATEGORY_MN ||
           c == UTF8PROC_CATEGORY_MC;
}

/* Han, kana, bopomofo, their punctuation and the full-width forms: text
 * set on a grid of ems, justified between its characters (Hangul is set
 * with spaces between words, and justified there). */
static bool cjk_char(int32_t cp)
{
    if (cp < 0x2E80)    /* most text, in one test */
        return false;
    return (cp >= 0x2E80 && cp <= 0x2FDF) || (cp >= 0x3000 && cp <= 0x312F) ||
           (cp >= 0x3190 && cp <= 0x31FF) || (cp >= 0x3200 && cp <= 0x4DBF) ||
           (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

/* May a justified line open a gap between a and b, the first characters
 * of two clusters one of which is CJK (JLREQ 3.8, CLREQ 7)?  Not before
 * closing punctuation, after opening punctuation, or inside a run of
 * inseparable characters (…… ——); Latin words in the text stay whole. */
static bool cjk_gap(int32_t a, int32_t b)
{
    if (!cjk_char(a) && !cjk_char(b))
        return false;
    int la = u_getIntPropertyValue(a, UCHAR_LINE_BREAK);
    int lb = u_getIntPropertyValue(b, UCHAR_LINE_BREAK);
    if (lb == U_LB_CLOSE_PUNCTUATION || lb == U_LB_CLOSE_PARENTHESIS ||
        lb == U_LB_EXCLAMATION || lb == U_LB_INFIX_NUMERIC ||
        u_charType(b) == U_FINAL_PUNCTUATION)
        return false;
    if (la == U_LB_OPEN_PUNCTUATION || u_charType(a) == U_INITIAL_PUNCTUATION)
        return false;
    if (la == lb && (la == U_LB_INSEPARABLE || la == U_LB_BREAK_BOTH))
        return false;
    /* a Latin word's own letters and digits never part */
    return cjk_char(a) || cjk_char(b);
}

static int32_t next_cp(const char *s, size_t len, size_t i, size_t *k)
{
    if (i < len && (unsigned char)s[i] < 0x80) {   /* most text: no call */
        *k = 1;
        return (unsigned char)s[i];
    }
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

static const char no_glyph[] = "has no glyph in the layout's fonts; it is left out";
static const char no_font_whole[] =
    "(one character) has no font in the layout that draws all of it; it is "
    "left out";
static const char separator_reason[] =
    "is set as a space: lines and paragraphs are broken by the layout";

/* The cluster s[0..n) is left out at sp: named at this place. */
static void warn_lost(TextCtx *t, const char *s, size_t n, const Span *sp,
                      const char *reason)
{
    if (((Scratch *)t->scratch)->measuring)
        return;     /* text_width: the drawing of the text warns */
    t->missing++;
    lost_note(t->lost, t->d, s, n, sp->loc, sp->field, reason);
}

/* Does font f have every character of the cluster needing a glyph, and
 * at least one glyph? */
static bool draws_cluster(TextCtx *t, int f, const char *s, size_t n)
{
    bool any = false;
    for (size_t i = 0; i < n;) {
        size_t k;
        int32_t cp = next_cp(s, n, i, &k);
        if (font_has(t->fonts, f, (uint32_t)cp))
            any = true;
        else if (!acts_on_cluster(cp))
            return false;
        i += k;
    }
    return any;
}

/* The font for a cluster: the first that draws all of it among the fonts
 * font_pick gives its characters (the layout's font for their script,
 * the chain, an installed font by coverage), in order, then the rest of
 * the chain; -1 if none. */
static int pick_cluster(TextCtx *t, const FontChain *c, const char *s,
                        size_t n)
{
    int cand[32];
    int nc = 0;
    for (size_t i = 0; i < n && nc < 16;) {
        size_t k;
        int32_t cp = next_cp(s, n, i, &k);
        i += k;
        if (acts_on_cluster(cp))
            continue;
        int f = font_pick(t->fonts, c, (uint32_t)cp);
        bool seen = f < 0;
        for (int q = 0; q < nc && !seen; q++)
            seen = cand[q] == f;
        if (!seen)
            cand[nc++] = f;
    }
    /* Tried in order, the chain's fonts only when its characters' own do
     * not do (nearly never: the list was built for every cluster). */
    for (int q = 0; q < nc; q++)
        if (draws_cluster(t, cand[q], s, n))
            return cand[q];
    int tried = nc;
    for (int q = 0; q < c->n && tried < 32; q++) {
        bool seen = false;
        for (int r = 0; r < nc && !seen; r++)
            seen = cand[r] == c->font[q];
        if (seen)
            continue;
        tried++;
        if (draws_cluster(t, c->font[q], s, n))
            return c->font[q];
    }
    return -1;
}

/* Does some font of the chain have each character needing a glyph (each
 * in its own font)?  Says which warning fits a cluster left out. */
static bool each_has_a_font(TextCtx *t, const FontChain *c, const char *s,
                            size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n;) {
        size_t k;
        int32_t cp = next_cp(s, n, i, &k);
        if (!acts_on_cluster(cp) && font_pick(t->fonts, c, (uint32_t)cp) < 0)
            return false;
        count++;
        i += k;
    }
    return count > 1;
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

void para_mark_words(TextCtx *t, Scratch *sc, const ParaSpec *p, size_t len,
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
                bool lower = false, upper = false;
                while (j < end) {
                    cp = next_cp(sc->src, len, j, &k);
                    if (!is_letter(cp))
                        break;
                    utf8proc_category_t cat = utf8proc_category(cp);
                    lower |= cat == UTF8PROC_CATEGORY_LL;
                    upper |= cat == UTF8PROC_CATEGORY_LU ||
                             cat == UTF8PROC_CATEGORY_LT;
                    j += k;
                }
                /* Acronyms (COVID, UNESCO) stay whole; scripts without
                 * case (Devanagari, Tamil…) are words like any other. */
                if (upper && !lower)
                    continue;
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

/* Append the cluster s[0..n) to the box (or a new one) in font f. */
static PItem *add_cluster(TextCtx *t, Scratch *sc, PItem *box, int f,
                          size_t si, const TextStyle *ts, StyleId style,
                          const char *s, size_t n, int link)
{
    if (!box || box->font != f || box->span != (int)si || box->link != link) {
        box = push(sc, P_BOX);
        box->link = link;
        box->font = (short)f;
        box->style = (short)style;
        box->span = (int)si;
        box->off = (uint32_t)sc->cleanlen;
    }
    sc->cclean[sc->cleanlen] = 1;
    for (size_t i = 0; i < n;) {
        size_t k;
        int32_t cp = next_cp(s, n, i, &k);
        /* a joiner or selector the font lacks did its work choosing the
         * font; it is not drawn */
        if (font_has(t->fonts, f, (uint32_t)cp)) {
            memcpy(sc->clean + sc->cleanlen, s + i, k);
            sc->cleanlen += k;
            box->len += (uint32_t)k;
            box->w += font_advance(t->fonts, f, (uint32_t)cp) * ts->size / 1000.0;
        }
        i += k;
    }
    return box;
}

void para_build_items(TextCtx *t, Scratch *sc, const ParaSpec *p, size_t len)
{
    sc->nitems = 0;
    sc->cleanlen = 0;
    sc->cjk_gaps = sc->spaces = 0;
    sc->clean = grow(sc->clean, &sc->cleancap, len + 1, 1);
    sc->cclean = grow(sc->cclean, &sc->ccleancap, len + 2, 1);
    memset(sc->cclean, 0, len + 2);
    if (!breaks_clusters(&t->breaks, sc->src, len, sc->cstart))
        para_icu_failed(t, &p->spans[0]);
    /* a cluster never spans two spans (two styles, or a link's edge) */
    for (size_t q = 0; q < p->nspans; q++)
        if (sc->spanstart[q] < len)
            sc->cstart[sc->spanstart[q]] = 1;
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
        if (cp == 0x2028 || cp == 0x2029) {
            /* a line or paragraph separator in running text: livret
             * breaks lines itself; a space, named */
            if (!sc->measuring)
                lost_note(t->lost, t->d, sc->src + i, k, sp->loc, sp->field,
                          separator_reason);
        }
        if (is_space(cp) || cp == 0x2028 || cp == 0x2029) {
            /* a mark after a space is a cluster of its own (the space is
             * glue, not drawn) */
            if (i + k < len)
                sc->cstart[i + k] = 1;
            pending_space = sc->nitems > 0;
            box = NULL;
            i += k;
            continue;
        }
        size_t end = i + k;
        while (end < len && !sc->cstart[end])
            end++;
        size_t last = end - 1;      /* last byte of this cluster */
        size_t n = end - i;
        if (pending_space) {
            PItem *g = push(sc, P_GLUE);
            g->w = space_width(t, sp->style);
            g->st = g->w * t->style->typo.space_stretch;
            g->sh = g->w * t->style->typo.space_shrink;
            g->span = (int)si;
            g->style = (short)sp->style;
            sc->spaces++;
            pending_space = false;
            box = NULL;
        }
        if (cp == 0xAD && n == k) {
            int f = box ? box->font : font_pick(t->fonts, text_chain(t, ts), '-');
            push_pen(sc, t->style->typo.hyphen_penalty, true, f < 0 ? 0 : hyphen_width(t, sp->style, f),
                     (int)si);
            box = NULL;
        } else if (cp == 0x200B && n == k) {
            push_pen(sc, 0, false, 0, (int)si);
            box = NULL;
        } else if ((cp == 0x2060 || cp == 0xFEFF) && n == k) {
            /* word joiner: ICU allows no break around it; nothing to draw */
        } else if (bidi_control(cp) && n == k) {
            /* LRM, RLI…: in the text the bidi levels are computed from,
             * in no box (a glyph would put it in the text a reader
             * copies) */
            sc->cclean[sc->cleanlen] = 1;
            memcpy(sc->clean + sc->cleanlen, sc->src + i, k);
            sc->cleanlen += k;
            box = NULL;
        } else {
            const FontChain *ch = text_chain(t, ts);
            int f = pick_cluster(t, ch, sc->src + i, n);
            if (f < 0) {
                warn_lost(t, sc->src + i, n, sp,
                          each_has_a_font(t, ch, sc->src + i, n)
                              ? no_font_whole : no_glyph);
            } else {
                int link = 0;
                for (size_t q = 0; q < sc->nlinks && !link; q++)
                    if (i >= sc->links[q].start && i < sc->links[q].end)
                        link = (int)q + 1;
                box = add_cluster(t, sc, box, f, si, ts, sp->style,
                                  sc->src + i, n, link);
            }
        }
        /* Break opportunity after this cluster (not before a space:
         * that one is the glue's). */
        size_t nk;
        bool next_space = end >= len ||
                          is_space(next_cp(sc->src, len, end, &nk));
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
            } else if (cjk_gap(cp, next_cp(sc->src, len, end, &nk))) {
                /* Justified CJK text stretches between its characters:
                 * glue of no natural width, a break where ICU allows one
                 * (para_lines puts the gap inside the run). */
                if (!sc->brk[last] || cp == 0xAD || cp == 0x200B)
                    push_pen(sc, VLIST_INF, false, 0, (int)si);
                PItem *g = push(sc, P_GLUE);
                g->flagged = true;
                g->st = ts->size * CJK_STRETCH;
                g->span = (int)si;
                g->style = (short)sp->style;
                sc->cjk_gaps++;
                box = NULL;
            } else if (sc->brk[last] && cp != 0xAD && cp != 0x200B) {
                push_pen(sc, 0, false, 0, (int)si);
                box = NULL;
            }
        }
        i = end;
    }
    sc->cclean[sc->cleanlen] = 1;
    /* Drop trailing break opportunities. */
    while (sc->nitems && sc->items[sc->nitems - 1].kind != P_BOX)
        sc->nitems--;
}

/* A box wider than the measure is cut between clusters, with a high
 * penalty, so the breaker can force it apart (long URLs, identifiers). */
void para_split_wide(TextCtx *t, Scratch *sc, double measure)
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
            size_t e = j + 1;
            while (e < end && !sc->cclean[e])
                e++;
            if (j > it.off) {
                PItem *pen = push(sc, P_PEN);
                pen->pen = PEN_EMERGENCY;
                pen->span = it.span;
            }
            PItem *b = push(sc, P_BOX);
            *b = it;
            b->off = (uint32_t)j;
            b->len = (uint32_t)(e - j);
            b->w = font_string_advance(t->fonts, it.font, sc->clean + j, e - j) *
                   ts->size / 1000.0;
            j = e;
        }
    }
    free(old);
}

/* Every box cut where its bidi level changes (a Latin acronym in an
 * Arabic title) and shaped in its direction (font_shape caches per font,
 * options and text); its width becomes the shaped advance, what the
 * viewer will draw. */
/* Whether letters of s[0..n) stand apart, so that letter spacing can go
 * between them: every letter in Latin, Greek, Cyrillic, Armenian or
 * Georgian.  Spacing would break joined scripts (Arabic, Syriac,
 * Mongolian) and headline scripts (Devanagari, Bengali), and Chinese and
 * Japanese have their own justification. */
static bool letters_apart(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t k;
        int32_t cp = next_cp(s, n, i, &k);
        i += k;
        if (cp < 0x250)     /* Latin and Common: no look-up */
            continue;
        UErrorCode e = U_ZERO_ERROR;
        UScriptCode sc = uscript_getScript(cp, &e);
        if (U_FAILURE(e))
            return false;
        if (sc == USCRIPT_COMMON || sc == USCRIPT_INHERITED ||
            sc == USCRIPT_LATIN || sc == USCRIPT_GREEK ||
            sc == USCRIPT_CYRILLIC || sc == USCRIPT_ARMENIAN ||
            sc == USCRIPT_GEORGIAN)
            continue;
        return false;
    }
    return true;
}

void para_shape_boxes(TextCtx *t, Scratch *sc)
{
    sc->lev = grow(sc->lev, &sc->levcap, sc->cleanlen + 1, 1);
    bidi_levels(sc->clean, sc->cleanlen, sc->rtl, sc->lev);
    size_t cuts = 0;
    for (size_t i = 0; i < sc->nitems; i++) {
        const PItem *it = &sc->items[i];
        for (uint32_t b = 1; it->kind == P_BOX && b < it->len; b++)
            cuts += sc->lev[it->off + b] != sc->lev[it->off + b - 1];
    }
    if (cuts) {
        size_t n = sc->nitems;
        PItem *old = xmalloc(n * sizeof *old);
        memcpy(old, sc->items, n * sizeof *old);
        sc->nitems = 0;
        for (size_t i = 0; i < n; i++) {
            PItem it = old[i];
            uint32_t start = 0;
            for (uint32_t b = 1; it.kind == P_BOX && b <= it.len; b++)
                if (b == it.len || sc->lev[it.off + b] != sc->lev[it.off + b - 1]) {
                    if (b == it.len && start == 0)
                        break;
                    PItem *piece = push(sc, P_BOX);
                    *piece = it;
                    piece->off = it.off + start;
                    piece->len = b - start;
                    start = b;
                }
            if (it.kind != P_BOX || start == 0)
                *push(sc, it.kind) = it;
        }
        free(old);
    }
    for (size_t i = 0; i < sc->nitems; i++) {
        PItem *it = &sc->items[i];
        it->shaped = NULL;
        if (it->kind != P_BOX || it->len < 1)
            continue;
        it->level = sc->lev[it->off];
        it->spaced = sc->tracking > 0 && letters_apart(sc->clean + it->off, it->len);
        ShapeOpts o = { sc->lang, t->style->typo.kerning, it->level & 1 };
        it->shaped = font_shape(t->fonts, it->font, sc->clean + it->off, it->len, &o);
        if (it->shaped)
            it->w = it->shaped->adv * t->style->text[it->style].size / 1000.0;
    }
}

/* The language pass (typo.c) over the concatenated spans; span starts
 * move with the text. */
size_t para_apply_typo(TextCtx *t, Scratch *sc, const ParaSpec *p, size_t len)
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
    size_t n = typo_apply(t->style, p->lang ? p->lang : t->lang, sc->src, len,
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
    para_scratch_bytes(sc, n);
    return n;
}
