/* grid — the schedule at a glance: one grid per day.
 *
 * Times run down the page, venues across (tracks when no session has a
 * venue).  Each session is a cell spanning its time: its code, as much of
 * its title as fits, its track colour, a link to its page.  Sessions that
 * overlap in one venue (a streaming channel) sit in side-by-side lanes.
 * A long day is cut into pages cleanly: by whole hours down and by groups
 * of columns across (FOSDEM: 35 rooms a day), the morning of every room
 * before the afternoon; a page's hours run from the hour of its first
 * session to the end of its last, so the empty hours of a day with a
 * gap (a morning and an evening) make no rows, and rooms with nothing in
 * a page's hours no page.  Each grid page is one box of the vertical
 * list, followed by a forced break.
 */
#ifndef LIVRET_GRID_H
#define LIVRET_GRID_H

#include "layout/story.h"

/* Append the grids of the days of agenda sessions [k0, k1) (whole days)
 * to l, each grid page followed by a forced break.  Links go to physical
 * page `offset + session_page[k]` (agenda index k). */
void grid_layout(StoryCtx *s, Arena *a, VList *l, size_t k0, size_t k1,
                 const int *session_page, const double *session_top,
                 int offset, double frame_h);

#endif
