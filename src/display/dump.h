/* dump — the text backend: a DocList as one line per record, for golden
 * tests and `livret --dump` (SILE's debug outputter, raqm's test dumps).
 *
 *   doc 419.53x595.28 pages 3 fonts 2 lang "fr" title "Programme"
 *   font 0 "NotoSerif-Regular" upem 1000
 *   page 1 recto label "i"
 *     text f0 9.50 56.69,520.00 w 120.33 gray(0.00) "Bonjour"
 *     rect 56.69,500.00 300.00x10.00 rgb(1.00,0.00,0.00)
 *     line 1.00,2.00 3.00,4.00 w 0.50 gray(0.00)
 *     link 1.00,2.00 10.00x10.00 page 3 top 500.00
 *     uri 1.00,2.00 10.00x10.00 "https://example.org/"
 *   outline 0 "Day" page 3 top 560.00
 *   label page 1 roman-lower 1
 *
 * Rules, so that a dump is stable across machines and runs:
 * - Every page number printed is the 1-based physical page number, the one
 *   on the "page N" line (links, outlines and labels included), even though
 *   the DocList stores 0-based indices.
 * - Numbers are "%.2f"; -0.00 prints as 0.00; NaN and infinities print as
 *   nan, inf, -inf.
 * - Strings are in double quotes; `"` and `\` are escaped with a backslash,
 *   control characters (C0, DEL, C1) as \uXXXX; other bytes pass through.
 * - Optional strings (lang, title, author, subject, a page's label) are
 *   left out with their key when NULL.  The creator (it carries the
 *   version) and font paths (they depend on the machine) are never printed;
 *   the timestamp only when it is >= 0.
 * - Colours: none, gray(g), rgb(r,g,b), cmyk(c,m,y,k).
 */
#ifndef LIVRET_DUMP_H
#define LIVRET_DUMP_H

#include <stdbool.h>
#include <stdio.h>

#include "display/page.h"

/* Print doc to out; false if a write to out failed (ferror). */
bool dump_write(const DocList *doc, FILE *out);

/* The same text in a NUL-terminated heap string the caller frees; NULL if
 * the memory stream (open_memstream) fails. */
char *dump_string(const DocList *doc);

#endif
