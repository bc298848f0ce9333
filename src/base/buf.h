/* buf — a growing byte buffer on the heap, always NUL-terminated.
 * The owner frees b.s (free) or hands it on; Buf b = { 0 } is empty.
 * Out-of-memory exits (xalloc.h). */
#ifndef LIVRET_BUF_H
#define LIVRET_BUF_H

#include <stddef.h>

typedef struct Buf {
    char *s;
    size_t n, cap;
} Buf;

void buf_add(Buf *b, const char *s, size_t n);
void buf_str(Buf *b, const char *s);
void buf_printf(Buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
