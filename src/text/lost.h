/* lost — every place a character could not be drawn, named.
 *
 * Takes the characters (one grapheme cluster, UTF-8) that a paragraph
 * had to leave out, the reason, and the place (the field's FILE:LINE:COL
 * and path); gives warnings through Diags: "U+1F1E6 REGIONAL INDICATOR
 * SYMBOL LETTER A + U+1F1FA ...: has no glyph in the layout's fonts; it
 * is left out".  Each distinct place is warned once (a title is set in
 * the contents, the running head and the body; front matter is laid out
 * more than once), the first LOST_PLACES places of each cluster and
 * reason one by one, the rest counted in one closing warning
 * (lost_flush).  Touches only its own tables.
 */
#ifndef LIVRET_TEXT_LOST_H
#define LIVRET_TEXT_LOST_H

#include <stddef.h>

#include "base/diag.h"

#define LOST_PLACES 20

typedef struct LostSet LostSet;

LostSet *lost_new(void);
void lost_free(LostSet *l);

/* The cluster s[0..len) is left out at loc: reason completes the
 * sentence ("has no glyph in the layout's fonts"). */
void lost_note(LostSet *l, Diags *d, const char *s, size_t len, SrcLoc loc,
               const char *field, const char *reason);

/* One warning per cluster and reason left out at more than LOST_PLACES
 * places, with the count of the places not listed. */
void lost_flush(LostSet *l, Diags *d);

#endif
