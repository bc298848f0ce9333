/* pdffix — workarounds for libharu 2.3.0 that reach into its internals.
 *
 * pdf.c speaks libharu's public API; everything here patches objects that
 * API builds wrongly or cannot build at all.  It relies on the internal
 * structs that hpdf.h exposes when neither HPDF_DLL nor HPDF_SHARED is
 * defined (libharu.md §1), so it is tied to libhpdf 2.3.0, which the
 * SONAME pins; the rendering tests in tests/unit/test_pdf.c catch drift.
 *
 * What is patched, and why (section numbers are libharu.md's):
 *
 * - Fonts (pdffix_font), for each UTF-8 TrueType font:
 *   - ToUnicode (§2, §12b): libharu writes an encoding CMap
 *     (`begincidrange`, /CMapType 1) where a ToUnicode CMap belongs, which
 *     poppler and PDFBox reject.  At save time its data is replaced by a
 *     /CMapType 2 CMap with one bfchar per code the document drew (code =
 *     CID = BMP code point in libharu's UTF-8 path), so pdf.c reports each
 *     string it draws (pdffix_font_text).  Not the 256 identity bfrange
 *     rows of §2: Ghostscript's pdfwrite garbles those (see pdffix.c).
 *   - CIDSystemInfo /Ordering (print.md §5): libharu writes the encoder's
 *     "Identity-H"; Identity-H is a CMap name, the ordering is "Identity".
 *     With the wrong value pdftotext extracts nothing after a Ghostscript
 *     rewrite.
 *   - Composite glyphs (§12a): when marking the glyphs to embed, libharu
 *     follows composite references one level only, so accents built from
 *     nested components (DejaVu Ǖ, Noto ½) lose parts.  A wrapper around the
 *     font's before_write_fn (run at save time, before libharu subsets the
 *     font) walks every used glyph with FreeType and marks all components,
 *     at any depth, in glyph_tbl.flgs[] before libharu's own writer runs.
 *     The same wrapper writes the ToUnicode data.
 *   - /CapHeight (§8, §12d): libharu's descriptor for TrueType fonts has
 *     none, though PDF requires it; the wrapper adds it after libharu made
 *     the descriptor.
 * - Positioned text (pdffix_show_positioned, issue #3): libharu has no
 *   TJ and no glyph positioning; kerned runs and placed combining marks
 *   are written raw into the content stream (§6 hack 1).
 * - Characters above U+FFFF (pdffix_font_astral, issue #3): libharu prints
 *   a space for them (§5); they are drawn as private-use CIDs whose
 *   CIDToGIDMap, /W and ToUnicode entries are patched at save time (§6
 *   hack 2).
 * - Empty pages (pdffix_page_done): libharu writes an empty content
 *   stream with /Filter /FlateDecode but no zlib data at all, which mutool
 *   ("premature end of data in flate filter") and Ghostscript ("Page drawing
 *   error") reject; such a stream is written unfiltered instead.
 * - Destinations (pdffix_dest_top): libharu only writes /XYZ with a zoom
 *   of 0.08–32 (zoom 0 poisons the document, §9); /XYZ null top null keeps
 *   the reader's zoom and horizontal scroll, which is what a reader wants
 *   when following a link or a bookmark.
 * - Catalog (pdffix_catalog): /Lang and /ViewerPreferences
 *   /DisplayDocTitle true have no API in 2.3.0 (print.md §3 S2, S3, §5).
 *
 * Errors: the PdfFix is libharu's error-handler user data, so the wrapper
 * (which libharu calls with only the font dict) finds it again through
 * dict->error->user_data.  The handler records the first error and never
 * longjmps.
 *
 * Ownership: a PdfFix owns an FT_Library, and per patched font an FT_Face
 * and an 8 KB bitmap of the codes drawn; pdffix_fini() releases them.  It
 * must outlive HPDF_SaveToStream (the wrapper runs there) and be finished
 * after HPDF_Free.
 */
#ifndef LIVRET_PDFFIX_H
#define LIVRET_PDFFIX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <hpdf.h>
#include <ft2build.h>
#include FT_FREETYPE_H

