/* charname — a code point as a user can look it up: "U+1F1E6 REGIONAL
 * INDICATOR SYMBOL LETTER A".
 *
 * Takes a code point; gives its number and Unicode name from ICU's
 * u_charName (the extended name, "<control-0007>", "<noncharacter-FFFF>",
 * "<unassigned-E0080>", for code points without one).  Touches nothing
 * else.  Every warning or error that names a character uses it, so the
 * user can find the character whatever the terminal shows.
 */
#ifndef LIVRET_TEXT_CHARNAME_H
#define LIVRET_TEXT_CHARNAME_H

#include <stddef.h>
#include <stdint.h>

#define CHARNAME_MAX 128

/* Writes "U+XXXX NAME" into buf (always NUL-terminated) and returns buf. */
const char *charname(uint32_t cp, char *buf, size_t size);

#endif
