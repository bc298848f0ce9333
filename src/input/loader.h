/* loader — a programme file (YAML or JSON) to a validated Programme.
 *
 * Stages: ytree (syntax, encoding, structure guards) → schema (each field
 * typed from the scalar's own text, never by YAML 1.1 rules) → includes →
 * cross-record validation.  Every problem is reported to d as
 *   FILE:LINE:COL: error: FIELD: message
 * and loading continues so the user sees all of them; unknown keys are
 * warnings.  The format is documented in docs/format.md.
 *
 * Includes: an entry of `sessions` may be `{include: PATH}` where PATH is
 * relative to the file that names it and may be a glob pattern (`*`, `?`,
 * `[...]`; matched files taken in byte order).  An included file holds one session
 * (a mapping) or a list of sessions; its diagnostics name the included
 * file.  Includes do not nest deeper than LOADER_MAX_INCLUDE_DEPTH.
 * FIELD paths count within the file that holds the value: a session of an
 * included list is `sessions[i]` with i its place in that file's list, and
 * the session of a file holding one mapping is `session` (`session.date`).
 * Problems with an include itself (missing file, no glob match, cycle, too
 * deep) are errors at the PATH value, field `sessions[N].include`.
 *
 * Each session is checked as it is read: its track must be a track id, its
 * id unique across all files (the repeat is an error, with a note at the
 * first), its date inside programme.dates (a warning otherwise).  Session
 * messages end with "(session ID)" once the id is known.
 *
 * Returns NULL when any error was reported.  The Programme and everything
 * it points to live in a.
 */
#ifndef LIVRET_LOADER_H
#define LIVRET_LOADER_H

#include "base/arena.h"
#include "base/diag.h"
#include "base/infile.h"
#include "model/model.h"
#include "input/ytree.h"

#define LOADER_MAX_INCLUDE_DEPTH 8
/* A programme and everything it includes, in bytes, counted as each file
 * is opened (an include repeated or globbed many times counts each time):
 * past it, the include is refused with an error at its PATH. */
#define LOADER_MAX_INPUT_SIZE YTREE_MAX_FILE_SIZE

/* path "-" is standard input, named <stdin>, its includes relative to the
 * current directory.  p->inputs lists every regular file read. */
const Programme *programme_load(Arena *a, const char *path, Diags *d);
/* Same for a file already read (infile.h): format detection and parsing
 * see the same bytes, which a pipe could not give twice.  With take, the
 * bytes are infile_read's and are freed (f left empty) as soon as they are
 * parsed, before the model is built, so that the file's text and the
 * whole model are never held together. */
const Programme *programme_load_infile(Arena *a, InFile *f, bool take,
                                       Diags *d);
/* Same from memory (fuzzers, tests, imports); includes resolve against the
 * current directory. */
const Programme *programme_load_buffer(Arena *a, const char *name,
                                       const char *bytes, size_t len,
                                       Diags *d);

#endif
