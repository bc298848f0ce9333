/* pdf: hand-built display lists written with libharu, checked with the
 * tools a reader or a print shop would use (qpdf, poppler, mupdf,
 * Ghostscript) and with FreeType on the embedded font subsets. */
#include "harness.h"
#include "base/arena.h"
#include "base/diag.h"
#include "display/page.h"
#include "pdf/pdf.h"
#include "text/font.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <ft2build.h>
#include FT_FREETYPE_H

/* The repository's fonts (fonts/SHA256SUMS), never the system's: the suite
 * runs from the repository root with only what tools/deps.sh installs. */
#define NOTO "fonts/NotoSerif-Regular.ttf"
#define DEJAVU "fonts/DejaVuSans.ttf"
#define UNUSED_FONT "fonts/DejaVuSansMono.ttf"

/* Text the tests draw and expect back.  COMPOSITE_* are the glyphs
 * libharu 2.3.0 embeds incompletely (libharu.md §12a). */
#define FRENCH "Été à Montréal : « déjà » — l’œuvre"
#define VIET "Nguyễn Thị Minh Khai, Hà Nội"
#define POLISH "Łódź, Gdańsk, Źdźbło"
#define GREEK "Αθήνα, Θεσσαλονίκη"
#define COMPOSITE_NOTO "Fractions ½ ¼ ¾ ⅛, Ḉ ḉ."
#define COMPOSITE_DEJAVU "Lettres ǕǖǗǘ ǧ ǽǿ Ȩȩ ễệữ."

static char dir[64];

/* ------------------------------------------------------------------ */
/* Helpers                                                              */
/* ------------------------------------------------------------------ */

static const char *in_dir(const char *name)
{
    static char path[4][256];
    static int k;
    k = (k + 1) % 4;
    snprintf(path[k], sizeof path[k], "%s/%s", dir, name);
    return path[k];
}

/* Whole file in a heap string (NUL-terminated; *len without the NUL). */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n - 1 == 0)
            buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    if (buf)
        buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

static char *out_text, *err_text;

/* Run a shell command; its stdout and stderr land in out_text, err_text.
 * Returns the exit status. */
static int sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int sh(const char *fmt, ...)
{
    char cmd[2048], full[2600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    snprintf(full, sizeof full, "(%s) >'%s' 2>'%s'", cmd, in_dir("sh.out"),
             in_dir("sh.err"));
    int st = system(full);
    free(out_text);
    free(err_text);
    out_text = slurp(in_dir("sh.out"), NULL);
    err_text = slurp(in_dir("sh.err"), NULL);
    if (!out_text)
        out_text = calloc(1, 1);
    if (!err_text)
        err_text = calloc(1, 1);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Occurrences of needle in the n bytes at hay (binary safe). */
static int count_in(const char *hay, size_t n, const char *needle)
{
    int k = 0;
    size_t len = strlen(needle);
    for (size_t i = 0; len && i + len <= n; i++)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, len) == 0) {
            k++;
            i += len - 1;
        }
    return k;
}

static int count(const char *hay, const char *needle)
{
    return count_in(hay, strlen(hay), needle);
}

static bool exists(const char *path)
{
    return access(path, F_OK) == 0;
}

static FontRef fonts[] = {
    { NOTO, "NotoSerif-Regular", 1000, 0 },
    { DEJAVU, "DejaVuSans", 2048, 0 },
    { UNUSED_FONT, "DejaVuSansMono", 2048, 0 },   /* no text uses it */
};

/* The text stage's shaper, on the same files (FontSet index = fonts[]). */
static FontSet shaper;

static Item *add_text(Arena *a, Page *p, int font, double size, double x,
                      double y, const char *s)
{
    if (!shaper.ft) {
        Diags d;
        diags_init(&d, stdout);
        font_set_init(&shaper, &d);
        for (size_t i = 0; i < sizeof fonts / sizeof fonts[0]; i++)
            font_add(&shaper, fonts[i].path, &d);
        diags_fini(&d);
    }
    Item *it = page_add(a, p, ITEM_TEXT);
    it->x = x;
    it->y = y;
    it->color.space = COLOR_GRAY;
    it->u.text.font = font;
    it->u.text.size = size;
    it->u.text.utf8 = s;
    it->u.text.len = strlen(s);
    ShapeOpts o = { "fr", true, false };
    const Shaped *sh = font_shape(&shaper, font, s, strlen(s), &o);
    if (sh) {
        font_item_glyphs(a, it, sh->g, sh->n);
        it->w = sh->adv * size / 1000;
    }
    return it;
}

static Outline outlines[] = {
    { 0, "Jour 1 — Lundi", 0, 560 },
    { 1, "Séance 1 : Éléonore Dupré", 0, 540 },
    { 0, "Jour 2 — Nguyễn", 2, 560 },
};

static LabelRange labels[] = {
    { 0, LABEL_ROMAN_LOWER, 1 },
    { 2, LABEL_DECIMAL, 1 },
};

/* Four A5 pages: text in every script the tests read back, a rectangle,
 * a rule, a link to page 3, a URI; page 2 and 4 are empty. */
