#include "pdf/spool.h"
#include "base/xalloc.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <hpdf_streams.h>

/* Where one stream's bytes are, and how far it has been read. */
typedef struct Piece {
    struct Spool *spool;
    off_t off;
    size_t len, pos;
} Piece;

/* Pieces are allocated a block at a time and never move: a stream
 * points to its piece. */
#define PIECES 1024

typedef struct PieceBlock {
    struct PieceBlock *prev;
    size_t n;
    Piece v[PIECES];
} PieceBlock;

struct Spool {
    int fd;
    off_t end;
    int read_errno;
    PieceBlock *blocks;
};

Spool *spool_new(void)
{
    /* Under a file size limit a write past it raises SIGXFSZ, which
     * kills the process unless ignored; outfile ignores it while it
     * writes the output, and the output is what the limit is for. */
    struct rlimit lim;
    if (getrlimit(RLIMIT_FSIZE, &lim) != 0 || lim.rlim_cur != RLIM_INFINITY) {
        errno = EFBIG;
        return NULL;
    }
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
    size_t n = strlen(dir) + sizeof "/livret-spool-XXXXXX";
    char *path = xmalloc(n);
    snprintf(path, n, "%s/livret-spool-XXXXXX", dir);
    int fd = mkstemp(path);
    int err = errno;
    if (fd >= 0)
        unlink(path);       /* gone when closed, whatever happens */
    free(path);
    if (fd < 0) {
        errno = err;
        return NULL;
    }
    Spool *s = xcalloc(1, sizeof *s);
    s->fd = fd;
    return s;
}

static HPDF_STATUS piece_read(HPDF_Stream st, HPDF_BYTE *buf, HPDF_UINT *size)
{
    Piece *p = st->attr;
    size_t want = *size, left = p->len - p->pos;
    if (want > left)
        want = left;
    size_t got = 0;
    while (got < want) {
        ssize_t r = pread(p->spool->fd, buf + got, want - got,
                          p->off + (off_t)(p->pos + got));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            if (!p->spool->read_errno)
                p->spool->read_errno = r < 0 ? errno : EIO;
            *size = (HPDF_UINT)got;
            return HPDF_SetError(st->error, HPDF_FILE_IO_ERROR, 0);
        }
        got += (size_t)r;
    }
    p->pos += got;
    *size = (HPDF_UINT)got;
    return p->pos == p->len ? HPDF_STREAM_EOF : HPDF_OK;
}

static HPDF_STATUS piece_seek(HPDF_Stream st, HPDF_INT pos,
                              HPDF_WhenceMode mode)
{
    Piece *p = st->attr;
    long long at = mode == HPDF_SEEK_CUR ? (long long)p->pos + pos
                 : mode == HPDF_SEEK_END ? (long long)p->len - pos
                                         : pos;
    if (at < 0 || at > (long long)p->len)
        return HPDF_SetError(st->error, HPDF_STREAM_EOF, 0);
    p->pos = (size_t)at;
    return HPDF_OK;
}

static HPDF_INT32 piece_tell(HPDF_Stream st)
{
    return (HPDF_INT32)((Piece *)st->attr)->pos;
}

static HPDF_UINT32 piece_size(HPDF_Stream st)
{
    return (HPDF_UINT32)((Piece *)st->attr)->len;
}

static bool write_all(int fd, const unsigned char *p, size_t len, off_t at)
{
    while (len > 0) {
        ssize_t n = pwrite(fd, p, len, at);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0)
                errno = EIO;
            return false;
        }
        p += n;
        len -= (size_t)n;
        at += n;
    }
    return true;
}

HPDF_Stream spool_stream(Spool *s, HPDF_MMgr mm, const void *data,
                         size_t len)
{
    if (len > UINT32_MAX) {
        errno = EFBIG;
        return NULL;
    }
    if (!write_all(s->fd, data, len, s->end))
        return NULL;
    if (!s->blocks || s->blocks->n == PIECES) {
        PieceBlock *b = xcalloc(1, sizeof *b);
        b->prev = s->blocks;
        s->blocks = b;
    }
    Piece *p = &s->blocks->v[s->blocks->n];
    HPDF_Stream st = HPDF_CallbackReader_New(mm, piece_read, piece_seek,
                                             piece_tell, piece_size, p);
    if (!st) {
        errno = ENOMEM;
        return NULL;
    }
    s->blocks->n++;
    *p = (Piece){ s, s->end, len, 0 };
    s->end += (off_t)len;
    return st;
}

int spool_error(const Spool *s)
{
    return s ? s->read_errno : 0;
}

void spool_free(Spool *s)
{
    if (!s)
        return;
    close(s->fd);
    while (s->blocks) {
        PieceBlock *b = s->blocks;
        s->blocks = b->prev;
        free(b);
    }
    free(s);
}
