#include "display/dump.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A number as "%.2f" with the sign of zero dropped; buf holds 32. */
static const char *num(char buf[32], double v)
{
    if (isnan(v))
        return "nan";
    if (isinf(v))
        return v > 0 ? "inf" : "-inf";
    snprintf(buf, 32, "%.2f", v);
    if (strcmp(buf, "-0.00") == 0)
        return "0.00";
    return buf;
}

static void put_num(FILE *out, double v)
{
    char buf[32];
    fputs(num(buf, v), out);
}

/* "x,y" */
static void put_point(FILE *out, double x, double y)
{
    put_num(out, x);
    fputc(',', out);
    put_num(out, y);
}

/* "wxh" */
static void put_size(FILE *out, double w, double h)
{
    put_num(out, w);
    fputc('x', out);
    put_num(out, h);
}

static void put_string(FILE *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    fputc('"', out);
    for (; *p; p++) {
        if (*p == '"' || *p == '\\') {
            fputc('\\', out);
            fputc(*p, out);
        } else if (*p < 0x20 || *p == 0x7f) {
            fprintf(out, "\\u%04X", *p);
        } else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
            fprintf(out, "\\u%04X", p[1]);      /* C1 control, U+0080-009F */
            p++;
        } else {
            fputc(*p, out);
        }
    }
    fputc('"', out);
}

/* " key "value"" when s is not NULL. */
static void put_opt(FILE *out, const char *key, const char *s)
{
    if (!s)
        return;
    fprintf(out, " %s ", key);
    put_string(out, s);
}

static void put_color(FILE *out, const Color *c)
{
    static const char *const names[] = { "none", "gray", "rgb", "cmyk" };
    static const int ncomp[] = { 0, 1, 3, 4 };
    int sp = (int)c->space;
    if (sp < 0 || sp > 3) {
        fprintf(out, "color%d", sp);
        return;
    }
    fputs(names[sp], out);
    if (!ncomp[sp])
        return;
    fputc('(', out);
    for (int i = 0; i < ncomp[sp]; i++) {
        if (i)
            fputc(',', out);
        put_num(out, c->c[i]);
    }
    fputc(')', out);
}

static void put_text(FILE *out, const Item *it)
{
    fprintf(out, "text f%d ", it->u.text.font);
    put_num(out, it->u.text.size);
    fputc(' ', out);
    put_point(out, it->x, it->y);
    fputs(" w ", out);
    put_num(out, it->w);
    if (it->u.text.hscale > 0 && it->u.text.hscale != 1) {
        fputs(" x", out);   /* font expansion, e.g. x1.01 */
        put_num(out, it->u.text.hscale);
    }
    fputc(' ', out);
    put_color(out, &it->color);
    fputc(' ', out);
    put_string(out, it->u.text.utf8 ? it->u.text.utf8 : "");
}

static void put_item(FILE *out, const Item *it)
{
    fputs("  ", out);
    switch (it->kind) {
    case ITEM_TEXT:
        put_text(out, it);
        break;
    case ITEM_RECT:
        fputs("rect ", out);
        put_point(out, it->x, it->y);
        fputc(' ', out);
        put_size(out, it->w, it->h);
        fputc(' ', out);
        put_color(out, &it->color);
        break;
    case ITEM_LINE:
        fputs("line ", out);
        put_point(out, it->x, it->y);
        fputc(' ', out);
        put_point(out, it->u.line.x2, it->u.line.y2);
        fputs(" w ", out);
        put_num(out, it->u.line.width);
        fputc(' ', out);
        put_color(out, &it->color);
        break;
    case ITEM_LINK:
        fputs("link ", out);
        put_point(out, it->x, it->y);
        fputc(' ', out);
        put_size(out, it->w, it->h);
        fprintf(out, " page %d top ", it->u.link.page + 1);
        put_num(out, it->u.link.top);
        break;
    case ITEM_URI:
        fputs("uri ", out);
        put_point(out, it->x, it->y);
        fputc(' ', out);
        put_size(out, it->w, it->h);
        fputc(' ', out);
        put_string(out, it->u.uri.uri ? it->u.uri.uri : "");
        break;
    case ITEM_IMAGE:
        fputs("image ", out);
        put_point(out, it->x, it->y);
        fputc(' ', out);
        put_size(out, it->w, it->h);
        fprintf(out, " px %dx%d %s ", it->u.image.px_w, it->u.image.px_h,
                !it->u.image.samples ? "as-given"
                : it->u.image.ncomp == 4 ? "cmyk" : "grey");
        put_string(out, it->u.image.path ? it->u.image.path : "");
        if (it->u.image.clip[2] > it->u.image.clip[0]) {
            fputs(" clip ", out);
            put_point(out, it->u.image.clip[0], it->u.image.clip[1]);
            fputc(' ', out);
            put_point(out, it->u.image.clip[2], it->u.image.clip[3]);
        }
        break;
    default:
        fprintf(out, "item%d", (int)it->kind);
        break;
    }
    fputc('\n', out);
}

static void put_doc(FILE *out, const DocList *doc)
{
    fputs("doc ", out);
    put_size(out, doc->width, doc->height);
    fprintf(out, " pages %zu fonts %zu", doc->npages, doc->nfonts);
    put_opt(out, "lang", doc->lang);
    put_opt(out, "title", doc->title);
    put_opt(out, "author", doc->author);
    put_opt(out, "subject", doc->subject);
    if (doc->timestamp >= 0)
        fprintf(out, " timestamp %lld", doc->timestamp);
    fputc('\n', out);
}

static void put_page(FILE *out, const Page *pg, size_t index)
{
    fprintf(out, "page %zu %s", index + 1, pg->recto ? "recto" : "verso");
    put_opt(out, "label", pg->label);
    fputc('\n', out);
    PageIter pi = page_iter(pg);
    Item it;
    while (page_next(&pi, &it))
        put_item(out, &it);
}

static const char *label_style(const LabelRange *l)
{
    switch (l->style) {
    case LABEL_DECIMAL: return "decimal";
    case LABEL_ROMAN_LOWER: return "roman-lower";
    case LABEL_ROMAN_UPPER: return "roman-upper";
    }
    return "unknown";
}

bool dump_write(const DocList *doc, FILE *out)
{
    put_doc(out, doc);
    for (size_t i = 0; i < doc->nfonts; i++) {
        fprintf(out, "font %zu ", i);
        put_string(out, doc->fonts[i].name ? doc->fonts[i].name : "");
        fprintf(out, " upem %d\n", doc->fonts[i].units_per_em);
    }
    for (size_t i = 0; i < doc->npages; i++)
        put_page(out, &doc->pages[i], i);
    for (size_t i = 0; i < doc->noutlines; i++) {
        const Outline *o = &doc->outlines[i];
        fprintf(out, "outline %d ", o->level);
        put_string(out, o->title ? o->title : "");
        fprintf(out, " page %d top ", o->page + 1);
        put_num(out, o->top);
        fputc('\n', out);
    }
    for (size_t i = 0; i < doc->nlabels; i++) {
        const LabelRange *l = &doc->labels[i];
        fprintf(out, "label page %d %s %d\n", l->first_page + 1,
                label_style(l), l->first_number);
    }
    return fflush(out) == 0 && !ferror(out);
}

char *dump_string(const DocList *doc)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&buf, &size);
    if (!out)
        return NULL;
    bool ok = dump_write(doc, out);
    if (fclose(out) != 0 || !ok) {
        free(buf);
        return NULL;
    }
    return buf;
}
