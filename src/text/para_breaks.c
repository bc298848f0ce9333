/* para_breaks — where the lines of a paragraph end: Knuth–Plass total
 * fit with TeX's passes, and first-fit (an option and the report's
 * comparison). */
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

size_t para_skip_discardable(const Scratch *sc, size_t i)
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
void para_break_first_fit(Scratch *sc, double first_w, double rest_w)
{
    sc->nbreaks = 0;
    size_t start = para_skip_discardable(sc, 0);
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
        start = para_skip_discardable(sc, best + 1);
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


static void kp_sums(Scratch *sc, const Style *sty)
{
    size_t n = sc->nitems;
    size_t cap = sc->sumcap;
    sc->sumw = grow(sc->sumw, &cap, n + 1, sizeof *sc->sumw);
    cap = sc->sumcap;
    sc->sumst = grow(sc->sumst, &cap, n + 1, sizeof *sc->sumst);
    cap = sc->sumcap;
    sc->sumsh = grow(sc->sumsh, &cap, n + 1, sizeof *sc->sumsh);
    cap = sc->sumcap;
    sc->sumb = grow(sc->sumb, &cap, n + 1, sizeof *sc->sumb);
    cap = sc->sumcap;
    sc->sumt = grow(sc->sumt, &cap, n + 1, sizeof *sc->sumt);
    sc->sumcap = cap;
    double w = 0, st = 0, sh = 0, bw = 0, lt = 0;
    for (size_t i = 0; i < n; i++) {
        sc->sumw[i] = w;
        sc->sumst[i] = st;
        sc->sumsh[i] = sh;
        sc->sumb[i] = bw;
        sc->sumt[i] = lt;
        const PItem *it = &sc->items[i];
        if (it->kind != P_PEN)
            w += it->w;
        if (it->kind == P_BOX) {
            bw += it->w;
            lt += (double)para_letter_gaps(it) *
                  sty->text[it->style].size;
        }
        if (it->kind == P_GLUE) {
            st += it->st;
            sh += it->sh;
        }
    }
    sc->sumw[n] = w;
    sc->sumst[n] = st;
    sc->sumsh[n] = sh;
    sc->sumb[n] = bw;
    sc->sumt[n] = lt;
}

/* Letter gaps inside a box: places between its clusters' glyphs, where
 * letter spacing goes (none inside a cluster, a ligature or after the
 * box's last glyph, nor in a script whose letters join: PItem.spaced). */
size_t para_letter_gaps(const PItem *it)
{
    size_t n = 0;
    const Shaped *s = it->spaced ? it->shaped : NULL;
    for (size_t k = 0; s && k + 1 < s->n; k++)
        n += s->g[k + 1].cluster != s->g[k].cluster;
    return n;
}

/* How a justified line shares a shortfall s > 0: the glyphs expand first
 * (up to B, as pdfTeX does), then the spaces stretch to ratio 1 (Y: a gap
 * of 1.5 spaces with the default space-stretch), then letters are spaced
 * apart (up to T), and only then do the spaces stretch further.  Gives
 * the spaces' ratio and the share of T used.  Letter spacing is a loose
 * line's last resort, as InDesign's composer uses it: a hundredth of an
 * em between letters is seen less than a gap of two spaces, but it is
 * seen, so it is not free: the ratio the breaker judges (*judged) counts
 * it as stretch beside the spaces' past ratio 1, and is never below the
 * spaces' own.  Below ratio 1 the breaker judges the spaces' ratio (the
 * gaps are what a reader sees). */
static double stretch_share(double s, double B, double Y, double T,
                            double *tfrac, double *judged)
{
    *tfrac = 0;
    s -= B;
    double r;
    if (s <= 0)
        r = 0;
    else if (Y <= 0)
        r = 1e9;
    else if (s <= Y || T <= 0)
        r = s / Y;
    else {
        double x = s - Y;
        *tfrac = x < T ? x / T : 1;
        r = x < T ? 1 : 1 + (x - T) / Y;
        double j = 1 + x / (Y + T);
        *judged = j > r ? j : r;
        return r;
    }
    *judged = r;
    return r;
}

/* How a line takes an excess o > 0 left once the glyphs took their
 * share: the spaces shrink to ratio -1 (Z), then, in an emergency
 * (tightening, Tn > 0), the letters close up by up to Tn.  Gives the
 * ratio the breaker judges: -1 - (closing)/(Z + Tn) when letters close
 * up, so a line set tighter than its spaces allow costs more the tighter
 * it is; OVERFULL when even that is not enough. */
#define OVERFULL (-1e9)

static double shrink_share(double o, double Z, double Tn)
{
    if (o <= 0)
        return 0;
    if (o <= Z)
        return -o / Z;
    double x = o - Z;
    if (Tn > 0 && x <= Tn + 1e-9)
        return -1 - x / (Z + Tn);
    return OVERFULL;
}

static int kp_node(Scratch *sc, size_t pos, int line, int fit, bool hyph,
                   int hrun, double dem, int prev)
{
    sc->nodes = grow(sc->nodes, &sc->nodecap, sc->nnodes + 1, sizeof *sc->nodes);
    KPNode *n = &sc->nodes[sc->nnodes];
    n->pos = pos;
    n->start = pos == 0 && prev < 0 ? para_skip_discardable(sc, 0)
                                    : para_skip_discardable(sc, pos + 1);
    n->line = line;
    n->fit = fit;
    n->hyph = hyph;
    n->hrun = hrun;
    n->dem = dem;
    n->prev = prev;
    return (int)sc->nnodes++;
}

/* Protrusion at the ends of the line from item s0 to the break b: the
 * first box's left margin kern, and the right one of the hyphen drawn at
 * b or of the last box before it. */
static void line_protrusion(const Scratch *sc, size_t s0, size_t b,
                            bool flagged, double *lp, double *rp)
{
    *lp = s0 < sc->nitems && sc->items[s0].kind == P_BOX ? sc->items[s0].lp : 0;
    if (flagged)
        *rp = sc->items[b].rp;
    else
        *rp = b > s0 && sc->items[b - 1].kind == P_BOX ? sc->items[b - 1].rp : 0;
}

/* Hyphen runs are told apart up to this many (0, 1, 2 or more). */
#define HRUN_CLASSES 3

/* One pass; true when a path to the end was found (breaks then set).
 * Nodes at one break are kept per fitness class and per run of hyphenated
 * lines before them, so that the demerits of a third hyphen in a row
 * (hyphen-ladder-demerits) are exact, not a guess. */
/* A candidate break at one position: the best way found so far to reach
 * it in one fitness class, hyphen-run class and (with a looseness target)
 * line count. */
typedef struct Cand {
    int fit, h, line;
    double d;
    int from;
} Cand;

#define MAX_CANDS 256

/* lines > 0: only breaks sequences of exactly that many lines (TeX's
 * \looseness); nodes are then also kept apart by line count. */
static bool kp_pass(Scratch *sc, const KPParams *kp, double tol, bool hyphens,
                    double emergency, bool final, int lines)
{
    const Style *st = kp->st;
    size_t n = sc->nitems;
    sc->nnodes = 0;
    sc->nactive = 0;
    int start = kp_node(sc, 0, 0, 1, false, 0, 0, -1);
    sc->active = grow(sc->active, &sc->activecap, 1, sizeof *sc->active);
    sc->active[sc->nactive++] = start;
    bool protrude = !kp->ragged && st->typo.protrusion;
    double e = kp->ragged ? 0 : kp->expansion;
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
        Cand cand[MAX_CANDS];
        int ncand = 0;
        for (size_t q = 0; q < sc->nactive;) {
            const KPNode *a = &sc->nodes[sc->active[q]];
            size_t s0 = a->start;
            if (s0 > b) {           /* breaks inside the discarded run */
                q++;
                continue;
            }
            double measure = a->line == 0 ? kp->first_w : kp->rest_w;
            if (protrude) {
                double lp, rp;
                line_protrusion(sc, s0, b, flagged, &lp, &rp);
                measure += lp + (end ? 0 : rp);
            }
            double L = sc->sumw[b] - sc->sumw[s0] + pw;
            /* Font expansion goes first, as in pdfTeX: the glyphs take up
             * to B of a shortfall (or an excess) and the spaces only what
             * is left, so the ratio judged is the spaces' own, the one a
             * reader sees. */
            double B = e > 0 ? e * (sc->sumb[b] - sc->sumb[s0] + pw) : 0;
            double Y = kp->ragged ? kp->ragged_stretch
                                  : sc->sumst[b] - sc->sumst[s0];
            double Z = sc->sumsh[b] - sc->sumsh[s0];
            double T = sc->tracking * (sc->sumt[b] - sc->sumt[s0]);
            double r, tf, rs;
            if (L < measure - 1e-9) {
                if (end)
                    r = 0;          /* \parfillskip: the last line is free */
                else
                    stretch_share(measure - L, B, Y + emergency,
                                  kp->ragged ? 0 : T, &tf, &r);
            } else if (L > measure + 1e-9) {
                double Tn = sc->tightening * (sc->sumt[b] - sc->sumt[s0]);
                r = shrink_share(L - measure - B, Z, Tn);
            } else {
                r = 0;
            }
            if (r <= OVERFULL) {
                /* Overfull, and every later break would be longer still:
                 * this node can start no more lines. */
                sc->active[q] = sc->active[--sc->nactive];
                continue;
            }
            /* A line whose spaces would stretch past MAX_STRETCH with the
             * glyphs at their limit is set ragged (para_lines.c), so only
             * the last pass may take it. */
            bool gappy = false;
            if (r > 1 && !final && !kp->ragged)
                gappy = stretch_share(measure - L, B, sc->sumst[b] - sc->sumst[s0],
                                      T, &tf, &rs) > MAX_STRETCH;
            if ((r <= tol && !gappy) || final) {
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
                if (flagged && a->hrun >= 1)
                    d += st->typo.double_hyphen_demerits;
                if (flagged && a->hrun >= 2)
                    d += st->typo.hyphen_ladder_demerits;
                if (end && a->hyph)
                    d += st->typo.final_hyphen_demerits;
                if (abs(fit - a->fit) > 1)
                    d += st->typo.adj_demerits;
                d += a->dem;
                int h = flagged ? a->hrun + 1 : 0;
                if (h >= HRUN_CLASSES)
                    h = HRUN_CLASSES - 1;
                int line = lines > 0 ? a->line + 1 : -1;
                if (lines > 0 && (line > lines || (end && line != lines))) {
                    q++;
                    continue;
                }
                int c = 0;
                while (c < ncand && !(cand[c].fit == fit && cand[c].h == h &&
                                      cand[c].line == line))
                    c++;
                if (c == ncand && ncand < MAX_CANDS)
                    cand[ncand++] = (Cand){ fit, h, line, 1e300, -1 };
                if (c < ncand && d < cand[c].d) {
                    cand[c].d = d;
                    cand[c].from = sc->active[q];
                }
            }
            q++;
        }
        double min = 1e300;
        for (int c = 0; c < ncand; c++)
            if (cand[c].d < min)
                min = cand[c].d;
        for (int c = 0; c < ncand; c++) {
            /* With a looseness target every line count is kept: the
             * cheapest path may not have the count asked for. */
            if (lines <= 0 && cand[c].d > min + st->typo.adj_demerits)
                continue;
            const KPNode *pn = &sc->nodes[cand[c].from];
            int hrun = flagged ? pn->hrun + 1 : 0;
            int node = kp_node(sc, b, pn->line + 1, cand[c].fit, flagged, hrun,
                               cand[c].d, cand[c].from);
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
    sc->kp_demerits = sc->nodes[best].dem;
    size_t nb = 0;
    for (int k = best; sc->nodes[k].prev >= 0; k = sc->nodes[k].prev)
        nb++;
    sc->breaks = grow(sc->breaks, &sc->breakcap, nb, sizeof *sc->breaks);
    sc->nbreaks = nb;
    for (int k = best; sc->nodes[k].prev >= 0; k = sc->nodes[k].prev)
        sc->breaks[--nb] = sc->nodes[k].pos;
    return true;
}

/* The natural width of the paragraph's last line under sc->breaks. */
static double last_line_width(const Scratch *sc)
{
    size_t from = sc->nbreaks > 1 ? sc->breaks[sc->nbreaks - 2] + 1 : 0;
    from = para_skip_discardable(sc, from);
    return sc->sumw[sc->nitems] - sc->sumw[from < sc->nitems ? from : sc->nitems];
}

/* A paragraph's breaks and their demerits, kept while another setting
 * is tried (looseness, the emergency's letter spacing) and put back when
 * that setting is not better. */
typedef struct Kept {
    size_t *breaks, n;
    double demerits;
} Kept;

static Kept kept_save(const Scratch *sc)
{
    Kept k = { xmalloc((sc->nbreaks ? sc->nbreaks : 1) * sizeof *k.breaks),
               sc->nbreaks, sc->kp_demerits };
    memcpy(k.breaks, sc->breaks, k.n * sizeof *k.breaks);
    return k;
}

/* Put k back (restore) or drop it; frees it either way. */
static void kept_done(Scratch *sc, Kept *k, bool restore)
{
    if (restore) {
        sc->breaks = grow(sc->breaks, &sc->breakcap, k->n, sizeof *sc->breaks);
        memcpy(sc->breaks, k->breaks, k->n * sizeof *k->breaks);
        sc->nbreaks = k->n;
        sc->kp_demerits = k->demerits;
    }
    free(k->breaks);
}

/* A last line this short (a fraction of the measure) is worth a try with
 * one line fewer (TeX's \looseness=-1), within the same tolerance; the
 * tighter paragraph is kept unless it costs a hyphen ladder or a
 * hyphenated last-but-one line (demerits at least half of those) more. */
#define SHORT_LAST_LINE 0.15

static void try_tighter(Scratch *sc, const KPParams *kp, double tol,
                        bool hyphens)
{
    if (kp->ragged || sc->nbreaks < 3 ||
        last_line_width(sc) > SHORT_LAST_LINE * kp->rest_w)
        return;
    Kept k = kept_save(sc);
    const Typo *ty = &kp->st->typo;
    double allowance = 0.5 * (ty->final_hyphen_demerits < ty->hyphen_ladder_demerits
                                  ? ty->final_hyphen_demerits
                                  : ty->hyphen_ladder_demerits);
    kept_done(sc, &k,
              !kp_pass(sc, kp, tol, hyphens, 0, false, (int)k.n - 1) ||
              sc->kp_demerits > k.demerits + allowance);
}

/* True when the paragraph as broken ends in the tail of a word
 * hyphenated on the line before. */
static bool ends_in_tail(const Scratch *sc)
{
    if (sc->nbreaks < 2)
        return false;
    const PItem *it = &sc->items[sc->breaks[sc->nbreaks - 2]];
    return it->kind == P_PEN && it->flagged;
}

/* The emergency's letter spacing: twice the loose lines' allowance, and
 * as much again taken away from a tight line.  Only a paragraph that
 * cannot be set otherwise, or only with a word's tail on its last line,
 * gets it: at 10 pt, 3 % of the em is a third of a point between letters,
 * seen less than gaps of two spaces or a ragged line (InDesign's
 * composer makes the same trade within its letter-spacing range). */
static void emergency_spacing(Scratch *sc, const KPParams *kp)
{
    sc->tracking = 2 * kp->tracking;
    sc->tightening = kp->tracking;
}

static void normal_spacing(Scratch *sc, const KPParams *kp)
{
    sc->tracking = kp->tracking;
    sc->tightening = 0;
}

void para_break_kp(Scratch *sc, const KPParams *kp)
{
    const Style *st = kp->st;
    kp_sums(sc, st);
    normal_spacing(sc, kp);
    if (kp_pass(sc, kp, st->typo.pretolerance, false, 0, false, 0)) {
        try_tighter(sc, kp, st->typo.pretolerance, false);
        return;
    }
    if (kp_pass(sc, kp, st->typo.tolerance, true, 0, false, 0)) {
        try_tighter(sc, kp, st->typo.tolerance, true);
        if (!ends_in_tail(sc) || kp->tracking <= 0)
            return;
        /* A word's tail on the last line (final-hyphen-demerits could not
         * avoid it within the normal spacing): the emergency's letter
         * spacing may, and is kept when its demerits, the final hyphen's
         * included, are lower. */
        Kept k = kept_save(sc);
        emergency_spacing(sc, kp);
        bool worse = !kp_pass(sc, kp, st->typo.tolerance, true, 0, false, 0) ||
                     sc->kp_demerits >= k.demerits;
        if (worse)
            normal_spacing(sc, kp);
        kept_done(sc, &k, worse);
        return;
    }
    emergency_spacing(sc, kp);
    if (st->typo.emergency_stretch > 0 &&
        kp_pass(sc, kp, st->typo.tolerance, true, st->typo.emergency_stretch,
                false, 0))
        return;
    if (kp_pass(sc, kp, 0, true, 0, true, 0))
        return;
    para_break_first_fit(sc, kp->first_w, kp->rest_w);
}

/* How the line from item from (a break's first item) to item to (the
 * break) is set, as emit_line sets it: glue and font expansion share one
 * ratio up to the expansion's limit, then the glue takes the rest. */
LineSet para_line_set(const ParaSpec *p, const Scratch *sc, double expansion,
                      size_t from, size_t to, bool first, bool last)
{
    LineSet ls = { .scale = 1 };
    bool justify = p->align == ALIGN_JUSTIFY && !last;
    /* A justified paragraph's last line is not stretched, but it may be
     * shrunk like the others (the breaker counted on it). */
    double e = p->align == ALIGN_JUSTIFY ? expansion : 0;
    double measure = p->width - p->left - (first ? p->first : 0);
    double w = 0, bw = 0, st = 0, sh = 0, lt = 0, gw = 0;
    bool spaced = p->align == ALIGN_JUSTIFY &&
                  ((justify && sc->tracking > 0) || sc->tightening > 0);
    for (size_t i = from; i < to; i++) {
        const PItem *it = &sc->items[i];
        if (it->kind == P_BOX) {
            w += it->w;
            bw += it->w;
            if (spaced)
                lt += (double)para_letter_gaps(it) *
                      sc->sty->text[it->style].size;
        } else if (it->kind == P_GLUE) {
            w += it->w;
            gw += it->w;
            st += it->st;
            sh += it->sh;
        }
    }
    const PItem *brk = to < sc->nitems ? &sc->items[to] : NULL;
    ls.hyphen = brk && brk->kind == P_PEN && brk->flagged;
    if (ls.hyphen) {
        w += brk->w;
        bw += brk->w;
    }
    if (p->align == ALIGN_JUSTIFY && sc->protrude)
        line_protrusion(sc, from, to, ls.hyphen, &ls.lp, &ls.rp);
    if (!justify)
        ls.rp = 0;      /* a last line does not reach the margin */
    measure += ls.lp + ls.rp;
    /* The glyphs take the first share of a shortfall or an excess, up
     * to the expansion's limit, the spaces the rest (the breaker judged
     * it so).  r is the ratio over both together (for alignment and
     * figures), rg the spaces' own. */
    double r = 0, rg = 0, scale = 1;
    if (w > measure + 1e-6) {
        double over = w - measure;
        r = sh + e * bw > 0 ? -over / (sh + e * bw) : -2;
        if (over <= e * bw) {
            scale = 1 - over / bw;
        } else {
            scale = 1 - e;
            /* past the spaces' shrink, the letters close up as far as
             * the breaker let them (shrink_share) */
            double rest = over - e * bw;
            double x = rest - sh, tn = sc->tightening * lt;
            if (x > 0 && tn > 0) {
                ls.track = -(x < tn ? x : tn) / lt;
                rest -= x < tn ? x : tn;
            }
            rg = sh > 0 ? -rest / sh : rest > 1e-6 ? -2 : -1;
        }
    } else if (justify) {
        double gap = measure - w;
        r = st + e * bw > 0 ? gap / (st + e * bw) : 0;
        if (gap <= e * bw) {
            scale = bw > 0 ? 1 + gap / bw : 1;
        } else {
            scale = 1 + e;
            double tf = 0, judged;
            rg = st > 0 ? stretch_share(gap, e * bw, st, sc->tracking * lt, &tf,
                                        &judged) : 0;
            ls.track = tf * sc->tracking;
        }
    }
    ls.overfull = rg < -1 - 1e-9;
    ls.gap = gw > 0 ? 1 + (rg > 0 ? rg * st : rg * sh) / gw : 1;
    if (r < -1)
        r = -1;
    if (rg < -1)
        rg = -1;
    ls.r = r;
    ls.rg = rg;
    ls.scale = scale;
    ls.w = w;
    return ls;
}

/* Figures of a set of breaks (for the report). */
void para_count_lines(const ParaSpec *p, const Scratch *sc, double expansion,
                        const size_t *breaks, size_t nb, long *lines,
                        long *hyphenated, long *overfull, long *loose,
                        long *very_loose, long *runs)
{
    size_t from = 0;
    int streak = 0;
    for (size_t i = 0; i < nb; i++) {
        size_t to = breaks[i];
        LineSet ls = para_line_set(p, sc, expansion, para_skip_discardable(sc, from),
                                   to, i == 0, i + 1 == nb);
        double r = ls.rg;       /* the spaces' ratio */
        bool hy = ls.hyphen, of = ls.overfull;
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
