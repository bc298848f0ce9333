/* infile — read a whole input file, or standard input, once.
 *
 * Takes a path as the user gave it ("-" is standard input); gives its bytes
 * in one heap buffer, the name diagnostics use for it ("<stdin>" for
 * standard input) and the identity (device, inode) of what was read, so
 * that no output overwrites an input (livret.c).  Everything downstream
 * works on that buffer: format detection and parsing see the same bytes,
 * which a pipe or FIFO could not give twice.
 *
 * A regular file larger than the limit is refused before anything is
 * read; a pipe is read up to the limit and refused past it.  Problems are
 * reported to d as `NAME: error: message`.  Touches nothing but the file
 * descriptors it opens (standard input is read, never closed).
 */
#ifndef LIVRET_INFILE_H
#define LIVRET_INFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"

/* A file's identity: the same file through a symlink or a hard link has
 * the same one.  {0, 0} is none (a pipe, a terminal, nothing read). */
typedef struct FileId {
    unsigned long long dev, ino;
} FileId;

typedef struct InFile {
    const char *path;   /* as given; NULL for standard input */
    const char *name;   /* for diagnostics: path, or "<stdin>" */
    char *bytes;        /* heap, NUL-terminated (not counted in len) */
    size_t len;
    FileId id;          /* of a regular file, else {0, 0} */
} InFile;

#define INFILE_STDIN_NAME "<stdin>"

/* True for "-", the name of standard input on the command line. */
bool infile_is_stdin(const char *path);

typedef enum {
    INFILE_OK,
    INFILE_IO_ERROR,    /* cannot open, not a file, read error */
    INFILE_TOO_LARGE    /* over the limit: the input is refused */
} InFileStatus;

/* Read all of path (at most limit bytes) into *f.  On failure reports
 * why and leaves *f empty. */
InFileStatus infile_read(const char *path, size_t limit, InFile *f,
                         Diags *d);

/* Free f->bytes; f is empty afterwards. */
void infile_free(InFile *f);

/* The identity of the file at path (symlinks followed); false when it
 * does not exist or is not a regular file. */
bool fileid_of_path(const char *path, FileId *out);
/* The same for an open descriptor (standard output, standard input). */
bool fileid_of_fd(int fd, FileId *out);
bool fileid_same(FileId a, FileId b);

#endif
