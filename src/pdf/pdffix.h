/* pdffix — workarounds for libharu 2.3.0 that reach into its internals.
 *
 * pdf.c speaks libharu's public API; everything here patches objects that
 * API builds wrongly or cannot build at all.  It relies on the internal
 * structs that hpdf.h exposes when neither HPDF_DLL nor HPDF_SHARED is
 * defined (libharu.md §1), so it is tied to libhpdf 2.3.0, which the
 * SONAME pins; the rendering tests in tests/unit/test_pdf.c catch drift.
 *
 * Fonts are not libharu's any more (fontembed.c builds them), so none of
 * its TrueType code's faults need patching here.  What is patched, and
 * why (section numbers are libharu.md's):
 *
 * - Empty pages (pdffix_page_done): libharu writes an empty content
 *   stream with /Filter /FlateDecode but no zlib data at all, which mutool
 *   ("premature end of data in flate filter") and Ghostscript ("Page drawing
 *   error") reject; such a stream is written unfiltered instead.
 * - Destinations (pdffix_dest_top): libharu only writes /XYZ with a zoom
 *   of 0.08–32 (zoom 0 poisons the document, §9); /XYZ null top null keeps
 *   the reader's zoom and horizontal scroll, which is what a reader wants
 *   when following a link or a bookmark.
 * - Deflated elsewhere (pdffix_deflated): libharu deflates a stream
 *   itself (zlib, default level, on the writer's thread) whenever it
 *   names /FlateDecode, and removes a /Filter key it did not write; a
 *   stream that holds bytes already deflated (pdf/squeeze) keeps no
 *   libharu filter and gets its /Filter from the dictionary's write hook.
 * - Links (pdffix_link): libharu's link annotation is a dictionary of
 *   names, an array of reals and a /P entry, each key in a 136-byte
 *   element and each name in a 144-byte one: about 1.7 KB of objects a
 *   link, held until the save, with ~2.6 links a page from the contents,
 *   grids and indexes (half of what a 46,000-page booklet keeps).  Here a
 *   link is an empty dictionary whose write hook writes the same entries,
 *   in the same order, from a 40-byte record.
 * - Page ends (pdffix_page_done): a finished page's graphics state is
 *   freed (libharu keeps it until the document is freed).
 * - Catalog (pdffix_catalog): /Lang and /ViewerPreferences
 *   /DisplayDocTitle true (and /Direction /R2L) have no API in 2.3.0 (print.md §3 S2, S3, §5).
 *
 * Errors: the PdfFix is libharu's error-handler user data; the handler
 * records the first error and never longjmps.
 */
#ifndef LIVRET_PDFFIX_H
#define LIVRET_PDFFIX_H

#include <stdbool.h>

#include <hpdf.h>

typedef struct PdfFix {
    HPDF_STATUS error_no;       /* first error libharu reported, 0 = none */
    HPDF_STATUS detail_no;
} PdfFix;

void pdffix_init(PdfFix *fx);
void pdffix_fini(PdfFix *fx);

/* Error handler for HPDF_New(pdffix_on_error, fx): records the first
 * error_no/detail_no in the PdfFix and returns. */
void pdffix_on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *fx);

/* Call when nothing more will be drawn on page: no HPDF_Page_ drawing
 * function may be called on it afterwards (its graphics state is freed);
 * links and destinations may still be made. */
void pdffix_page_done(HPDF_Page page);

/* A link annotation on page over rect to dst, with /Border border when
 * border is not NULL (an indirect array), added to the page's /Annots:
 * what HPDF_Page_CreateLinkAnnot writes, in 1/8 of the memory. */
HPDF_STATUS pdffix_link(HPDF_Page page, HPDF_Rect rect, HPDF_Destination dst,
                        HPDF_Array border);

/* The stream of dict (a page's contents) holds zlib data already: write
 * it as it is, with /Filter /FlateDecode. */
HPDF_STATUS pdffix_deflated(HPDF_Dict dict);

/* Turn dst (from HPDF_Page_CreateDestination) into [page /XYZ null top
 * null]. */
HPDF_STATUS pdffix_dest_top(HPDF_Destination dst, HPDF_REAL top);

/* Catalog /Lang (if lang is not NULL) and /ViewerPreferences
 * << /DisplayDocTitle true >>, with /Direction /R2L when rtl (a viewer
 * shows the spreads of a right-to-left booklet right to left). */
HPDF_STATUS pdffix_catalog(HPDF_Doc pdf, const char *lang, bool rtl);

#endif
