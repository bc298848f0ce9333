/* floor — the cheapest booklet libharu can write: the benchmark's floor.
 *
 *   floor TEXT FONTDIR OUT.pdf
 *
 * Sets the text that bench/gen.py --text prints (one paragraph a line, a
 * style letter first) in the fonts, sizes, leadings and mirrored A5 page
 * geometry of layouts/a5-booklet.yaml, with no layout intelligence: greedy
 * lines measured by libharu, ragged right, no hyphenation, no kerning, no
 * font fallback, no keeps, no front matter, one ShowText per line.  What
 * livret costs above this is what its typography costs.
 *
 * The output is written the way livret writes (libharu's memory stream,
 * then write and fsync), so both pay the same I/O.  Prints "floor: N pages"
 * on stderr.  Exit 1 on any error.
 */
#include <hpdf.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MM(x) ((x) * 72.0 / 25.4)

/* layouts/a5-booklet.yaml */
static const double page_w = 419.53, page_h = 595.28;
static const double m_top = MM(17), m_bottom = MM(20), m_inner = MM(18),
                    m_outer = MM(14);

typedef struct Style {
    char code;
    int font;           /* index into fonts[] */
    double size, leading, before;
} Style;

enum { SERIF, SANS, SANS_BOLD, NFONTS };
static const char *const font_files[NFONTS] = {
    "NotoSerif-Regular.ttf", "NotoSans-Regular.ttf", "NotoSans-Bold.ttf"
};
static const Style styles[] = {
    { 'T', SANS_BOLD, 14, 17, 6 },      /* title */
    { 'M', SANS, 8, 10.5, 0 },          /* meta */
    { 'P', SERIF, 9.5, 12.5, 4 },       /* body, summary, item */
    { 'H', SANS_BOLD, 9.5, 12, 8 },     /* heading */
    { 'S', SANS_BOLD, 9, 11.5, 3 },     /* speaker-name */
    { 'D', SANS, 8, 10, 0 },            /* speaker-detail */
};

static void on_error(HPDF_STATUS e, HPDF_STATUS detail, void *data)
{
    (void)data;
    fprintf(stderr, "floor: libharu error 0x%04X (detail %u)\n",
            (unsigned)e, (unsigned)detail);
    exit(1);
}

typedef struct Writer {
    HPDF_Doc pdf;
    HPDF_Font fonts[NFONTS];
    HPDF_Page page;
    int npages;
    double y;           /* baseline of the next line */
} Writer;

static double left_margin(const Writer *w)
{
    /* Page 1 is a recto: its binding (inner) side is on the left. */
    return w->npages % 2 ? m_inner : m_outer;
}

static void new_page(Writer *w)
{
    if (w->page)
        HPDF_Page_EndText(w->page);
    w->page = HPDF_AddPage(w->pdf);
    HPDF_Page_SetWidth(w->page, page_w);
    HPDF_Page_SetHeight(w->page, page_h);
    w->npages++;
    w->y = page_h - m_top;
    HPDF_Page_BeginText(w->page);
}

/* One line at the left margin; a new page when it does not fit. */
static void put_line(Writer *w, const Style *s, const char *text)
{
    if (w->y - s->leading < m_bottom)
        new_page(w);
    w->y -= s->leading;
    HPDF_Page_SetFontAndSize(w->page, w->fonts[s->font], s->size);
    HPDF_Page_SetTextMatrix(w->page, 1, 0, 0, 1, left_margin(w), w->y);
    HPDF_Page_ShowText(w->page, text);
}

/* Greedy lines: as many whole words as fit, measured by libharu. */
static void paragraph(Writer *w, const Style *s, char *text)
{
    double width = page_w - m_inner - m_outer;
    HPDF_Page_SetFontAndSize(w->page, w->fonts[s->font], s->size);
    w->y -= s->before;
    char *p = text;
    while (*p) {
        char *end = p, *fit = NULL;
        for (;;) {
            char *sp = strchr(end, ' ');
            char save = sp ? *sp : '\0';
            if (sp)
                *sp = '\0';
            double tw = HPDF_Page_TextWidth(w->page, p);
            if (sp)
                *sp = save;
            if (tw > width && fit)
                break;
            fit = sp ? sp : end + strlen(end);
            if (!sp || tw > width)
                break;
            end = sp + 1;
        }
        char save = *fit;
        *fit = '\0';
        put_line(w, s, p);
        *fit = save;
        p = *fit ? fit + 1 : fit;
    }
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: floor TEXT FONTDIR OUT.pdf\n");
        return 2;
    }
    FILE *in = fopen(argv[1], "r");
    if (!in) {
        perror(argv[1]);
        return 1;
    }
    Writer w = { 0 };
    w.pdf = HPDF_New(on_error, NULL);
    if (!w.pdf)
        return 1;
    HPDF_SetCompressionMode(w.pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(w.pdf);
    HPDF_SetCurrentEncoder(w.pdf, "UTF-8");
    for (int i = 0; i < NFONTS; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", argv[2], font_files[i]);
        const char *name = HPDF_LoadTTFontFromFile(w.pdf, path, HPDF_TRUE);
        w.fonts[i] = HPDF_GetFont(w.pdf, name, "UTF-8");
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    new_page(&w);
    int fresh = 1;      /* the current page is still empty */
    while ((n = getline(&line, &cap, in)) > 0) {
        if (line[n - 1] == '\n')
            line[--n] = '\0';
        if (line[0] == 'N') {           /* each session starts a page */
            if (!fresh)
                new_page(&w);
            fresh = 1;
            continue;
        }
        for (size_t k = 0; k < sizeof styles / sizeof styles[0]; k++)
            if (styles[k].code == line[0] && n > 2) {
                paragraph(&w, &styles[k], line + 2);
                fresh = 0;
            }
    }
    free(line);
    fclose(in);
    HPDF_Page_EndText(w.page);
    HPDF_SaveToStream(w.pdf);
    HPDF_UINT32 size = HPDF_GetStreamSize(w.pdf);
    unsigned char *buf = malloc(size ? size : 1);
    HPDF_ResetStream(w.pdf);
    HPDF_UINT32 got = size;
    HPDF_ReadFromStream(w.pdf, buf, &got);
    int fd = open(argv[3], O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (fd < 0 || write(fd, buf, got) != (ssize_t)got || fsync(fd) != 0
        || close(fd) != 0) {
        perror(argv[3]);
        return 1;
    }
    free(buf);
    HPDF_Free(w.pdf);
    fprintf(stderr, "floor: %d pages\n", w.npages);
    return 0;
}
