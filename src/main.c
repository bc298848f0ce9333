/* main — the command line: options, exit codes, the summary line.
 * Nothing else lives here; the pipeline is booklet.c.
 *
 * Exit status: 0 success (warnings allowed), 1 input rejected, 2 usage
 * error, 3 I/O or internal error.
 */
#include "base/arena.h"
#include "layout/booklet.h"
#include "base/diag.h"
#include "display/dump.h"
#include "import/import.h"
#include "model/filter.h"
#include "input/loader.h"
#include "edition/nup.h"
#include "edition/print.h"
#include "input/style.h"
#include "model/date.h"
#include "base/outfile.h"
#include "pdf/pdf.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_IO = 3 };

static const char usage_text[] =
    "usage: livret build PROGRAMME.yaml [-o OUT.pdf] [options]\n"
    "       livret check PROGRAMME.yaml\n"
    "       livret import SCHEDULE [--from FORMAT] > PROGRAMME.yaml\n"
    "       livret --help | --version\n"
    "\n"
    "build   lay out the programme and write a PDF booklet (default output:\n"
    "        the programme's name with .pdf)\n"
    "check   load and validate only; report every problem\n"
    "import  write a frab schedule.xml, frab JSON or pretalx export as\n"
    "        programme YAML (build and check read these files directly)\n"
    "\n"
    "options:\n"
    "  -o, --output FILE     where to write (written atomically)\n"
    "  -l, --layout NAME|FILE  layout (default a5-booklet; see layouts/)\n"
    "      --lang LL         language of labels and dates (default: the\n"
    "                        programme's language)\n"
    "  -e, --edition NAME    screen (default: A5 booklet with links and\n"
    "                        bookmarks) or handout (A4 for office printers;\n"
    "                        --layout letter-handout for US Letter)\n"
    "      --track ID, --day YYYY-MM-DD, --venue NAME, --session ID\n"
    "                        only these sessions (repeatable; values of one\n"
    "                        option are alternatives, options combine)\n"
    "      --split-by track|day|venue\n"
    "                        one PDF per value, into the directory given by -o\n"
    "      --from FORMAT     format of an imported file: frab-xml, frab-json,\n"
    "                        pretalx (default: detected from the content)\n"
    "      --edition print   the print shop's file: PDF/X-1a, CMYK, bleed,\n"
    "                        crop marks, pages padded to a multiple of 4,\n"
    "                        a preflight report at the end\n"
    "      --impose saddle   printer spreads for saddle stitching\n"
    "      --icc FILE        embed this CMYK output profile (default: the\n"
    "                        registered condition FOGRA39, no profile)\n"
    "      --strict          preflight findings make the build fail\n"
    "      --two-up a4|letter  two pages side by side on each landscape sheet\n"
    "                        (an A5 handout on an office printer)\n"
    "      --dump            write the display list as text instead of PDF\n"
    "      --report          print typesetting figures after the summary\n"
    "  -q, --quiet           no summary line\n"
    "\n"
    "Diagnostics: FILE:LINE:COL: error|warning: FIELD: message\n"
    "Exit status: 0 ok, 1 input rejected, 2 usage, 3 I/O or internal error.\n"
    "SOURCE_DATE_EPOCH sets the document dates; otherwise none are written,\n"
    "so the same input gives the same bytes.\n";

typedef struct Args {
    const char *cmd, *input, *output, *layout, *lang, *from;
    bool dump, report, quiet;
    const char *edition;        /* screen (default), handout */
    Filter filter;              /* --track --day --venue --session */
    const char *split_by;       /* track, day, venue */
    const char *two_up;         /* a4, letter: two pages per landscape sheet */
    const char *impose;         /* saddle: printer spreads (print edition) */
    const char *icc;            /* CMYK profile to embed (print edition) */
    bool strict;                /* preflight findings fail the build */
} Args;

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "livret: error: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'livret --help'.\n");
    return EXIT_USAGE;
}