static void build(Arena *a, DocList *doc)
{
    memset(doc, 0, sizeof *doc);
    doc->width = 419.53;
    doc->height = 595.28;
    doc->npages = 4;
    doc->pages = arena_array(a, doc->npages, sizeof *doc->pages);
    for (size_t i = 0; i < doc->npages; i++)
        doc->pages[i].recto = i % 2 == 0;
    doc->fonts = fonts;
    doc->nfonts = 3;
    doc->outlines = outlines;
    doc->noutlines = 3;
    doc->labels = labels;
    doc->nlabels = 2;
    doc->title = "Programme — Congrès Łódź";
    doc->author = "Zoë Ørsted";
    doc->subject = "Essais";
    doc->lang = "fr";
    doc->creator = "livret test";
    doc->timestamp = -1;

    Page *p = &doc->pages[0];
    add_text(a, p, 0, 12, 50, 540, FRENCH);
    add_text(a, p, 0, 12, 50, 520, VIET);
    add_text(a, p, 0, 12, 50, 500, POLISH);
    add_text(a, p, 0, 12, 50, 480, GREEK);
    add_text(a, p, 0, 14, 50, 455, COMPOSITE_NOTO);
    add_text(a, p, 1, 14, 50, 430, COMPOSITE_DEJAVU);
    Item *it = page_add(a, p, ITEM_RECT);
    it->x = 50, it->y = 395, it->w = 300, it->h = 20;
    it->color.space = COLOR_RGB;
    it->color.c[0] = 0.9, it->color.c[1] = 0.5, it->color.c[2] = 0.1;
    it = add_text(a, p, 0, 10, 55, 401, "Sur fond orange");
    it->color.space = COLOR_CMYK;
    it->color.c[0] = 1;
    it = page_add(a, p, ITEM_LINE);
    it->x = 50, it->y = 385, it->u.line.x2 = 350, it->u.line.y2 = 385;
    it->u.line.width = 0.5;
    it->color.space = COLOR_GRAY;
    it->color.c[0] = 0.3;
    add_text(a, p, 0, 12, 50, 363, "Voir la page 3");
    it = page_add(a, p, ITEM_LINK);
    it->x = 50, it->y = 360, it->w = 200, it->h = 14;
    it->u.link.page = 2;
    it->u.link.top = 500;
    add_text(a, p, 0, 12, 50, 343, "https://example.org/");
    it = page_add(a, p, ITEM_URI);
    it->x = 50, it->y = 340, it->w = 200, it->h = 14;
    it->u.uri.uri = "https://example.org/";
    add_text(a, &doc->pages[2], 0, 12, 50, 500, "Troisième page");
}

/* pdf_write into dir/name; true if it succeeded with no diagnostics. */
static bool write_doc(const DocList *doc, const char *name,
                      const PdfOptions *opt, Diags *d)
{
    bool ok = pdf_write(doc, in_dir(name), opt, d);
    return ok && d->n == 0;
}

static const char *message(const Diags *d)
{
    static char buf[2048];
    if (d->n != 1)
        return "(not exactly one diagnostic)";
    diag_format(&d->items[0], buf, sizeof buf);
    return buf;
}

/* ------------------------------------------------------------------ */
/* The full document                                                    */
/* ------------------------------------------------------------------ */

static Arena arena;
static DocList doc;
static char main_pdf[256];

TEST(writes)
{
    Diags d;
    diags_init(&d, stdout);
    build(&arena, &doc);
    CHECK(write_doc(&doc, "main.pdf", NULL, &d));
    snprintf(main_pdf, sizeof main_pdf, "%s", in_dir("main.pdf"));
    diags_fini(&d);
    CHECK_INT(sh("qpdf --check '%s'", main_pdf), 0);
    CHECK_INT(sh("pdfinfo '%s' | grep -c '^Page size: *419.53 x 595.28'",
                 main_pdf), 0);
    CHECK_INT(sh("pdfinfo -f 1 -l 4 '%s' | grep -c 'size: *419.53 x 595.28'",
                 main_pdf), 0);
    CHECK_INT(atoi(out_text), 4);
}

TEST(fonts_embedded_subset_unicode)
{
    CHECK_INT(sh("pdffonts '%s' | tail -n +3", main_pdf), 0);
    CHECK_INT(count(out_text, "\n"), 2);    /* the unused font is absent */
    CHECK(strstr(out_text, "+NotoSerif-Regular ") != NULL);
    CHECK(strstr(out_text, "+DejaVuSans") != NULL);
    CHECK(strstr(out_text, "DejaVuSansMono") == NULL);
    CHECK_INT(count(out_text, "CID TrueType      Identity-H       yes yes yes"),
              2);
}

TEST(text_extracts_without_warnings)
{
    CHECK_INT(sh("pdftotext -enc UTF-8 '%s' -", main_pdf), 0);
    CHECK_STR(err_text, "");        /* no "Invalid 'begincidrange'" */
    const char *want[] = { FRENCH, VIET, POLISH, GREEK, COMPOSITE_NOTO,
                           COMPOSITE_DEJAVU, "Troisième page" };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        CHECK(strstr(out_text, want[i]) != NULL);
    /* mupdf agrees */
    CHECK_INT(sh("mutool draw -F txt -o - '%s'", main_pdf), 0);
    CHECK(strstr(out_text, VIET) != NULL);
    CHECK(strstr(out_text, POLISH) != NULL);
}

/* Print shops' preflight rewrites files with Ghostscript: the text must
 * survive (it did not with libharu's Ordering, nor with bfrange rows). */
TEST(text_survives_ghostscript)
{
    CHECK_INT(sh("gs -q -dNOPAUSE -dBATCH -sDEVICE=pdfwrite -o '%s' '%s'",
                 in_dir("gs.pdf"), main_pdf), 0);
    CHECK_STR(err_text, "");
    CHECK_INT(sh("pdftotext -enc UTF-8 '%s' -", in_dir("gs.pdf")), 0);
    CHECK(strstr(out_text, VIET) != NULL);
    CHECK(strstr(out_text, POLISH) != NULL);
    CHECK(strstr(out_text, GREEK) != NULL);
    CHECK(strstr(out_text, COMPOSITE_DEJAVU) != NULL);
}

