#include "base/infile.h"
#include "base/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool infile_is_stdin(const char *path)
{
    return path && strcmp(path, "-") == 0;
}

static FileId id_of(const struct stat *st)
{
    FileId id = { 0, 0 };
    if (S_ISREG(st->st_mode)) {
        id.dev = (unsigned long long)st->st_dev;
        id.ino = (unsigned long long)st->st_ino;
    }
    return id;
}

bool fileid_of_path(const char *path, FileId *out)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return false;
    *out = id_of(&st);
    return true;
}

bool fileid_of_fd(int fd, FileId *out)
{
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        return false;
    *out = id_of(&st);
    return true;
}

bool fileid_same(FileId a, FileId b)
{
    return (a.dev || a.ino) && a.dev == b.dev && a.ino == b.ino;
}

void infile_free(InFile *f)
{
    free(f->bytes);
    memset(f, 0, sizeof *f);
}

/* Read fd to its end into a heap buffer, at most limit bytes; false with
 * errno set on a read error, with *too_large when there was more. */
static char *read_fd(int fd, size_t cap, size_t limit, size_t *len,
                     bool *too_large)
{
    size_t n = 0;
    char *buf = xmalloc(cap + 1);
    *too_large = false;
    for (;;) {
        if (n == cap) {
            if (cap > limit) {
                *too_large = true;
                break;
            }
            /* one byte past the limit tells a file at it from a longer one */
            cap = cap > limit / 2 ? limit + 1 : cap * 2;
            buf = xrealloc(buf, cap + 1);
        }
        ssize_t got = read(fd, buf + n, cap - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            int err = errno;
            free(buf);
            errno = err;
            return NULL;
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    if (n > limit)
        *too_large = true;
    buf[n] = '\0';
    *len = n;
    return buf;
}

InFileStatus infile_read(const char *path, size_t limit, InFile *f,
                         Diags *d)
{
    memset(f, 0, sizeof *f);
    bool in = infile_is_stdin(path);
    const char *name = in ? INFILE_STDIN_NAME : path;
    SrcLoc whole = srcloc(name, 0, 0);
    int fd = in ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        diag_error(d, whole, NULL, "cannot open: %s", strerror(errno));
        return INFILE_IO_ERROR;
    }
    struct stat st;
    InFileStatus ret = INFILE_IO_ERROR;
    if (fstat(fd, &st) != 0) {
        diag_error(d, whole, NULL, "cannot stat: %s", strerror(errno));
    } else if (S_ISDIR(st.st_mode)) {
        diag_error(d, whole, NULL, "is a directory, not a file");
    } else if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > limit) {
        diag_error(d, whole, NULL, "file too large (%jd bytes; the limit is "
                   "%zu MiB)", (intmax_t)st.st_size, limit / (1024 * 1024));
        ret = INFILE_TOO_LARGE;
    } else {
        /* A regular file's size is a hint (it may grow or shrink while we
         * read); pipes have none: read in chunks up to the limit. */
        size_t cap = S_ISREG(st.st_mode) && st.st_size > 0
                         ? (size_t)st.st_size : 65536;
        bool too_large;
        f->bytes = read_fd(fd, cap < limit ? cap : limit, limit, &f->len,
                           &too_large);
        if (!f->bytes) {
            diag_error(d, whole, NULL, "read error: %s", strerror(errno));
        } else if (too_large) {
            diag_error(d, whole, NULL, "file too large (the limit is %zu MiB)",
                       limit / (1024 * 1024));
            ret = INFILE_TOO_LARGE;
        } else {
            ret = INFILE_OK;
        }
    }
    if (!in && close(fd) != 0 && ret == INFILE_OK) {
        diag_error(d, whole, NULL, "read error: %s", strerror(errno));
        ret = INFILE_IO_ERROR;
    }
    if (ret != INFILE_OK) {
        infile_free(f);
        return ret;
    }
    f->path = in ? NULL : path;
    f->name = name;
    f->id = id_of(&st);
    return INFILE_OK;
}
