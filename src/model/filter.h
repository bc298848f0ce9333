/* filter — the sessions an edition shows.
 *
 * A handout is the same programme with fewer sessions: --track, --day,
 * --venue and --session select them (each repeatable; values of one kind
 * are alternatives, kinds combine: `--track a --track b --day D` is
 * "track a or b, on day D").  The result is a new Programme in the arena
 * sharing the original's strings and tracks; Session.index keeps the
 * original position so diagnostics and full-programme page references
 * still name the right session.
 *
 * Split: the values of one key (track id, date, venue) in programme order,
 * each with a file-name-safe slug, for --split-by.
 */
#ifndef LIVRET_FILTER_H
#define LIVRET_FILTER_H

#include <stdbool.h>

#include "base/arena.h"
#include "base/diag.h"
#include "model/model.h"

#define FILTER_MAX 32   /* values per kind */

typedef enum { KEY_TRACK, KEY_DAY, KEY_VENUE, KEY_SESSION, NKEYS } FilterKey;

typedef struct Filter {
    const char *value[NKEYS][FILTER_MAX];
    int n[NKEYS];
} Filter;

bool filter_empty(const Filter *f);
/* Add a value; false (and a usage message on stderr) when full. */
bool filter_add(Filter *f, FilterKey k, const char *value);

/* Sessions matching f.  A value that matches nothing is an error (a typo
 * in a track id should not silently give an empty handout); the message
 * lists the known values.  NULL on error. */
const Programme *programme_filter(Arena *a, const Programme *p,
                                  const Filter *f, Diags *d);

typedef struct SplitValue {
    const char *value;  /* what --track/--day/--venue would take */
    const char *label;  /* for messages: track title, date, venue */
    const char *slug;   /* file name without extension */
} SplitValue;

/* Distinct values of key k (KEY_TRACK, KEY_DAY or KEY_VENUE), in order of
 * first appearance; sessions without a value come last, under the value ""
 * (which a filter reads as "none"), slug "no-track" or "no-venue", and a
 * note says how many and where.  Returns the count; *out in the arena. */
int programme_split_values(Arena *a, const Programme *p, FilterKey k,
                           SplitValue **out, Diags *d);

/* "Saal 1" → "saal-1"; keeps ASCII letters and digits, folds accents
 * (é → e), turns everything else into single hyphens. */
const char *slugify(Arena *a, const char *s);

#endif
