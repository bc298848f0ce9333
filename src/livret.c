/* livret — a programme in, an edition out.  See livret.h.
 *
 * The edition pipeline: layout (booklet) → two-up (nup) → print (padding,
 * imposition, CMYK, marks) → PDF or the display-list dump; for handouts,
 * the full programme is laid out first so each session can cite its page.
 */
#include "livret.h"
#include "layout/booklet.h"
#include "import/import.h"
#include "input/loader.h"
#include "edition/nup.h"
#include "edition/print.h"
#include "edition/separate.h"
#include "input/style.h"
#include "model/date.h"
#include "base/infile.h"
#include "base/outfile.h"
#include "display/dump.h"
#include "pdf/pdf.h"
#include "text/hyph.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { EXIT_OK = LIVRET_OK, EXIT_INPUT = LIVRET_INPUT, EXIT_USAGE = LIVRET_USAGE,
       EXIT_IO = LIVRET_IO };

double livret_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

const char *livret_default_output(Arena *a, const char *input, bool dump)
{
    const char *base = input;
    size_t n = strlen(base);
    const char *dot = strrchr(base, '.');
    const char *slash = strrchr(base, '/');
    if (dot && (!slash || dot > slash))
        n = (size_t)(dot - base);
    return arena_printf(a, "%.*s.%s", (int)n, base, dump ? "dump" : "pdf");
}

/* PDF/X requires document dates; without SOURCE_DATE_EPOCH the print
 * edition uses the programme's first day (00:00 UTC), so the same input
 * still gives the same bytes. */
static long long print_date(const Programme *p)
{
    Date d = p->from;
    for (size_t i = 0; !d.y && i < p->nsessions; i++)
        d = p->sessions[i].date;
    return d.y ? (long long)date_days(d) * 86400 : 0;
}

static void release_arena(void *a)
{
    arena_free(a);
}

static int write_edition_in(const LivretOptions *args, const Programme *p,
                            const BookletOptions *given, const char *out,
                            Arena *a, Diags *d, double t0);

/* Lay out one edition of p and write it to out.  The edition (its
 * display list, the two-up or print copy of it) lives in an arena of its
 * own, which the PDF writer lets go of before it builds the file in
 * memory: the document is not held through the save, the peak. */
static int write_edition(const LivretOptions *args, const Programme *p,
                         const BookletOptions *o, const char *out, Diags *d,
                         double t0)
{
    Arena ea;
    arena_init(&ea);
    int rc = write_edition_in(args, p, o, out, &ea, d, t0);
    arena_free(&ea);
    return rc;
}

/* The PDF writer as the layout's page sink, and the time layout spends
 * in it (the write stage's: queueing pages, and waiting for the drawer
 * when layout is ahead; the drawing itself overlaps layout). */
typedef struct Stream {
    PdfWriter *w;
    double seconds;
} Stream;

static bool stream_pages(void *ctx, const DocList *frame, const Page *pages,
                         size_t n, bool front)
{
    Stream *s = ctx;
    double t = livret_seconds();
    bool ok = pdf_stream(s->w, frame, pages, n, front);
    s->seconds += livret_seconds() - t;
    return ok;
}

static size_t pages_drawn(void *ctx, size_t at_least)
{
    Stream *s = ctx;
    double t = livret_seconds();
    size_t n = pdf_drawn(s->w, at_least);
    s->seconds += livret_seconds() - t;
    return n;
}

/* A sink that lets pages go: a layout made only for its page numbers. */
static bool drop_pages(void *ctx, const DocList *frame, const Page *pages,
                       size_t n, bool front)
{
    (void)ctx, (void)frame, (void)pages, (void)n, (void)front;
    return true;
}

