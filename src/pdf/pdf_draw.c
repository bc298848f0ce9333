/* pdf_draw — a page's items as content-stream operators, its links and
 * their destinations (pdf_impl.h). */
#include "pdf/pdf_impl.h"
#include "pdf/pdffix.h"
#include "pdf/textout.h"
#include "base/xalloc.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Colours and fonts                                                    */
/* ------------------------------------------------------------------ */

static double unit(double v)
{
    return v > 1 ? 1 : v >= 0 ? v : 0;      /* NaN -> 0 */
}

/* c with components clamped; NONE becomes black. */
static Color effective(const Color *c)
{
    Color e = { COLOR_GRAY, { 0, 0, 0, 0 } };
    if (c->space == COLOR_GRAY || c->space == COLOR_RGB ||
        c->space == COLOR_CMYK) {
        e.space = c->space;
        for (int i = 0; i < 4; i++)
            e.c[i] = unit(c->c[i]);
    }
    return e;
}

static bool same_color(const Color *a, const Color *b)
{
    return a->space == b->space && a->c[0] == b->c[0] &&
           a->c[1] == b->c[1] && a->c[2] == b->c[2] && a->c[3] == b->c[3];
}

/* libharu's three colour setters for filling or stroking. */
typedef struct ColorOps {
    HPDF_STATUS (*rgb)(HPDF_Page, HPDF_REAL, HPDF_REAL, HPDF_REAL);
    HPDF_STATUS (*cmyk)(HPDF_Page, HPDF_REAL, HPDF_REAL, HPDF_REAL,
                        HPDF_REAL);
    HPDF_STATUS (*gray)(HPDF_Page, HPDF_REAL);
    const char *what;
} ColorOps;

static const ColorOps FILL = { HPDF_Page_SetRGBFill, HPDF_Page_SetCMYKFill,
                               HPDF_Page_SetGrayFill,
                               "setting the fill colour" };
static const ColorOps STROKE = { HPDF_Page_SetRGBStroke,
                                 HPDF_Page_SetCMYKStroke,
                                 HPDF_Page_SetGrayStroke,
                                 "setting the stroke colour" };

/* Set c with ops unless *cur already is c. */
static bool set_color(Writer *w, const ColorOps *ops, Color *cur,
                      const Color *c)
{
    if (same_color(cur, c))
        return true;
    const double *v = c->c;
    HPDF_STATUS ret =
        c->space == COLOR_RGB
            ? ops->rgb(w->page, (HPDF_REAL)v[0], (HPDF_REAL)v[1],
                       (HPDF_REAL)v[2])
        : c->space == COLOR_CMYK
            ? ops->cmyk(w->page, (HPDF_REAL)v[0], (HPDF_REAL)v[1],
                        (HPDF_REAL)v[2], (HPDF_REAL)v[3])
            : ops->gray(w->page, (HPDF_REAL)v[0]);
    *cur = *c;
    return pdf_check(w, ret, ops->what);
}

static bool set_fill(Writer *w, const Color *c)
{
    return set_color(w, &FILL, &w->fill, c);
}

static bool set_stroke(Writer *w, const Color *c)
{
    return set_color(w, &STROKE, &w->stroke, c);
}

/* ------------------------------------------------------------------ */
/* Items                                                                */
/* ------------------------------------------------------------------ */

static bool begin_text(Writer *w)
{
    if (w->in_text)
        return true;
    w->in_text = true;
    return pdf_check(w, HPDF_Page_BeginText(w->page), "beginning text");
}

static bool end_text(Writer *w)
{
    if (!w->in_text)
        return true;
    w->in_text = false;
    return pdf_check(w, HPDF_Page_EndText(w->page), "ending text");
}