/* Every page renders without a complaint (the empty pages included:
 * libharu's empty Flate stream made mutool warn and gs fail). */
TEST(renders_cleanly)
{
    CHECK_INT(sh("mutool draw -o /dev/null '%s' 2>&1 | grep -v 'ICC support'"
                 " | grep -v '^page '", main_pdf), 1);    /* grep: no lines */
    CHECK_STR(out_text, "");
    CHECK_INT(sh("gs -q -dNOPAUSE -dBATCH -sDEVICE=nullpage '%s'", main_pdf),
              0);
    CHECK_STR(out_text, "");
    CHECK_STR(err_text, "");
}

TEST(info_and_catalog)
{
    CHECK_INT(sh("pdfinfo '%s'", main_pdf), 0);
    CHECK(strstr(out_text, "Title:           Programme — Congrès Łódź\n"));
    CHECK(strstr(out_text, "Author:          Zoë Ørsted\n"));
    CHECK(strstr(out_text, "Subject:         Essais\n"));
    CHECK(strstr(out_text, "Creator:         livret test\n"));
    CHECK(strstr(out_text, "Pages:           4\n"));
    CHECK(!strstr(out_text, "CreationDate"));
    CHECK(!strstr(out_text, "ModDate"));
    CHECK_INT(sh("mutool show '%s' trailer/Root/Lang", main_pdf), 0);
    CHECK_STR(out_text, "(fr)\n");
    CHECK_INT(sh("mutool show '%s' trailer/Root/ViewerPreferences/DisplayDocTitle",
                 main_pdf), 0);
    CHECK_STR(out_text, "true\n");
    CHECK_INT(sh("mutool show '%s' trailer/Root/PageLayout", main_pdf), 0);
    CHECK_STR(out_text, "/TwoPageRight\n");
    CHECK_INT(sh("mutool show '%s' trailer/Root/PageMode", main_pdf), 0);
    CHECK_STR(out_text, "/UseOutlines\n");
    CHECK_INT(sh("mutool show '%s' trailer/ID", main_pdf), 0);
    CHECK_STR(out_text, "null\n");
}

/* The object number in mutool's "N 0 obj" or "[ N 0 R" first line. */
static int first_number(const char *s)
{
    if (!s)                 /* the line was not there: a failed check, not a crash */
        return -1;
    while (*s && (*s < '0' || *s > '9'))
        s++;
    return atoi(s);
}

TEST(bookmarks)
{
    /* qpdf decodes the UTF-16BE titles itself (mutool would also show raw
     * UTF-8 as if it were right, libharu.md §9). */
    CHECK_INT(sh("qpdf --json=2 --json-key=outlines '%s' | tr -d ' \\n'",
                 main_pdf), 0);
    /* the session's bookmark: the first page, 540 pt up (qpdf names the
     * page "N 0 R", here without its spaces: "N0R") */
    const char *sess = strstr(out_text, "\"kids\":[{\"dest\":[\"");
    CHECK(sess != NULL);
    int obj = sess ? atoi(sess + strlen("\"kids\":[{\"dest\":[\"")) / 10
                   : -1;
    CHECK(sess && strstr(sess, "R\",\"/XYZ\",null,540,null],"
                         "\"destpageposfrom1\":1,\"kids\":[],") != NULL);
    CHECK(strstr(out_text, "\"title\":\"Séance1:ÉléonoreDupré\"") != NULL);
    CHECK(strstr(out_text, "\"title\":\"Jour1—Lundi\"") != NULL);
    CHECK(strstr(out_text, "\"destpageposfrom1\":3,\"kids\":[],") != NULL);
    CHECK(strstr(out_text, "\"title\":\"Jour2—Nguyễn\"") != NULL);
    CHECK_INT(sh("mutool show '%s' trailer/Root/Pages/Kids/1/Kids/1", main_pdf),
              0);
    CHECK_INT(first_number(out_text), obj);
    /* hierarchy: day, session below it, day */
    CHECK_INT(sh("mutool show '%s' outline | sed 's/\t#page.*//'", main_pdf),
              0);
    CHECK_STR(out_text, "-\t\"Jour 1 — Lundi\"\n"
                        "|\t\t\"Séance 1 : Éléonore Dupré\"\n"
                        "|\t\"Jour 2 — Nguyễn\"\n");
}

TEST(page_labels)
{
    CHECK_INT(sh("qpdf --json=2 --json-key=pagelabels '%s' | tr -d ' \\n'",
                 main_pdf), 0);
    CHECK(strstr(out_text, "\"pagelabels\":["
                 "{\"index\":0,\"label\":{\"/S\":\"/r\",\"/St\":1}},"
                 "{\"index\":2,\"label\":{\"/S\":\"/D\",\"/St\":1}}]") != NULL);
}


