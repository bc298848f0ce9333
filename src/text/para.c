/* para — the paragraph driver: spans in, lines out (see para.h); the
 * steps live in para_items.c, para_breaks.c and para_lines.c. */
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
#include <utf8proc.h>

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
            c->bold = bold;
            c->serif = f == FAMILY_SERIF;
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
    t->lost = lost_new();
    breaks_init(&t->breaks);
    for (int k = 0; k < s->nscripts; k++)
        if (!font_set_script(fonts, s->scripts[k].tag, s->scripts[k].serif,
                             s->scripts[k].sans))
            diag_warn(d, srcloc(s->path, 0, 0), "fonts.scripts",
                      "script '%s' is unknown; its fonts are not used",
                      s->scripts[k].tag);
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
        free(sc->cstart);
        free(sc->cclean);
        free(sc->flags);
        free(sc->clean);
        free(sc->items);
        free(sc->breaks);
        free(sc->spanstart);
        free(sc->run.buf);
        free(sc->links);
        free(sc->run.g);
        free(sc->line);
        free(sc->sumw);
        free(sc->sumst);
        free(sc->sumsh);
        free(sc->sumb);
        free(sc->sumt);
        free(sc->nodes);
        free(sc->active);
        free(sc->typo);
        free(sc->lev);
        free(sc->order);
        free(sc->olev);
        free(sc->prot);
        free(sc->map);
        free(sc);
    }
    if (t->lost)
        lost_flush(t->lost, t->d);
    lost_free(t->lost);
    breaks_fini(&t->breaks);
    memset(t, 0, sizeof *t);
}

/* The per-byte arrays over the source text, for len bytes. */
void para_scratch_bytes(Scratch *sc, size_t len)
{
    size_t cap = sc->brkcap;
    sc->brk = grow(sc->brk, &cap, len + 2, 1);
    if (cap != sc->brkcap) {
        sc->flags = xrealloc(sc->flags, cap);
        sc->cstart = xrealloc(sc->cstart, cap);
        sc->brkcap = cap;
    }
}

/* ICU could not open or run an iterator (out of memory, missing data):
 * text is still set, with breaks at spaces only; said once. */
void para_icu_failed(TextCtx *t, const Span *sp)
{
    if (t->icu_warned)
        return;
    t->icu_warned = true;
    diag_warn(t->d, sp->loc, sp->field, "ICU line or character breaking "
              "failed; lines break at spaces only, characters are not "
              "grouped into clusters");
}

