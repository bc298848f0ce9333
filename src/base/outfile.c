#include "base/outfile.h"

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
static bool write_through(int fd, const void *data, size_t len)
{
    if (!write_all(fd, data, len))
        return false;
    /* fsync on a pipe or terminal fails with EINVAL: nothing to sync. */
    return fsync(fd) == 0 || errno == EINVAL || errno == EROFS ||
           errno == ENOTSUP;
}

/* A device, FIFO or socket: write through it, never rename over it. */
static bool write_in_place(const char *path, const void *data, size_t len,
                           Diags *d)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return report(path, errno, d);
    if (!write_through(fd, data, len)) {
        int err = errno;
        close(fd);
        return report(path, err, d);
    }
    if (close(fd) != 0)
        return report(path, errno, d);
    return true;
}

/* Standard output: written through, left open (main's exit flushes
 * nothing more: stdio never buffered these bytes). */
static bool write_stdout(const void *data, size_t len, Diags *d)
{
    if (fflush(stdout) != 0 || !write_through(STDOUT_FILENO, data, len))
        return report(OUTFILE_STDOUT_NAME, errno, d);
    return true;
}

static mode_t new_file_mode(const struct stat *st, bool exists)
{
    if (exists)
        return st->st_mode & 07777;
    mode_t mask = umask(0);
    umask(mask);
    return 0666 & ~mask;
}

/* Write, sync and close the temporary file fd; errno on failure. */
static bool fill_temp(int fd, const void *data, size_t len, mode_t mode)
{
    if (fchmod(fd, mode) != 0 || !write_all(fd, data, len) || fsync(fd) != 0) {
        int err = errno;
        close(fd);
        errno = err;
        return false;
    }
    return close(fd) == 0;
}

/* Past RLIMIT_FSIZE the kernel sends SIGXFSZ, whose default action ends
 * the process (leaving the temporary file) before write(2) can fail with
 * EFBIG.  Ignored while we write, the limit becomes an error we report.
 * A handler the program installed itself is left alone. */
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

static bool write_file(const char *path, const void *data, size_t len,
                       Diags *d);

bool outfile_write(const char *path, const void *data, size_t len, Diags *d)
{
    struct sigaction old_xfsz;
    ignore_xfsz(&old_xfsz);
    bool ok = write_file(path, data, len, d);
    sigaction(SIGXFSZ, &old_xfsz, NULL);
    return ok;
}

static bool write_file(const char *path, const void *data, size_t len,
                       Diags *d)
{
    if (outfile_is_stdout(path))
        return write_stdout(data, len, d);
    struct stat st;
    bool exists = stat(path, &st) == 0;
    if (exists && S_ISDIR(st.st_mode))
        return report(path, EISDIR, d);
    if (exists && !S_ISREG(st.st_mode))
        return write_in_place(path, data, len, d);

    sigset_t old;
    block_signals(&old);
    int fd = -1;
    if (make_template(path)) {
        fd = mkstemp(pending);
        pending_set = fd >= 0;
    }
    int err = errno;
    restore_signals(&old);
    if (fd < 0)
        return report(path, err, d);

    bool ok = fill_temp(fd, data, len, new_file_mode(&st, exists));
    block_signals(&old);
    if (ok)
        ok = rename(pending, path) == 0;
    err = errno;
    if (!ok)
        unlink(pending);
    pending_set = 0;
    restore_signals(&old);
    if (!ok)
        return report(path, err, d);
    sync_dir(path);
    return true;
}
