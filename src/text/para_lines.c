/* para_lines — chosen breaks to lines: glue set, the line's glyph scale
 * (font expansion) and protrusion, boxes in visual order, boxes of one
 * font merged into text runs with their glyphs, links, the hyphen drawn
 * at a break. */
#include "text/para_impl.h"
#include "text/bidi.h"
#include "text/typo.h"
#include "base/uri.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ---------------------------------------------------------------------
 * Step 3: lines
 */

void para_line_metrics(const TextStyle *ts, double *h, double *d)
{
    *d = (ts->leading - ts->size) / 2 + ts->size * 0.22;
    *h = ts->leading - *d;
}

/* Append n bytes of text (advancing w) drawn with the glyphs sh (their
 * clusters are offsets into s). */
static void run_append(Run *r, const char *s, size_t n, double w,
                       const Shaped *sh)
{
    r->buf = grow(r->buf, &r->cap, r->len + n + 1, 1);
    memcpy(r->buf + r->len, s, n);
    r->g = grow(r->g, &r->gcap, r->ng + (sh ? sh->n : 0) + 1, sizeof *r->g);
    for (size_t k = 0; sh && k < sh->n; k++) {
        r->g[r->ng] = sh->g[k];
        r->g[r->ng++].cluster += (uint32_t)r->len;
    }
    r->len += n;
    r->w += w;
}

/* Append a character the breaker adds (a space set in the run, the
 * hyphen at a break) shaped alone in the run's font. */
static void run_append_char(TextCtx *t, Run *r, const char *s, double w)
{
    ShapeOpts o = { NULL, false, false };
    run_append(r, s, strlen(s), w,
               font_shape(t->fonts, r->font, s, strlen(s), &o));
}

const Shaped *para_space(TextCtx *t, int i)
{
    Scratch *sc = t->scratch;
    if (i < 0 || i >= FONT_MAX)
        return NULL;
    if (!sc->space_known[i]) {
        ShapeOpts o = { NULL, false, false };
        const Shaped *sp = font_has(t->fonts, i, ' ')
                               ? font_shape(t->fonts, i, " ", 1, &o) : NULL;
        sc->space[i] = sp && sp->n == 1 ? sp : NULL;
        sc->space_known[i] = true;
    }
    return sc->space[i];
}

/* A glyph advance (1/1000 em of size) that draws pt points once the
 * line's Tz scales it by f. */
static float advance_for(double pt, double f, double size)
{
    return (float)(pt / f * 1000.0 / size);
}

static Item *line_add(Scratch *sc, ItemKind kind)
{
    sc->line = grow(sc->line, &sc->linecap, sc->nline + 1, sizeof *sc->line);
    Item *it = &sc->line[sc->nline++];
    *it = (Item){ 0 };
    it->kind = kind;
    return it;
}

static void run_flush(TextCtx *t, Arena *a, Scratch *sc, Run *r)
{
    if (!r->have)
        return;
    const TextStyle *ts = &t->style->text[r->style];
    Item *ti = line_add(sc, ITEM_TEXT);
    ti->x = r->x;
    ti->y = 0;
    ti->w = r->w;
    ti->color = ts->color;
    ti->u.text.font = r->font;    /* FontSet index = DocList font index */
    ti->u.text.size = ts->size;
    ti->u.text.utf8 = arena_strndup(a, r->buf, r->len);
    ti->u.text.len = r->len;
    if (r->hscale < 1 - 1e-9 || r->hscale > 1 + 1e-9)
        ti->u.text.hscale = r->hscale;
    font_item_glyphs(a, ti, r->g, r->ng);
    r->have = false;
    r->len = 0;
    r->w = 0;
    r->ng = 0;
}

/* Whether box b (may be NULL) can go on in run r as the same text item:
 * left to right, at the run's level, in its font, style and span.  Right-
 * to-left boxes stay items of their own. */
static bool run_continues(const Run *r, const PItem *b)
{
    return r->have && b && b->kind == P_BOX && !(b->level & 1) &&
           b->level == r->level && b->font == r->font &&
           b->style == r->style && b->span == r->span;
}

static void run_start(Run *r, const PItem *it, double x)
{
    r->have = true;
    r->level = it->level;
    r->font = it->font;
    r->style = it->style;
    r->span = it->span;
    r->x = x;
    r->len = 0;
    r->w = 0;
    r->ng = 0;
}

/* Extend the run's link rectangle, or start one, for a box with a URI
 * drawn w wide (its glyphs scaled by the line's expansion, letter spacing
 * included: the rectangle covers the word as drawn). */
static size_t link_box(TextCtx *t, Scratch *sc, size_t lasti,
                       const char *uri, const PItem *it, double x, double w)
{
    Item *last = lasti < sc->nline ? &sc->line[lasti] : NULL;
    if (last && last->u.uri.uri == uri && last->x + last->w >= x - 6) {
        last->w = x + w - last->x;
        return lasti;
    }
    const TextStyle *ts = &t->style->text[it->style];
    Item *u = line_add(sc, ITEM_URI);
    u->x = x;
    u->y = -ts->size * 0.25;
    u->w = w;
    u->h = ts->size * 1.05;
    u->u.uri.uri = uri;
    return sc->nline - 1;
}

