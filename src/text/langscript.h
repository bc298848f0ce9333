/* langscript — the script a language is written in, from CLDR.
 *
 * Takes a BCP 47 tag ("ar", "pa-Arab", "ug-Cyrl", "ks"); gives its
 * script's ISO 15924 code from ICU's likely subtags (an explicit script
 * subtag wins), and whether that script runs right to left.  One answer
 * for every module that judges a language by its script (bidi's
 * paragraph direction, hyphenation's customs, the index's comma), so
 * that a language no list foresaw is judged like one it did.  Touches
 * nothing else.
 */
#ifndef LIVRET_TEXT_LANGSCRIPT_H
#define LIVRET_TEXT_LANGSCRIPT_H

#include <stdbool.h>

/* Writes the four-letter code ("Arab", "Latn") into script[5]; false
 * (and "") when the tag is empty, not well formed or unknown to CLDR. */
bool lang_script(const char *tag, char script[5]);

/* Is the tag's script written right to left (Arabic, Hebrew, Thaana,
 * Syriac, N'Ko, Adlam, …)?  False when unknown. */
bool lang_script_rtl(const char *tag);

#endif
