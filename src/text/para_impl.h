/* para_impl — the paragraph builder's private parts, shared by
 * para.c (the driver), para_items.c (text to boxes, glue and penalties),
 * para_breaks.c (Knuth–Plass and first-fit) and para_lines.c (lines to
 * display items).  Nothing outside text/para*.c includes it.
 */
#ifndef LIVRET_TEXT_PARA_IMPL_H
#define LIVRET_TEXT_PARA_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "text/para.h"
#include "base/xalloc.h"

enum { P_BOX, P_GLUE, P_PEN };

/* One item of the horizontal list (Knuth–Plass's boxes, glue, penalties). */
typedef struct PItem {
    unsigned char kind;
    bool flagged;           /* P_PEN: a hyphen is drawn if we break here;
                               P_GLUE: between two characters of CJK
                               text (no natural width, drawn inside the
                               run) */
    short font;             /* P_BOX: FontSet index */
    short style;            /* StyleId */
    int span;               /* index of the span the item came from */
    uint32_t off, len;      /* P_BOX: bytes in the clean buffer */
    double w, st, sh;       /* width; glue stretch and shrink */
    int pen;                /* P_PEN: cost; >= VLIST_INF forbids */
    const Shaped *shaped;   /* P_BOX: its glyphs (para_shape_boxes) */
    unsigned char level;    /* P_BOX: bidi embedding level (odd = RTL) */
    bool spaced;            /* P_BOX: letter spacing may go between its
                               clusters (letters that stand apart: Latin,
                               Greek, Cyrillic, Armenian, Georgian; never
                               joined Arabic or a Devanagari headline) */
    int link;               /* P_BOX: 1 + index into Scratch.links of the
                               URL written in the text it belongs to; 0 */
    float lp, rp;           /* P_BOX: how far its first / last character
                               may hang into the left / right margin, points
                               (protrusion); P_PEN flagged: the hyphen's */
} PItem;

/* A text run being assembled for one text item: characters of one font,
 * style and span that follow each other on the line. */
typedef struct Run {
    bool have;
    unsigned char level;    /* bidi level of its boxes */
    short font, style;
    int span;
    double x, w;
    char *buf;              /* scratch; copied into the arena on flush */
    size_t len, cap;
    ShapedGlyph *g;         /* its glyphs, clusters relative to buf */
    size_t ng, gcap;
    double hscale;          /* the line's font expansion (1: none) */
} Run;

/* Scratch buffers reused by every paragraph of a run. */
typedef struct Scratch {
    char *src;              /* spans concatenated */
    size_t srccap;
    unsigned char *brk;     /* per byte of src: ICU allows a line break
                               after it (text/breaks.h) */
    unsigned char *cstart;  /* per byte of src (+1): a cluster starts */
    unsigned char *cclean;  /* per byte of clean (+1): a cluster starts */
    size_t ccleancap;
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
    Item *line;             /* the line's display items, gathered before
                               they go into its box in one allocation */
    size_t nline, linecap;
    bool measuring;         /* text_width: nothing drawn, nothing warned */
    bool protrude;          /* this paragraph's lines protrude (lp, rp) */
    const char *lang;       /* the paragraph's language, for shaping */
    bool rtl;               /* the paragraph is right to left (lang) */
    size_t cjk_gaps;        /* its glue between CJK characters */
    size_t spaces;          /* and between words */
    unsigned char *lev;     /* bidi level per byte of clean */
    size_t levcap;
    size_t *order;          /* a line's items in visual order */
    unsigned char *olev;    /* and their levels */
    size_t ordercap;
    /* Knuth–Plass */
    double *sumw, *sumst, *sumsh;   /* prefix sums over items */
    double *sumb;                   /* ... of box widths (expansion) */
    double *sumt;                   /* ... of letter gaps times their size
                                       (letter spacing, points per em) */
    double tracking;                /* letter spacing a loose line may add,
                                       em (0: none) */
    double tightening;              /* ... and a tight one may take away
                                       (emergencies only, para_break_kp) */
    const Style *sty;               /* the layout (text sizes) */
    size_t sumcap;
    struct KPNode *nodes;
    size_t nnodes, nodecap;
    int *active;
    size_t nactive, activecap;
    double kp_demerits;             /* of the last successful pass */
    char *typo;                     /* text after the language pass */
    size_t typocap;
    bool *prot;                     /* per byte: URL span (typo pass) */
    size_t protcap;
    size_t *map;                    /* typo pass: old offset → new */
    size_t mapcap;
    /* para_space: each font's space, shaped once (asked for at every
     * space of every line) */
    const Shaped *space[FONT_MAX];
    bool space_known[FONT_MAX];
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
    int hrun;               /* hyphenated lines in a row ending here */
} KPNode;

