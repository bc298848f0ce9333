/* ytext — the passes over a file's bytes before libyaml reads them.
 *
 * Takes the raw bytes of a YAML or JSON file; gives a verdict on its
 * encoding (every bad sequence and control character reported with its
 * line:column), the text libyaml should read (JSON surrogate-pair escapes
 * replaced, U+2028/U+2029 hidden behind stand-ins) and the map from
 * libyaml's character indices back to line:column in the file as written.
 * Private to input/: only ytree.c calls it.  Allocates on the heap; the
 * caller frees what it is handed (LineMap.start, Fixes.v, *owned).
 */
#ifndef LIVRET_INPUT_YTEXT_H
#define LIVRET_INPUT_YTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"

/* U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR and their stand-ins
 * U+FDD0, U+FDD1: three bytes each, differing in the last two. */
#define LS_PS_LEAD "\xE2\x80"
#define STAND_IN_LEAD "\xEF\xB7"

static inline bool ytext_is_cont(unsigned char b)
{
    return (b & 0xC0) == 0x80;
}

/* Character index of the first character of each LF-terminated line. */
typedef struct LineMap {
    size_t *start;
    size_t n;
} LineMap;

/* A replaced surrogate-pair escape. */
typedef struct Fix {
    size_t src;         /* offset of its backslash in the original text */
    int32_t cp;
    size_t index;       /* character index of the result in the fixed text */
    size_t line;        /* 0-based line of the result */
    bool off;           /* not in a double-quoted scalar: left as written */
} Fix;

typedef struct Fixes {
    Fix *v;
    size_t n, cap;
} Fixes;

/* Checks every byte; reports and returns false when the text is not
 * UTF-8 fit for libyaml.  Columns count code points, like libyaml's. */
bool ytext_check(const char *file, const char *text, size_t n, Diags *d);

/* The line starts of text (character indices). */
void ytext_lines(LineMap *lm, const char *text, size_t n);
/* line:column in the file as written of the character at index in the
 * text libyaml read. */
SrcLoc ytext_loc(const char *file, const LineMap *lm, const Fixes *fx,
                 size_t index);

/* The text libyaml should read: s itself, or a heap copy with the
 * surrogate pairs replaced (*owned set). */
const char *ytext_fix_surrogates(const char *s, size_t n, Fixes *fx,
                                 size_t *outn, char **owned);
/* The text with U+2028/U+2029 swapped for their stand-ins: s itself when
 * it has none, else a heap copy stored in *owned. */
const char *ytext_hide_separators(const char *s, size_t n, char **owned);
/* Puts the separators back in a scalar's text, in place. */
void ytext_restore_separators(char *s, size_t n);

#endif