/* The words of line [from, to) for a message: its boxes' text with a
 * space for the glue between them, cut on a character boundary after
 * about 60 bytes. */
static void line_excerpt(const Scratch *sc, size_t from, size_t to,
                         char *out, size_t cap)
{
    size_t o = 0;
    bool gap = false, cut = false;
    for (size_t i = from; i < to && i < sc->nitems && !cut; i++) {
        const PItem *it = &sc->items[i];
        if (it->kind == P_GLUE && !it->flagged) {
            gap = o > 0;
            continue;
        }
        if (it->kind != P_BOX)
            continue;
        if (gap && o + 1 < cap)
            out[o++] = ' ';
        gap = false;
        for (uint32_t b = 0; b < it->len; b++) {
            unsigned char c = (unsigned char)sc->clean[it->off + b];
            if (o >= 60 && (c & 0xC0) != 0x80) {
                cut = true;
                break;
            }
            if (o + 4 >= cap) {
                cut = true;
                break;
            }
            out[o++] = (char)c;
        }
    }
    if (cut && o + 3 < cap) {
        memcpy(out + o, "\xE2\x80\xA6", 3);    /* … */
        o += 3;
    }
    out[o < cap ? o : cap - 1] = '\0';
}

void para_emit_line(TextCtx *t, Arena *a, const ParaSpec *p, Scratch *sc,
                      double expansion, size_t from, size_t to, bool first,
                      bool last, VItem *box)
{
    from = para_skip_discardable(sc, from);
    double measure = p->width - p->left - (first ? p->first : 0);
    LineSet ls = para_line_set(p, sc, expansion, from, to, first, last);
    double r = ls.r, w = ls.w;
    bool hyphen = ls.hyphen;
    const PItem *brk = to < sc->nitems ? &sc->items[to] : NULL;
    if (ls.overfull)
        t->overfull++;
    /* the figures count the spaces' ratio: what the reader sees */
    if (ls.rg > 1)
        t->loose++;
    if (ls.rg > 2)
        t->very_loose++;
    /* A line that would need its spaces stretched past RAGGED_STRETCH
     * with its glyphs and letter spacing at their limits (gaps of over
     * 1.8 spaces: rivers, and readers that take them for columns) is set
     * ragged instead, and named: Knuth–Plass with the emergency's letter
     * spacing makes such lines rare (the passes before the last take none
     * past MAX_STRETCH); it cannot rule them out before an unbreakable
     * URL or in a two-line list item of long words. */
    if (ls.rg > RAGGED_STRETCH) {
        const Span *sp = &p->spans[from < sc->nitems ? sc->items[from].span : 0];
        if (!sc->measuring) {
            char words[128];
            line_excerpt(sc, from, to, words, sizeof words);
            diag_warn(t->d, sp->loc, sp->field,
                      "a justified line would need gaps of %.2f spaces "
                      "between its words; set ragged: '%s' (a long "
                      "unbreakable word or URL?)", ls.gap, words);
        }
        r = 0;
        ls.rg = 0;
        ls.scale = 1;
        ls.track = 0;
        ls.lp = ls.rp = 0;
    }
    t->lines++;
    if (hyphen)
        t->hyphenated++;
    double f = ls.scale;
    sc->run.hscale = f;
    /* Lines are laid out in visual order (UAX #9 L2) from the bidi level
     * of each box; a space between two boxes takes the lower of their
     * levels (between two right-to-left words it goes with them), one at
     * an end the paragraph's. */
    size_t n = to - from;
    sc->order = grow(sc->order, &sc->ordercap, n + 1, sizeof *sc->order);
    sc->olev = xrealloc(sc->olev, sc->ordercap);
    unsigned char base = sc->rtl ? 1 : 0;
    for (size_t i = 0; i < n; i++) {
        const PItem *it = &sc->items[from + i];
        if (it->kind == P_BOX) {
            sc->olev[i] = it->level;
            continue;
        }
        int before = -1, after = -1;
        for (size_t j = i; j-- > 0 && before < 0;)
            if (sc->items[from + j].kind == P_BOX)
                before = sc->items[from + j].level;
        for (size_t j = i + 1; j < n && after < 0; j++)
            if (sc->items[from + j].kind == P_BOX)
                after = sc->items[from + j].level;
        sc->olev[i] = before < 0 || after < 0 ? base
                      : (unsigned char)(before < after ? before : after);
    }
    bidi_reorder(sc->olev, n, sc->order);
    /* A right-to-left paragraph is set from the right: its indents are on
     * the right, and "left" alignment (and a justified paragraph's last
     * line) is flush right. */
    double start = p->left + (first ? p->first : 0);
    /* Protrusion: the line's logical first character hangs out at its
     * start (the left, or the right in right-to-left text) and its last at
     * its end. */
    double x = sc->rtl ? -ls.rp : start - ls.lp;
    if (r == 0 && w < measure) {
        if (p->align == ALIGN_CENTER)
            x += (measure - w) / 2;
        else if ((p->align == ALIGN_RIGHT) != sc->rtl)
            x += measure - w;
    }
    /* Boxes of one font that touch become one text item; so does a space
     * set at its natural width in that same font (ragged lines): fewer
     * text operators, and the viewer advances the run exactly as measured,
     * since both use the font's /W widths.  Right-to-left boxes stay
     * items of their own, each with its text in logical order. */
    Run *run = &sc->run;
    run->have = false;
    sc->nline = 0;
    size_t last_uri = SIZE_MAX;
    bool last_linked = false;      /* the last box drawn carries a link */
    for (size_t v = 0; v < n; v++) {
        size_t i = from + sc->order[v];
        const PItem *it = &sc->items[i];
        if (it->kind == P_GLUE) {
            double gw = it->w + (ls.rg >= 0 ? ls.rg * it->st : ls.rg * it->sh);
            if (it->flagged) {
                /* Between CJK characters: the gap widens the advance of
                 * the run's last glyph when the next box goes on in the
                 * run (one text item a line, the viewer's pen moved by a
                 * TJ adjustment), else it is a move. */
                const PItem *nx = v + 1 < n ? &sc->items[from + sc->order[v + 1]] : NULL;
                if (gw > 1e-6 && run->ng && run_continues(run, nx)) {
                    run->g[run->ng - 1].adv +=
                        advance_for(gw, f, t->style->text[run->style].size);
                    run->w += gw;
                } else if (gw > 1e-6) {
                    run_flush(t, a, sc, run);
                }
                x += gw;
                continue;
            }
            /* A space between two boxes of the run is a space glyph in
             * it, whatever its width: a justified line's stretched (or
             * shrunk) space is drawn with its advance set to the glue's
             * width (the viewer's pen moved by a TJ adjustment), so a
             * line of one font is one text item and one TJ, and text
             * extractors see the space itself. */
            const PItem *nx = v + 1 < n ? &sc->items[from + sc->order[v + 1]] : NULL;
            const Shaped *sp = run_continues(run, nx) && it->style == run->style &&
                               gw > 1e-6 ? para_space(t, run->font) : NULL;
            if (sp) {
                /* f scales every advance (Tz): the space's is set so that
                 * the scaled advance is gw.  A natural space (ragged
                 * lines) keeps the advance shaping gave it. */
                const TextStyle *ts = &t->style->text[run->style];
                double sw = sp->g[0].adv * ts->size / 1000.0;
                run_append(run, " ", 1, gw, sp);
                if (fabs(sw - gw) > 1e-6 || f != 1)
                    run->g[run->ng - 1].adv = advance_for(gw, f, ts->size);
            } else {
                run_flush(t, a, sc, run);
            }
            x += gw;
            continue;
        }
        if (it->kind != P_BOX)
            continue;
        bool joins = run_continues(run, it) &&
                     run->x + run->w > x - 1e-6 && run->x + run->w < x + 1e-6;
        if (!joins) {
            run_flush(t, a, sc, run);
            run_start(run, it, x);
        }
        /* Letter spacing (a loose line's last resort, and a tight one's
         * in an emergency, para_breaks.c):
         * after each cluster but the box's last, in the glyphs' advances
         * (1/1000 em, which Tz scales by f). */
        double tw = 0;
        size_t g0 = run->ng;
        if (ls.track != 0) {
            tw = ls.track * t->style->text[it->style].size *
                 (double)para_letter_gaps(it);
        }
        double drawn = it->w * f + tw;     /* the box's width as drawn */
        run_append(run, sc->clean + it->off, it->len, drawn, it->shaped);
        for (size_t k = g0; tw != 0 && k + 1 < run->ng; k++)
            if (run->g[k + 1].cluster != run->g[k].cluster)
                run->g[k].adv += (float)(ls.track * 1000 / f);
        const char *uri = p->spans[it->span].uri;
        if (!uri && it->link)
            uri = sc->links[it->link - 1].uri;
        if (uri)
            last_uri = link_box(t, sc, last_uri, uri, it, x, drawn);
        last_linked = uri != NULL;
        x += drawn;
    }
    /* The hyphen of a broken word, after it: only where that word is the
     * last thing drawn (left-to-right text). */
    size_t last_box = n;
    for (size_t i = n; i-- > 0 && last_box == n;)
        if (sc->items[from + i].kind == P_BOX)
            last_box = i;
    if (hyphen && run->have && n && sc->order[n - 1] == last_box &&
        !(run->level & 1)) {
        const char *h = font_has(t->fonts, run->font, '-') ? "-" : "\xE2\x80\x90";
        run_append_char(t, run, h, brk->w * f);
        if (last_linked && last_uri < sc->nline)
            sc->line[last_uri].w += brk->w * f;   /* the link's word goes on */
    }
    run_flush(t, a, sc, run);
    vbox_append(a, box, sc->line, sc->nline);
    sc->nline = 0;
}