enum { F_URL = 1, F_HYPH = 2 };

#define PEN_PAGE_HYPHEN 100 /* page break after a hyphenated line */
#define PEN_EMERGENCY 1000  /* between characters of a too-long word */
#define CJK_STRETCH 0.1    /* stretch between CJK characters, em */
#define MAX_STRETCH 1.2     /* spaces' ratio (glyphs and letter spacing at
                               their limits) beyond which a line is kept
                               out of every pass but the last: gaps over
                               1.6 spaces with the default space-stretch
                               (half a space) */
#define RAGGED_STRETCH 1.6  /* ... and beyond which the last pass's line
                               is set ragged, and named: gaps over 1.8
                               spaces */

typedef struct KPParams {
    double first_w, rest_w;
    bool ragged;
    double ragged_stretch;
    const Style *st;
    double expansion;       /* font expansion allowed, a fraction (0: none) */
    double tracking;        /* letter spacing a loose line may add, em */
} KPParams;

/* How one line is set (para_line_set): the adjustment ratio r over glue
 * and font expansion together (clamped at -1; overfull says it was
 * worse), the glue's own ratio rg, the glyphs' scale, the protrusion at
 * each end, and the natural width with the hyphen. */
typedef struct LineSet {
    double r, rg, scale, lp, rp, w;
    double track;           /* letter spacing added (taken away when
                               negative), em of each box's size */
    double gap;             /* the mean gap between words, in spaces */
    bool hyphen, overfull;
} LineSet;

static inline void *grow(void *p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return p;
    size_t c = *cap ? *cap : 64;
    while (c < need)
        c *= 2;
    *cap = c;
    return xreallocarray(p, c, size);
}

/* para.c */
void para_scratch_bytes(Scratch *sc, size_t len);
void para_icu_failed(TextCtx *t, const Span *sp);
/* para_items.c */
size_t para_apply_typo(TextCtx *t, Scratch *sc, const ParaSpec *p, size_t len);
void para_build_items(TextCtx *t, Scratch *sc, const ParaSpec *p, size_t len);
void para_mark_words(TextCtx *t, Scratch *sc, const ParaSpec *p, size_t len, const HyphLang *hl);
void para_shape_boxes(TextCtx *t, Scratch *sc);
void para_split_wide(TextCtx *t, Scratch *sc, double measure);
/* para_breaks.c */
void para_break_first_fit(Scratch *sc, double first_w, double rest_w);
void para_break_kp(Scratch *sc, const KPParams *kp);
void para_count_lines(const ParaSpec *p, const Scratch *sc, double expansion, const size_t *breaks, size_t nb, long *lines, long *hyphenated, long *overfull, long *loose, long *very_loose, long *runs);
LineSet para_line_set(const ParaSpec *p, const Scratch *sc, double expansion, size_t from, size_t to, bool first, bool last);
size_t para_skip_discardable(const Scratch *sc, size_t i);
size_t para_letter_gaps(const PItem *it);
/* para_protrude.c */
void para_protrude(TextCtx *t, Scratch *sc);
/* para_lines.c */
void para_emit_line(TextCtx *t, Arena *a, const ParaSpec *p, Scratch *sc, double expansion, size_t from, size_t to, bool first, bool last, VItem *box);
void para_line_metrics(const TextStyle *ts, double *h, double *d);
/* Font i's space (U+0020) as one shaped glyph, or NULL when the font has
 * none (or shapes it to several glyphs). */
const Shaped *para_space(TextCtx *t, int i);

#endif
