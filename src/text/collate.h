/* collate — sort keys for names, as the booklet's language orders them.
 *
 * Primary level only, the one an index needs: case and accents do not
 * count (É files with E, "de" with "De"), except the letters a language
 * treats as letters of their own, which sort after their base letter
 * (Polish ą ć ę ł ń ó ś ź ż; Spanish ñ; Swedish/Finnish å ä ö after z…).
 * Letters Unicode does not decompose (ł, ø, đ, æ, œ, ß, þ) are spelled
 * out for the other languages: Łódź files with L, Ørsted with O.
 * Ties are broken by the caller (by the full text) so the order is total.
 *
 * Personal names are filed under the family name: "Geraldine de Bastion"
 * as "Bastion, Geraldine de" (a lower-case particle stays with the given
 * names; a capitalised one — "Van Buren" — is part of the family name), a
 * Spanish or Portuguese name of three words and more under its two family
 * names.  A name already written "Family, Given" is taken as it is.
 */
#ifndef LIVRET_COLLATE_H
#define LIVRET_COLLATE_H

#include "base/arena.h"

/* Sort key for s in language lang (BCP 47); compare with strcmp. */
const char *collate_key(Arena *a, const char *s, const char *lang);

/* "Geraldine de Bastion" → "Bastion, Geraldine de" (for filing and
 * display).  Single words and "Family, Given" come back unchanged. */
const char *collate_inverted_name(Arena *a, const char *name,
                                  const char *lang);

#endif
