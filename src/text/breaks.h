/* breaks — where a line may break and where a character (grapheme
 * cluster) ends, from ICU's BreakIterators over the UTF-8 text itself.
 *
 * Takes valid UTF-8 (input/ checks it) and a BCP 47 language; gives one
 * mark per byte.  Line breaks are UAX #14 of ICU's Unicode with the CLDR
 * tailoring of the language, dictionary breaking for Thai, Lao, Khmer and
 * Myanmar, and CJK line rules (no "。" or "）" at a line start).  Grapheme
 * clusters are UAX #29 extended clusters: a flag (two regional
 * indicators), an emoji ZWJ sequence, a base with its marks, a Hangul
 * syllable.  livret's own rules (spaces, URLs, soft hyphens) are applied
 * on top by para_items.c; this module only asks ICU.  Touches nothing but
 * its iterators and the arrays it is given.
 */
#ifndef LIVRET_TEXT_BREAKS_H
#define LIVRET_TEXT_BREAKS_H

#include <stdbool.h>
#include <stddef.h>

/* Line iterators kept open, one a language: opening one costs as much
 * as breaking a few paragraphs, and a programme alternates languages
 * from session to session (and with its own labels). */
#define BREAKS_LANGS 8

typedef struct TextBreaks {
    void *line[BREAKS_LANGS];       /* UBreakIterator (UBRK_LINE), or NULL */
    char lang[BREAKS_LANGS][32];    /* the language each was opened for */
    unsigned next;                  /* the slot to reuse when all are open */
    void *chars;            /* UBreakIterator (UBRK_CHARACTER) */
    bool failed;            /* an ICU call failed: reported once */
} TextBreaks;

void breaks_init(TextBreaks *b);
void breaks_fini(TextBreaks *b);

/* allow[i] = 1 when a line may break after byte i (i is the last byte of
 * a character), else 0; len bytes are written.  Returns false if ICU
 * failed (then no break is allowed: allow[] is all 0). */
bool breaks_line(TextBreaks *b, const char *s, size_t len, const char *lang,
                 unsigned char *allow);

/* start[i] = 1 when a grapheme cluster starts at byte i; len + 1 bytes
 * are written (start[len] = 1).  Returns false if ICU failed (then every
 * code point is a cluster of its own). */
bool breaks_clusters(TextBreaks *b, const char *s, size_t len,
                     unsigned char *start);

#endif
