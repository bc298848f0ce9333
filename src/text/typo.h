/* typo — per-language typography applied to a paragraph's text before it
 * is broken into lines (called by para_set, so story.c needs no change).
 *
 * French (language fr, fr-CA, ...; layout typography.french-spacing, on by
 * default): the space before ; ! ? becomes U+202F NARROW NO-BREAK SPACE,
 * the space before : becomes U+00A0 NO-BREAK SPACE, the spaces inside « »
 * become U+00A0 (or U+202F with guillemet-space: narrow).  Only existing
 * spaces are replaced unless typography.french-insert asks to insert the
 * missing ones too (opt-in: "Yahoo!" would get one; guide/text.md §8).
 * Never inside a token that looks like a URL or an e-mail address
 * (contains ://, www. or @), never in text the caller protects (URL
 * spans), and : only before a space or the end, so 10:35 and B:12 stay.
 *
 * Straight quotes (typography.smart-quotes, opt-in, every language): ' in
 * or after a word becomes ’, " becomes « » (fr, es, with fr's inner
 * space), „ “ (de, pl) or “ ” (others).
 *
 * Spanish and English get nothing inserted; for Spanish a question that
 * ends in ? with no ¿ since the previous sentence is reported (lint) so
 * the caller can warn.
 */
#ifndef LIVRET_TYPO_H
#define LIVRET_TYPO_H

#include <stdbool.h>
#include <stddef.h>

#include "input/style.h"

enum { TYPO_LINT_ES_QUESTION = 1 };

/* Worst-case output size for n input bytes. */
#define TYPO_MAX(n) (4 * (n) + 1)

/* Apply the rules of language lang (BCP 47; NULL = none) to in[0..n).
 * protect[i] (may be NULL) keeps byte i as is.  Writes at most
 * TYPO_MAX(n) bytes to out and returns the length; map (may be NULL; n+1
 * entries) receives for every input offset the output offset it moved
 * to.  *lint (may be NULL) gets TYPO_LINT_* bits.  Returns n with out a
 * copy of in when no rule applies. */
size_t typo_apply(const Style *st, const char *lang, const char *in,
                  size_t n, const bool *protect, char *out, size_t *map,
                  int *lint);

#endif
