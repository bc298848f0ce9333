/* outfile — write a finished output file atomically.
 *
 * A reader of PATH (a PDF viewer, a web server, the print shop's upload)
 * sees either the old file or the complete new one, never a truncated
 * file: the bytes go to a temporary file in the same directory
 * (".NAME.XXXXXX", so rename(2) stays within one filesystem), which is
 * written, flushed to disk and renamed over PATH.  Every write, fsync and
 * close is checked, so a full disk (ENOSPC), a quota (EDQUOT) or a file
 * size limit is reported instead of leaving a short PDF behind — the
 * failure libharu's own HPDF_SaveToFile hides (libharu.md §11).
 *
 * A PATH that exists and is not a regular file (/dev/stdout, a FIFO,
 * /dev/full) is written in place: renaming over a device node would
 * replace it, and running as root nothing would stop us.
 *
 * The new file gets the mode of the file it replaces, or 0666 & ~umask for
 * a new file (what fopen(PATH, "w") would give), not mkstemp's 0600.
 *
 * PATH "-" is standard output (named "<stdout>" in messages), written in
 * one piece once the whole output exists, and left open.
 */
#ifndef LIVRET_OUTFILE_H
#define LIVRET_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"

#define OUTFILE_STDOUT_NAME "<stdout>"

/* True for "-", standard output on the command line. */
bool outfile_is_stdout(const char *path);
/* path for messages: "<stdout>" for "-". */
const char *outfile_name(const char *path);

/* Write len bytes of data to path.  On failure reports
 *   PATH: error: cannot write: <strerror>
 * removes the temporary file, leaves path as it was and returns false.
 * The same as outfile_open, outfile_append, outfile_close. */
bool outfile_write(const char *path, const void *data, size_t len, Diags *d);

/* The same written a piece at a time, for an output too large to hold
 * twice (a PDF libharu saves: issue 15).  Nothing is at path until
 * outfile_close(f, true) has returned true. */
typedef struct OutFile OutFile;

/* NULL after reporting (no directory, a directory at path, ...). */
OutFile *outfile_open(const char *path, Diags *d);

/* Append len bytes (gathered, written in large pieces); false after
 * reporting, and every later call is false too. */
bool outfile_append(OutFile *f, const void *data, size_t len);

/* ok: the file is complete: flush it to disk and put it at path
 * (true if that worked; else reported).  !ok: remove what was written
 * and return false.  Frees f; NULL is allowed (false). */
bool outfile_close(OutFile *f, bool ok);

/* Remove the temporary file of an outfile_write in progress, if any.
 * Async-signal-safe (only unlink(2)): for main.c's SIGINT/SIGTERM handler,
 * which then re-raises the signal. */
void outfile_cleanup_on_signal(void);

#endif