static bool draw_text(Writer *w, const Item *it)
{
    int fi = it->u.text.font;
    if (fi < 0 || (size_t)fi >= w->doc->nfonts)
        return pdf_invalid(w, "text on page %zu uses font %d, but there are %zu "
                       "fonts", w->pageno, fi, w->doc->nfonts);
    if (!it->u.text.nglyphs)
        return true;
    if (!it->u.text.glyphs || !it->u.text.utf8)
        return pdf_invalid(w, "text on page %zu has glyphs but no text",
                       w->pageno);
    HPDF_Dict f = fontembed_font(&w->fe, fi);
    if (!f) {
        char what[1024];
        snprintf(what, sizeof what, "loading font %s",
                 w->doc->fonts[fi].path ? w->doc->fonts[fi].path : "(none)");
        w->pageno = 0;          /* the font, not the page, is the problem */
        return pdf_fail(w, HPDF_OK, what);
    }
    bool actual;
    if (!fontembed_record(&w->fe, it, &actual))
        return pdf_fail(w, HPDF_OK, "drawing text");
    if (!begin_text(w))
        return false;
    HPDF_Stream st = ((HPDF_PageAttr)w->page->attr)->stream;
    if (w->font != fi || w->size != it->u.text.size) {
        w->font = fi;
        w->size = it->u.text.size;
        /* libharu's resource naming takes any dict (libharu.md §1). */
        const char *name = HPDF_Page_GetLocalFontName(w->page, f);
        if (!name)
            return pdf_fail(w, HPDF_OK, "adding a font to the page");
        if (!pdf_check(w, textout_font(st, name, w->size), "setting the font"))
            return false;
    }
    /* Font expansion (issue 16): Tz scales glyphs, advances and TJ
     * adjustments, not the Tm that places the run. */
    double hs = it->u.text.hscale > 0 ? it->u.text.hscale : 1;
    if (hs != w->hscale) {
        if (!pdf_check(w, textout_scale(st, hs), "setting the horizontal scaling"))
            return false;
        w->hscale = hs;
    }
    Color c = effective(&it->color);
    if (!set_fill(w, &c))
        return false;
    return pdf_check(w, textout_show(st, &w->fe, it, actual), "drawing text");
}

static bool draw_rect(Writer *w, const Item *it)
{
    if (it->color.space == COLOR_NONE)
        return true;
    Color c = effective(&it->color);
    if (!end_text(w) || !set_fill(w, &c))
        return false;
    HPDF_STATUS ret = HPDF_Page_Rectangle(w->page, (HPDF_REAL)it->x,
                                          (HPDF_REAL)it->y, (HPDF_REAL)it->w,
                                          (HPDF_REAL)it->h);
    return pdf_check(w, ret, "drawing a rectangle")
        && pdf_check(w, HPDF_Page_Fill(w->page), "filling a rectangle");
}

static bool draw_line(Writer *w, const Item *it)
{
    if (it->u.line.width < 0)   /* libharu 2.3.0 would write it */
        return pdf_invalid(w, "line on page %zu has a negative width",
                       w->pageno);
    Color c = effective(&it->color);
    if (!end_text(w) || !set_stroke(w, &c))
        return false;
    if (w->line_width != it->u.line.width) {
        w->line_width = it->u.line.width;
        if (!pdf_check(w, HPDF_Page_SetLineWidth(w->page,
                                             (HPDF_REAL)w->line_width),
                   "setting the line width"))
            return false;
    }
    HPDF_Page pg = w->page;
    return pdf_check(w, HPDF_Page_MoveTo(pg, (HPDF_REAL)it->x, (HPDF_REAL)it->y),
                 "drawing a line")
        && pdf_check(w, HPDF_Page_LineTo(pg, (HPDF_REAL)it->u.line.x2,
                                     (HPDF_REAL)it->u.line.y2),
                 "drawing a line")
        && pdf_check(w, HPDF_Page_Stroke(pg), "stroking a line");
}

static HPDF_Rect item_rect(const Item *it)
{
    HPDF_Rect r = { (HPDF_REAL)it->x, (HPDF_REAL)it->y,
                    (HPDF_REAL)(it->x + it->w), (HPDF_REAL)(it->y + it->h) };
    return r;
}

static size_t dest_hash(int p, float top, size_t mask)
{
    uint32_t bits = 0;
    if (top != 0)               /* (0 and -0 are one place) */
        memcpy(&bits, &top, sizeof bits);
    return (((uint32_t)p * 2654435761u) ^ (bits * 40503u)) & mask;
}

/* A destination showing the top of page index p at height top, made
 * once (destinations are indirect objects, so any number of links and
 * bookmarks may point to one); NULL after reporting. */
HPDF_Destination pdf_dest_to(Writer *w, int p, double top)
{
    float t = (float)top;       /* (what libharu writes: HPDF_REAL) */
    if (2 * (w->ndests + 1) > w->capdests) {
        size_t cap = w->capdests ? 2 * w->capdests : 1024;
        struct DestSlot *v = xcalloc(cap, sizeof *v);
        for (size_t i = 0; i < w->capdests; i++) {
            if (!w->dests[i].dst)
                continue;
            size_t h = dest_hash(w->dests[i].page, w->dests[i].top, cap - 1);
            while (v[h].dst)
                h = (h + 1) & (cap - 1);
            v[h] = w->dests[i];
        }
        free(w->dests);
        w->dests = v;
        w->capdests = cap;
    }
    size_t h = dest_hash(p, t, w->capdests - 1);
    for (; w->dests[h].dst; h = (h + 1) & (w->capdests - 1))
        if (w->dests[h].page == p && w->dests[h].top == t)
            return w->dests[h].dst;
    HPDF_Destination dst = HPDF_Page_CreateDestination(w->pages[p]);
    if (!dst) {
        pdf_fail(w, HPDF_OK, "creating a destination");
        return NULL;
    }
    if (!pdf_check(w, pdffix_dest_top(dst, (HPDF_REAL)top),
               "setting a destination"))
        return NULL;
    w->dests[h] = (struct DestSlot){ dst, p, t };
    w->ndests++;
    return dst;
}