typedef struct PdfFixFont {
    HPDF_Font font;                     /* libharu's Type0 font dict */
    HPDF_Dict_BeforeWriteFunc orig;     /* libharu's writer we wrap */
    FT_Face face;                       /* the same file, for the glyph walk */
    const char *path;                   /* borrowed from the DocList */
    unsigned char *used;                /* bitmap of the 65,536 codes drawn */
    /* Characters above U+FFFF drawn in this font (Symbola's emoji):
     * astral[k] is drawn as private-use CID astral_cid[k] (§6 hack 2). */
    uint32_t *astral;
    uint16_t *astral_cid;
    size_t nastral, astralcap;
} PdfFixFont;

typedef struct PdfFix {
    HPDF_STATUS error_no;       /* first error libharu reported, 0 = none */
    HPDF_STATUS detail_no;
    char problem[200];          /* set when the failure was ours (FreeType),
                                   to say more than libharu's code can */
    FT_Library ft;              /* NULL until the first font */
    PdfFixFont *fonts;
    size_t nfonts;
    char *astral_buf;           /* pdffix_font_astral's result */
    size_t astral_bufcap;
} PdfFix;

void pdffix_init(PdfFix *fx);
void pdffix_fini(PdfFix *fx);

/* Error handler for HPDF_New(pdffix_on_error, fx): records the first
 * error_no/detail_no in the PdfFix and returns. */
void pdffix_on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *fx);

/* Apply the font workarounds to font (from HPDF_GetFont(pdf, name,
 * "UTF-8") on a TrueType font loaded from path).  Call it once per font
 * right after HPDF_GetFont; a second call for the same font does nothing.
 * The document's error handler user data must be fx. */
HPDF_STATUS pdffix_font(PdfFix *fx, HPDF_Font font, const char *path);

/* Call when nothing more will be drawn on page. */
void pdffix_page_done(HPDF_Page page);

/* Record that utf8 is drawn in font (for its ToUnicode CMap). */
void pdffix_font_text(PdfFix *fx, HPDF_Font font, const char *utf8);

/* Draw utf8 (BMP code points; CID = code point in libharu's UTF-8 path)
 * with its baseline origin at (x, y), in the page's current font and size
 * (font, already set), each glyph placed as pos says (page.h ITEM_TEXT:
 * 3 floats per code point, 1/1000 em: advance adjustment, x and y offset).
 * libharu has no API for this: the operators are written raw into the
 * page's content stream (libharu.md §6 hack 1) as one TJ array with
 * numeric adjustments, split by Ts (text rise) where a mark is raised.
 * Glyphs are marked used through HPDF_Font_TextWidth (it is what embeds
 * them); the caller records the codes for the ToUnicode CMap.  Must be
 * called inside a text object (BT). */
HPDF_STATUS pdffix_show_positioned(PdfFix *fx, HPDF_Page page, HPDF_Font font,
                                   double x, double y, double size,
                                   const char *utf8, const float *pos);

/* libharu's UTF-8 encoder turns code points above U+FFFF into spaces
 * (libharu.md §5).  This rewrites utf8 for drawing in font: each such code
 * point becomes a private-use code (U+E000…U+F8FF, one the font's cmap
 * does not use) of its own, which libharu passes through as that CID.  At
 * save time the font's CIDToGIDMap sends the CID to the real glyph, /W
 * gets its width, the glyph is marked for embedding and the ToUnicode CMap
 * maps the CID back to the real code point (a UTF-16 surrogate pair), so
 * text extraction gives the emoji back.  Returns utf8 itself when it has
 * no such code point, else a string valid until the next call; NULL after
 * an error (font unknown, more than 6,400 distinct characters). */
const char *pdffix_font_astral(PdfFix *fx, HPDF_Font font, const char *utf8);

/* Turn dst (from HPDF_Page_CreateDestination) into [page /XYZ null top
 * null]. */
HPDF_STATUS pdffix_dest_top(HPDF_Destination dst, HPDF_REAL top);

/* Catalog /Lang (if lang is not NULL) and /ViewerPreferences
 * << /DisplayDocTitle true >>. */
HPDF_STATUS pdffix_catalog(HPDF_Doc pdf, const char *lang);

#endif