/* write_edition with the edition's arena a. */
static int write_edition_in(const LivretOptions *args, const Programme *p,
                            const BookletOptions *given, const char *out,
                            Arena *a, Diags *d, double t0)
{
    size_t warnings = d->nwarnings;   /* this file's own count */
    size_t first_diag = d->n;
    BookletStats st;
    BookletOptions opts = *given;
    const BookletOptions *o = &opts;
    /* A PDF of the booklet as laid out is written as it goes: every page
     * is drawn as it is made, and freed (issue 15).  The editions that
     * rework the whole document (two-up, print) and the dump need it
     * whole. */
    Stream stream = { NULL, 0 };
    PageSink sink = { stream_pages, pages_drawn, &stream };
    if (!args->dump && !args->two_up && !o->print) {
        PdfOptions po = pdf_options_default();
        po.release = release_arena;
        po.release_ctx = a;
        if (!(stream.w = pdf_begin(out, &po, d)))
            return EXIT_IO;
        opts.sink = &sink;
    }
    const DocList *doc = booklet_layout(p, o, a, d, &st);
    if (!doc) {
        pdf_abandon(stream.w);
        return st.sink_failed || !d->nerrors ? EXIT_IO : EXIT_INPUT;
    }
    if (args->two_up) {
        bool letter = strcmp(args->two_up, "letter") == 0;
        doc = doclist_two_up(a, doc, letter ? 792 : 841.89, letter ? 612 : 595.28);
        st.pages = doc->npages;
    }
    if (o->print) {
        const Style *sty = st.style;
        for (size_t i = 0; i < p->ntracks; i++) {
            const Track *t = &p->tracks[i];
            if (t->color.space != COLOR_RGB)
                continue;
            Color k = print_cmyk(t->color);
            diag_warn(d, t->loc, arena_printf(a, "tracks[%zu].color", i),
                      "RGB colour converted for print to cmyk(%.0f,%.0f,%.0f,%.0f); "
                      "give cmyk(...) for the exact ink", k.c[0] * 100,
                      k.c[1] * 100, k.c[2] * 100, k.c[3] * 100);
        }
        if (args->impose) {
            if (doc->npages % 4) {
                diag_error(d, srcloc(sty->path, 0, 0), "options.signature",
                           "saddle imposition needs a multiple of 4 pages, "
                           "got %zu (signature %d)", doc->npages, sty->signature);
                return EXIT_INPUT;
            }
            doc = doclist_impose_saddle(a, doc, sty->creep);
        }
        PrintOptions po = { sty->bleed, sty->crop_marks, sty->mark_offset,
                            sty->mark_length, sty->output_condition, args->icc };
        DocList *pd = (DocList *)doclist_for_print(a, doc, &po);
        if (!separate_images(a, pd, args->icc, d))
            return EXIT_IO;
        if (pd->timestamp < 0)
            pd->timestamp = print_date(p);
        doc = pd;
    }
    const char *name = outfile_name(out);     /* "<stdout>" for -o - */
    /* The preflight reads the display list, before anything is written:
     * with --strict a finding leaves nothing at the output path. */
    if (o->print) {
        FILE *rep = args->quiet ? NULL : stderr;
        Preflight pf = preflight_report(doc, st.style->safe_zone, rep, name);
        /* Characters no font has were named as they were met; count them
         * here too, since a print shop reads this line. */
        size_t missing = 0;
        for (size_t i = first_diag; i < d->n; i++)
            missing += strncmp(d->items[i].message, "U+", 2) == 0;
        if (rep)
            fprintf(rep, "%s: preflight: %zu missing character%s\n", name,
                    missing, missing == 1 ? "" : "s");
        pf.warnings += missing > 0;
        if (args->strict && pf.warnings) {
            fprintf(stderr, "%s: error: preflight: %zu finding(s) with --strict; "
                    "nothing written\n", name, pf.warnings);
            return EXIT_INPUT;
        }
    }
    double t1 = livret_seconds();
    bool ok;
    /* The edition's arena (the DocList, st.style, st.folio_of) goes
     * before the output is saved: nothing past here reads it. */
    if (stream.w) {
        ok = pdf_end(stream.w, doc);
    } else if (args->dump) {
        char *s = dump_string(doc);
        arena_free(a);
        ok = s && outfile_write(out, s, strlen(s), d);
        free(s);
    } else {
        PdfOptions po = pdf_options_default();
        po.release = release_arena;
        po.release_ctx = a;
        ok = pdf_write(doc, out, &po, d);
    }
    doc = NULL;
    if (!ok)
        return EXIT_IO;
    double t2 = livret_seconds();
    struct stat fst;
    /* (standard output may be a pipe, or a file appended to: no size) */
    if (args->report && !outfile_is_stdout(out) && stat(out, &fst) == 0)
        fprintf(stderr, "report: %s is %lld bytes (%.1f KB per page)\n", name,
                (long long)fst.st_size,
                st.pages ? fst.st_size / 1024.0 / (double)st.pages : 0.0);
    if (!args->quiet)
        fprintf(stderr, "%s: %zu pages, %zu sessions, %zu speakers, "
                        "%zu warnings, %.2f s\n",
                name, st.pages, st.sessions, st.speakers, d->nwarnings - warnings,
                t2 - t0);
    if (args->report)
        fprintf(stderr,
                "report: load %.3f s, layout %.3f s, write %.3f s; %ld lines, "
                "%ld hyphenated, %ld loose (ratio > 1), %ld overfull; %zu "
                "front pages; %zu blocks cut\n",
                args->t_loaded - t0, st.t_text_layout - stream.seconds,
                t2 - t1 + stream.seconds, st.lines,
                st.hyphenated, st.loose,
                st.overfull, st.front_pages, st.forced_breaks);
    if (args->report) {
        /* Typesetting figures (issue #3): the breaker that set the text,
         * then the other one on the same paragraphs. */
        const char *used = st.first_fit ? "first-fit" : "knuth-plass";
        const char *other = st.first_fit ? "knuth-plass" : "first-fit";
        fprintf(stderr,
                "report: %s: %ld lines, %ld ratio > 1, %ld ratio > 2, %ld "
                "overfull, %ld hyphenated, %ld consecutive-hyphen runs\n",
                used, st.lines, st.loose, st.very_loose, st.overfull,
                st.hyphenated, st.hyph_runs);
        fprintf(stderr,
                "report: %s (same text, not drawn): %ld lines, %ld ratio > 1, "
                "%ld ratio > 2, %ld overfull, %ld hyphenated, %ld "
                "consecutive-hyphen runs\n",
                other, st.alt.lines, st.alt.loose, st.alt.very_loose,
                st.alt.overfull, st.alt.hyphenated, st.alt.hyph_runs);
        fprintf(stderr,
                "report: widows/orphans 0 (kept by penalties) outside %zu "
                "blocks cut; %ld characters missing (each named in a "
                "warning); shaping %ld calls, %ld cached\n",
                st.forced_breaks, st.missing, st.shape_calls, st.shape_hits);
    }
    return EXIT_OK;
}

