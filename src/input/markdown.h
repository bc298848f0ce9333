/* markdown — the Markdown subset of free pages, and the lexical rules the
 * importers' lenient reader (import/markup.c) shares with it.
 *
 * Takes a field's text (a free page's `text:`) and where its lines are in
 * the file; gives blocks (paragraph, heading, list item) of inline runs
 * (plain, **bold**, *italic*, [links](url), <https://autolinks>), in the
 * arena.  The subset is docs/format.md's "Free pages": everything else a
 * Markdown reader would take (code, block quotes, tables, images in text,
 * raw HTML, nested lists, rules, deep headings) is an error at its own
 * line and column, so an organizer learns what will not print rather than
 * finding it printed as stray marks.
 *
 * May not touch fonts or layout: the blocks are model data (model.h).
 */
#ifndef LIVRET_MARKDOWN_H
#define LIVRET_MARKDOWN_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/diag.h"
#include "model/model.h"

/* A matched pair of emphasis runs ("*" or "_", same length), CommonMark's
 * flanking rules: the opener at open, the closer at close, run bytes
 * each. */
typedef struct MdEmph {
    size_t open, close, run;
} MdEmph;

/* The emphasis pairs of s, at most max; unmatched runs are text ("5 * 3",
 * "*BSD", snake_case). */
size_t md_emphasis(const char *s, size_t len, MdEmph *pairs, size_t max);

/* Length of a list marker at the start of s ("- ", "* ", "+ ", "• ",
 * "1. ", "2) ") with the spaces after it, 0 when there is none; *number
 * is the item's number (0 for a bullet). */
size_t md_list_marker(const char *s, size_t n, int *number);

/* A thematic break: three or more of one of - * _ and nothing else. */
bool md_is_rule(const char *s, size_t n);

/* Where the text's lines are: line k (0-based) of the text starts at file
 * line first_line + k, column first_col (1-based; block scalars strip the
 * same indentation from every line). */
typedef struct MdSource {
    const char *file;
    int first_line, first_col;
    const char *field;      /* e.g. "pages[0].text" */
} MdSource;

/* Read text into blocks; every unsupported construct is an error to d.
 * Returns the number of blocks (arena array in *out). */
size_t md_read(Arena *a, const char *text, const MdSource *src, Diags *d,
               TextBlock **out);

#endif
