/* xalloc — heap allocation that aborts on failure.
 *
 * livret cannot do anything useful after malloc fails, so, like cmark's
 * xcalloc, these print one line and exit(3) (the "internal error" status).
 * Callers never test the result.
 */
#ifndef LIVRET_XALLOC_H
#define LIVRET_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Resize an array of n elements of size each, overflow-checked. */
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
