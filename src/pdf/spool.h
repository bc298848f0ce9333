/* spool — deflated page contents kept in a temporary file until libharu
 * saves the document (issue 15).
 *
 * Takes a page's content stream once deflated; gives libharu a stream
 * (HPDF_CallbackReader) that reads the bytes back from the file while the
 * document is saved.  A drawn page then costs libharu its page objects
 * only: its content (4 KB a page in libharu's memory stream blocks) is
 * not held.  The file is made in $TMPDIR (else /tmp) and unlinked at
 * once, so nothing is left behind, even after a crash.
 *
 * It may not touch the pages: the writer puts the stream in place.
 * Errors: spool_new and spool_stream return NULL with errno set (no
 * temporary directory, a full disk, a file size limit in force): the
 * writer then keeps that content in memory as before.  A read that fails while libharu saves makes the
 * save fail; spool_error gives its errno.
 */
#ifndef LIVRET_PDF_SPOOL_H
#define LIVRET_PDF_SPOOL_H

#include <stddef.h>

#include <hpdf.h>

typedef struct Spool Spool;

Spool *spool_new(void);

/* Append data[0, len) to the file; the stream that reads it back, made
 * with mm (libharu frees it with the dict that holds it), or NULL. */
HPDF_Stream spool_stream(Spool *s, HPDF_MMgr mm, const void *data,
                         size_t len);

/* errno of the first read that failed, 0 if none. */
int spool_error(const Spool *s);

/* Close the file.  After libharu is done with the streams.  NULL is
 * allowed. */
void spool_free(Spool *s);

#endif
