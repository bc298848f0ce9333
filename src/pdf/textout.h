/* textout — a shaped text item as PDF text operators.
 *
 * Takes a text item (page.h: glyph indices, advances, offsets) whose font
 * is a fontembed Identity-H font already selected with Tf inside BT, and
 * writes into a content stream: its position (Tm), one TJ array of 2-byte
 * glyph codes with numeric adjustments wherever the item's advance
 * differs from the /W width the viewer uses, split by Ts (text rise)
 * where a glyph is raised or lowered.  A word after a stretched space
 * (a justified line is one item) starts at its own position rounded as
 * a Tm there would be, the adjustment rounded down.  With actual (fontembed_record
 * says the ToUnicode map cannot give the text back in order) the
 * operators are wrapped in /Span << /ActualText (text) >> BDC … EMC so
 * extractors read the item's UTF-8 in logical order.
 *
 * It may not touch anything but the stream it is given; libharu's own
 * text state is not used (it has no glyph API).
 */
#ifndef LIVRET_PDF_TEXTOUT_H
#define LIVRET_PDF_TEXTOUT_H

#include <stdbool.h>

#include <hpdf.h>

#include "display/page.h"
#include "pdf/fontembed.h"

/* "/NAME SIZE Tf". */
HPDF_STATUS textout_font(HPDF_Stream st, const char *name, double size);

/* "PERCENT Tz": the horizontal scaling of the text that follows (font
 * expansion), 1 = none. */
HPDF_STATUS textout_scale(HPDF_Stream st, double scale);

HPDF_STATUS textout_show(HPDF_Stream st, FontEmbed *fe, const Item *it,
                         bool actual);

#endif