const FontChain *text_chain(TextCtx *t, const TextStyle *ts)
{
    int face = ts->bold ? (ts->italic ? FACE_BOLD_ITALIC : FACE_BOLD)
                        : (ts->italic ? FACE_ITALIC : FACE_REGULAR);
    return &t->chain[ts->family][face];
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
    para_scratch_bytes(sc, len);
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
                if (hyph_customary(p->lang))
                    diag_warn(t->d, p->spans[0].loc, NULL,
                        "no hyphenation dictionary for language '%s'; its "
                        "text is not hyphenated", p->lang);
            }
        }
    }
    len = para_apply_typo(t, sc, p, len);
    if (!breaks_line(&t->breaks, sc->src, len, p->lang, sc->brk))
        para_icu_failed(t, &p->spans[0]);
    sc->nlinks = 0;
    sc->link_arena = a;
    para_mark_words(t, sc, p, len, hl);
    para_build_items(t, sc, p, len);
    if (sc->nitems == 0)
        return 0;
    double first_w = p->width - p->left - p->first;
    double rest_w = p->width - p->left;
    para_split_wide(t, sc, first_w < rest_w ? first_w : rest_w);
    sc->lang = p->lang;
    sc->rtl = t->dir ? t->dir < 0 : bidi_lang_rtl(p->lang);
    /* Justified text in a column narrower than ragged-below (or with
     * ragged-right) is set ragged: KP cannot make 25-character lines even. */
    const Typo *ty = &t->style->typo;
    ParaSpec ps = *p;
    if (ps.align == ALIGN_JUSTIFY &&
        (ty->ragged || (ty->ragged_below > 0 && rest_w < ty->ragged_below)))
        ps.align = ALIGN_LEFT;
    p = &ps;
    /* Font expansion and letter spacing only where lines are justified,
     * and not in Chinese or Japanese text (more gaps between characters
     * than spaces): glyphs on an em grid keep their shape and their
     * spacing, the lines stretch between them. */
    bool cjk = sc->cjk_gaps > sc->spaces;
    double expansion = ps.align == ALIGN_JUSTIFY && !cjk ? ty->expansion : 0;
    sc->tracking = ps.align == ALIGN_JUSTIFY && !cjk ? ty->tracking : 0;
    /* (before shaping: a paragraph without letter spacing does not ask
     * which of its boxes could take it) */
    para_shape_boxes(t, sc);
    para_protrude(t, sc);
    sc->sty = t->style;
    sc->tightening = 0;
    KPParams kp = { first_w, rest_w, ps.align != ALIGN_JUSTIFY,
                    ty->ragged_stretch, t->style, expansion, sc->tracking };
    /* The report compares both breakers on the same items: the other one
     * runs first and its figures go to t->alt (only when asked: it costs
     * a second breaking of every paragraph). */
    if (t->compare) {
        if (ty->first_fit)
            para_break_kp(sc, &kp);
        else
            para_break_first_fit(sc, first_w, rest_w);
        para_count_lines(p, sc, expansion, sc->breaks, sc->nbreaks, &t->alt.lines,
                    &t->alt.hyphenated, &t->alt.overfull, &t->alt.loose,
                    &t->alt.very_loose, &t->alt.hyph_runs);
    }
    if (ty->first_fit) {
        /* (the comparison's Knuth–Plass may have left the emergency's
         * letter spacing in place) */
        sc->tracking = kp.tracking;
        sc->tightening = 0;
        para_break_first_fit(sc, first_w, rest_w);
    } else {
        para_break_kp(sc, &kp);
    }
    {
        long dl = 0, dh = 0, dof = 0, dlo = 0, dvl = 0, runs = 0;
        para_count_lines(p, sc, expansion, sc->breaks, sc->nbreaks, &dl, &dh, &dof, &dlo, &dvl,
                    &runs);
        t->hyph_runs += runs;
    }

    const TextStyle *ts = &t->style->text[p->spans[0].style];
    double h, d;
    para_line_metrics(ts, &h, &d);
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
        para_emit_line(t, a, p, sc, expansion, from, to, i == 0, i == n - 1, box);
        from = to + 1;
    }
    if (p->keep_with_next)
        vlist_penalty(a, l, VLIST_INF);
    return n;
}

/* ---------------------------------------------------------------------
 * Single lines
 */

/* s with the language's marks (text/typo) into the scratch's typo
 * buffer; gives its length. */
static size_t marks_into_scratch(TextCtx *t, const char *lang, const char *s,
                                 size_t len)
{
    Scratch *sc = t->scratch;
    sc->typo = grow(sc->typo, &sc->typocap, TYPO_MAX(len), 1);
    return typo_apply(t->style, lang, s, len, NULL, sc->typo, NULL, NULL);
}

double text_draw(TextCtx *t, Arena *a, VItem *box, double x, StyleId style,
                 const char *s, size_t len, SrcLoc loc)
{
    Span sp = { s, len, style, NULL, false, loc, NULL };
    ParaSpec p = { &sp, 1, NULL, 1e9, 0, 0, ALIGN_LEFT, false, false };
    Scratch *sc = t->scratch;
    sc->spanstart = grow(sc->spanstart, &sc->spancap, 2, sizeof *sc->spanstart);
    sc->spanstart[0] = 0;
    /* The document language's marks, as in running text: a running head,
     * a grid cell or an index entry shows "l’axe" as the page it cites
     * does. */
    len = marks_into_scratch(t, t->lang, s, len);
    sc->src = grow(sc->src, &sc->srccap, len + 1, 1);
    para_scratch_bytes(sc, len);
    memcpy(sc->src, sc->typo, len);
    memset(sc->brk, 0, len);
    memset(sc->flags, 0, len);
    sc->nlinks = 0;     /* single lines carry no text links */
    sc->measuring = box == NULL;
    para_build_items(t, sc, &p, len);
    sc->measuring = false;
    sc->lang = NULL;
    sc->rtl = false;
    sc->tracking = 0;       /* a single line is not justified */
    sc->tightening = 0;
    para_shape_boxes(t, sc);
    sc->protrude = false;
    double w = 0;
    for (size_t i = 0; i < sc->nitems; i++)
        if (sc->items[i].kind != P_PEN)
            w += sc->items[i].w;
    if (box) {
        /* One unbroken line; it is not a line of running text, so it
         * does not count in the typesetting figures. */
        long lines = t->lines, loose = t->loose;
        p.left = x;
        para_emit_line(t, a, &p, sc, 0, 0, sc->nitems, true, true, box);
        t->lines = lines;
        t->loose = loose;
    }
    return w;
}