/* What a handout covers, in words: the titles of the filter's values. */
static const char *describe(Arena *a, const Programme *p, const Filter *f)
{
    const char *out = NULL;
    for (int k = 0; k < NKEYS; k++)
        for (int i = 0; i < f->n[k]; i++) {
            const char *v = f->value[k][i];
            if (!*v)
                continue;   /* "none": the file of sessions without one */
            if (k == KEY_TRACK)
                for (size_t t = 0; t < p->ntracks; t++)
                    if (strcmp(p->tracks[t].id.s, v) == 0)
                        v = p->tracks[t].title.s;
            out = out ? arena_printf(a, "%s \xC2\xB7 %s", out, v) : v;
        }
    return out;
}

static bool make_dir(const char *dir, Diags *d)
{
    struct stat st;
    if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
        return true;
    if (mkdir(dir, 0777) == 0)
        return true;
    diag_error(d, srcloc(dir, 0, 0), NULL, "cannot create directory: %s",
               strerror(errno));
    return false;
}

/* The input, read once: format detection and parsing see the same bytes
 * (a pipe or FIFO cannot be read twice).  A file that cannot be read is an
 * I/O error (3); one over the size limit a rejected input (1). */
static bool read_input(const LivretOptions *o, InFile *in, Diags *d, int *rc)
{
    InFileStatus st = infile_read(o->input, LOADER_MAX_INPUT_SIZE, in, d);
    *rc = st == INFILE_OK ? EXIT_OK : st == INFILE_TOO_LARGE ? EXIT_INPUT
                                                             : EXIT_IO;
    return st == INFILE_OK;
}

