/* drawer — streamed pages drawn on a thread of their own (issue 15).
 *
 * Takes pages as layout hands them over (pdf_stream), each with the frame
 * it was given with (page size and boxes, the fonts so far), and copies
 * both: layout reuses its Page structs and frees its frame.  Gives them,
 * in the order given, to a draw function on one worker thread, so that
 * layout goes on setting the next pages meanwhile; says how many are
 * drawn, so layout knows when it may free their items.
 *
 * It may not touch libharu itself: the draw function does, and nothing
 * else may until drawer_close has returned.  A draw function that fails
 * stops the queue: no later page is drawn, and every page given counts
 * as done (its items are no longer read).
 */
#ifndef LIVRET_PDF_DRAWER_H
#define LIVRET_PDF_DRAWER_H

#include <stdbool.h>
#include <stddef.h>

#include "display/page.h"

typedef struct Drawer Drawer;

/* Draw pg (a copy) within frame (a copy, with only the fields above);
 * front as given.  False stops the queue. */
typedef bool (*DrawFn)(void *ctx, const Page *pg, const DocList *frame,
                       bool front);

/* A queue and its thread; NULL with errno's cause in *err (a code for
 * strerror) if the thread or its locks cannot be made. */
Drawer *drawer_new(DrawFn draw, void *ctx, int *err);

/* Queue pages[0, n) with frame and front; false if a page has failed. */
bool drawer_give(Drawer *q, const DocList *frame, const Page *pages,
                 size_t n, bool front);

/* Pages given that are done (drawn, or not to be drawn after a failure),
 * once at least at_least are (0: now). */
size_t drawer_done(Drawer *q, size_t at_least);

/* Draw what is queued (stop: nothing more), end the thread, free the
 * queue.  False if a page failed (or stop).  NULL is allowed (true). */
bool drawer_close(Drawer *q, bool stop);

#endif
