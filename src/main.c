/* main — the command line: options, exit codes, the summary line.
 * Nothing else lives here; the pipeline is behind livret.h.
 *
 * Exit status: 0 success (warnings allowed), 1 input rejected, 2 usage
 * error, 3 I/O or internal error.
 */
#include "livret.h"
#include "base/infile.h"
#include "base/outfile.h"
#include "import/import.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { EXIT_OK = LIVRET_OK, EXIT_INPUT = LIVRET_INPUT, EXIT_USAGE = LIVRET_USAGE,
       EXIT_IO = LIVRET_IO };

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
    "  -o, --output FILE     where to write (written atomically; never over\n"
    "                        the programme or a file it includes)\n"
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
    "A file name '-' is standard input (PROGRAMME, SCHEDULE; includes are\n"
    "then relative to the current directory) or standard output (-o -).\n"
    "SOURCE_DATE_EPOCH sets the document dates.  Without it the screen and\n"
    "handout editions carry no date, and the print edition, which PDF/X\n"
    "requires to be dated, is dated the programme's first day (00:00 UTC):\n"
    "the same input gives the same bytes.\n";

typedef struct Args {
    const char *cmd;            /* build, check, import */
    LivretOptions o;
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
            val = &a->o.output;
        } else if (strcmp(s, "-l") == 0 || strcmp(s, "--layout") == 0) {
            val = &a->o.layout;
        } else if (strcmp(s, "--lang") == 0) {
            val = &a->o.lang;
        } else if (strcmp(s, "--from") == 0) {
            val = &a->o.from;
        } else if (strcmp(s, "-e") == 0 || strcmp(s, "--edition") == 0) {
            val = &a->o.edition;
        } else if (strcmp(s, "--split-by") == 0) {
            val = &a->o.split_by;
        } else if (strcmp(s, "--two-up") == 0) {
            val = &a->o.two_up;
        } else if (strcmp(s, "--impose") == 0) {
            val = &a->o.impose;
        } else if (strcmp(s, "--icc") == 0) {
            val = &a->o.icc;
        } else if (strcmp(s, "--strict") == 0) {
            a->o.strict = true;
        } else if (strcmp(s, "--track") == 0 || strcmp(s, "--day") == 0 ||
                   strcmp(s, "--venue") == 0 || strcmp(s, "--session") == 0) {
            FilterKey k = s[2] == 't' ? KEY_TRACK : s[2] == 'd' ? KEY_DAY
                        : s[2] == 'v' ? KEY_VENUE : KEY_SESSION;
            if (i + 1 >= argc)
                return usage_error("option '%s' needs a value", s);
            if (!filter_add(&a->o.filter, k, argv[++i]))
                return EXIT_USAGE;
        } else if (strcmp(s, "--dump") == 0) {
            a->o.dump = true;
        } else if (strcmp(s, "--report") == 0) {
            a->o.report = true;
        } else if (strcmp(s, "-q") == 0 || strcmp(s, "--quiet") == 0) {
            a->o.quiet = true;
        } else if (s[0] == '-' && s[1]) {
            return usage_error("unknown option '%s'", s);
        } else if (!a->cmd) {
            a->cmd = s;
        } else if (!a->o.input) {
            a->o.input = s;
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
    if (a->o.from && !import_format_parse(a->o.from, &f))
        return usage_error("unknown format '%s' (frab-xml, frab-json or pretalx)",
                           a->o.from);
    if (!a->o.input)
        return usage_error("%s", "no programme file given");
    if (a->o.edition && strcmp(a->o.edition, "screen") != 0 &&
        strcmp(a->o.edition, "handout") != 0 && strcmp(a->o.edition, "print") != 0)
        return usage_error("unknown edition '%s' (screen, print or handout)",
                           a->o.edition);
    bool print = a->o.edition && strcmp(a->o.edition, "print") == 0;
    if (a->o.impose && strcmp(a->o.impose, "saddle") != 0)
        return usage_error("--impose takes saddle, not '%s'", a->o.impose);
    if ((a->o.impose || a->o.icc || a->o.strict) && !print)
        return usage_error("%s", "--impose, --icc and --strict go with "
                                 "--edition print");
    if (a->o.two_up && strcmp(a->o.two_up, "a4") != 0 &&
        strcmp(a->o.two_up, "letter") != 0)
        return usage_error("--two-up takes a4 or letter, not '%s'", a->o.two_up);
    bool to_stdout = a->o.output && outfile_is_stdout(a->o.output);
    if (strcmp(a->cmd, "build") == 0 && infile_is_stdin(a->o.input) &&
        !a->o.output)
        return usage_error("%s", "standard input has no name to write beside: "
                                 "give -o FILE (or -o - for standard output)");
    if (a->o.split_by && to_stdout)
        return usage_error("%s", "--split-by writes a directory of files, "
                                 "not standard output");
    if (strcmp(a->cmd, "build") == 0 && to_stdout && !a->o.dump &&
        isatty(STDOUT_FILENO))
        return usage_error("%s", "standard output is a terminal: redirect it "
                                 "to write the PDF (-o - > FILE.pdf)");
    if (a->o.split_by && strcmp(a->o.split_by, "track") != 0 &&
        strcmp(a->o.split_by, "day") != 0 && strcmp(a->o.split_by, "venue") != 0)
        return usage_error("--split-by takes track, day or venue, not '%s'",
                           a->o.split_by);
    return -1;
}

static void on_signal(int sig)
{
    outfile_cleanup_on_signal();
    signal(sig, SIG_DFL);
    raise(sig);
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


/* ---- importers (issue #7) -------------------------------------------- */

int main(int argc, char **argv)
{
    Args args;
    int rc = parse_args(argc, argv, &args);
    if (rc >= 0)
        return rc;
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGHUP, on_signal);
    double t0 = livret_seconds();
    Diags d;
    diags_init(&d, stderr);
    Arena arena;
    arena_init(&arena);
    if (strcmp(args.cmd, "import") == 0) {
        size_t len = 0;
        char *yaml = livret_import(&args.o, &arena, &d, &len, &rc);
        if (yaml) {
            bool ok = fwrite(yaml, 1, len, stdout) == len;
            if (fflush(stdout) != 0 || !ok) {
                fprintf(stderr, "livret: error: cannot write the YAML: %s\n",
                        strerror(errno));
                rc = EXIT_IO;
            }
        }
        arena_free(&arena);
        diags_fini(&d);
        return rc;
    }
    args.o.timestamp = source_date(&d);
    const Programme *p = livret_load(&args.o, &arena, &d, &rc);
    args.o.t_loaded = livret_seconds();
    if (!p) {
        /* rc set by livret_load */
    } else if (strcmp(args.cmd, "check") == 0) {
        rc = EXIT_OK;
        if (!args.o.quiet)
            printf("%s: %zu sessions, %zu warnings\n",
                   infile_is_stdin(args.o.input) ? INFILE_STDIN_NAME
                                                 : args.o.input,
                   p->nsessions, d.nwarnings);
    } else {
        rc = livret_build(&args.o, p, &arena, &d, t0);
    }
    arena_free(&arena);
    diags_fini(&d);
    return rc;
}
