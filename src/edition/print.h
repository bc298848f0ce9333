/* print — the print-shop edition of a display list.
 *
 * What a print shop needs and the screen edition must not have
 * (guide/print.md §2): every page grows by the bleed (and the crop marks'
 * margin), a rectangle that touches the trim runs on into the bleed, crop
 * marks in registration colour sit outside the bleed, every colour is
 * DeviceCMYK (grey and black as pure K, so small text never prints in
 * rich black; RGB converted with total ink held under PRINT_MAX_INK), and
 * links go (PDF/X forbids annotations inside the BleedBox).  The page
 * boxes and the PDF/X identification ride on the DocList for the backend.
 *
 * preflight_report checks the result against the shop's limits.
 */
#ifndef LIVRET_PRINT_H
#define LIVRET_PRINT_H

#include <stdbool.h>
#include <stdio.h>

#include "base/arena.h"
#include "display/page.h"

#define PRINT_MAX_INK 2.8       /* 280 %: safe for coated and uncoated */
#define PRINT_MIN_PPI 200       /* images under this at printed size: a warning */

typedef struct PrintOptions {
    double bleed;               /* points */
    bool crop_marks;
    double mark_offset;         /* from the trim; at least the bleed */
    double mark_length;
    const char *output_condition;   /* "FOGRA39" */
    const char *icc_path;       /* --icc, or NULL */
} PrintOptions;

/* CMYK for any colour: the conversion the print edition uses. */
Color print_cmyk(Color c);

/* The print edition of doc (a new DocList in a). */
const DocList *doclist_for_print(Arena *a, const DocList *doc,
                                 const PrintOptions *po);

/* Saddle-stitch printer spreads: sheet side k of n pages (n a multiple of
 * 4) holds pages (n−2k, 2k+1) on the front and (2k+2, n−2k−1) on the back,
 * 1-based, left|right.  creep shifts the pages of inner sheets towards the
 * spine by that much per sheet.  doc is the trim-size (screen-geometry)
 * list; apply doclist_for_print to the result. */
const DocList *doclist_impose_saddle(Arena *a, const DocList *doc,
                                     double creep);

/* The left and right page (1-based) of printer spread s (0-based) for n
 * pages; used by the imposition and its tests. */
void saddle_pages(int n, int s, int *left, int *right);

typedef struct Preflight {
    double min_text;            /* smallest type, points */
    double min_line;            /* thinnest stroke, points */
    double max_ink;             /* highest total ink of any colour, 0..4 */
    size_t rgb;                 /* items in RGB (must be 0) */
    size_t outside_safe;        /* text items closer to the trim than safe */
    size_t annotations;         /* links left (must be 0) */
    size_t warnings;            /* how many limits were crossed */
    double min_ppi;             /* lowest image resolution, 0 = no image */
    size_t low_ppi;             /* images under PRINT_MIN_PPI */
} Preflight;

/* Check a print DocList; safe is the distance text keeps from the trim.
 * Prints one line per finding to out and returns the figures. */
Preflight preflight_report(const DocList *doc, double safe, FILE *out,
                           const char *name);

#endif
