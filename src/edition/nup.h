/* nup — two pages side by side on one landscape office sheet.
 *
 * A handout printed on an office printer: two A5 pages on an A4 (or
 * US Letter) landscape sheet, scaled so every mark stays at least
 * NUP_EDGE from the sheet's edges (the unprintable border of office
 * lasers is 4–5 mm; guide/print.md H3–H4).  libharu cannot import pages,
 * so this transforms the display list itself: positions, sizes, text
 * sizes, line widths, link targets and bookmarks are mapped onto sheets.
 * Pages keep their order: sheet k holds pages 2k and 2k+1 (cut and
 * stack), not booklet imposition.
 */
#ifndef LIVRET_NUP_H
#define LIVRET_NUP_H

#include "base/arena.h"
#include "display/page.h"

#define NUP_EDGE 18.0   /* points: 1/4 in = 6.35 mm */

/* The two-up document on sheets of sheet_w x sheet_h (landscape). */
const DocList *doclist_two_up(Arena *a, const DocList *doc, double sheet_w,
                              double sheet_h);

#endif
