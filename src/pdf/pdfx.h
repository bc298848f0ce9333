/* pdfx — PDF/X-1a:2001 identification for the print edition, on top of
 * libharu 2.3.0, which has no API for any of it (guide/libharu.md §7–8,
 * guide/print.md §5).  Everything goes through libharu's exported
 * dictionary functions on its public document structure:
 *
 *   - TrimBox and BleedBox for every page (made once, shared);
 *   - Info: GTS_PDFXVersion and GTS_PDFXConformance as plain ASCII
 *     strings, /Trapped /False (a name);
 *   - exactly one /GTS_PDFX OutputIntent with a registered condition
 *     (FOGRA39 by default) and, with --icc, the profile embedded and
 *     compressed;
 *   - a trailer /ID computed from the document (libharu's
 *     HPDF_PDFA_GenerateID hashes the clock, which would break
 *     "same input, same bytes");
 *   - the header version 1.3.
 *
 * Each function returns an HPDF status; the caller reports failures.
 */
#ifndef LIVRET_PDFX_H
#define LIVRET_PDFX_H

#include <hpdf.h>

#include "display/page.h"

/* The TrimBox and BleedBox arrays of doc->trim and doc->bleed, indirect
 * objects for every page to share; both NULL when doc has no trim. */
HPDF_STATUS pdfx_boxes(HPDF_Doc pdf, const DocList *doc, HPDF_Array *trim,
                       HPDF_Array *bleed);

/* Info keys, output intent, /ID, version (no-op unless doc->pdfx). */
HPDF_STATUS pdfx_document(HPDF_Doc pdf, const DocList *doc);

#endif
