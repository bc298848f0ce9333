/* page — the display list: positioned pages, the contract between layout
 * and every backend (PDF, text dump).
 *
 * Layout decides everything; a backend only draws what is here, in order.
 * It never measures text, breaks lines or chooses fonts (Typst's Frame,
 * SILE's outputter interface).
 *
 * Units are PostScript points; the origin is the bottom-left corner of the
 * page's MediaBox, y grows upwards.  Text items carry only characters the
 * chosen font has (the text stage has already named every other character
 * in a warning), never U+00AD.  Text is shaped: an item carries glyph
 * indices with their positions (what is drawn) and the UTF-8 they stand
 * for (what a reader copies); the backend draws by glyph index.
 *
 * Lifetime: a DocList and everything it points to live in one arena (the
 * last layout pass's).
 */
#ifndef LIVRET_PAGE_H
#define LIVRET_PAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/model.h"   /* Color */

typedef enum {
    ITEM_TEXT,      /* a run of characters in one font at one size */
    ITEM_RECT,      /* filled rectangle */
    ITEM_LINE,      /* stroked line segment */
    ITEM_LINK,      /* clickable area going to a page of this document */
    ITEM_URI,       /* clickable area opening a URI */
    ITEM_IMAGE      /* a picture filling its box (x, y lower-left, w, h) */
} ItemKind;

/* One shaped glyph of a text item.  adv, dx and dy are in 1/1000 em of
 * the item's size: the pen moves by adv after the glyph, and the glyph is
 * drawn displaced by (dx, dy) from the pen (marks on their base).  The
 * item's w is Σ adv · size / 1000.  cluster is the byte offset in the
 * item's utf8 of the first character the glyph stands for: glyphs with the
 * same cluster stand together for the characters up to the next cluster
 * in logical order (a ligature is one glyph for several characters; an
 * Indic vowel sign can be several glyphs for one character).  Clusters
 * grow left to right in left-to-right text and shrink in right-to-left
 * text. */
typedef struct TextGlyph {
    uint32_t gid;           /* glyph index in the font file */
    uint32_t cluster;
    float adv;              /* 1/1000 em */
} TextGlyph;

typedef struct Item {
    ItemKind kind;
    double x, y;        /* TEXT: baseline origin; RECT/LINK/URI: lower-left;
                           LINE: start point */
    double w, h;        /* RECT/LINK/URI: size; TEXT: advance width (as
                           measured by layout, for dumps and checks) */
    Color color;        /* TEXT and RECT: fill; LINE: stroke */
    union {
        struct {
            int font;           /* index into DocList.fonts */
            double size;        /* points */
            const char *utf8;   /* NUL-terminated */
            size_t len;         /* bytes */
            /* The shaped glyphs, left to right as drawn (visual order),
             * nglyphs of them; NULL only when utf8 is empty. */
            const struct TextGlyph *glyphs;
            size_t nglyphs;
            /* Each glyph's offset from its pen position, dx then dy
             * (1/1000 em), two a glyph; NULL when every glyph sits on
             * its pen.  Only marks the font places (Arabic harakat,
             * Indic signs, stacked accents) have offsets, so most runs
             * have none and a glyph costs 12 bytes, not 20: glyphs are
             * the largest share of a document's memory.  Read them with
             * text_dx and text_dy. */
            const float *offsets;
            /* Font expansion (issue 16): the glyphs and their advances
             * scaled horizontally by this factor (PDF Tz), so the run
             * advances w; 0 or 1 = not scaled. */
            double hscale;
        } text;
        struct {
            double x2, y2;      /* end point */
            double width;       /* line width */
        } line;
        struct {
            int page;           /* 0-based index of the target page, or
                                   LINK_AFTER_FRONT + k: page k after
                                   the front matter (DocList.front) */
            double top;         /* y of the target's top on that page */
        } link;
        struct {
            const char *uri;    /* ASCII, already percent-encoded */
        } uri;
        /* (pointers, then doubles, then the ints together: no padding,
         * so the image is no larger than it must be and Item no larger
         * than its image: 144 bytes) */
        struct {
            const char *path;   /* PNG or JPEG file (decoded at load) */
            /* The print edition's conversion (print.c): grey or CMYK
             * samples, alpha flattened on white, or NULL: the backend
             * draws the file as given (RGB, alpha as a soft mask). */
            const unsigned char *samples;
            /* The part of the page it shows (llx lly urx ury), all 0 =
             * the whole picture: a cover picture overflows its area and
             * is cut to it.  full_bleed: the area touches the trim on
             * these edges (bit 0 left, 1 bottom, 2 right, 3 top), and
             * the print edition runs it out into the bleed. */
            double clip[4];
            int px_w, px_h;     /* its pixels */
            int ncomp;          /* 1 grey, 4 CMYK */
            unsigned full_bleed;
        } image;
    } u;
} Item;

/* A text item's glyph k's offset from its pen (1/1000 em). */
static inline double text_dx(const Item *it, size_t k)
{
    return it->u.text.offsets ? it->u.text.offsets[2 * k] : 0;
}

static inline double text_dy(const Item *it, size_t k)
{
    return it->u.text.offsets ? it->u.text.offsets[2 * k + 1] : 0;
}

/* A run of a page's items, drawn in order.  A reference run points at a
 * box's items where the vertical list keeps them and places them at
 * (dx, dy) as they are read (item_place with scale 1): a line of text
 * exists once, not copied onto its page (issue 15).  An owned run holds
 * items already placed on the page (rules, tabs, the editions' copies),
 * grown by page_add. */
