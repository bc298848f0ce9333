/* grid — the schedule at a glance: one grid per day.
 *
 * Times run down the page, venues across (tracks when no session has a
 * venue).  Each session is a cell spanning its time: its code, as much of
 * its title as fits, its track colour, a link to its page.  Sessions that
 * overlap in one venue (a streaming channel) sit in side-by-side lanes.
 * A long day is cut into pages cleanly: by whole hours down and by groups
 * of columns across (FOSDEM: 35 rooms a day), the morning of every room
 * before the afternoon.  Each grid page is one box of the vertical list.
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
