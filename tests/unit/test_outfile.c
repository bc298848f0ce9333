/* outfile: atomic replacement, reported failures, no temporary left. */
#include "harness.h"
#include "base/diag.h"
#include "base/outfile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[64];

static void make_dir(void)
{
    snprintf(dir, sizeof dir, "/tmp/livret-outfile-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        exit(1);
    }
}

static void remove_dir(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
}

static const char *in_dir(const char *name)
{
    static char path[2][256];
    static int k;
    k ^= 1;
    snprintf(path[k], sizeof path[k], "%s/%s", dir, name);
    return path[k];
}

/* Number of entries in d other than . and .. */
static int count_entries(const char *d)
{
    DIR *dp = opendir(d);
    if (!dp)
        return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(dp)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            n++;
    closedir(dp);
    return n;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    static char buf[1 << 16];
    *len = fread(buf, 1, sizeof buf - 1, f);
    buf[*len] = '\0';
    fclose(f);
    return buf;
}

static void put_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0)
        perror(path);
}

/* The single error message reported, formatted. */
static const char *message(const Diags *d)
{
    static char buf[512];
    if (d->n != 1)
        return "(not exactly one diagnostic)";
    diag_format(&d->items[0], buf, sizeof buf);
    return buf;
}

TEST(writes_new_file)
{
    Diags d;
    diags_init(&d, NULL);
    const char *p = in_dir("new.pdf");
    CHECK(outfile_write(p, "hello", 5, &d));
    CHECK_INT(d.nerrors, 0);
    size_t len;
    CHECK_STR(slurp(p, &len), "hello");
    CHECK_INT(count_entries(dir), 1);
    struct stat st;
    mode_t mask = umask(0);
    umask(mask);
    CHECK(stat(p, &st) == 0 && (st.st_mode & 0777) == (0666 & ~mask));
    diags_fini(&d);
}

TEST(replaces_existing_keeps_mode)
{
    Diags d;
    diags_init(&d, NULL);
    const char *p = in_dir("old.pdf");
    put_file(p, "old contents that are longer");
    CHECK(chmod(p, 0640) == 0);
    CHECK(outfile_write(p, "new", 3, &d));
    size_t len;
    CHECK_STR(slurp(p, &len), "new");
    struct stat st;
    CHECK(stat(p, &st) == 0 && (st.st_mode & 0777) == 0640);
    CHECK_INT(count_entries(dir), 2);   /* new.pdf and old.pdf */
    diags_fini(&d);
}

TEST(empty_data)
{
    Diags d;
    diags_init(&d, NULL);
    const char *p = in_dir("empty");
    CHECK(outfile_write(p, NULL, 0, &d));
    struct stat st;
    CHECK(stat(p, &st) == 0 && st.st_size == 0);
    CHECK(unlink(p) == 0);
    diags_fini(&d);
}

TEST(missing_directory)
{
    Diags d;
    diags_init(&d, NULL);
    const char *p = in_dir("no/such/dir/x.pdf");
    CHECK(!outfile_write(p, "x", 1, &d));
    char want[512];
    snprintf(want, sizeof want,
             "%s: error: cannot write: No such file or directory", p);
    CHECK_STR(message(&d), want);
    CHECK(access(p, F_OK) != 0);
    diags_fini(&d);
}

TEST(path_is_directory)
{
    Diags d;
    diags_init(&d, NULL);
    CHECK(!outfile_write(dir, "x", 1, &d));
    char want[512];
    snprintf(want, sizeof want, "%s: error: cannot write: Is a directory",
             dir);
    CHECK_STR(message(&d), want);
    diags_fini(&d);

    diags_init(&d, NULL);
    char slash[128];
    snprintf(slash, sizeof slash, "%s/", dir);
    CHECK(!outfile_write(slash, "x", 1, &d));
    CHECK_INT(d.nerrors, 1);
    diags_fini(&d);
}

/* A device is written through, never renamed over (we run as root in CI,
 * where mkstemp in /dev would succeed). */
