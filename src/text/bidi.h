/* bidi — Unicode bidirectional levels and line reordering (UAX #9),
 * through ICU's UBiDi.
 *
 * Takes UTF-8 text and the paragraph's base direction; gives an embedding
 * level per byte (even = left to right, odd = right to left), and for a
 * line, the visual order of its pieces from their levels (rule L2).  It
 * knows nothing of fonts or boxes; para_* uses it to cut boxes where the
 * level changes, to shape each piece in its direction and to lay a line
 * out after breaking.
 *
 * A language is right to left (bidi_lang_rtl) when its script is, as
 * CLDR gives it (text/langscript): ar, fa, ur, he, yi, dv, syr, ks,
 * pa-Arab, but not ug-Cyrl or az (Latin).
 */
#ifndef LIVRET_TEXT_BIDI_H
#define LIVRET_TEXT_BIDI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"

/* Is BCP 47 tag lang (e.g. "ar", "fa-IR") written right to left? */
bool bidi_lang_rtl(const char *lang);

/* The explicit directional formatting characters (LRM, RLM, ALM, the
 * embeddings, overrides and isolates): they act on the levels, and have
 * nothing to draw. */
bool bidi_control(int32_t cp);

/* s (UTF-8) as an isolate of its own direction, rtl or not (U+2067 RLI
 * or U+2066 LRI … U+2069 PDI), in a: what a paragraph of the other
 * direction shows of it is what a paragraph of its own would (the time
 * range "14:00–15:30 UTC+1" of a French booklet inside an Arabic session,
 * an Arabic title ending in "(UCLG)" in a French contents). */
const char *bidi_isolate(Arena *a, const char *s, bool rtl);

/* Levels of the len bytes of s for a paragraph of base direction rtl
 * (level 1) or left to right (level 0): levels[b] for every byte b, the
 * bytes of one character alike.  False (levels all at the base level) if
 * ICU fails; the text then keeps its logical order. */
bool bidi_levels(const char *s, size_t len, bool rtl, unsigned char *levels);

/* The visual order of n pieces of a line with the given levels (L2: from
 * the highest level down to the lowest odd one, every run at that level
 * or higher is reversed): order[k] is the logical index shown k-th from
 * the left. */
void bidi_reorder(const unsigned char *levels, size_t n, size_t *order);

#endif
