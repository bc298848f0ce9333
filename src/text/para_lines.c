/* para_lines — chosen breaks to lines: glue set, boxes of one font
 * merged into text runs with their positions, links, the hyphen drawn at
 * a break. */
#include "text/para_impl.h"
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
    if (r->hscale < 1 - 1e-9 || r->hscale > 1 + 1e-9)
        ti->u.text.hscale = r->hscale;
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
    if (r > 1)
        t->loose++;
    if (r > 2)
        t->very_loose++;
    /* A line that would need its spaces stretched past MAX_STRETCH (gaps
     * of several spaces: rivers, and readers that take them for columns)
     * is set ragged instead, as a typesetter would rather than letter-space
     * it, and named: Knuth–Plass with emergency stretch makes such lines
     * rare; it cannot rule them out before an unbreakable URL. */
    if (ls.rg > MAX_STRETCH) {
        const ParaSpec *ps = p;
        const Span *sp = &ps->spans[from < sc->nitems ? sc->items[from].span : 0];
        diag_warn(t->d, sp->loc, sp->field,
                  "a justified line would need its spaces stretched %.1f times; "
                  "set ragged (a long unbreakable word or URL?)", ls.rg);
        r = 0;
        ls.rg = 0;
        ls.scale = 1;
        ls.lp = 0;
    }
    t->lines++;
    if (hyphen)
        t->hyphenated++;
    double x = p->left + (first ? p->first : 0) - ls.lp;
    double f = ls.scale;
    sc->run.hscale = f;
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
            double gw = it->w + (ls.rg >= 0 ? ls.rg * it->st : ls.rg * it->sh);
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
        run_append(run, sc->clean + it->off, it->len, it->w * f, it->pos);
        const char *uri = p->spans[it->span].uri;
        if (!uri && it->link)
            uri = sc->links[it->link - 1].uri;
        if (uri)
            last_uri = link_box(t, a, box, last_uri, uri, it, x);
        x += it->w * f;
    }
    if (hyphen && run->have) {
        const char *h = font_has(t->fonts, run->font, '-') ? "-" : "\xE2\x80\x90";
        run_append(run, h, strlen(h), brk->w * f, NULL);
    }
    run_flush(t, a, box, run);
}