static int parse_args(int argc, char **argv, Args *a)
{
    memset(a, 0, sizeof *a);
    for (int i = 1; i < argc; i++) {
        const char *s = argv[i];
        const char **val = NULL;
        if (strcmp(s, "-h") == 0 || strcmp(s, "--help") == 0) {
            fputs(usage_text, stdout);
            exit(EXIT_OK);
        } else if (strcmp(s, "-V") == 0 || strcmp(s, "--version") == 0) {
            printf("livret %s\n", LIVRET_VERSION);
            exit(EXIT_OK);
        } else if (strcmp(s, "-o") == 0 || strcmp(s, "--output") == 0) {
            val = &a->output;
        } else if (strcmp(s, "-l") == 0 || strcmp(s, "--layout") == 0) {
            val = &a->layout;
        } else if (strcmp(s, "--lang") == 0) {
            val = &a->lang;
        } else if (strcmp(s, "--from") == 0) {
            val = &a->from;
        } else if (strcmp(s, "-e") == 0 || strcmp(s, "--edition") == 0) {
            val = &a->edition;
        } else if (strcmp(s, "--split-by") == 0) {
            val = &a->split_by;
        } else if (strcmp(s, "--two-up") == 0) {
            val = &a->two_up;
        } else if (strcmp(s, "--impose") == 0) {
            val = &a->impose;
        } else if (strcmp(s, "--icc") == 0) {
            val = &a->icc;
        } else if (strcmp(s, "--strict") == 0) {
            a->strict = true;
        } else if (strcmp(s, "--track") == 0 || strcmp(s, "--day") == 0 ||
                   strcmp(s, "--venue") == 0 || strcmp(s, "--session") == 0) {
            FilterKey k = s[2] == 't' ? KEY_TRACK : s[2] == 'd' ? KEY_DAY
                        : s[2] == 'v' ? KEY_VENUE : KEY_SESSION;
            if (i + 1 >= argc)
                return usage_error("option '%s' needs a value", s);
            if (!filter_add(&a->filter, k, argv[++i]))
                return EXIT_USAGE;
        } else if (strcmp(s, "--dump") == 0) {
            a->dump = true;
        } else if (strcmp(s, "--report") == 0) {
            a->report = true;
        } else if (strcmp(s, "-q") == 0 || strcmp(s, "--quiet") == 0) {
            a->quiet = true;
        } else if (s[0] == '-' && s[1]) {
            return usage_error("unknown option '%s'", s);
        } else if (!a->cmd) {
            a->cmd = s;
        } else if (!a->input) {
            a->input = s;
        } else {
            return usage_error("unexpected argument '%s'", s);
        }
        if (val) {
            if (i + 1 >= argc)
                return usage_error("option '%s' needs a value", s);
            *val = argv[++i];
        }
    }
    if (!a->cmd)
        return usage_error("%s", "no command (build or check)");
    if (strcmp(a->cmd, "build") != 0 && strcmp(a->cmd, "check") != 0
        && strcmp(a->cmd, "import") != 0)
        return usage_error("unknown command '%s' (build, check or import)", a->cmd);
    ImportFormat f;
    if (a->from && !import_format_parse(a->from, &f))
        return usage_error("unknown format '%s' (frab-xml, frab-json or pretalx)",
                           a->from);
    if (!a->input)
        return usage_error("%s", "no programme file given");
    if (a->edition && strcmp(a->edition, "screen") != 0 &&
        strcmp(a->edition, "handout") != 0 && strcmp(a->edition, "print") != 0)
        return usage_error("unknown edition '%s' (screen, print or handout)",
                           a->edition);
    bool print = a->edition && strcmp(a->edition, "print") == 0;
    if (a->impose && strcmp(a->impose, "saddle") != 0)
        return usage_error("--impose takes saddle, not '%s'", a->impose);
    if ((a->impose || a->icc || a->strict) && !print)
        return usage_error("%s", "--impose, --icc and --strict go with "
                                 "--edition print");
    if (a->two_up && strcmp(a->two_up, "a4") != 0 &&
        strcmp(a->two_up, "letter") != 0)
        return usage_error("--two-up takes a4 or letter, not '%s'", a->two_up);
    if (a->split_by && strcmp(a->split_by, "track") != 0 &&
        strcmp(a->split_by, "day") != 0 && strcmp(a->split_by, "venue") != 0)
        return usage_error("--split-by takes track, day or venue, not '%s'",
                           a->split_by);
    return -1;
}

static void on_signal(int sig)
{
    outfile_cleanup_on_signal();
    signal(sig, SIG_DFL);
    raise(sig);
}

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static long long source_date(Diags *d)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    if (!s || !*s)
        return -1;
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || *end || v < 0) {
        diag_warn(d, srcloc(NULL, 0, 0), NULL,
                  "SOURCE_DATE_EPOCH='%s' is not a number of seconds; ignored", s);
        return -1;
    }
    return v;
}

