/* livret.h — build a programme booklet without the command line.
 *
 * The whole pipeline behind one small interface, as cmark.h is for cmark:
 *
 *     LivretOptions o = { .input = "programme.yaml", .edition = "print" };
 *     const Programme *p = livret_load(&o, &arena, &diags, &rc);
 *     if (p) rc = livret_build(&o, p, &arena, &diags, livret_seconds());
 *
 * Takes a programme file (livret YAML/JSON, or a frab/pretalx export) and
 * the options the CLI would give; gives a PDF (or the display-list dump)
 * at the output path, written atomically, and every problem in the Diags.
 * Everything returned lives in the arena; the caller owns arena and Diags.
 * Summary and preflight lines go to stderr unless `quiet`.
 */
#ifndef LIVRET_H
#define LIVRET_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/diag.h"
#include "model/filter.h"
#include "model/model.h"

/* Exit statuses, as the CLI returns them. */
enum { LIVRET_OK = 0, LIVRET_INPUT = 1, LIVRET_USAGE = 2, LIVRET_IO = 3 };

typedef struct LivretOptions {
    const char *input;          /* the programme file */
    const char *from;           /* import format name, NULL: detect */
    const char *output;         /* file (or directory with split_by);
                                   NULL: beside the input */
    const char *layout, *lang;  /* NULL: defaults */
    const char *edition;        /* "screen" (NULL), "handout", "print" */
    Filter filter;              /* sessions kept (handouts) */
    const char *split_by;       /* "track", "day", "venue": one file each */
    const char *two_up;         /* "a4", "letter": two pages a sheet */
    const char *impose;         /* "saddle" (print) */
    const char *icc;            /* CMYK output profile (print) */
    bool strict;                /* preflight findings fail the build */
    bool dump;                  /* display list as text, not PDF */
    bool report, quiet;         /* figures after the summary; no summary */
    long long timestamp;        /* document date (s since 1970), -1: none */
    double t_loaded;            /* livret_seconds() when loading ended */
} LivretOptions;

/* The programme of o->input, checked by the programme rules (an export is
 * imported first).  NULL with *rc set after reporting why. */
const Programme *livret_load(const LivretOptions *o, Arena *a, Diags *d,
                             int *rc);

/* An export as programme YAML (*len bytes), or NULL with *rc set. */
char *livret_import(const LivretOptions *o, Arena *a, Diags *d, size_t *len,
                    int *rc);

/* Lay out and write the edition o asks for; an exit status. */
int livret_build(const LivretOptions *o, const Programme *p, Arena *a,
                 Diags *d, double t0);

/* "x.yaml" → "x.pdf" (or "x.dump"). */
const char *livret_default_output(Arena *a, const char *input, bool dump);

/* A monotonic clock, seconds. */
double livret_seconds(void);

#endif
