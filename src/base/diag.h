/* diag — located diagnostics, GNU style.
 *
 *   FILE:LINE:COL: error: FIELD: message
 *   FILE:LINE:COL: warning: FIELD: message
 *   FILE:LINE:COL: note: message
 *
 * LINE and COL are 1-based; COL counts characters (code points), the unit
 * libyaml's marks use, not bytes.  A location with line 0 prints as
 * "FILE: error: ..."; one with no file prints as "livret: error: ...".
 * FIELD is a path into the input such as `sessions[3].date` (indices are
 * 0-based, as in JSON paths); NULL omits it.
 *
 * Every stage takes a Diags and keeps going after an error so that the
 * user sees every problem in one run (SQLite's nErr); the driver stops at
 * the first stage gate where diag_errors() > 0.  Messages are printed as
 * they are reported (to the stream given to diags_new, or nowhere) and also
 * kept, so tests and fuzzers can inspect them.
 */
#ifndef LIVRET_DIAG_H
#define LIVRET_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* A position in an input file.  file points to a string that outlives every
 * diagnostic (the document arena's copy of the path). */
typedef struct SrcLoc {
    const char *file;
    int line;   /* 1-based; 0 = whole file */
    int col;    /* 1-based, in code points */
} SrcLoc;

typedef enum { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE } DiagLevel;

typedef struct Diag {
    DiagLevel level;
    SrcLoc loc;     /* loc.file is the Diag's own copy (the name it was
                       given may live in an arena freed before the
                       diagnostics are read: a layout file's path) */
    char *field;    /* may be NULL */
    char *message;
} Diag;

typedef struct Diags {
    FILE *out;          /* where to print as reported; NULL = silent */
    Diag *items;        /* every diagnostic reported, in order */
    size_t n, cap;
    size_t nerrors, nwarnings;
    size_t max_errors;  /* after this many errors, further ones are counted
                           but not printed or kept (default 200) */
    /* When set, rewrites where each diagnostic points (and its field)
     * before it is kept and printed: a programme imported from a schedule
     * export is reported at the export's lines, not the generated YAML's.
     * Returns the field to use: field itself, or text written in fbuf. */
    const char *(*remap)(void *ctx, SrcLoc *loc, const char *field,
                         char *fbuf, size_t fsize);
    void *remap_ctx;
} Diags;

void diags_init(Diags *d, FILE *out);
void diags_fini(Diags *d);

void diag_error(Diags *d, SrcLoc loc, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void diag_warn(Diags *d, SrcLoc loc, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void diag_note(Diags *d, SrcLoc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void diag_report(Diags *d, DiagLevel level, SrcLoc loc, const char *field,
                 const char *fmt, va_list ap);

/* Report again in `to` every diagnostic `from` kept, in order (a Diags
 * filled on another thread, whose reports are the caller's). */
void diags_relay(Diags *to, const Diags *from);

/* Format one diagnostic into buf (always NUL-terminated). */
void diag_format(const Diag *g, char *buf, size_t size);

static inline SrcLoc srcloc(const char *file, int line, int col)
{
    SrcLoc l = { file, line, col };
    return l;
}

#endif
