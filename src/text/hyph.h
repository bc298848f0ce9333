/* hyph — hyphenation points with libhyphen and Debian's dictionaries.
 *
 * One dictionary per language, loaded the first time a text in that
 * language needs it, from /usr/share/hyphen (hyph_LL_RR.dic, then
 * hyph_LL.dic, then the language's likely region from CLDR, then any
 * region's).  libhyphen's pitfalls are
 * handled here (guide/text.md §4): its result is indexed by code point, not
 * byte; upper-case words are lower-cased first (utf8proc, 1:1 so indices
 * hold); only runs of letters are given to it.
 *
 * A language without a dictionary is not hyphenated; the caller warns
 * once (hyph_lang returns NULL).  Each word's points are kept with its
 * language's dictionary (a hash table on the heap, freed by hyph_free), so
 * a word is given to libhyphen once however often it recurs.
 */
#ifndef LIVRET_HYPH_H
#define LIVRET_HYPH_H

#include <stdbool.h>
#include <stddef.h>

typedef struct Hyphenator Hyphenator;
typedef struct HyphLang HyphLang;

Hyphenator *hyph_new(const char *dictdir);   /* NULL = /usr/share/hyphen */
void hyph_free(Hyphenator *h);

/* The dictionary for a BCP 47 tag ("fr", "es-AR"), or NULL. */
const HyphLang *hyph_lang(Hyphenator *h, const char *tag);

/* False for a language whose script is not hyphenated when set (Arabic,
 * Hebrew, Thai, Lao, Khmer, Myanmar, Tibetan, Ethiopic, Chinese, Japanese,
 * Korean…: lines break between words or characters, never inside a word
 * with a hyphen), judged from the likely script of the tag (ICU, CLDR's
 * likely subtags): no dictionary is missing there, so no warning is due. */
bool hyph_customary(const char *tag);

/* Hyphenate one word of letters (UTF-8, n bytes).  For each code point i
 * (0-based) out[i] is set to 1 when a hyphen may follow it.  Returns the
 * number of code points, or 0 when the word is too short, too long
 * (> cap code points) or not hyphenated. */
size_t hyph_word(const HyphLang *l, const char *word, size_t n,
                 unsigned char *out, size_t cap);

#endif