TEST(links)
{
    CHECK_INT(sh("mutool show '%s' trailer/Root/Pages/Kids/1/Kids/1/Annots/1",
                 main_pdf), 0);
    CHECK(strstr(out_text, "/Subtype /Link") != NULL);
    CHECK(strstr(out_text, "/Rect [ 50 360 250 374 ]") != NULL);
    /* no border: one [0 0 0] every link refers to */
    CHECK_INT(sh("mutool show '%s' trailer/Root/Pages/Kids/1/Kids/1/Annots/1/Border",
                 main_pdf), 0);
    CHECK(strstr(out_text, "[ 0 0 0 ]") != NULL);
    int border = first_number(out_text);
    CHECK_INT(sh("mutool show '%s' trailer/Root/Pages/Kids/1/Kids/1/Annots/1/Dest",
                 main_pdf), 0);
    CHECK(strstr(out_text, " /XYZ null 500 null ]") != NULL);
    int target = first_number(strchr(out_text, '['));
    CHECK_INT(sh("mutool show '%s' trailer/Root/Pages/Kids/1/Kids/3", main_pdf), 0);
    CHECK_INT(first_number(out_text), target);

    /* written from a compact record (pdffix_link): what libharu writes,
     * /Type and the page it is on included */
    CHECK_INT(sh("mutool show '%s' trailer/Root/Pages/Kids/1/Kids/1/Annots/1",
                 main_pdf), 0);
    CHECK(strstr(out_text, "/Type /Annot") != NULL);
    CHECK_INT(sh("mutool show '%s' trailer/Root/Pages/Kids/1/Kids/1/Annots/1/P",
                 main_pdf), 0);
    int on = first_number(out_text);
    CHECK_INT(sh("mutool show '%s' trailer/Root/Pages/Kids/1/Kids/1", main_pdf), 0);
    CHECK_INT(first_number(out_text), on);

    CHECK_INT(sh("mutool show '%s' trailer/Root/Pages/Kids/1/Kids/1/Annots/2",
                 main_pdf), 0);
    CHECK(strstr(out_text, "/S /URI") != NULL);
    CHECK(strstr(out_text, "/URI (https://example.org/)") != NULL);
    CHECK_INT(sh("mutool show '%s' trailer/Root/Pages/Kids/1/Kids/1/Annots/2/Border",
                 main_pdf), 0);
    CHECK(strstr(out_text, "[ 0 0 0 ]") != NULL);
    CHECK_INT(first_number(out_text), border);
}

/* Every page refers to one /Resources, one /MediaBox (libharu gives each
 * page its own, held until the save); its /Font names every font drawn. */
TEST(pages_share_their_resources)
{
    int res = -1, box = -1;
    const char *pages[] = { "1/Kids/1", "1/Kids/2", "1/Kids/4" };
    for (int i = 0; i < 3; i++) {
        CHECK_INT(sh("mutool show '%s' trailer/Root/Pages/Kids/%s/Resources",
                     main_pdf, pages[i]), 0);
        CHECK(strstr(out_text, "/ProcSet") && strstr(out_text, "/Font"));
        int r = first_number(out_text);
        CHECK(r > 0);
        CHECK(i == 0 || r == res);
        res = r;
        CHECK_INT(sh("mutool show '%s' trailer/Root/Pages/Kids/%s/MediaBox",
                     main_pdf, pages[i]), 0);
        int b = first_number(out_text);
        CHECK(b > 0);
        CHECK(i == 0 || b == box);
        box = b;
    }
    /* the fonts the pages' text uses resolve (poppler lists both) */
    CHECK_INT(sh("pdffonts '%s' | tail -n +3 | wc -l", main_pdf), 0);
    CHECK_INT(atoi(out_text), 2);
}

/* Load every glyph of s from face (components included) and sum the
 * outline points; -1 if a character is missing. */
static long points(FT_Face face, const char *s)
{
    long total = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned cp = *p, n = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
        if (n > 1)
            cp &= 0x3F >> (n - 1);
        for (unsigned i = 1; i < n; i++)
            cp = cp << 6 | (p[i] & 0x3F);
        p += n;
        FT_UInt gid = FT_Get_Char_Index(face, cp);
        if (!gid)
            return -1;
        if (FT_Load_Glyph(face, gid, FT_LOAD_NO_SCALE))
            return -1;
        total += face->glyph->outline.n_points;
    }
    return total;
}

/* The embedded subsets, extracted, draw every composite glyph with all its
 * points (a lost component has none) — the automated form of looking at
 * pdftoppm's rendering. */
/* A streamed document (pdf_begin, pdf_stream, pdf_end): its last pages
 * drawn first, as layout hands over a booklet's body, then its first as
 * front matter (before them), and the second, kept, drawn at the end
 * between them.  The file reads as the one pdf_write makes: the same
 * pages in the same order, the link from the first page landing on the
 * third, the same bookmarks and labels. */
