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
 * in a warning), never U+00AD.  Code points above U+FFFF appear only in
 * fonts whose cmap has them; the PDF backend draws them through private-use
 * CIDs (pdffix_font_astral), since libharu's encoder would print spaces.
 *
 * Lifetime: a DocList and everything it points to live in one arena (the
 * last layout pass's).
 */
#ifndef LIVRET_PAGE_H
#define LIVRET_PAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "model/model.h"   /* Color */

typedef enum {
    ITEM_TEXT,      /* a run of characters in one font at one size */
    ITEM_RECT,      /* filled rectangle */
    ITEM_LINE,      /* stroked line segment */
    ITEM_LINK,      /* clickable area going to a page of this document */
    ITEM_URI,       /* clickable area opening a URI */
    ITEM_IMAGE      /* a picture filling its box (x, y lower-left, w, h) */
} ItemKind;

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
            /* Kerning and mark positions (issue #3), or NULL: 3 floats
             * per code point of utf8, in 1/1000 em: added to its advance,
             * x offset, y offset of its glyph.  The backend draws them
             * exactly (TJ adjustments, text rise), so the run advances
             * Σ (truncated /W width + pos[3k]) · size / 1000 = w. */
            const float *pos;
            /* Font expansion (issue 16): glyphs, their advances and the
             * pos adjustments scaled horizontally by this factor (PDF Tz),
             * so the run advances w; 0 or 1 = not scaled. */
            double hscale;
        } text;
        struct {
            double x2, y2;      /* end point */
            double width;       /* line width */
        } line;
        struct {
            int page;           /* 0-based index of the target page */
            double top;         /* y of the target's top on that page */
        } link;
        struct {
            const char *uri;    /* ASCII, already percent-encoded */
        } uri;
        struct {
            const char *path;   /* PNG or JPEG file (decoded at load) */
            int px_w, px_h;     /* its pixels */
            /* The print edition's conversion (print.c): grey or CMYK
             * samples, alpha flattened on white, or NULL: the backend
             * draws the file as given (RGB, alpha as a soft mask). */
            const unsigned char *samples;
            int ncomp;          /* 1 grey, 4 CMYK */
            /* The part of the page it shows (llx lly urx ury), all 0 =
             * the whole picture: a cover picture overflows its area and
             * is cut to it.  full_bleed: the area touches the trim on
             * these edges (bit 0 left, 1 bottom, 2 right, 3 top), and
             * the print edition runs it out into the bleed. */
            double clip[4];
            unsigned full_bleed;
        } image;
    } u;
} Item;

typedef struct Page {
    bool recto;         /* right-hand page (odd physical number) */
    const char *label;  /* printed folio ("iii", "12"); NULL if none */
    Item *items;
    size_t nitems, cap;
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
    const char *path;   /* TrueType (glyf) file */
    const char *name;   /* PostScript name, for dumps */
    int units_per_em;
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
} DocList;

/* Append an item to a page (grows items in arena a). */
struct Arena;
Item *page_add(struct Arena *a, Page *p, ItemKind kind);

/* Move an item on its page: scale by s about the origin, then shift by
 * (dx, dy).  Everything drawn moves with it (a line's end point, text size,
 * line width); a link's target (page, top) is on another page and is left
 * alone. */
void item_place(Item *it, double s, double dx, double dy);

#endif
