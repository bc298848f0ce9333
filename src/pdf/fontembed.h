/* fontembed — the document's fonts, embedded by glyph index.
 *
 * Takes the DocList's font files and the glyphs text items draw; gives,
 * per font, a composite font libharu writes with the document: a Type0
 * font with /Encoding /Identity-H (a 2-byte code is the glyph index),
 * its CIDFont — CIDFontType2 with /CIDToGIDMap /Identity for TrueType
 * (glyf) files, CIDFontType0 with a FontFile3 /CIDFontType0C for
 * OpenType CFF files (Noto CJK) — /W widths of the glyphs used, a
 * FontDescriptor (FontBBox, Ascent, Descent, CapHeight, ItalicAngle) and
 * a ToUnicode CMap built from the items' clusters.  The font program is a
 * subset made by HarfBuzz's subsetter, glyph indices kept
 * (HB_SUBSET_FLAGS_RETAIN_GIDS), layout tables dropped (shaping is done).
 *
 * The dicts are libharu objects (made with its dict/stream API and added
 * to its xref, libharu.md §1), so libharu writes them; fontembed never
 * calls libharu's own font code.  It may not touch pages or content
 * streams: pdf.c writes the text operators.
 *
 * ToUnicode: a glyph maps to the text of the first cluster it was drawn
 * alone for (the first glyph of a cluster of several carries its whole
 * text).  fontembed_record says when an item's text cannot be read back
 * from that map in drawing order (right-to-left text, reordered or split
 * clusters, a glyph shared by two characters) or when a glyph is placed
 * off its pen position (marks), which extractors sorting by x misread;
 * pdf.c then wraps the item in an /ActualText span.
 *
 * Subset names are a tag of six capitals made from a hash of the glyphs
 * used, so the same document gives the same bytes.
 *
 * Errors: fontembed_font and fontembed_finish return NULL/false with a
 * sentence in fe->problem (a file HarfBuzz cannot read, a subsetting
 * failure) or with libharu's error recorded on the document.
 */
#ifndef LIVRET_PDF_FONTEMBED_H
#define LIVRET_PDF_FONTEMBED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <hpdf.h>

#include "display/page.h"

typedef struct EmbedFont EmbedFont;

typedef struct FontEmbed {
    HPDF_Doc pdf;
    const DocList *doc;         /* fontembed_use */
    EmbedFont *fonts;           /* nfonts, made on first use */
    size_t nfonts;              /* the most fonts a DocList has had:
                                   fontembed_fini needs no DocList (it
                                   may be freed before) */
    char problem[256];
} FontEmbed;

void fontembed_init(FontEmbed *fe, HPDF_Doc pdf);
void fontembed_fini(FontEmbed *fe);

/* The DocList whose fonts the calls below mean, NULL between calls.  It
 * may change as pages are streamed (the font list only grows, indices
 * stay: layout finds a fallback font when it first needs one). */
void fontembed_use(FontEmbed *fe, const DocList *doc);

/* The Type0 font dict of DocList font i (made on first use, so a font no
 * item draws is never embedded); NULL after an error. */
HPDF_Dict fontembed_font(FontEmbed *fe, int i);

/* Record the glyphs of text item it (in font it->u.text.font, already
 * made by fontembed_font).  *actual is set when the ToUnicode map cannot
 * give the item's text back in drawing order.  False if a glyph index is
 * outside the font. */
bool fontembed_record(FontEmbed *fe, const Item *it, bool *actual);

/* The width /W gives glyph gid of font i, in 1/1000 em: what a viewer
 * advances after drawing it. */
double fontembed_width(FontEmbed *fe, int i, uint32_t gid);

/* Append the UTF-8 text s (len bytes) as UTF-16BE hex digits, surrogate
 * pairs above U+FFFF (ToUnicode targets, /ActualText strings). */
struct Buf;
void fontembed_utf16_hex(struct Buf *b, const char *s, size_t len);

/* Subset every font used and fill its objects.  Call once, after the
 * last page is drawn and before the document is saved. */
bool fontembed_finish(FontEmbed *fe, bool compress);

#endif