TEST(streamed_pages_take_their_place)
{
    Diags d;
    diags_init(&d, stdout);
    PdfWriter *w = pdf_begin(in_dir("streamed.pdf"), NULL, &d);
    CHECK(w != NULL);
    if (!w) {
        diags_fini(&d);
        return;
    }
    DocList frame = doc;            /* the page size and fonts */
    frame.nfonts = 2;               /* the list grows as layout goes */
    CHECK(pdf_stream(w, &frame, &doc.pages[2], 1, false));
    frame.nfonts = 3;
    CHECK(pdf_stream(w, &frame, &doc.pages[3], 1, false));
    CHECK(pdf_stream(w, &frame, &doc.pages[0], 1, true));
    CHECK(!exists(in_dir("streamed.pdf")));     /* nothing before the end */
    DocList rest = doc;
    rest.pages = arena_array(&arena, doc.npages, sizeof *rest.pages);
    memcpy(rest.pages, doc.pages, doc.npages * sizeof *rest.pages);
    rest.pages[0] = rest.pages[2] = rest.pages[3] = (Page){ .sent = true };
    CHECK(pdf_end(w, &rest));
    CHECK_INT((int)d.n, 0);
    char got[256], want[256];
    snprintf(got, sizeof got, "%s", in_dir("streamed.pdf"));
    snprintf(want, sizeof want, "%s", in_dir("want.txt"));
    CHECK_INT(sh("qpdf --check '%s'", got), 0);
    for (int pg = 1; pg <= 4; pg++) {
        CHECK_INT(sh("pdftotext -f %d -l %d '%s' - > '%s'", pg, pg, main_pdf,
                     want), 0);
        CHECK_INT(sh("pdftotext -f %d -l %d '%s' - | cmp - '%s'", pg, pg, got,
                     want), 0);
    }
    CHECK_INT(sh("mutool show '%s' outline > '%s' && mutool show '%s' "
                 "outline | cmp - '%s'", main_pdf, want, got, want), 0);
    CHECK_INT(sh("qpdf --json=2 --json-key=pagelabels '%s' > '%s' && qpdf "
                 "--json=2 --json-key=pagelabels '%s' | cmp - '%s'", main_pdf,
                 want, got, want), 0);
    /* (mutool counts from 1; a streamed page's links come after its URI
     * links, made once every page exists) */
    CHECK_INT(sh("mutool show '%s' trailer/Root/Pages/Kids/1/Kids/1/Annots/2/Dest",
                 got), 0);
    int target = first_number(strchr(out_text, '['));
    CHECK_INT(sh("mutool show '%s' trailer/Root/Pages/Kids/1/Kids/3", got), 0);
    CHECK_INT(first_number(out_text), target);
    diags_fini(&d);

    /* A document that does not place the streamed pages is refused, and
     * nothing is written. */
    diags_init(&d, NULL);
    w = pdf_begin(in_dir("refused.pdf"), NULL, &d);
    CHECK(w && pdf_stream(w, &frame, &doc.pages[1], 1, false));
    CHECK(w && !pdf_end(w, &rest));             /* it says 3, not 1 */
    CHECK(!exists(in_dir("refused.pdf")));
    CHECK(strstr(message(&d), "refused.pdf: error: PDF backend: 1 page(s) "
                 "were streamed, but the document marks 3 of its 4 as sent"));
    diags_fini(&d);
    /* A streamed page that cannot be drawn (a font the frame does not
     * have): drawn on the writer's thread, reported by pdf_end, nothing
     * written; the pages count as done so layout may free them. */
    diags_init(&d, NULL);
    w = pdf_begin(in_dir("bad.pdf"), NULL, &d);
    DocList two = frame;
    two.nfonts = 1;                 /* page 2 (index 1) draws with font 1 */
    CHECK(w && pdf_stream(w, &two, &doc.pages[0], 1, false));
    CHECK(w && pdf_drawn(w, 1) == 1);
    CHECK(w && !pdf_stream(w, &frame, &doc.pages[1], 1, false));  /* stopped */
    CHECK(w && !pdf_end(w, &rest));
    CHECK(!exists(in_dir("bad.pdf")));
    CHECK(strstr(message(&d), "bad.pdf: error: PDF backend: text on page 1 "
                 "uses font 1, but there are 1 fonts") != NULL);
    diags_fini(&d);
    /* Abandoned: nothing written either. */
    diags_init(&d, NULL);
    w = pdf_begin(in_dir("abandoned.pdf"), NULL, &d);
    CHECK(w && pdf_stream(w, &frame, &doc.pages[1], 1, false));
    pdf_abandon(w);
    CHECK(!exists(in_dir("abandoned.pdf")));
    CHECK_INT((int)d.n, 0);
    diags_fini(&d);
}

TEST(composite_glyphs_complete)
{
    CHECK_INT(sh("cd '%s' && mkdir -p ex && cd ex && mutool extract '%s'",
                 dir, main_pdf), 0);
    CHECK_INT(sh("ls '%s'/ex/*.ttf", dir), 0);
    FT_Library ft;
    CHECK(FT_Init_FreeType(&ft) == 0);
    FT_Face noto = NULL, dejavu = NULL;
    bool loaded = FT_New_Face(ft, NOTO, 0, &noto) == 0;
    CHECK(loaded);
    if (loaded) {
        loaded = FT_New_Face(ft, DEJAVU, 0, &dejavu) == 0;
        CHECK(loaded);
    }
    if (!loaded) {
        if (noto)
            FT_Done_Face(noto);
        FT_Done_FreeType(ft);
        return;
    }
    int seen = 0;
    for (char *line = strtok(out_text, "\n"); line; line = strtok(NULL, "\n")) {
        FT_Face sub;
        if (FT_New_Face(ft, line, 0, &sub) != 0) {
            CHECK(!"embedded font loads");
            continue;
        }
        bool is_noto = strstr(sub->family_name, "Noto Serif") != NULL;
        FT_Face orig = is_noto ? noto : dejavu;
        const char *s = is_noto ? COMPOSITE_NOTO : COMPOSITE_DEJAVU;
        long want = points(orig, s), got = points(sub, s);
        CHECK(want > 0);
        if (got != want)
            printf("  %s: %ld points, want %ld\n", sub->family_name, got, want);
        CHECK_INT(got, want);
        seen++;
        FT_Done_Face(sub);
    }
    CHECK_INT(seen, 2);
    FT_Done_Face(noto);
    FT_Done_Face(dejavu);
    FT_Done_FreeType(ft);
}

