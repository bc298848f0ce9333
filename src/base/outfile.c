#include "base/outfile.h"
#include "base/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The temporary file being written, for outfile_cleanup_on_signal().  It is
 * only changed with SIGINT/SIGTERM/SIGHUP blocked, so a handler sees either
 * no name or a complete name of a file that mkstemp created. */
static char pending[PATH_MAX];
static volatile sig_atomic_t pending_set;

void outfile_cleanup_on_signal(void)
{
    if (pending_set)
        unlink(pending);
}

static void block_signals(sigset_t *old)
{
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGINT);
    sigaddset(&s, SIGTERM);
    sigaddset(&s, SIGHUP);
    sigprocmask(SIG_BLOCK, &s, old);
}

static void restore_signals(const sigset_t *old)
{
    sigprocmask(SIG_SETMASK, old, NULL);
}

static bool report(const char *path, int err, Diags *d)
{
    diag_error(d, srcloc(path, 0, 0), NULL, "cannot write: %s", strerror(err));
    return false;
}

static bool write_all(int fd, const unsigned char *p, size_t len)
{
    while (len > 0) {
        size_t chunk = len < (size_t)1 << 30 ? len : (size_t)1 << 30;
        ssize_t n = write(fd, p, chunk);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        if (n == 0) {           /* not expected from a file; do not spin */
            errno = EIO;
            return false;
        }
        p += n;
        len -= (size_t)n;
    }
    return true;
}

/* "dir/name" -> "dir/.name.XXXXXX" in pending; false (errno set) if it
 * does not fit or path names a directory ("dir/"). */
static bool make_template(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    int dirlen = slash ? (int)(base - path) : 0;
    if (!*base) {
        errno = EISDIR;
        return false;
    }
    int n = snprintf(pending, sizeof pending, "%.*s.%s.XXXXXX", dirlen, path,
                     base);
    if (n < 0 || (size_t)n >= sizeof pending) {
        errno = ENAMETOOLONG;
        return false;
    }
    return true;
}

/* The directory part of path, for fsync after rename: best effort. */
static void sync_dir(const char *path)
{
    char dir[PATH_MAX];
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == path)
        snprintf(dir, sizeof dir, "/");
    else if (snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path)
             >= (int)sizeof dir)
        return;
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return;
    (void)fsync(fd);
    (void)close(fd);
}

bool outfile_is_stdout(const char *path)
{
    return path && strcmp(path, "-") == 0;
}

const char *outfile_name(const char *path)
{
    return outfile_is_stdout(path) ? OUTFILE_STDOUT_NAME : path;
}

/* Write all of data to fd and sync it; errno on failure. */
static mode_t new_file_mode(const struct stat *st, bool exists)
{
    if (exists)
        return st->st_mode & 07777;
    mode_t mask = umask(0);
    umask(mask);
    return 0666 & ~mask;
}

static void ignore_xfsz(struct sigaction *old)
{
    sigaction(SIGXFSZ, NULL, old);
    if (old->sa_handler != SIG_DFL)
        return;
    struct sigaction ign;
    memset(&ign, 0, sizeof ign);
    ign.sa_handler = SIG_IGN;
    sigemptyset(&ign.sa_mask);
    sigaction(SIGXFSZ, &ign, NULL);
}

/* Bytes gathered before a write(2): libharu hands over a document a
 * token at a time. */
#define OUTFILE_BUF (256 * 1024)

struct OutFile {
    const char *path;
    Diags *d;
    enum { TO_STDOUT, IN_PLACE, TO_TEMP } how;
    int fd;
    unsigned char *buf;         /* bytes not written yet (standard
                                   output: all of them) */
    size_t n, cap;
    bool failed;                /* reported */
    struct sigaction old_xfsz;  /* put back by outfile_close */
};

static OutFile *failed_open(OutFile *f, int err)
{
    report(f->path, err, f->d);
    sigaction(SIGXFSZ, &f->old_xfsz, NULL);
    free(f);
    return NULL;
}

