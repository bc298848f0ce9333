/* yamlout — a Programme draft as programme YAML (docs/format.md).
 *
 * The text is meant to be read and edited by people and read the same by
 * every YAML tool:
 *   - block style, one field a line, keys in the order of docs/format.md;
 *   - a string is written plain only when no YAML 1.1 tool could read it
 *     as anything but that string (no bool words, nothing starting with a
 *     digit, sign or dot, no indicator, no ": " or " #"); otherwise it is
 *     double-quoted with escapes;
 *   - text of several lines is a literal block `|-` (paragraphs separated
 *     by one blank line), unless it holds characters a block cannot carry;
 *   - times are quoted "HH:MM"; dates are written plain (YYYY-MM-DD);
 *   - never an anchor, an alias or a tag.
 * The same draft gives the same bytes.
 *
 * A session end past midnight (Session.end > 1440) is written as its clock
 * time with the day it ends (`end_date`).
 */
#ifndef LIVRET_YAMLOUT_H
#define LIVRET_YAMLOUT_H

#include <stddef.h>

#include "base/arena.h"
#include "model/model.h"

/* The YAML text (NUL-terminated, *len bytes, in a).  source and format
 * name the origin in the header comment; either may be NULL. */
char *yamlout_programme(Arena *a, const Programme *p, const char *source,
                        const char *format, size_t *len);

#endif
