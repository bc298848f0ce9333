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
#include "base/outfile.h"
#include "display/dump.h"
#include "pdf/pdf.h"

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

/* Lay out one edition of p and write it to out. */
static int write_edition(const LivretOptions *args, const Programme *p,
                         const BookletOptions *o, const char *out, Arena *a,
                         Diags *d, double t0)
{
    size_t warnings = d->nwarnings;   /* this file's own count */
    size_t first_diag = d->n;
    BookletStats st;
    const DocList *doc = booklet_layout(p, o, a, d, &st);
    if (!doc)
        return d->nerrors ? EXIT_INPUT : EXIT_IO;
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
    double t1 = livret_seconds();
    bool ok;
    if (args->dump) {
        char *s = dump_string(doc);
        ok = s && outfile_write(out, s, strlen(s), d);
        free(s);
    } else {
        PdfOptions po = pdf_options_default();
        ok = pdf_write(doc, out, &po, d);
    }
    if (!ok)
        return EXIT_IO;
    if (o->print) {
        FILE *rep = args->quiet ? NULL : stderr;
        Preflight pf = preflight_report(doc, st.style->safe_zone, rep, out);
        /* Characters no font has were named as they were met; count them
         * here too, since a print shop reads this line. */
        size_t missing = 0;
        for (size_t i = first_diag; i < d->n; i++)
            missing += strncmp(d->items[i].message, "U+", 2) == 0;
        if (rep)
            fprintf(rep, "%s: preflight: %zu missing character%s\n", out,
                    missing, missing == 1 ? "" : "s");
        pf.warnings += missing > 0;
        if (args->strict && pf.warnings) {
            fprintf(stderr, "%s: error: preflight: %zu finding(s) with --strict\n",
                    out, pf.warnings);
            return EXIT_INPUT;
        }
    }
    double t2 = livret_seconds();
    struct stat fst;
    if (args->report && stat(out, &fst) == 0)
        fprintf(stderr, "report: %s is %lld bytes (%.1f KB per page)\n", out,
                (long long)fst.st_size,
                st.pages ? fst.st_size / 1024.0 / (double)st.pages : 0.0);
    if (!args->quiet)
        fprintf(stderr, "%s: %zu pages, %zu sessions, %zu speakers, "
                        "%zu warnings, %.2f s\n",
                out, st.pages, st.sessions, st.speakers, d->nwarnings - warnings,
                t2 - t0);
    if (args->report)
        fprintf(stderr,
                "report: load %.3f s, layout %.3f s, write %.3f s; %ld lines, "
                "%ld hyphenated, %ld loose (ratio > 1), %ld overfull; %zu "
                "front pages; %d front-matter passes; %zu blocks cut\n",
                args->t_loaded - t0, st.t_text_layout, t2 - t1, st.lines,
                st.hyphenated, st.loose,
                st.overfull, st.front_pages, st.passes, st.forced_breaks);
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

/* The format of the input: named by --from or detected from its first
 * bytes. */
static ImportFormat input_format(const LivretOptions *o)
{
    ImportFormat f = IMPORT_NONE;
    if (o->from) {
        import_format_parse(o->from, &f);
    } else {
        char head[4096];
        FILE *in = fopen(o->input, "rb");
        size_t n = in ? fread(head, 1, sizeof head, in) : 0;
        if (in && fclose(in) == 0)
            f = import_detect(head, n);
    }
    return f;
}

char *livret_import(const LivretOptions *o, Arena *a, Diags *d, size_t *len,
                    int *rc)
{
    bool io = false;
    char *yaml = import_file(a, o->input, input_format(o), d, len, &io);
    *rc = yaml ? EXIT_OK : io ? EXIT_IO : EXIT_INPUT;
    return yaml;
}

/* A schedule export is imported to programme YAML and loaded from memory,
 * so it is checked by the same rules as a YAML file; anything else is a
 * programme file. */
const Programme *livret_load(const LivretOptions *o, Arena *a, Diags *d,
                             int *rc)
{
    const Programme *p;
    if (input_format(o) == IMPORT_NONE) {
        p = programme_load(a, o->input, d);
    } else {
        size_t len = 0;
        char *yaml = livret_import(o, a, d, &len, rc);
        if (!yaml)
            return NULL;
        /* Messages about the generated YAML name the source and say so. */
        const char *name = arena_printf(a, "%s (imported)", o->input);
        p = programme_load_buffer(a, name, yaml, len, d);
    }
    *rc = p ? EXIT_OK : d->nerrors ? EXIT_INPUT : EXIT_IO;
    return p;
}

int livret_build(const LivretOptions *args, const Programme *p, Arena *a,
                 Diags *d, double t0)
{
    bool handout = args->edition && strcmp(args->edition, "handout") == 0;
    BookletOptions o = { .layout = args->layout, .lang = args->lang,
                         .timestamp = args->timestamp };
    o.print = args->edition && strcmp(args->edition, "print") == 0;
    if (args->icc && access(args->icc, R_OK) != 0) {
        fprintf(stderr, "%s: error: cannot read: %s\n", args->icc, strerror(errno));
        return EXIT_IO;
    }
    if (handout) {
        /* A handout cites the full programme's page numbers, so the full
         * programme is laid out first (and not written). */
        BookletOptions full = o;
        full.layout = NULL;
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
        if (!make_dir(dir, d))
            return EXIT_IO;
        SplitValue *vals;
        int n = programme_split_values(a, p, key, &vals, d);
        int rc = EXIT_OK;
        for (int i = 0; i < n && rc == EXIT_OK; i++) {
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
            const char *out = arena_printf(a, "%s/%s.%s", dir, vals[i].slug,
                                           args->dump ? "dump" : "pdf");
            rc = write_edition(args, q, &oi, out, a, d, t0);
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
    return write_edition(args, p, &o, out, a, d, t0);
}