TEST(tounicode_and_descriptor)
{
    CHECK_INT(sh("qpdf --qdf --object-streams=disable '%s' '%s'", main_pdf,
                 in_dir("qdf.pdf")), 0);
    size_t n;
    char *s = slurp(in_dir("qdf.pdf"), &n);
    CHECK(s != NULL);
    if (!s)
        return;
    CHECK_INT(count_in(s, n, "begincidrange"), 0);
    CHECK_INT(count_in(s, n, "/CMapType 2 def"), 2);
    CHECK(count_in(s, n, "beginbfchar") >= 2);
    CHECK_INT(count_in(s, n, "> <0141>\n"), 1);     /* Ł, Noto only */
    CHECK_INT(count_in(s, n, "> <1EC5>\n"), 2);     /* ễ, both */
    CHECK_INT(count_in(s, n, "/CIDToGIDMap /Identity"), 2);
    CHECK_INT(count_in(s, n, "/Encoding /Identity-H"), 2);
    CHECK_INT(count_in(s, n, "/Ordering (Identity-H)"), 0);
    CHECK_INT(count_in(s, n, "/Ordering (Identity)"), 2);
    CHECK_INT(count_in(s, n, "/CapHeight 714\n"), 1);    /* Noto Serif */
    CHECK_INT(count_in(s, n, "/CapHeight 729\n"), 1);    /* DejaVu Sans */
    free(s);
}

TEST(byte_identical)
{
    Diags d;
    diags_init(&d, stdout);
    CHECK(write_doc(&doc, "again.pdf", NULL, &d));
    size_t n1, n2;
    char *a = slurp(main_pdf, &n1), *b = slurp(in_dir("again.pdf"), &n2);
    CHECK(a && b && n1 == n2 && memcmp(a, b, n1) == 0);
    free(a);
    free(b);

    doc.timestamp = 1700000000;     /* 2023-11-14 22:13:20 UTC */
    CHECK(write_doc(&doc, "dated1.pdf", NULL, &d));
    CHECK(write_doc(&doc, "dated2.pdf", NULL, &d));
    doc.timestamp = -1;
    a = slurp(in_dir("dated1.pdf"), &n1);
    b = slurp(in_dir("dated2.pdf"), &n2);
    CHECK(a && b && n1 == n2 && memcmp(a, b, n1) == 0);
    free(a);
    free(b);
    CHECK_INT(sh("pdfinfo '%s' | grep Date", in_dir("dated1.pdf")), 0);
    CHECK_STR(out_text, "CreationDate:    Tue Nov 14 22:13:20 2023 UTC\n"
                        "ModDate:         Tue Nov 14 22:13:20 2023 UTC\n");
    diags_fini(&d);
}

/* ------------------------------------------------------------------ */
/* The content stream                                                   */
/* ------------------------------------------------------------------ */

/* Ten lines in one font and colour, a rectangle, two more lines: one BT
 * per text run, Tf once, colours only on change. */
TEST(content_stream_minimal)
{
    Arena a;
    arena_init(&a);
    DocList d1 = doc;
    Page pg = { .recto = true };
    d1.pages = &pg;
    d1.npages = 1;
    d1.outlines = NULL, d1.noutlines = 0;
    d1.labels = NULL, d1.nlabels = 0;
    for (int i = 0; i < 10; i++)
        add_text(&a, &pg, 0, 10, 50, 500 - 12 * i, "ligne");
    Item *r = page_add(&a, &pg, ITEM_RECT);
    r->x = 40, r->y = 300, r->w = 100, r->h = 50;
    r->color.space = COLOR_RGB;
    r->color.c[2] = 1;
    add_text(&a, &pg, 0, 10, 50, 280, "après");
    add_text(&a, &pg, 0, 10, 50, 268, "encore");
    Item *none = page_add(&a, &pg, ITEM_RECT);      /* COLOR_NONE: not drawn */
    none->w = none->h = 10;

    Diags d;
    diags_init(&d, stdout);
    PdfOptions o = pdf_options_default();
    o.compress = false;
    CHECK(write_doc(&d1, "plain.pdf", &o, &d));
    diags_fini(&d);
    CHECK_INT(sh("qpdf --check '%s'", in_dir("plain.pdf")), 0);
    CHECK_INT(sh("mutool show -b '%s' trailer/Root/Pages/Kids/1/Kids/1/Contents",
                 in_dir("plain.pdf")), 0);
    CHECK_INT(count(out_text, "BT\n"), 2);
    CHECK_INT(count(out_text, "ET\n"), 2);
    CHECK_INT(count(out_text, " Tf\n"), 1);
    CHECK_INT(count(out_text, " TJ\n"), 12);
    CHECK_INT(count(out_text, "0 g\n"), 2);         /* black, again after blue */
    CHECK_INT(count(out_text, "0 0 1 rg\n"), 1);
    CHECK_INT(count(out_text, " re\n"), 1);
    size_t n;
    char *s = slurp(in_dir("plain.pdf"), &n);
    CHECK(s && !strstr(s, "FlateDecode"));
    free(s);
    arena_free(&a);
}

/* Text the text stage never lets through (a character the font lacks,
 * malformed UTF-8) still makes a valid file: the emoji is drawn as the
 * font's .notdef, and its text still comes back from the ToUnicode map. */