/* The border every link shares, [0 0 0] (libharu's
 * HPDF_LinkAnnot_SetBorderStyle gives each link an array of its own). */
static HPDF_Array no_border(Writer *w)
{
    if (!w->no_border) {
        HPDF_Array b = HPDF_Array_New(w->pdf->mmgr);
        if (!b || !pdf_check(w, HPDF_Xref_Add(w->pdf->xref, b),
                         "making the links' border") ||
            !pdf_check(w, HPDF_Array_AddNumber(b, 0), "making the links' border") ||
            !pdf_check(w, HPDF_Array_AddNumber(b, 0), "making the links' border") ||
            !pdf_check(w, HPDF_Array_AddNumber(b, 0), "making the links' border")) {
            if (!b)
                pdf_fail(w, HPDF_OK, "making the links' border");
            return NULL;
        }
        w->no_border = b;
    }
    return w->no_border;
}

/* The annotation of link l; its target page exists. */
static bool make_link(Writer *w, const PendingLink *l)
{
    long long target = l->target >= LINK_AFTER_FRONT
        ? (long long)w->doc->front + (l->target - LINK_AFTER_FRONT)
        : l->target;
    if (target < 0 || (size_t)target >= w->doc->npages)
        return pdf_invalid(w, "link on page %zu goes to page %lld, but there are "
                       "%zu pages", l->pageno, target + 1, w->doc->npages);
    HPDF_Destination dst = pdf_dest_to(w, (int)target, l->top);
    HPDF_Array border = dst ? no_border(w) : NULL;
    return border && pdf_check(w, pdffix_link(l->from, l->rect, dst, border),
                               "creating a link");
}

/* An internal link: made now if every page exists (pdf_end's pages),
 * else when they do (a streamed page's, make_links). */
static bool add_link(Writer *w, const Item *it)
{
    PendingLink l = { w->page, item_rect(it), it->u.link.page,
                      it->u.link.top, w->pageno };
    if (w->pages)
        return make_link(w, &l);
    if (w->nlinks == w->caplinks) {
        w->caplinks = w->caplinks ? 2 * w->caplinks : 64;
        w->links = xreallocarray(w->links, w->caplinks, sizeof *w->links);
    }
    w->links[w->nlinks++] = l;
    return true;
}

bool pdf_make_links(Writer *w)
{
    for (size_t i = 0; i < w->nlinks; i++) {
        w->pageno = w->links[i].pageno;
        if (!make_link(w, &w->links[i]))
            return false;
    }
    w->pageno = 0;
    return true;
}

static bool add_uri(Writer *w, const Item *it)
{
    if (!it->u.uri.uri)
        return pdf_invalid(w, "URI link on page %zu has no URI", w->pageno);
    HPDF_Annotation a = HPDF_Page_CreateURILinkAnnot(w->page, item_rect(it),
                                                     it->u.uri.uri);
    if (!a)
        return pdf_fail(w, HPDF_OK, "creating a URI link");
    HPDF_Array border = no_border(w);
    return border && pdf_check(w, HPDF_Dict_Add(a, "Border", border),
                               "removing a link's border");
}

static bool draw_image(Writer *w, const Item *it)
{
    char err[600];
    if (!end_text(w) || !pdf_page_xobjects(w, w->page))
        return false;
    if (!pdf_image_draw(&w->images, w->pdf, w->page, it, err, sizeof err))
        return pdf_fail(w, HPDF_OK, err);
    return true;
}

/* libharu writes whatever float it is given (NaN included); refuse. */
static bool finite_item(const Item *it)
{
    bool ok = isfinite(it->x) && isfinite(it->y) && isfinite(it->w) &&
              isfinite(it->h);
    switch (it->kind) {
    case ITEM_TEXT:
        return ok && isfinite(it->u.text.size);
    case ITEM_LINE:
        return ok && isfinite(it->u.line.x2) && isfinite(it->u.line.y2) &&
               isfinite(it->u.line.width);
    case ITEM_LINK:
        return ok && isfinite(it->u.link.top);
    default:
        return ok;
    }
}

