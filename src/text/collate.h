/* collate — sort keys and index letters for names, as the booklet's
 * language orders them: ICU's collator with the CLDR tailoring of the
 * language (Polish ł after l, Czech ch after h, Swedish å ä ö after z,
 * Spanish ñ after n, Vietnamese ă â đ ê ô ơ ư, German ä with a), or the
 * root order (DUCET) for languages without one.  É files with E, case
 * and accents count only between names that are otherwise equal.  Ties
 * are broken by the caller (by the full text) so the order is total.
 * Collators are opened once per language and kept for the process.
 *
 * Personal names are filed under the family name: "Geraldine de Bastion"
 * as "Bastion, Geraldine de" (a lower-case particle stays with the given
 * names; a capitalised one — "Van Buren" — is part of the family name), a
 * Spanish or Portuguese name of three words and more under its two family
 * names.  A name already written "Family, Given" is taken as it is.
 */
#ifndef LIVRET_COLLATE_H
#define LIVRET_COLLATE_H

#include <stdbool.h>

#include "base/arena.h"

/* Sort key for s in language lang (BCP 47); compare with strcmp. */
const char *collate_key(Arena *a, const char *s, const char *lang);

/* The letter an index files s under, title-cased: "É" for "Étienne",
 * "Ch" for Czech "Chalupa", "Ł" for "Łukasz". */
const char *collate_heading(Arena *a, const char *s, const char *lang);
/* Do two headings make one letter of the index (primary strength: "É"
 * and "E" in French, not "Ł" and "L" in Polish)? */
bool collate_same_letter(const char *x, const char *y, const char *lang);

/* "Geraldine de Bastion" → "Bastion, Geraldine de" (for filing and
 * display).  Single words and "Family, Given" come back unchanged. */
const char *collate_inverted_name(Arena *a, const char *name,
                                  const char *lang);

#endif