TEST(odd_text)
{
    Arena a;
    arena_init(&a);
    DocList d1 = doc;
    Page pg = { .recto = true };
    d1.pages = &pg;
    d1.npages = 1;
    d1.outlines = NULL, d1.noutlines = 0;
    d1.labels = NULL, d1.nlabels = 0;
    add_text(&a, &pg, 0, 10, 50, 500, "a\xF0\x9F\x98\x80" "b");
    add_text(&a, &pg, 0, 10, 50, 480, "c\xC3(d\xFF\xE2\x82");
    add_text(&a, &pg, 0, 10, 50, 460, "");     /* nothing to draw */
    Diags d;
    diags_init(&d, stdout);
    CHECK(write_doc(&d1, "odd.pdf", NULL, &d));
    diags_fini(&d);
    CHECK_INT(sh("qpdf --check '%s'", in_dir("odd.pdf")), 0);
    CHECK_INT(sh("pdftotext -raw '%s' -", in_dir("odd.pdf")), 0);
    CHECK_STR(err_text, "");
    CHECK(strncmp(out_text, "a\xF0\x9F\x98\x80" "b\n", 7) == 0);
    arena_free(&a);
}

/* ------------------------------------------------------------------ */
/* Structure edge cases                                                 */
/* ------------------------------------------------------------------ */

TEST(labels_and_outline_levels)
{
    DocList d1 = doc;
    LabelRange late[] = { { 2, LABEL_ROMAN_UPPER, 5 } };
    d1.labels = late;
    d1.nlabels = 1;
    Outline skip[] = {
        { 1, "Orphan", 0, 100 },    /* level 1 first: hangs at the top */
        { 0, "Day", 1, 200 },
        { 2, "Deep", 2, 300 },      /* skips level 1: hangs under Day */
    };
    d1.outlines = skip;
    d1.noutlines = 3;
    Diags d;
    diags_init(&d, stdout);
    CHECK(write_doc(&d1, "edge.pdf", NULL, &d));
    diags_fini(&d);
    CHECK_INT(sh("qpdf --json=2 --json-key=pagelabels '%s' | tr -d ' \\n'",
                 in_dir("edge.pdf")), 0);
    CHECK(strstr(out_text, "\"pagelabels\":["
                 "{\"index\":0,\"label\":{\"/S\":\"/D\",\"/St\":1}},"
                 "{\"index\":2,\"label\":{\"/S\":\"/R\",\"/St\":5}}]") != NULL);
    CHECK_INT(sh("mutool show '%s' outline | sed 's/\t#page.*//'",
                 in_dir("edge.pdf")), 0);
    CHECK_STR(out_text, "|\t\"Orphan\"\n"
                        "-\t\"Day\"\n"
                        "|\t\t\"Deep\"\n");
}

/* ------------------------------------------------------------------ */
/* Failures: reported, nothing written                                  */
/* ------------------------------------------------------------------ */

/* Write d1 to a path holding "previous"; expect failure with message
 * want (prefix match) and the old contents intact. */
static void expect_failure(const DocList *d1, const char *name,
                           const char *want)
{
    const char *path = in_dir(name);
    FILE *f = fopen(path, "w");
    if (f) {
        fputs("previous", f);
        fclose(f);
    }
    Diags d;
    diags_init(&d, NULL);
    CHECK(!pdf_write(d1, path, NULL, &d));
    char full[1024];
    snprintf(full, sizeof full, "%s: error: %s", path, want);
    const char *got = message(&d);
    if (strncmp(got, full, strlen(full)) != 0)
        printf("   got: %s\n  want: %s...\n", got, full);
    CHECK(strncmp(got, full, strlen(full)) == 0);
    char *s = slurp(path, NULL);
    CHECK_STR(s, "previous");
    free(s);
    diags_fini(&d);
}

TEST(missing_directory)
{
    Diags d;
    diags_init(&d, NULL);
    const char *path = in_dir("nope/x.pdf");
    CHECK(!pdf_write(&doc, path, NULL, &d));
    char want[512];
    snprintf(want, sizeof want,
             "%s: error: cannot write: No such file or directory", path);
    CHECK_STR(message(&d), want);
    CHECK(!exists(path));
    CHECK(!exists(in_dir("nope")));
    diags_fini(&d);
}

TEST(dev_full)
{
    Diags d;
    diags_init(&d, NULL);
    CHECK(!pdf_write(&doc, "/dev/full", NULL, &d));
    CHECK_STR(message(&d),
              "/dev/full: error: cannot write: No space left on device");
    diags_fini(&d);
}

TEST(missing_font)
{
    DocList d1 = doc;
    FontRef bad[] = { { "/nonexistent/X.ttf", "X", 1000, 0 }, fonts[1] };
    d1.fonts = bad;
    d1.nfonts = 2;
    expect_failure(&d1, "badfont.pdf",
                   "PDF backend: cannot read the file while "
                   "loading font /nonexistent/X.ttf");
}

TEST(not_a_font)
{
    DocList d1 = doc;
    FontRef bad[] = { { "/etc/passwd", "X", 1000, 0 }, fonts[1] };
    d1.fonts = bad;
    d1.nfonts = 2;
    expect_failure(&d1, "notfont.pdf",
                   "PDF backend: not a TrueType or OpenType (CFF) font "
                   "while loading font /etc/passwd");
}