void text_leaders(TextCtx *t, Arena *a, VItem *box, double x, double limit,
                  double pitch, StyleId style, SrcLoc loc)
{
    if (x + pitch > limit)
        return;
    size_t first = box->nitems;
    double x0 = x;
    text_draw(t, a, box, x, style, ".", 1, loc);
    x += pitch;
    Item *dot = box->nitems == first + 1 ? &box->items[first] : NULL;
    const Shaped *sp = dot && dot->kind == ITEM_TEXT && dot->u.text.nglyphs == 1
                           ? para_space(t, dot->u.text.font) : NULL;
    if (sp && (dot->u.text.offsets || sp->g[0].dx != 0 || sp->g[0].dy != 0))
        sp = NULL;      /* (a dot or space off its pen: not seen in a font) */
    if (!sp) {
        /* No space glyph to carry the pitch: a dot an item. */
        for (; x + pitch <= limit; x += pitch)
            text_draw(t, a, box, x, style, ".", 1, loc);
        return;
    }
    /* One item: ". . . ." with each space's advance taking the pen to the
     * next dot (x accumulates as the dots' own positions always did, so
     * they line up down the page). */
    size_t n = 1;
    for (double xx = x; xx + pitch <= limit; xx += pitch)
        n++;
    char *u = arena_alloc(a, 2 * n);
    TextGlyph *g = arena_array(a, 2 * n - 1, sizeof *g);
    const TextGlyph *dg = &dot->u.text.glyphs[0];
    double size = dot->u.text.size;
    double off = 0;     /* the current dot's offset from the first */
    for (size_t k = 0; k < n; k++) {
        u[2 * k] = '.';
        g[2 * k] = *dg;
        g[2 * k].cluster = (uint32_t)(2 * k);
        if (k + 1 == n)
            break;
        u[2 * k + 1] = ' ';
        g[2 * k + 1] = (TextGlyph){
            sp->g[0].gid, (uint32_t)(2 * k + 1),
            (float)((x - x0 - off) * 1000.0 / size - dg->adv) };
        off = x - x0;
        x += pitch;
    }
    u[2 * n - 1] = '\0';
    dot->u.text.utf8 = u;
    dot->u.text.len = 2 * n - 1;
    dot->u.text.glyphs = g;
    dot->u.text.nglyphs = 2 * n - 1;
    dot->w += off;
}

const char *text_marked(TextCtx *t, Arena *a, const char *lang, const char *s)
{
    size_t len = strlen(s);
    size_t n = marks_into_scratch(t, lang ? lang : t->lang, s, len);
    const char *marked = ((Scratch *)t->scratch)->typo;
    if (n == len && memcmp(marked, s, len) == 0)
        return s;
    return arena_strndup(a, marked, n);
}

int para_set_dir(TextCtx *t, Arena *a, const ParaSpec *p, VList *l, int dir)
{
    signed char was = t->dir;
    t->dir = (signed char)dir;
    int n = para_set(t, a, p, l);
    t->dir = was;
    return n;
}

double text_width(TextCtx *t, StyleId style, const char *s, size_t len)
{
    return text_draw(t, NULL, NULL, 0, style, s, len, srcloc(NULL, 0, 0));
}
