/* infile: a file, standard input (a pipe), the size limit at its edge,
 * what cannot be read, and file identities through links. */
#include "harness.h"
#include "base/diag.h"
#include "base/infile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[64];

static const char *in_dir(const char *name)
{
    static char path[4][256];
    static int k;
    k = (k + 1) % 4;
    snprintf(path[k], sizeof path[k], "%s/%s", dir, name);
    return path[k];
}

static void write_bytes(const char *path, const char *s, size_t n)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (!f)
        return;
    CHECK(fwrite(s, 1, n, f) == n);
    CHECK(fclose(f) == 0);
}

static const char *first_message(const Diags *d)
{
    static char buf[1024];
    if (d->n == 0)
        return "(none)";
    diag_format(&d->items[0], buf, sizeof buf);
    return buf;
}

TEST(reads_a_file)
{
    write_bytes(in_dir("a.yaml"), "abc\0def", 7);
    Diags d;
    diags_init(&d, NULL);
    InFile f;
    CHECK_INT(infile_read(in_dir("a.yaml"), 100, &f, &d), INFILE_OK);
    CHECK_INT(f.len, 7);
    CHECK(f.bytes && memcmp(f.bytes, "abc\0def", 8) == 0);   /* NUL after */
    CHECK_STR(f.name, in_dir("a.yaml"));
    CHECK_STR(f.path, in_dir("a.yaml"));
    FileId id;
    CHECK(fileid_of_path(in_dir("a.yaml"), &id));
    CHECK(fileid_same(f.id, id));
    infile_free(&f);
    CHECK(f.bytes == NULL);
    CHECK_INT(d.n, 0);
    diags_fini(&d);
}

/* "-" with fd 0 a pipe of n bytes written by a child; the result. */
static InFileStatus read_pipe(size_t n, size_t limit, InFile *f, Diags *d)
{
    int p[2];
    CHECK(pipe(p) == 0);
    pid_t pid = fork();
    if (pid == 0) {
        close(p[0]);
        char chunk[4096];
        memset(chunk, 'x', sizeof chunk);
        for (size_t left = n; left;) {
            size_t k = left < sizeof chunk ? left : sizeof chunk;
            if (write(p[1], chunk, k) != (ssize_t)k)
                _exit(1);
            left -= k;
        }
        _exit(0);
    }
    close(p[1]);
    int saved = dup(STDIN_FILENO);
    dup2(p[0], STDIN_FILENO);
    close(p[0]);
    InFileStatus st = infile_read("-", limit, f, d);
    dup2(saved, STDIN_FILENO);           /* fd 0 back, the pipe closed */
    close(saved);
    int ws;
    waitpid(pid, &ws, 0);
    return st;
}

TEST(reads_standard_input_whole)
{
    Diags d;
    diags_init(&d, NULL);
    InFile f;
    /* more than one read(2) and more than the 64 KiB first guess */
    CHECK_INT(read_pipe(200000, 1 << 20, &f, &d), INFILE_OK);
    CHECK_INT(f.len, 200000);
    CHECK(f.bytes && f.bytes[0] == 'x' && f.bytes[199999] == 'x' &&
          f.bytes[200000] == '\0');
    CHECK_STR(f.name, "<stdin>");
    CHECK(f.path == NULL);
    CHECK(f.id.dev == 0 && f.id.ino == 0);     /* a pipe: nothing to guard */
    infile_free(&f);
    CHECK(infile_is_stdin("-") && !infile_is_stdin("-x") && !infile_is_stdin(NULL));
    diags_fini(&d);
}

TEST(limit_at_its_edge)
{
    Diags d;
    diags_init(&d, NULL);
    InFile f;
    CHECK_INT(read_pipe(5000, 5000, &f, &d), INFILE_OK);
    CHECK_INT(f.len, 5000);
    infile_free(&f);
    CHECK_INT(read_pipe(5001, 5000, &f, &d), INFILE_TOO_LARGE);
    CHECK(f.bytes == NULL);
    const char *head = "<stdin>: error: file too large (the limit is ";
    CHECK(strncmp(first_message(&d), head, strlen(head)) == 0);
    diags_fini(&d);
    diags_init(&d, NULL);
    size_t nbig = 3 << 20;
    char *big = malloc(nbig);
    CHECK(big != NULL);
    if (!big)
        return;
    memset(big, 'y', nbig);
    write_bytes(in_dir("big"), big, nbig);
    free(big);
    CHECK_INT(infile_read(in_dir("big"), 2 << 20, &f, &d), INFILE_TOO_LARGE);
    char want[512];
    snprintf(want, sizeof want, "%s: error: file too large (3145728 bytes; "
             "the limit is 2 MiB)", in_dir("big"));
    CHECK_STR(first_message(&d), want);
    CHECK_INT(infile_read(in_dir("big"), 3 << 20, &f, &d), INFILE_OK);
    CHECK_INT(f.len, 3 << 20);
    infile_free(&f);
    diags_fini(&d);
}

TEST(what_cannot_be_read)
{
    Diags d;
    diags_init(&d, NULL);
    InFile f;
    CHECK_INT(infile_read(in_dir("none"), 100, &f, &d), INFILE_IO_ERROR);
    char want[512];
    snprintf(want, sizeof want, "%s: error: cannot open: No such file or "
             "directory", in_dir("none"));
    CHECK_STR(first_message(&d), want);
    diags_fini(&d);
    diags_init(&d, NULL);
    CHECK_INT(infile_read(dir, 100, &f, &d), INFILE_IO_ERROR);
    snprintf(want, sizeof want, "%s: error: is a directory, not a file", dir);
    CHECK_STR(first_message(&d), want);
    CHECK(f.bytes == NULL && f.len == 0);
    diags_fini(&d);
}

TEST(identities_through_links)
{
    write_bytes(in_dir("p.yaml"), "x", 1);
    write_bytes(in_dir("q.yaml"), "x", 1);
    CHECK(symlink(in_dir("p.yaml"), in_dir("sym")) == 0);
    CHECK(link(in_dir("p.yaml"), in_dir("hard")) == 0);
    FileId p, q, s, h;
    CHECK(fileid_of_path(in_dir("p.yaml"), &p));
    CHECK(fileid_of_path(in_dir("q.yaml"), &q));
    CHECK(fileid_of_path(in_dir("sym"), &s));
    CHECK(fileid_of_path(in_dir("hard"), &h));
    CHECK(fileid_same(p, s) && fileid_same(p, h));
    CHECK(!fileid_same(p, q));
    FileId none = { 0, 0 };
    CHECK(!fileid_same(none, none));          /* pipes never match */
    CHECK(!fileid_of_path(in_dir("missing"), &s));
    CHECK(!fileid_of_path(dir, &s));           /* not a regular file */
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/livret-infile-XXXXXX");
    if (!mkdtemp(dir)) {
        printf("FAIL test_infile: mkdtemp: %s\n", strerror(errno));
        return 1;
    }
    RUN(reads_a_file);
    RUN(reads_standard_input_whole);
    RUN(limit_at_its_edge);
    RUN(what_cannot_be_read);
    RUN(identities_through_links);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        printf("note: could not remove %s\n", dir);
    return harness_done();
}