static const char *default_output(Arena *a, const char *input, bool dump)
{
    const char *base = input;
    size_t n = strlen(base);
    const char *dot = strrchr(base, '.');
    const char *slash = strrchr(base, '/');
    if (dot && (!slash || dot > slash))
        n = (size_t)(dot - base);
    return arena_printf(a, "%.*s.%s", (int)n, base, dump ? "dump" : "pdf");
}

/* When loading ended (seconds()), for --report's "load" figure. */
static double t_loaded;

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
static int write_edition(const Args *args, const Programme *p,
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
        if (pd->timestamp < 0)
            pd->timestamp = print_date(p);
        doc = pd;
    }
    double t1 = seconds();
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
    double t2 = seconds();
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
                t_loaded - t0, st.t_text_layout, t2 - t1, st.lines,
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

/* ---- importers (issue #7) -------------------------------------------- */

/* The programme from args->input: a schedule export (named by --from or
 * detected from its first bytes) is imported to programme YAML and loaded
 * from memory, so it is checked by the same rules as a YAML file; anything
 * else is a programme file.  With `import`, the YAML goes to stdout. */
static const Programme *load_input(const Args *args, Arena *a, Diags *d,
                                   int *rc)
{
    ImportFormat f = IMPORT_NONE;
    if (args->from) {
        import_format_parse(args->from, &f);
    } else {
        char head[4096];
        FILE *in = fopen(args->input, "rb");
        size_t n = in ? fread(head, 1, sizeof head, in) : 0;
        if (in && fclose(in) == 0)
            f = import_detect(head, n);
    }
    bool is_import = strcmp(args->cmd, "import") == 0;
    if (f == IMPORT_NONE && !is_import) {
        const Programme *p = programme_load(a, args->input, d);
        *rc = p ? EXIT_OK : d->nerrors ? EXIT_INPUT : EXIT_IO;
        return p;
    }
    size_t len = 0;
    bool io = false;
    char *yaml = import_file(a, args->input, f, d, &len, &io);
    if (!yaml) {
        *rc = io ? EXIT_IO : EXIT_INPUT;
        return NULL;
    }
    if (is_import) {
        bool ok = fwrite(yaml, 1, len, stdout) == len;
        if (fflush(stdout) != 0 || !ok) {
            fprintf(stderr, "livret: error: cannot write the YAML: %s\n",
                    strerror(errno));
            *rc = EXIT_IO;
        } else {
            *rc = EXIT_OK;
        }
        return NULL;
    }
    /* Messages about the generated YAML name the source and say so. */
    const char *name = arena_printf(a, "%s (imported)", args->input);
    const Programme *p = programme_load_buffer(a, name, yaml, len, d);
    *rc = p ? EXIT_OK : d->nerrors ? EXIT_INPUT : EXIT_IO;
    return p;
}

static int build(const Args *args, const Programme *p, Arena *a, Diags *d,
                 double t0)
{
    bool handout = args->edition && strcmp(args->edition, "handout") == 0;
    BookletOptions o = { .layout = args->layout, .lang = args->lang,
                         .timestamp = source_date(d) };
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
                                             default_output(a, args->input, true),
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
                                   : default_output(a, args->input, args->dump);
    return write_edition(args, p, &o, out, a, d, t0);
}

int main(int argc, char **argv)
{
    Args args;
    int rc = parse_args(argc, argv, &args);
    if (rc >= 0)
        return rc;
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGHUP, on_signal);
    double t0 = seconds();
    Diags d;
    diags_init(&d, stderr);
    Arena arena;
    arena_init(&arena);
    /* A file that cannot be read is an I/O error (3), not a rejected
     * input (1). */
    FILE *probe = fopen(args.input, "rb");
    if (!probe) {
        fprintf(stderr, "%s: error: cannot read: %s\n", args.input,
                strerror(errno));
        diags_fini(&d);
        return EXIT_IO;
    }
    fclose(probe);
    const Programme *p = load_input(&args, &arena, &d, &rc);
    t_loaded = seconds();
    if (!p) {
        /* rc set by load_input (EXIT_OK after `import`) */
    } else if (strcmp(args.cmd, "check") == 0) {
        rc = EXIT_OK;
        if (!args.quiet)
            printf("%s: %zu sessions, %zu warnings\n", args.input,
                    p->nsessions, d.nwarnings);
    } else {
        rc = build(&args, p, &arena, &d, t0);
    }
    arena_free(&arena);
    diags_fini(&d);
    return rc;
}