char *livret_import(const LivretOptions *o, Arena *a, Diags *d, size_t *len,
                    int *rc)
{
    InFile in;
    if (!read_input(o, &in, d, rc))
        return NULL;
    ImportFormat f = IMPORT_NONE;       /* detected from the bytes */
    if (o->from)
        import_format_parse(o->from, &f);
    char *yaml = import_bytes(a, in.name, in.bytes, in.len, f, d, len);
    infile_free(&in);
    *rc = yaml ? EXIT_OK : EXIT_INPUT;
    return yaml;
}

/* A schedule export is imported to programme YAML and loaded from memory,
 * so it is checked by the same rules as a YAML file; anything else is a
 * programme file. */
const Programme *livret_load(const LivretOptions *o, Arena *a, Diags *d,
                             int *rc)
{
    InFile in;
    if (!read_input(o, &in, d, rc))
        return NULL;
    ImportFormat f = IMPORT_NONE;
    if (o->from)
        import_format_parse(o->from, &f);
    else
        f = import_detect(in.bytes, in.len);
    const Programme *p = NULL;
    if (f == IMPORT_NONE) {
        p = programme_load_infile(a, &in, true, d);
    } else {
        size_t len = 0;
        char *yaml = import_bytes(a, in.name, in.bytes, in.len, f, d, &len);
        /* Messages about the generated YAML name the source and say so;
         * the export is the file no output may replace. */
        InFile gen = { NULL, arena_printf(a, "%s (imported)", in.name), yaml,
                       len, in.id };
        if (yaml)
            p = programme_load_infile(a, &gen, false, d);
    }
    infile_free(&in);
    *rc = p ? EXIT_OK : d->nerrors ? EXIT_INPUT : EXIT_IO;
    return p;
}

static bool refuse_output(const char *out, const char *input, Diags *d)
{
    diag_error(d, srcloc(outfile_name(out), 0, 0), NULL,
               "is the input file %s: an output never replaces an input; "
               "give another -o", input);
    return false;
}

/* An output never replaces a file the programme was read from (or the
 * layout file or profile given), be it the same path, a symlink or a hard
 * link to it (the same device and inode), nor standard output redirected
 * to one (`-o - >> P.yaml`). */
static bool output_allowed(const LivretOptions *args, const Programme *p,
                           const char *out, Diags *d)
{
    FileId id, other;
    if (outfile_is_stdout(out) ? !fileid_of_fd(STDOUT_FILENO, &id)
                               : !fileid_of_path(out, &id))
        return true;                    /* nothing there to overwrite */
    for (size_t i = 0; i < p->ninputs; i++)
        if (fileid_same(id, p->inputs[i].id))
            return refuse_output(out, p->inputs[i].name, d);
    const char *given[] = { args->layout, args->icc };
    for (size_t i = 0; i < sizeof given / sizeof *given; i++)
        if (given[i] && fileid_of_path(given[i], &other) &&
            fileid_same(id, other))
            return refuse_output(out, given[i], d);
    return true;
}

/* One file of --split-by. */
static const char *split_path(Arena *a, const char *dir, const char *slug,
                              bool dump)
{
    return arena_printf(a, "%s/%s.%s", dir, slug, dump ? "dump" : "pdf");
}
static int build_editions(const LivretOptions *args, const Programme *p,
                          BookletOptions *op, bool handout, Arena *a,
                          Diags *d, double t0);

