/* pages — the organizer's own pages and pictures: top-level `pages:` and
 * `programme.cover` (docs/format.md, Free pages; Images).
 *
 * Takes the ytree nodes; gives FreePage and Image records in the
 * Programme.  Text is read by the Markdown subset (markdown.h), each image
 * is decoded once (image.h) so that an unreadable or corrupt file is an
 * error at the field that names it, with its path, before anything is
 * laid out.  Paths are relative to the file the field is in.
 *
 * Part of the loader (as schema.h): may not touch fonts, layout or output.
 */
#ifndef LIVRET_PAGES_H
#define LIVRET_PAGES_H

#include "input/schema.h"

/* `pages:` (a list of mappings) into p->pages. */
void schema_pages(const SchemaCtx *c, const YNode *list, Programme *p);

/* `cover: { image: F, logo: F }` into p->cover and p->logo. */
void schema_cover(const SchemaCtx *c, const YNode *map, Programme *p);

#endif