TEST(bad_references)
{
    Arena a;
    arena_init(&a);
    DocList d1 = doc;
    Page pg[2] = { { .recto = true }, { .recto = false } };
    d1.pages = pg;
    d1.npages = 2;
    d1.outlines = NULL, d1.noutlines = 0;
    d1.labels = NULL, d1.nlabels = 0;
    Item *it = page_add(&a, &pg[1], ITEM_LINK);
    it->u.link.page = 9;
    expect_failure(&d1, "badlink.pdf", "PDF backend: link on page 2 goes to "
                   "page 10, but there are 2 pages");

    it->kind = ITEM_TEXT;
    it->u.text.font = 7;
    it->u.text.size = 10;
    it->u.text.utf8 = "x";
    expect_failure(&d1, "badfontref.pdf", "PDF backend: text on page 2 uses "
                   "font 7, but there are 3 fonts");

    it->u.text.font = 0;
    it->y = NAN;
    expect_failure(&d1, "nan.pdf", "PDF backend: an item on page 2 has a "
                   "coordinate that is not a number");

    it->y = 0;
    it->kind = ITEM_LINE;
    it->u.line.width = -1;
    expect_failure(&d1, "negwidth.pdf", "PDF backend: line on page 2 has a "
                   "negative width");

    it->kind = ITEM_URI;
    it->u.uri.uri = NULL;
    expect_failure(&d1, "nouri.pdf", "PDF backend: URI link on page 2 has no "
                   "URI");

    it->kind = ITEM_RECT;
    Outline o[] = { { 0, "x", 5, 0 } };
    d1.outlines = o;
    d1.noutlines = 1;
    expect_failure(&d1, "badoutline.pdf", "PDF backend: bookmark 1 goes to "
                   "page 6, but there are 2 pages");

    d1.noutlines = 0;
    LabelRange l[] = { { 1, LABEL_DECIMAL, 1 }, { 1, LABEL_DECIMAL, 1 } };
    d1.labels = l;
    d1.nlabels = 2;
    expect_failure(&d1, "badlabel.pdf", "PDF backend: page label range 2 "
                   "starts at page 2: out of order or past the last page");
    d1.nlabels = 0;

    d1.width = 1;       /* below libharu's 3 pt minimum */
    expect_failure(&d1, "tiny.pdf", "PDF backend: libharu error 0x1054 "
                   "(detail 0) while setting the page width on page 1");
    d1.width = doc.width;

    d1.timestamp = (long long)1e17;
    expect_failure(&d1, "when.pdf", "PDF backend: timestamp "
                   "100000000000000000 is out of range");
    arena_free(&a);
}

/* ------------------------------------------------------------------ */
/* Size and speed                                                       */
/* ------------------------------------------------------------------ */

TEST(thousand_pages)
{
    /* Under valgrind (tests/run.sh sets LIVRET_WRAP) a smaller book. */
    const char *wrap = getenv("LIVRET_WRAP");
    bool slow = wrap && *wrap;
    size_t npages = slow ? 40 : 1000;
    Arena a;
    arena_init(&a);
    DocList d1;
    memset(&d1, 0, sizeof d1);
    d1.width = 419.53;
    d1.height = 595.28;
    d1.npages = npages;
    d1.pages = arena_array(&a, npages, sizeof *d1.pages);
    d1.fonts = fonts;
    d1.nfonts = 2;
    d1.timestamp = -1;
    for (size_t i = 0; i < npages; i++) {
        Page *p = &d1.pages[i];
        p->recto = i % 2 == 0;
        add_text(&a, p, 1, 14, 56, 540, "Jour 3 — Mercredi");
        for (int k = 0; k < 40; k++)
            add_text(&a, p, 0, 9.5, 56, 520 - 11.5 * k,
                     "Séance plénière : l’économie sociale à Łódź et Hà Nội");
    }
    Diags d;
    diags_init(&d, stdout);
    /* How fast is measured by `make bench`, never here. */
    CHECK(write_doc(&d1, "big.pdf", NULL, &d));
    diags_fini(&d);
    CHECK_INT(sh("qpdf --check '%s' >/dev/null && pdfinfo '%s' | grep '^Pages:'",
                 in_dir("big.pdf"), in_dir("big.pdf")), 0);
    char want[64];
    snprintf(want, sizeof want, "Pages:           %zu\n", npages);
    CHECK_STR(out_text, want);
    struct stat st;
    CHECK(stat(in_dir("big.pdf"), &st) == 0);
    if (!slow)
        CHECK(st.st_size < 2 * 1024 * 1024);
    arena_free(&a);
}

int main(void)
{
    /* Without its fonts nothing here can pass: say so once and stop. */
    const char *fixtures[] = { NOTO, DEJAVU, UNUSED_FONT };
    for (size_t i = 0; i < sizeof fixtures / sizeof *fixtures; i++)
        if (access(fixtures[i], R_OK) != 0) {
            printf("FAIL test_pdf: fixture %s: %s (run from the repository "
                   "root)\n", fixtures[i], strerror(errno));
            harness_fail++;
        }
    if (harness_fail)
        return harness_done();
    snprintf(dir, sizeof dir, "/tmp/livret-pdf-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    arena_init(&arena);
    RUN(writes);
    RUN(fonts_embedded_subset_unicode);
    RUN(text_extracts_without_warnings);
    RUN(text_survives_ghostscript);
    RUN(renders_cleanly);
    RUN(info_and_catalog);
    RUN(bookmarks);
    RUN(page_labels);
    RUN(links);
    RUN(pages_share_their_resources);
    RUN(streamed_pages_take_their_place);
    RUN(composite_glyphs_complete);
    RUN(tounicode_and_descriptor);
    RUN(byte_identical);
    RUN(content_stream_minimal);
    RUN(odd_text);
    RUN(labels_and_outline_levels);
    RUN(missing_directory);
    RUN(dev_full);
    RUN(missing_font);
    RUN(not_a_font);
    RUN(bad_references);
    RUN(thousand_pages);
    arena_free(&arena);
    free(out_text);
    free(err_text);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (getenv("LIVRET_KEEP"))          /* to look at the files */
        printf("note: files kept in %s\n", dir);
    else if (system(cmd) != 0)
        printf("note: could not remove %s\n", dir);
    return harness_done();
}