TEST(dev_full_fails_dev_null_works)
{
    Diags d;
    diags_init(&d, NULL);
    CHECK(!outfile_write("/dev/full", "x", 1, &d));
    CHECK_STR(message(&d),
              "/dev/full: error: cannot write: No space left on device");
    diags_fini(&d);
    struct stat st;
    CHECK(stat("/dev/full", &st) == 0 && S_ISCHR(st.st_mode));

    diags_init(&d, NULL);
    CHECK(outfile_write("/dev/null", "x", 1, &d));
    CHECK_INT(d.nerrors, 0);
    CHECK(stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode));
    diags_fini(&d);
}

static char big[200 * 1024];

/* A 64 KiB tmpfs: the write fails with ENOSPC, the old file survives, no
 * temporary is left.  Needs root (CI runs as root); without it the
 * RLIMIT_FSIZE test below covers the same path. */
TEST(full_filesystem)
{
    const char *mnt = in_dir("tiny");
    if (mkdir(mnt, 0755) != 0 ||
        mount("tmpfs", mnt, "tmpfs", 0, "size=64k") != 0) {
        printf("note: full_filesystem: cannot mount tmpfs (%s), "
               "covered by file_size_limit\n", strerror(errno));
        rmdir(mnt);
        return;
    }
    char p[256];
    snprintf(p, sizeof p, "%s/x.pdf", mnt);
    put_file(p, "previous");
    Diags d;
    diags_init(&d, NULL);
    memset(big, 'x', sizeof big);
    CHECK(!outfile_write(p, big, sizeof big, &d));
    char want[512];
    snprintf(want, sizeof want,
             "%s: error: cannot write: No space left on device", p);
    CHECK_STR(message(&d), want);
    size_t len;
    CHECK_STR(slurp(p, &len), "previous");
    CHECK_INT(count_entries(mnt), 1);
    diags_fini(&d);
    CHECK(umount(mnt) == 0);
    rmdir(mnt);
}

/* Run fn in a child with a 16 KiB file size limit; its exit status. */
static int in_child(int (*fn)(void), bool ignore_xfsz)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        struct rlimit rl = { 16384, 16384 };
        if (ignore_xfsz)
            signal(SIGXFSZ, SIG_IGN);
        if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
            _exit(90);
        _exit(fn());
    }
    int st;
    if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
        return -1;
    return WEXITSTATUS(st);
}

static int write_big(void)
{
    Diags d;
    diags_init(&d, NULL);
    bool ok = outfile_write(in_dir("limited.pdf"), big, sizeof big, &d);
    char want[512];
    snprintf(want, sizeof want, "%s: error: cannot write: File too large",
             in_dir("limited.pdf"));
    int st = ok ? 1 : strcmp(message(&d), want) ? 2 : 0;
    diags_fini(&d);
    return st;
}

TEST(file_size_limit)
{
    put_file(in_dir("limited.pdf"), "previous");
    int before = count_entries(dir);
    CHECK_INT(in_child(write_big, true), 0);
    size_t len;
    CHECK_STR(slurp(in_dir("limited.pdf"), &len), "previous");
    CHECK_INT(count_entries(dir), before);
}

static void on_xfsz(int sig)
{
    (void)sig;
    outfile_cleanup_on_signal();
    _exit(42);
}

static int write_big_killed(void)
{
    signal(SIGXFSZ, on_xfsz);
    write_big();
    return 1;           /* not reached: SIGXFSZ ends the child */
}

/* A signal in the middle of the write: the handler's cleanup removes the
 * temporary file. */
TEST(signal_cleanup)
{
    int before = count_entries(dir);
    CHECK_INT(in_child(write_big_killed, false), 42);
    CHECK_INT(count_entries(dir), before);
    outfile_cleanup_on_signal();        /* nothing pending: harmless */
}

int main(void)
{
    make_dir();
    RUN(writes_new_file);
    RUN(replaces_existing_keeps_mode);
    RUN(empty_data);
    RUN(missing_directory);
    RUN(path_is_directory);
    RUN(dev_full_fails_dev_null_works);
    RUN(full_filesystem);
    RUN(file_size_limit);
    RUN(signal_cleanup);
    remove_dir();
    return harness_done();
}
