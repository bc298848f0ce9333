/* pdf — the PDF backend: a DocList drawn with libharu 2.3.0.
 *
 * Takes a finished display list and writes it, item by item and in order,
 * as one PDF file: the same font files layout measured, embedded as
 * subsets by glyph index (fontembed.h; a font no text item uses is never
 * loaded),
 * bookmarks, internal and URI links, page labels, Info and catalog
 * settings for screen reading (print.md §3: DisplayDocTitle, /Lang,
 * UseOutlines, no link borders).  It never measures text or moves
 * anything: what the DocList says is what the page shows.
 *
 * Colours: COLOR_NONE text and lines are drawn black; a COLOR_NONE
 * rectangle is not drawn (no fill).  Components are clamped to 0..1.
 *
 * Output is byte-identical for the same DocList and options: libharu
 * writes no /ID and no dates unless doc->timestamp >= 0 (then
 * CreationDate = ModDate = that time, UTC).
 *
 * Errors: any libharu, FreeType or I/O failure, or a DocList that points
 * outside itself (a link to a missing page, an unknown font index, a
 * non-finite coordinate), is reported at PATH (line 0), e.g.
 *   out.pdf: error: PDF backend: libharu error 0x1017 (detail 2) while
 *   loading font fonts/X.ttf
 * and pdf_write returns false having written nothing at path (libharu
 * saves through outfile's pieces, which replace path atomically).
 *
 * Memory: everything libharu and HarfBuzz allocate is released before
 * pdf_write returns.  Until the save libharu holds each page's objects
 * (about 9 KB a page with a booklet's links); the pages' deflated
 * contents wait in a temporary file (spool.h), and the file is written
 * to disk as libharu saves it, never held in memory.  1,000 pages of
 * text take about 0.5 s (test_pdf thousand_pages; 0.15 s with libharu's
 * own font code, which could not shape).
 */
#ifndef LIVRET_PDF_H
#define LIVRET_PDF_H

#include <stdbool.h>

#include "base/diag.h"
#include "display/page.h"

/* Output settings.  Start from pdf_options_default() and change fields, so
 * that fields added later (the print edition's CMYK output intent, PDF/X
 * version and page boxes; the screen edition's page layout) get their
 * defaults. */
typedef struct PdfOptions {
    bool compress;      /* Flate streams: content, fonts, CMaps (default
                           true; false makes content readable for debugging) */
    /* Called once the DocList is no longer needed (every page drawn,
     * the fonts subset, bookmarks, labels and PDF/X keys made), before
     * libharu saves the document, with release_ctx: the caller may free
     * the DocList there, so that it is not held while the file is built
     * in memory (the peak).  NULL: nothing is called. */
    void (*release)(void *release_ctx);
    void *release_ctx;
} PdfOptions;

PdfOptions pdf_options_default(void);

/* Write doc to path.  opt may be NULL (defaults).  Returns false after
 * reporting to d; path is then untouched.  The same as pdf_begin, then
 * pdf_end with doc. */
bool pdf_write(const DocList *doc, const char *path, const PdfOptions *opt,
               Diags *d);

/* A document written as layout goes (issue 15): pages drawn as soon as
 * they are laid out, on a thread of their own while layout goes on, so
 * layout can free them, and only their deflated content is held until
 * the end.
 *
 *   PdfWriter *w = pdf_begin(path, &opt, d);
 *   pdf_stream(w, frame, pages, n);       (any number of times)
 *   pdf_end(w, doc);                      (or pdf_abandon(w))
 *
 * pdf_end's doc marks the streamed pages (Page.sent) where they are in
 * the document, in the order streamed (front matter first), and holds
 * the others, which are drawn then, around them.  A booklet streams its
 * body, then its back matter, then its front matter, which cites both
 * and is laid out last.  Links are made in pdf_end, when every page
 * exists.  Nothing is written at path before pdf_end. */
typedef struct PdfWriter PdfWriter;

/* NULL after reporting to d. */
PdfWriter *pdf_begin(const char *path, const PdfOptions *opt, Diags *d);

/* Queue pages[0, n) to be drawn after the pages streamed before (front:
 * after the front matter's streamed before, and before every other
 * page; PageSink says the same).  The
 * Page structs and frame (the page size and boxes and the fonts so far;
 * its own pages are not read) are copied; the items the pages' runs
 * point to are read until pdf_drawn counts the pages.  False when an
 * earlier page failed: then pdf_abandon, which reports why. */
bool pdf_stream(PdfWriter *w, const DocList *frame, const Page *pages,
                size_t n, bool front);

/* How many of the pages streamed so far are drawn (their items no longer
 * read), once at least at_least are (0: now; more than were given: all
 * of them).  Every page given counts after a failure. */
size_t pdf_drawn(PdfWriter *w, size_t at_least);

/* Wait for the streamed pages, draw doc's other pages, write the file
 * and free w.  False after reporting; path is then untouched. */
bool pdf_end(PdfWriter *w, const DocList *doc);

/* Free w, writing nothing.  NULL is allowed. */
void pdf_abandon(PdfWriter *w);

#endif