OutFile *outfile_open(const char *path, Diags *d)
{
    OutFile *f = xcalloc(1, sizeof *f);
    f->path = path;
    f->d = d;
    f->fd = -1;
    /* A file size limit (RLIMIT_FSIZE) is then an EFBIG from write(2)
     * reported like any other, not a signal that kills the process. */
    ignore_xfsz(&f->old_xfsz);
    if (outfile_is_stdout(path)) {
        f->how = TO_STDOUT;
        return f;
    }
    struct stat st;
    bool exists = stat(path, &st) == 0;
    if (exists && S_ISDIR(st.st_mode))
        return failed_open(f, EISDIR);
    if (exists && !S_ISREG(st.st_mode)) {
        f->how = IN_PLACE;
        f->fd = open(path, O_WRONLY | O_CLOEXEC);
        return f->fd < 0 ? failed_open(f, errno) : f;
    }
    f->how = TO_TEMP;
    sigset_t old;
    block_signals(&old);
    if (make_template(path)) {
        f->fd = mkstemp(pending);
        pending_set = f->fd >= 0;
    }
    int err = errno;
    restore_signals(&old);
    if (f->fd < 0)
        return failed_open(f, err);
    if (fchmod(f->fd, new_file_mode(&st, exists)) != 0) {
        err = errno;
        outfile_close(f, false);
        report(path, err, d);
        return NULL;
    }
    return f;
}

/* Write out what is gathered; false after reporting. */
static bool flush(OutFile *f)
{
    if (f->how != TO_STDOUT && f->n) {
        if (!write_all(f->fd, f->buf, f->n)) {
            f->failed = true;
            return report(f->path, errno, f->d);
        }
        f->n = 0;
    }
    return true;
}

bool outfile_append(OutFile *f, const void *data, size_t len)
{
    if (f->failed)
        return false;
    if (f->n + len > f->cap && f->how == TO_STDOUT) {
        size_t cap = f->cap ? f->cap : OUTFILE_BUF;
        while (cap < f->n + len)
            cap *= 2;
        f->buf = xrealloc(f->buf, cap);
        f->cap = cap;
    }
    if (f->how != TO_STDOUT) {
        if (!f->buf) {
            f->buf = xmalloc(OUTFILE_BUF);
            f->cap = OUTFILE_BUF;
        }
        if (f->n + len > f->cap && !flush(f))
            return false;
        if (len >= f->cap) {
            if (!write_all(f->fd, data, len)) {
                f->failed = true;
                return report(f->path, errno, f->d);
            }
            return true;
        }
    }
    if (len)
        memcpy(f->buf + f->n, data, len);
    f->n += len;
    return true;
}

/* fsync on a pipe or terminal fails with EINVAL: nothing to sync. */
static bool synced(int fd)
{
    return fsync(fd) == 0 || errno == EINVAL || errno == EROFS ||
           errno == ENOTSUP;
}

bool outfile_close(OutFile *f, bool ok)
{
    if (!f)
        return false;
    ok = ok && !f->failed;
    if (f->how == TO_STDOUT) {
        if (ok && (fflush(stdout) != 0 ||
                   !write_all(STDOUT_FILENO, f->buf, f->n) ||
                   !synced(STDOUT_FILENO)))
            ok = report(OUTFILE_STDOUT_NAME, errno, f->d);
    } else if (f->how == IN_PLACE) {
        if (ok && !flush(f))
            ok = false;                 /* (reported) */
        else if (ok && !synced(f->fd))
            ok = report(f->path, errno, f->d);
        if (close(f->fd) != 0 && ok)
            ok = report(f->path, errno, f->d);
    } else {
        int err = 0;
        if (ok && (!flush(f) || fsync(f->fd) != 0))
            err = f->failed ? -1 : errno;
        if (close(f->fd) != 0 && !err)
            err = errno;
        ok = ok && !err;
        sigset_t old;
        block_signals(&old);
        if (ok && rename(pending, f->path) != 0) {
            err = errno;
            ok = false;
        }
        if (!ok)
            unlink(pending);
        pending_set = 0;
        restore_signals(&old);
        if (err > 0)
            report(f->path, err, f->d);
        if (ok)
            sync_dir(f->path);
    }
    sigaction(SIGXFSZ, &f->old_xfsz, NULL);
    free(f->buf);
    free(f);
    return ok;
}

bool outfile_write(const char *path, const void *data, size_t len, Diags *d)
{
    OutFile *f = outfile_open(path, d);
    return f && outfile_close(f, outfile_append(f, data, len));
}
