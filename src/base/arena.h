/* arena — chained-block bump allocator.
 *
 * Memory in livret is grouped by lifetime, not by object: the loaded
 * programme lives in one arena for the whole run, each layout pass gets a
 * fresh arena that is reset before the next pass.  Objects allocated from an
 * arena are never freed one by one; arena_free() releases everything.
 *
 * Out-of-memory aborts the process with a message (see xalloc.h): callers
 * never check for NULL.
 */
#ifndef LIVRET_ARENA_H
#define LIVRET_ARENA_H

#include <stddef.h>
#include <stdarg.h>

typedef struct ArenaBlock ArenaBlock;

typedef struct Arena {
    ArenaBlock *head;   /* current block; older blocks chained behind it */
    size_t used;        /* bytes handed out from all blocks (for reports) */
} Arena;

void  arena_init(Arena *a);
void  arena_free(Arena *a);        /* release every block; a is reusable */
/* Empty a for more of the same work, keeping its newest (largest) block,
 * zeroed again where it was used: memory already mapped and faulted in
 * is cheaper to clear than new memory is to fault in (a booklet's runs
 * of sessions, one after another). */
void  arena_reset(Arena *a);

/* Zero-filled, aligned for any type. */
void *arena_alloc(Arena *a, size_t size);
/* n elements of size each, overflow-checked. */
void *arena_array(Arena *a, size_t n, size_t size);
/* Grow an arena array of oldn elements (its whole allocation) to newn:
 * extended in place when it is the arena's last allocation and there is
 * room, else a new block holding the old contents (the old block stays in
 * the arena until it is freed).  The new elements are zero. */
void *arena_grow(Arena *a, void *old, size_t oldn, size_t newn, size_t size);
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_strdup(Arena *a, const char *s);
char *arena_printf(Arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
char *arena_vprintf(Arena *a, const char *fmt, va_list ap);

#endif