int livret_build(const LivretOptions *args, const Programme *p, Arena *a,
                 Diags *d, double t0)
{
    bool handout = args->edition && strcmp(args->edition, "handout") == 0;
    BookletOptions o = { .layout = args->layout, .lang = args->lang,
                         .timestamp = args->timestamp,
                         .compare_breakers = args->report };
    o.print = args->edition && strcmp(args->edition, "print") == 0;
    if (args->icc && access(args->icc, R_OK) != 0) {
        fprintf(stderr, "%s: error: cannot read: %s\n", args->icc, strerror(errno));
        return EXIT_IO;
    }
    /* Refused before any work (--split-by checks its files below). */
    const char *out = args->split_by ? NULL
                      : args->output ? args->output
                      : livret_default_output(a, args->input, args->dump);
    if (out && !output_allowed(args, p, out, d))
        return EXIT_USAGE;
    /* The hyphenation dictionaries are loaded once for every layout of
     * this build (the full programme, then each handout of --split-by):
     * loading them is most of a small handout's time. */
    Hyphenator *hyph = hyph_new(NULL);
    o.hyph = hyph;
    int rc = build_editions(args, p, &o, handout, a, d, t0);
    hyph_free(hyph);
    return rc;
}

static int build_editions(const LivretOptions *args, const Programme *p,
                          BookletOptions *op, bool handout, Arena *a,
                          Diags *d, double t0)
{
    BookletOptions o = *op;
    if (handout) {
        /* A handout cites the full programme's page numbers, so the full
         * programme is laid out first (and not written). */
        BookletOptions full = o;
        full.layout = NULL;
        /* only its folios are kept: its pages go as they are made */
        PageSink drop = { drop_pages, NULL, NULL };
        full.sink = &drop;
        BookletStats fs;
        Diags quiet;
        diags_init(&quiet, NULL);   /* its warnings are the handout's too */
        bool ok = booklet_layout(p, &full, a, &quiet, &fs) != NULL;
        diags_fini(&quiet);
        if (!ok)
            return EXIT_INPUT;
        o.ref_folio = fs.folio_of;
        if (!o.layout)
            o.layout = args->two_up ? "a5-handout" : "a4-handout";
    }
    if (args->split_by) {
        FilterKey key = args->split_by[0] == 't' ? KEY_TRACK
                      : args->split_by[0] == 'd' ? KEY_DAY : KEY_VENUE;
        const char *dir = args->output
                              ? args->output
                              : arena_printf(a, "%s-%s",
                                             livret_default_output(a, args->input, true),
                                             args->split_by);
        if (!output_allowed(args, p, dir, d))
            return EXIT_USAGE;
        if (!make_dir(dir, d))
            return EXIT_IO;
        SplitValue *vals;
        int n = programme_split_values(a, p, key, &vals, d);
        /* Every file is checked before the first is written. */
        for (int i = 0; i < n; i++)
            if (!output_allowed(args, p,
                                split_path(a, dir, vals[i].slug, args->dump), d))
                return EXIT_USAGE;
        int rc = EXIT_OK;
        for (int i = 0; i < n && rc == EXIT_OK; i++) {
            /* each file's summary gives its own time; the full layout
             * they share is counted in the first */
            double ti = i ? livret_seconds() : t0;
            Filter f = args->filter;
            if (!filter_add(&f, key, vals[i].value))
                return EXIT_USAGE;
            /* Other filters may exclude this value: skip it quietly. */
            Diags quiet;
            diags_init(&quiet, NULL);
            const Programme *q = programme_filter(a, p, &f, &quiet);
            diags_fini(&quiet);
            if (!q)
                continue;
            BookletOptions oi = o;
            oi.subject = describe(a, p, &f);
            rc = write_edition(args, q, &oi,
                               split_path(a, dir, vals[i].slug, args->dump),
                               d, ti);
        }
        return rc;
    }
    if (!filter_empty(&args->filter)) {
        p = programme_filter(a, p, &args->filter, d);
        if (!p)
            return EXIT_INPUT;
        o.subject = describe(a, p, &args->filter);
    }
    const char *out = args->output ? args->output
                                   : livret_default_output(a, args->input, args->dump);
    return write_edition(args, p, &o, out, d, t0);
}

