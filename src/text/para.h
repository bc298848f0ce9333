/* para — a paragraph of styled text to justified, hyphenated lines.
 *
 * Input is a list of spans (text + style + optional link); output is one
 * VBOX per line, appended to a vertical list, with widow/orphan penalties
 * between them.  The steps, each in its own function:
 *
 *   1. items:  text → boxes (runs of one font), glue (spaces), penalties
 *      (break opportunities from ICU's line BreakIterator, text/breaks.h;
 *      hyphenation points from libhyphen; soft hyphens).  The unit is the
 *      grapheme cluster (ICU): a flag, an emoji ZWJ sequence, a base and
 *      its marks is set whole in the first font of its style's chain that
 *      has every character of it needing a glyph, and never broken,
 *      hyphenated or split; a cluster no font has whole is named in a
 *      warning at each place (text/lost.h) and left out.  Characters that
 *      only control text are used for that: U+00AD soft hyphen a
 *      hyphenation point, U+200B zero-width space a break opportunity,
 *      U+2060 word joiner no break (ICU), joiners, variation selectors,
 *      CGJ and emoji tags part of their cluster and of its font choice
 *      (drawn when the font has them); any other character without a glyph
 *      is named.
 *      URLs (spans marked as such, and words beginning http://, https://,
 *      www.) break only after / ? & = - and are never hyphenated.
 *   2. breaks: Knuth–Plass total fit (default; see break_kp in para.c:
 *      demerits, fitness classes, a tolerance cascade ending in emergency
 *      stretch, so no line is overfull while any break sequence avoids
 *      it), or first-fit (layout `typography.line-breaking: first-fit`;
 *      also run on every paragraph for the report's comparison).  Ragged
 *      text (align left/center/right, `ragged-right`, or a measure under
 *      `ragged-below`) is broken by KP against a fixed stretch at the line
 *      end, which evens the rag.  A word wider than the line is broken
 *      between clusters.  Before that, a per-language pass (typo.c)
 *      sets the language's marks (quotes, apostrophes, French spaces);
 *      boxes are cut where the bidi level changes (bidi.h) and shaped by
 *      HarfBuzz in their direction.
 *   3. lines:  glue set to the line's adjustment ratio (justified) or
 *      natural (ragged, last line), items laid out in visual order (a
 *      right-to-left paragraph, by its language, from the right),
 *      adjacent left-to-right boxes of one font merged into one text item,
 *      the hyphen drawn only at a break.
 *
 * Justification places words one by one: libharu ignores Tw with UTF-8
 * fonts (guide/libharu.md §6).  Chinese and Japanese stretch between
 * their characters instead (glue of no natural width between CJK
 * clusters, drawn as wider advances inside the run; docs/typography.md).
 */
#ifndef LIVRET_PARA_H
#define LIVRET_PARA_H

#include <stdbool.h>

#include "base/arena.h"
#include "base/diag.h"
#include "text/breaks.h"
#include "text/font.h"
#include "text/hyph.h"
#include "input/style.h"
#include "display/vlist.h"

/* What every paragraph of one run needs; owned by the driver. */
typedef struct TextCtx {
    const Style *style;
    FontSet *fonts;
    FontChain chain[NFAMILIES][NFACES];  /* per family and face */
    Hyphenator *hyph;
    Diags *d;
    /* every place a character was left out, warned (text/lost.h) */
    struct LostSet *lost;
    TextBreaks breaks;          /* ICU line and cluster iterators */
    bool icu_warned;            /* their failure was said */
    bool compare;               /* run the other breaker too (report) */
    const char *lang;           /* the programme's language: the typography
                                   of text set with no language of its own
                                   (grid cells, bands, indexes) */
    /* Base direction of the paragraphs set now: 0 = each one's language's
     * (bidi.h), 1 = left to right, -1 = right to left (a contents line
     * runs the booklet's way, not its entry's). */
    signed char dir;
    /* languages without hyphenation already warned about */
    char warned_lang[16][16];
    int nwarned_lang;
    /* statistics for --report */
    long lines, hyphenated, overfull, loose;
    /* issue #3: lines with ratio > 2, runs of 2+ hyphenated lines in a
     * row, characters left out (each occurrence), and the figures the
     * other breaker (first-fit when KP sets the text) gets on the same
     * paragraphs, counted but not drawn. */
    long very_loose, hyph_runs, missing;
    struct {
        long lines, hyphenated, overfull, loose, very_loose, hyph_runs;
    } alt;
    void *scratch;              /* buffers reused by every paragraph */
} TextCtx;

typedef struct Span {
    const char *text;           /* UTF-8, any whitespace (collapsed here) */
    size_t len;
    StyleId style;
    const char *uri;            /* make the text a link to this URI */
    bool url;                   /* the text is a URL: URL break rules */
    SrcLoc loc;                 /* where the text came from (warnings) */
    const char *field;          /* its field path, e.g. sessions[3].title */
} Span;

typedef struct ParaSpec {
    const Span *spans;
    size_t nspans;
    const char *lang;           /* BCP 47; NULL = no hyphenation */
    double width;               /* measure, points */
    double left;                /* left indent of every line */
    double first;               /* extra indent of the first line (may be
                                   negative for hanging labels) */
    Align align;                /* overrides the first span's style */
    bool keep_together;         /* never break between these lines */
    bool keep_with_next;        /* no break after the last line */
} ParaSpec;

bool text_ctx_init(TextCtx *t, const Style *s, FontSet *fonts,
                   Hyphenator *h, Diags *d);
void text_ctx_fini(TextCtx *t);

/* Set the paragraph and append its lines to l.  Returns the number of
 * lines (0 for an empty paragraph). */
int para_set(TextCtx *t, Arena *a, const ParaSpec *p, VList *l);

/* para_set with the base direction given (TextCtx.dir: 0 = the
 * language's, 1 = left to right, -1 = right to left): the booklet's own
 * headings run the booklet's way whatever their text. */
int para_set_dir(TextCtx *t, Arena *a, const ParaSpec *p, VList *l, int dir);

/* Width of a single line of text in a style (no breaking), points. */
double text_width(TextCtx *t, StyleId style, const char *s, size_t len);

/* Draw one line of text (no breaking) as items into a box at x, baseline
 * 0; returns the width.  Missing characters are warned about as in
 * para_set. */
double text_draw(TextCtx *t, Arena *a, VItem *box, double x, StyleId style,
                 const char *s, size_t len, SrcLoc loc);

/* Leader dots in a box on a fixed pitch: a dot at x, x + pitch, … while
 * the next position + pitch <= limit, as one text item (the dots spaced
 * by the advances of the spaces between them). */
void text_leaders(TextCtx *t, Arena *a, VItem *box, double x, double limit,
                  double pitch, StyleId style, SrcLoc loc);

/* s with the marks of lang (NULL: the document's; typo.c) as text_draw
 * shows it, in a (s itself when no rule applies).  For text that is not drawn by
 * livret but shown by the reader: bookmarks. */
const char *text_marked(TextCtx *t, Arena *a, const char *lang,
                        const char *s);

/* Chain for a text style. */
const FontChain *text_chain(TextCtx *t, const TextStyle *ts);

#endif