typedef struct PageRun {
    Item *items;
    uint32_t n;
    uint32_t cap;       /* owned: items allocated; 0 = a reference */
    double dx, dy;      /* a reference's offset */
} PageRun;

typedef struct Page {
    bool recto;         /* right-hand page (odd physical number; even in a
                           right-to-left booklet, DocList.rtl) */
    bool sent;          /* handed to a PageSink as it was made: empty
                           here, but for its label and side */
    const char *label;  /* printed folio ("iii", "12"); NULL if none */
    PageRun *runs;      /* read them with page_next */
    size_t nruns, cap;
    size_t nitems;      /* items in all runs */
} Page;

/* Bookmarks, in document order; level 0 = top (a day), 1 = below it. */
typedef struct Outline {
    int level;
    const char *title;  /* UTF-8 */
    int page;           /* 0-based page index */
    double top;         /* y of the destination's top */
} Outline;

/* A run of pages numbered with one style, for the PDF /PageLabels. */
typedef struct LabelRange {
    int first_page;     /* 0-based page index where the range starts */
    enum { LABEL_DECIMAL, LABEL_ROMAN_LOWER, LABEL_ROMAN_UPPER } style;
    int first_number;   /* number shown on first_page */
} LabelRange;

/* A font file used by text items. */
typedef struct FontRef {
    const char *path;   /* TrueType (glyf) or OpenType (CFF) file */
    const char *name;   /* PostScript name, for dumps */
    int units_per_em;
    int index;          /* face in a collection (.ttc), else 0 */
} FontRef;

typedef struct DocList {
    double width, height;       /* page size (MediaBox), points */
    Page *pages;
    size_t npages;
    Outline *outlines;
    size_t noutlines;
    LabelRange *labels;
    size_t nlabels;
    FontRef *fonts;
    size_t nfonts;
    /* document information */
    const char *title;          /* UTF-8 */
    const char *author;
    const char *subject;
    const char *lang;           /* BCP 47, e.g. "fr" */
    bool rtl;                   /* read right to left, bound on the right:
                                   spreads, two-up sheets and imposed sheets
                                   put the earlier page on the right */
    const char *creator;        /* "livret 0.1.0" */
    long long timestamp;        /* seconds since the epoch for the Info
                                   dates; -1 = write no dates (default,
                                   for byte-identical builds) */
    /* Print edition (print.h); all zero/NULL otherwise. */
    double trim[4];             /* TrimBox llx lly urx ury (trim[2] > 0) */
    double bleed[4];            /* BleedBox */
    const char *pdfx;           /* "PDF/X-1a:2001": PDF 1.3, Info keys,
                                   /Trapped /False, trailer /ID, intent */
    const char *output_condition;   /* registered name, e.g. "FOGRA39" */
    const char *icc_path;       /* CMYK profile to embed, or NULL */
    /* Pages before the body (the front matter).  Links to the body and
     * the back matter are laid out before it is known, as
     * LINK_AFTER_FRONT + k; layout makes them page indices before it
     * gives a DocList whole, and a backend that was handed pages as
     * they were made (Page.sent, PageSink) makes them with this. */
    size_t front;
} DocList;

/* A link target counted from the end of the front matter (Item.u.link);
 * far above any page count. */
#define LINK_AFTER_FRONT (1 << 28)

/* Where layout may hand finished pages as it goes, so that a long
 * document is not held whole (pdf.h's pdf_stream).  take gets pages and
 * a frame: the DocList so far, for its page size and fonts (its pages
 * are not the ones given).  The pages follow the front matter's given
 * before (front: the front matter, made after the body it cites) or the
 * other pages given before (the body, then the back matter): the
 * document is the front pages, then the others, in the order given.  The Page
 * structs and the frame are only valid during the call; the items the
 * pages' runs point to stay valid until done counts the pages (done
 * NULL: take is done with them when it returns).  take returning false
 * stops the layout (the sink reports why). */
typedef struct PageSink {
    bool (*take)(void *ctx, const DocList *frame, const Page *pages,
                 size_t n, bool front);
    /* Pages taken so far that the sink no longer reads, once at least
     * at_least are (0: now). */
    size_t (*done)(void *ctx, size_t at_least);
    void *ctx;
} PageSink;

struct Arena;
/* Append an item, placed on the page, to a page (an owned run, grown in
 * arena a). */
Item *page_add(struct Arena *a, Page *p, ItemKind kind);
/* Append n items that stay where they are (a box's, in the same arena as
 * the page or one that outlives it), drawn at (dx, dy): they must not
 * change while the page is in use. */
void page_refer(struct Arena *a, Page *p, Item *items, size_t n, double dx,
                double dy);

/* Reading a page's items in drawing order, placed:
 *     PageIter pi = page_iter(pg);
 *     Item it;
 *     while (page_next(&pi, &it)) ...
 * it is a copy: what a reader changes stays in it. */
typedef struct PageIter {
    const Page *p;
    size_t run, i;
} PageIter;

PageIter page_iter(const Page *p);
bool page_next(PageIter *pi, Item *out);

/* Move an item on its page: scale by s about the origin, then shift by
 * (dx, dy).  Everything drawn moves with it (a line's end point, text size,
 * line width); a link's target (page, top) is on another page and is left
 * alone. */
void item_place(Item *it, double s, double dx, double dy);

#endif
