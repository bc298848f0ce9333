/* squeeze — deflating page content streams on a second core while the
 * writer goes on drawing (issue 15).
 *
 * Takes the content stream of each page, in the order the writer drew
 * them (not always page order: a streamed body comes before the front
 * matter), as a heap buffer it then owns; gives the same bytes as a zlib
 * (RFC 1950) stream, the body of a /FlateDecode stream, in that order.  One worker thread
 * compresses jobs in the order they were given; when the writer has
 * drawn the last page (squeeze_close) it compresses the rest of the
 * queue itself beside the worker.  Each job's output depends on its input
 * only (libdeflate, one compressor a thread, a fixed level), so the bytes
 * are the same whatever the threads did.
 *
 * It may not touch libharu: the caller takes finished streams back on its
 * own thread (squeeze_take) and writes them into the document.
 */
#ifndef LIVRET_PDF_SQUEEZE_H
#define LIVRET_PDF_SQUEEZE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct Squeeze Squeeze;

/* A queue for any number of streams (it grows as they are given: the
 * writer does not know how many pages layout will make); NULL (errno
 * set) if the thread or its locks cannot be made. */
Squeeze *squeeze_new(void);

/* Stream i (the next one: 0, 1, 2, …) is raw[0..len), a buffer from
 * malloc that squeeze frees.  len may be 0 (raw may then be NULL).
 * False (raw freed) if i is out of turn or memory runs out. */
bool squeeze_give(Squeeze *q, size_t i, unsigned char *raw, size_t len);

/* Stream i deflated, if done: *out (malloc'd, the caller frees) and
 * *outlen; false if it is not finished yet (wait: block until it is).
 * Streams are taken in order. */
bool squeeze_take(Squeeze *q, size_t i, bool wait, unsigned char **out,
                  size_t *outlen);

/* No more streams: the calling thread helps with what is left. */
void squeeze_close(Squeeze *q);

/* True if a compression failed (libdeflate could not be set up). */
bool squeeze_failed(Squeeze *q);

/* Stop the worker (after squeeze_close, or early on an error) and free
 * everything not taken.  NULL is allowed. */
void squeeze_free(Squeeze *q);

#endif