static bool draw_item(Writer *w, const Item *it)
{
    if (!finite_item(it))
        return pdf_invalid(w, "an item on page %zu has a coordinate that is not "
                       "a number", w->pageno);
    switch (it->kind) {
    case ITEM_TEXT: return draw_text(w, it);
    case ITEM_RECT: return draw_rect(w, it);
    case ITEM_LINE: return draw_line(w, it);
    case ITEM_LINK: return add_link(w, it);
    case ITEM_URI: return add_uri(w, it);
    case ITEM_IMAGE: return draw_image(w, it);
    }
    return pdf_invalid(w, "unknown item kind %d on page %zu", (int)it->kind,
                   w->pageno);
}

/* Deflated contents back into libharu, in the order drawn: the pages
 * that are done (all the given ones with wait). */
bool pdf_drain(Writer *w, bool wait)
{
    unsigned char *out;
    size_t len;
    while (squeeze_take(w->sq, w->taken, wait, &out, &len)) {
        HPDF_PageAttr pa = w->drawn[w->taken]->attr;
        w->taken++;
        if (squeeze_failed(w->sq)) {
            free(out);
            return pdf_fail(w, HPDF_OK, "compressing the page content");
        }
        if (!len)
            continue;
        /* Into the spool file if it takes it, else into libharu's (now
         * empty) memory stream. */
        HPDF_Stream sp = w->spool ? spool_stream(w->spool, w->pdf->mmgr, out,
                                                 len)
                                  : NULL;
        HPDF_STATUS ret = HPDF_OK;
        if (sp) {
            HPDF_Stream_Free(pa->contents->stream);
            pa->contents->stream = pa->stream = sp;
        } else {
            ret = HPDF_Stream_Write(pa->stream, out, (HPDF_UINT)len);
        }
        free(out);
        if (!pdf_check(w, ret, "writing the page content") ||
            !pdf_check(w, pdffix_deflated(pa->contents),
                   "writing the page content"))
            return false;
    }
    return true;
}

/* Move drawn page k's content out of libharu to the compressor (libharu
 * would deflate it with zlib, on this thread, at the end). */
static bool squeeze_page(Writer *w, size_t k)
{
    HPDF_Stream st = ((HPDF_PageAttr)w->drawn[k]->attr)->stream;
    HPDF_UINT len = st->size;
    unsigned char *raw = NULL;
    if (len) {
        /* The memory stream's blocks copied as they are: every block
         * but the last is full (HPDF_MemStream_InWrite), and reading
         * through HPDF_Stream_Read copies a byte at a time. */
        if (st->type != HPDF_STREAM_MEMORY)
            return pdf_fail(w, HPDF_OK, "reading the page content");
        HPDF_MemStreamAttr ma = st->attr;
        raw = xmalloc(len);
        size_t at = 0;
        for (HPDF_UINT b = 0; b < ma->buf->count && at < len; b++) {
            const HPDF_BYTE *blk = HPDF_List_ItemAt(ma->buf, b);
            size_t n = len - at < ma->buf_siz ? len - at : ma->buf_siz;
            if (!blk)
                break;
            memcpy(raw + at, blk, n);
            at += n;
        }
        if (at != len) {
            free(raw);
            return pdf_fail(w, HPDF_OK, "reading the page content");
        }
        HPDF_MemStream_FreeData(st);
    }
    if (!squeeze_give(w->sq, k, raw, len))
        return pdf_fail(w, HPDF_OK, "queueing the page content");
    return pdf_drain(w, false);
}

/* Draw pg on the libharu page hp (page number pageno, for messages),
 * then hand its content to the compressor. */
bool pdf_draw_page(Writer *w, const Page *pg, HPDF_Page hp, size_t pageno)
{
    if (w->ndrawn == w->capdrawn) {
        w->capdrawn = w->capdrawn ? 2 * w->capdrawn : 256;
        w->drawn = xreallocarray(w->drawn, w->capdrawn, sizeof *w->drawn);
    }
    size_t k = w->ndrawn++;
    w->drawn[k] = hp;
    w->page = hp;
    w->pageno = pageno;
    w->in_text = false;
    w->hscale = 1;
    w->font = -1;
    w->size = 0;
    w->fill.space = w->stroke.space = COLOR_NONE;
    w->line_width = -1;
    PageIter pi = page_iter(pg);
    Item it;
    while (page_next(&pi, &it))
        if (!draw_item(w, &it))
            return false;
    if (!end_text(w))
        return false;
    pdffix_page_done(w->page);
    if (w->sq && !squeeze_page(w, k))
        return false;
    w->pageno = 0;
    return true;
}

