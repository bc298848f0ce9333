/* pages — the organizer's free pages (welcome word, practical
 * information, committee, partners) as vertical lists.
 *
 * Takes the FreePage records (model.h) and the story context; gives one
 * vertical list per place (front, back), each page starting a new page
 * with a MARK_ANCHOR whose value is the page's index in Programme.pages,
 * so booklet.c can list it in the contents and the bookmarks.  Text goes
 * through the same paragraph machinery as the sessions (para_set): body,
 * headings, items with hanging labels, bold and italic runs, links.
 * Images are fitted to the text width (or their width), never taller
 * than most of the frame, each with its caption kept under it; logos make
 * a grid of equal cells.
 *
 * May not touch the model or the pages themselves (booklet places them).
 */
#ifndef LIVRET_PAGES_LAYOUT_H
#define LIVRET_PAGES_LAYOUT_H

#include <stdbool.h>

#include "layout/story.h"

/* Append the free pages whose place is back (or front) to l; returns how
 * many. */
size_t pages_layout(StoryCtx *s, Arena *a, VList *l, bool back,
                    double frame_h);

/* An image item of size w × h at (x, y) (lower-left). */
Item *pages_image_item(Arena *a, VItem *box, const Image *img, double x,
                       double y, double w, double h);

#endif
