#include "base/arena.h"
#include "base/xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* Blocks grow geometrically so a 5,000-session programme needs few of them,
 * and a request larger than the default gets a block of its own. */
#define ARENA_MIN_BLOCK (64 * 1024)
#define ARENA_ALIGN 16

struct ArenaBlock {
    ArenaBlock *prev;
    size_t cap, off;
    size_t mapped;      /* bytes mapped (MAP_BLOCK), 0: from malloc */
    _Alignas(ARENA_ALIGN) unsigned char data[];
};

/* Ask for transparent huge pages over the 2 MiB-aligned part of a large
 * block: the layout fills hundreds of megabytes once, and faulting them
 * in 4 KiB at a time was a fifth of a 1,000-session build (the kernel's
 * page-fault path).  Only advice: where the kernel says no (no THP, or
 * not this kind of memory), the block works the same. */
static void huge_pages(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
    const uintptr_t huge = 2u * 1024 * 1024;
    uintptr_t lo = ((uintptr_t)p + huge - 1) & ~(huge - 1);
    uintptr_t hi = ((uintptr_t)p + n) & ~(huge - 1);
    if (hi > lo && madvise((void *)lo, hi - lo, MADV_HUGEPAGE) != 0) {
        /* EINVAL without THP in the kernel: nothing to do */
    }
#else
    (void)p;
    (void)n;
#endif
}

void arena_init(Arena *a)
{
    a->head = NULL;
    a->used = 0;
}

/* Blocks from this size up are mappings of their own, given back to the
 * system when the arena is freed.  From malloc, a freed block would stay
 * in its heap (glibc raises its mmap threshold to the largest chunk
 * freed), where the page objects libharu allocates meanwhile do not fit
 * it: a booklet's runs and sections, freed one after another, would
 * hold the process's memory at their sum, not their largest. */
#define MAP_BLOCK (256 * 1024)

static ArenaBlock *new_block(size_t cap)
{
    size_t size = sizeof(ArenaBlock) + cap;
    if (size >= MAP_BLOCK) {
        void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p != MAP_FAILED) {      /* (zeroed by the kernel) */
            ArenaBlock *b = p;
            b->mapped = size;
            return b;
        }
    }
    return xcalloc(1, size);        /* (exits when memory runs out) */
}

/* Free b and every block behind it. */
static void free_blocks(ArenaBlock *b)
{
    while (b) {
        ArenaBlock *prev = b->prev;
        if (b->mapped)
            munmap(b, b->mapped);
        else
            free(b);
        b = prev;
    }
}

void arena_free(Arena *a)
{
    free_blocks(a->head);
    arena_init(a);
}

void arena_reset(Arena *a)
{
    ArenaBlock *keep = a->head;
    if (!keep)
        return;
    free_blocks(keep->prev);
    keep->prev = NULL;
    /* handed out zeroed, as a new block is */
    memset(keep->data, 0, keep->off);
    keep->off = 0;
    a->head = keep;
    a->used = 0;
}

void *arena_alloc(Arena *a, size_t size)
{
    size_t need = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (need < size)
        need = SIZE_MAX; /* overflow: xcalloc below reports it */
    ArenaBlock *b = a->head;
    if (!b || b->cap - b->off < need) {
        size_t cap = b ? b->cap * 2 : ARENA_MIN_BLOCK;
        if (cap > 16u * 1024 * 1024)
            cap = 16u * 1024 * 1024;
        if (cap < need)
            cap = need;
        if (cap > SIZE_MAX - sizeof(ArenaBlock))
            cap = SIZE_MAX - sizeof(ArenaBlock);
        /* calloc: block memory is handed out once and never reused, so
         * a zeroed block makes every allocation zero without a memset;
         * large blocks come zeroed from the kernel, touched only when
         * used. */
        ArenaBlock *nb = new_block(cap);
        huge_pages(nb, sizeof(ArenaBlock) + cap);
        nb->prev = b;
        nb->cap = cap;
        nb->off = 0;
        a->head = b = nb;
    }
    void *p = b->data + b->off;
    b->off += need;
    a->used += need;
    return p;
}

void *arena_array(Arena *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size) {
        fprintf(stderr, "livret: error: out of memory (array overflow)\n");
        exit(3);
    }
    return arena_alloc(a, n * size);
}

void *arena_grow(Arena *a, void *old, size_t oldn, size_t newn, size_t size)
{
    /* When old is the last allocation of the current block and the block
     * has room, extend it where it is: a list filled without allocations
     * in between (the vertical list, a page) then costs its final size
     * instead of twice that in abandoned copies. */
    ArenaBlock *b = a->head;
    if (old && b && size && oldn < newn && newn <= SIZE_MAX / size) {
        size_t had = (oldn * size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
        size_t want = (newn * size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
        if ((unsigned char *)old + had == b->data + b->off && want >= had
            && want - had <= b->cap - b->off) {
            b->off += want - had;   /* fresh block memory: already zero */
            a->used += want - had;
            return old;
        }
    }
    void *p = arena_array(a, newn, size);
    if (old && oldn)
        memcpy(p, old, (oldn < newn ? oldn : newn) * size);
    return p;
}

char *arena_strndup(Arena *a, const char *s, size_t n)
{
    char *d = arena_alloc(a, n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *arena_strdup(Arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

char *arena_vprintf(Arena *a, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        n = 0;
    char *d = arena_alloc(a, (size_t)n + 1);
    vsnprintf(d, (size_t)n + 1, fmt, ap);
    return d;
}

char *arena_printf(Arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *d = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return d;
}
