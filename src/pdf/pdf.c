#include "pdf/pdf.h"
#include "base/outfile.h"
#include "pdf/drawer.h"
#include "pdf/fontembed.h"
#include "pdf/pdffix.h"
#include "pdf/pdfx.h"
#include "pdf/image.h"
#include "pdf/spool.h"
#include "pdf/squeeze.h"
#include "pdf/textout.h"
#include "base/xalloc.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

PdfOptions pdf_options_default(void)
{
    PdfOptions o = { .compress = true };
    return o;
}

/* ------------------------------------------------------------------ */
/* Backend state and errors                                             */
/* ------------------------------------------------------------------ */

/* An internal link, made once every page exists: a link may go forward,
 * and a streamed body's pages are drawn before the pages that cite them. */
typedef struct PendingLink {
    HPDF_Page from;
    HPDF_Rect rect;
    int target;                 /* page index in the finished document */
    double top;
    size_t pageno;              /* for messages */
} PendingLink;

struct PdfWriter {
    /* The DocList being drawn from: a streamed page's frame (page size,
     * boxes, the fonts so far), or in pdf_end the whole document. */
    const DocList *doc;
    PdfOptions opt;
    const char *path;           /* for messages */
    Diags *d;                   /* where messages go: caller, or own while
                                   the drawer runs (Diags is not shared
                                   between threads) */
    Diags *caller, own;
    PdfFix fix;                 /* error record; the user data of
                                   libharu's error handler */
    FontEmbed fe;               /* the fonts, embedded by glyph index */
    HPDF_Doc pdf;
    HPDF_Encoder utf8;
    HPDF_Page *drawn;           /* every page drawn, in the order drawn
                                   (the compressor's order) */
    size_t ndrawn, capdrawn;
    /* The streamed pages in document order: the front matter's (given
     * with front), then the others. */
    HPDF_Page *head, *tail;
    size_t nhead, ntail, caphead, captail;
    HPDF_Page *pages;           /* the document's pages in order (pdf_end) */
    PendingLink *links;
    size_t nlinks, caplinks;
    /* Destinations made, by page and top, so that every link and
     * bookmark to the same place shares one (a session's is cited by
     * its contents line, its grid cell, its bookmark and its speakers'
     * index entries), and the one border array every link shares:
     * libharu holds every object until it saves. */
    struct DestSlot {
        HPDF_Destination dst;
        int page;
        float top;
    } *dests;                   /* open addressing, a power of two */
    size_t ndests, capdests;
    HPDF_Array no_border;       /* [0 0 0], indirect */
    HPDF_Array proc_set;        /* every page's /ProcSet, indirect */
    HPDF_Array media_box;       /* the last page size's /MediaBox */
    double box_w, box_h;        /* its size */
    size_t pageno;              /* 1-based page being drawn, for messages */

    /* What the current page's content stream has set, to emit operators
     * only on change.  A new page starts from PDF's defaults. */
    HPDF_Page page;
    bool in_text;               /* between BT and ET */
    double hscale;              /* current Tz / 100 (1 at a page's start) */
    int font;                   /* -1 = none */
    double size;
    Color fill, stroke;         /* space COLOR_NONE = not set yet */
    double line_width;          /* < 0 = not set yet */
    PdfImages images;           /* image XObjects, each file once */
    Squeeze *sq;                /* page contents deflated on the other
                                   core; NULL when not compressing */
    Spool *spool;               /* where deflated contents wait for the
                                   save; NULL: in libharu's memory */
    OutFile *out;               /* the output file, while saving */
    bool out_failed;            /* a write to it failed (reported) */
    size_t taken;               /* drawn pages whose deflated content is
                                   back in libharu */

    /* Streamed pages are drawn on a thread of their own, in the order
     * given, while layout goes on (pdf_stream only queues them):
     * libharu, fontembed and squeeze are the drawer's alone until it is
     * closed (pdf_end, pdf_abandon). */
    Drawer *drawer;
};

typedef struct PdfWriter Writer;

/* Report a libharu failure of `what` and return false.  The code is the
 * first one libharu reported to the handler, else the one it recorded
 * without calling it (internal calls), else ret. */
static bool fail(Writer *w, HPDF_STATUS ret, const char *what)
{
    HPDF_STATUS no = w->fix.error_no, detail = w->fix.detail_no;
    if (!no && w->pdf) {
        no = HPDF_GetError(w->pdf);
        detail = HPDF_GetErrorDetail(w->pdf);
    }
    char where[48] = "";
    if (w->pageno)
        snprintf(where, sizeof where, " on page %zu", w->pageno);
    const char *more = w->fe.problem;
    if (!no && !ret && *more) {     /* ours, not libharu's */
        diag_error(w->d, srcloc(w->path, 0, 0), NULL,
                   "PDF backend: %s while %s%s", more, what, where);
        return false;
    }
    if (!no) {
        no = ret;
        detail = 0;
    }
    diag_error(w->d, srcloc(w->path, 0, 0), NULL,
               "PDF backend: libharu error 0x%04X (detail %u) while %s%s%s%s%s",
               (unsigned)no, (unsigned)detail, what, where,
               *more ? " (" : "", more, *more ? ")" : "");
    return false;
}

/* True if ret and the error record are clean, else fail(). */
static bool check(Writer *w, HPDF_STATUS ret, const char *what)
{
    if (ret == HPDF_OK && !w->fix.error_no)
        return true;
    return fail(w, ret, what);
}

/* A DocList that contradicts itself (a layout bug): report and fail. */
static bool invalid(Writer *w, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static bool invalid(Writer *w, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_error(w->d, srcloc(w->path, 0, 0), NULL, "PDF backend: %s", msg);
    return false;
}

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

static bool set_fill(Writer *w, const Color *c)
{
    if (same_color(&w->fill, c))
        return true;
    HPDF_STATUS ret;
    if (c->space == COLOR_RGB)
        ret = HPDF_Page_SetRGBFill(w->page, (HPDF_REAL)c->c[0],
                                   (HPDF_REAL)c->c[1], (HPDF_REAL)c->c[2]);
    else if (c->space == COLOR_CMYK)
        ret = HPDF_Page_SetCMYKFill(w->page, (HPDF_REAL)c->c[0],
                                    (HPDF_REAL)c->c[1], (HPDF_REAL)c->c[2],
                                    (HPDF_REAL)c->c[3]);
    else
        ret = HPDF_Page_SetGrayFill(w->page, (HPDF_REAL)c->c[0]);
    w->fill = *c;
    return check(w, ret, "setting the fill colour");
}

static bool set_stroke(Writer *w, const Color *c)
{
    if (same_color(&w->stroke, c))
        return true;
    HPDF_STATUS ret;
    if (c->space == COLOR_RGB)
        ret = HPDF_Page_SetRGBStroke(w->page, (HPDF_REAL)c->c[0],
                                     (HPDF_REAL)c->c[1], (HPDF_REAL)c->c[2]);
    else if (c->space == COLOR_CMYK)
        ret = HPDF_Page_SetCMYKStroke(w->page, (HPDF_REAL)c->c[0],
                                      (HPDF_REAL)c->c[1], (HPDF_REAL)c->c[2],
                                      (HPDF_REAL)c->c[3]);
    else
        ret = HPDF_Page_SetGrayStroke(w->page, (HPDF_REAL)c->c[0]);
    w->stroke = *c;
    return check(w, ret, "setting the stroke colour");
}

/* ------------------------------------------------------------------ */
/* Items                                                                */
/* ------------------------------------------------------------------ */

static bool begin_text(Writer *w)
{
    if (w->in_text)
        return true;
    w->in_text = true;
    return check(w, HPDF_Page_BeginText(w->page), "beginning text");
}

static bool end_text(Writer *w)
{
    if (!w->in_text)
        return true;
    w->in_text = false;
    return check(w, HPDF_Page_EndText(w->page), "ending text");
}

static bool draw_text(Writer *w, const Item *it)
{
    int fi = it->u.text.font;
    if (fi < 0 || (size_t)fi >= w->doc->nfonts)
        return invalid(w, "text on page %zu uses font %d, but there are %zu "
                       "fonts", w->pageno, fi, w->doc->nfonts);
    if (!it->u.text.nglyphs)
        return true;
    if (!it->u.text.glyphs || !it->u.text.utf8)
        return invalid(w, "text on page %zu has glyphs but no text",
                       w->pageno);
    HPDF_Dict f = fontembed_font(&w->fe, fi);
    if (!f) {
        char what[1024];
        snprintf(what, sizeof what, "loading font %s",
                 w->doc->fonts[fi].path ? w->doc->fonts[fi].path : "(none)");
        w->pageno = 0;          /* the font, not the page, is the problem */
        return fail(w, HPDF_OK, what);
    }
    bool actual;
    if (!fontembed_record(&w->fe, it, &actual))
        return fail(w, HPDF_OK, "drawing text");
    if (!begin_text(w))
        return false;
    HPDF_Stream st = ((HPDF_PageAttr)w->page->attr)->stream;
    if (w->font != fi || w->size != it->u.text.size) {
        w->font = fi;
        w->size = it->u.text.size;
        /* libharu's resource naming takes any dict (libharu.md §1). */
        const char *name = HPDF_Page_GetLocalFontName(w->page, f);
        if (!name)
            return fail(w, HPDF_OK, "adding a font to the page");
        if (!check(w, textout_font(st, name, w->size), "setting the font"))
            return false;
    }
    /* Font expansion (issue 16): Tz scales glyphs, advances and TJ
     * adjustments, not the Tm that places the run. */
    double hs = it->u.text.hscale > 0 ? it->u.text.hscale : 1;
    if (hs != w->hscale) {
        if (!check(w, textout_scale(st, hs), "setting the horizontal scaling"))
            return false;
        w->hscale = hs;
    }
    Color c = effective(&it->color);
    if (!set_fill(w, &c))
        return false;
    return check(w, textout_show(st, &w->fe, it, actual), "drawing text");
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
    return check(w, ret, "drawing a rectangle")
        && check(w, HPDF_Page_Fill(w->page), "filling a rectangle");
}

static bool draw_line(Writer *w, const Item *it)
{
    if (it->u.line.width < 0)   /* libharu 2.3.0 would write it */
        return invalid(w, "line on page %zu has a negative width",
                       w->pageno);
    Color c = effective(&it->color);
    if (!end_text(w) || !set_stroke(w, &c))
        return false;
    if (w->line_width != it->u.line.width) {
        w->line_width = it->u.line.width;
        if (!check(w, HPDF_Page_SetLineWidth(w->page,
                                             (HPDF_REAL)w->line_width),
                   "setting the line width"))
            return false;
    }
    HPDF_Page pg = w->page;
    return check(w, HPDF_Page_MoveTo(pg, (HPDF_REAL)it->x, (HPDF_REAL)it->y),
                 "drawing a line")
        && check(w, HPDF_Page_LineTo(pg, (HPDF_REAL)it->u.line.x2,
                                     (HPDF_REAL)it->u.line.y2),
                 "drawing a line")
        && check(w, HPDF_Page_Stroke(pg), "stroking a line");
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
static HPDF_Destination dest_to(Writer *w, int p, double top)
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
        fail(w, HPDF_OK, "creating a destination");
        return NULL;
    }
    if (!check(w, pdffix_dest_top(dst, (HPDF_REAL)top),
               "setting a destination"))
        return NULL;
    w->dests[h] = (struct DestSlot){ dst, p, t };
    w->ndests++;
    return dst;
}

/* A link without a border: libharu's HPDF_LinkAnnot_SetBorderStyle
 * gives each annotation an array of its own; they share one. */
static bool no_border(Writer *w, HPDF_Annotation a)
{
    if (!w->no_border) {
        HPDF_Array b = HPDF_Array_New(w->pdf->mmgr);
        if (!b || !check(w, HPDF_Xref_Add(w->pdf->xref, b),
                         "making the links' border") ||
            !check(w, HPDF_Array_AddNumber(b, 0), "making the links' border") ||
            !check(w, HPDF_Array_AddNumber(b, 0), "making the links' border") ||
            !check(w, HPDF_Array_AddNumber(b, 0), "making the links' border"))
            return b ? false : fail(w, HPDF_OK, "making the links' border");
        w->no_border = b;
    }
    return check(w, HPDF_Dict_Add(a, "Border", w->no_border),
                 "removing a link's border");
}

/* The annotation of link l; its target page exists. */
static bool make_link(Writer *w, const PendingLink *l)
{
    long long target = l->target >= LINK_AFTER_FRONT
        ? (long long)w->doc->front + (l->target - LINK_AFTER_FRONT)
        : l->target;
    if (target < 0 || (size_t)target >= w->doc->npages)
        return invalid(w, "link on page %zu goes to page %lld, but there are "
                       "%zu pages", l->pageno, target + 1, w->doc->npages);
    HPDF_Destination dst = dest_to(w, (int)target, l->top);
    if (!dst)
        return false;
    HPDF_Annotation a = HPDF_Page_CreateLinkAnnot(l->from, l->rect, dst);
    if (!a)
        return fail(w, HPDF_OK, "creating a link");
    return no_border(w, a);
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

static bool make_links(Writer *w)
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
        return invalid(w, "URI link on page %zu has no URI", w->pageno);
    HPDF_Annotation a = HPDF_Page_CreateURILinkAnnot(w->page, item_rect(it),
                                                     it->u.uri.uri);
    if (!a)
        return fail(w, HPDF_OK, "creating a URI link");
    return no_border(w, a);
}

static bool draw_image(Writer *w, const Item *it)
{
    char err[600];
    if (!end_text(w))
        return false;
    if (!pdf_image_draw(&w->images, w->pdf, w->page, it, err, sizeof err))
        return fail(w, HPDF_OK, err);
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
        return invalid(w, "an item on page %zu has a coordinate that is not "
                       "a number", w->pageno);
    switch (it->kind) {
    case ITEM_TEXT: return draw_text(w, it);
    case ITEM_RECT: return draw_rect(w, it);
    case ITEM_LINE: return draw_line(w, it);
    case ITEM_LINK: return add_link(w, it);
    case ITEM_URI: return add_uri(w, it);
    case ITEM_IMAGE: return draw_image(w, it);
    }
    return invalid(w, "unknown item kind %d on page %zu", (int)it->kind,
                   w->pageno);
}

/* Deflated contents back into libharu, in the order drawn: the pages
 * that are done (all the given ones with wait). */
static bool drain(Writer *w, bool wait)
{
    unsigned char *out;
    size_t len;
    while (squeeze_take(w->sq, w->taken, wait, &out, &len)) {
        HPDF_PageAttr pa = w->drawn[w->taken]->attr;
        w->taken++;
        if (squeeze_failed(w->sq)) {
            free(out);
            return fail(w, HPDF_OK, "compressing the page content");
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
        if (!check(w, ret, "writing the page content") ||
            !check(w, pdffix_deflated(pa->contents),
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
            return fail(w, HPDF_OK, "reading the page content");
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
            return fail(w, HPDF_OK, "reading the page content");
        }
        HPDF_MemStream_FreeData(st);
    }
    if (!squeeze_give(w->sq, k, raw, len))
        return fail(w, HPDF_OK, "queueing the page content");
    return drain(w, false);
}

/* Draw pg on the libharu page hp (page number pageno, for messages),
 * then hand its content to the compressor. */
static bool draw_page(Writer *w, const Page *pg, HPDF_Page hp, size_t pageno)
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

/* ------------------------------------------------------------------ */
/* Document structure                                                   */
/* ------------------------------------------------------------------ */

/* An array made once, an indirect object every page refers to: libharu
 * gives each page a /MediaBox and a /ProcSet of its own, and holds every
 * page's objects until it saves (a 46,000-page booklet: 45 MB). */
static HPDF_Array shared_array(Writer *w, HPDF_Array a)
{
    if (!a || !check(w, HPDF_Xref_Add(w->pdf->xref, a), "sharing a page array"))
        return NULL;
    return a;
}

static bool share_page_arrays(Writer *w, HPDF_Page p)
{
    if (!w->media_box || w->box_w != w->doc->width ||
        w->box_h != w->doc->height) {
        /* libharu checks a size once: it refuses what it cannot write */
        if (!check(w, HPDF_Page_SetWidth(p, (HPDF_REAL)w->doc->width),
                   "setting the page width") ||
            !check(w, HPDF_Page_SetHeight(p, (HPDF_REAL)w->doc->height),
                   "setting the page height"))
            return false;
        HPDF_Box box = { 0, 0, (HPDF_REAL)w->doc->width,
                         (HPDF_REAL)w->doc->height };
        w->media_box = shared_array(w, HPDF_Box_Array_New(w->pdf->mmgr, box));
        w->box_w = w->doc->width;
        w->box_h = w->doc->height;
    }
    if (!w->proc_set) {
        HPDF_Array a = HPDF_Array_New(w->pdf->mmgr);
        static const char *const names[] = { "PDF", "Text", "ImageB",
                                             "ImageC", "ImageI" };
        w->proc_set = shared_array(w, a);   /* (in the xref: freed with it) */
        for (size_t i = 0; w->proc_set && i < sizeof names / sizeof *names; i++)
            if (!check(w, HPDF_Array_AddName(a, names[i]), "setting the page's resources"))
                return false;
    }
    HPDF_Dict res = HPDF_Dict_GetItem(p, "Resources", HPDF_OCLASS_DICT);
    if (!w->media_box || !w->proc_set || !res)
        return fail(w, HPDF_OK, "setting the page size");
    return check(w, HPDF_Dict_Add(p, "MediaBox", w->media_box),
                 "setting the page size")
        && check(w, HPDF_Dict_Add(res, "ProcSet", w->proc_set),
                 "setting the page's resources");
}

/* A new page of the document's size and boxes: appended, or inserted
 * before `before` (the first streamed page: the front matter goes
 * before the body it was laid out after). */
static HPDF_Page new_page(Writer *w, HPDF_Page before)
{
    HPDF_Page p = before ? HPDF_InsertPage(w->pdf, before)
                         : HPDF_AddPage(w->pdf);
    if (!p) {
        fail(w, HPDF_OK, "creating the page");
        return NULL;
    }
    if (!share_page_arrays(w, p) ||
        !check(w, pdfx_page_boxes(p, w->doc), "setting the page boxes"))
        return NULL;
    return p;
}

/* Every page of the document, in order: the streamed ones, front then
 * the others, where the DocList's sent pages are, the rest made around
 * them (before the next streamed page, or at the end). */
static bool make_pages(Writer *w)
{
    const DocList *doc = w->doc;
    size_t nsent = w->nhead + w->ntail, k = 0;
    w->pages = xcalloc(doc->npages ? doc->npages : 1, sizeof *w->pages);
    for (size_t i = 0; i < doc->npages; i++) {
        w->pageno = i + 1;
        HPDF_Page next = k < w->nhead ? w->head[k]
                       : k < nsent    ? w->tail[k - w->nhead]
                                      : NULL;
        if (doc->pages[i].sent) {
            if (!next)
                break;
            w->pages[i] = next;
            k++;
        } else if (!(w->pages[i] = new_page(w, next))) {
            return false;
        }
    }
    w->pageno = 0;
    size_t marked = 0;
    for (size_t i = 0; i < doc->npages; i++)
        marked += doc->pages[i].sent;
    if (marked != nsent || k != nsent)
        return invalid(w, "%zu page(s) were streamed, but the document "
                       "marks %zu of its %zu as sent", nsent, marked,
                       doc->npages);
    return true;
}

#define OUTLINE_DEPTH 16

/* Bookmarks: level 0 under the root, level n under the last level n-1 (a
 * level that skips one hangs under the deepest open one).  Top-level
 * entries are open so their children show. */
static bool make_outlines(Writer *w)
{
    const DocList *doc = w->doc;
    HPDF_Outline last[OUTLINE_DEPTH];
    int depth = 0;
    for (size_t i = 0; i < doc->noutlines; i++) {
        const Outline *o = &doc->outlines[i];
        if (o->page < 0 || (size_t)o->page >= doc->npages)
            return invalid(w, "bookmark %zu goes to page %d, but there are "
                           "%zu pages", i + 1, o->page + 1, doc->npages);
        int level = o->level < 0 ? 0 : o->level;
        if (level > depth)
            level = depth;
        if (level >= OUTLINE_DEPTH)
            level = OUTLINE_DEPTH - 1;
        HPDF_Outline item = HPDF_CreateOutline(w->pdf,
                                               level ? last[level - 1] : NULL,
                                               o->title ? o->title : "",
                                               w->utf8);
        if (!item)
            return fail(w, HPDF_OK, "creating a bookmark");
        HPDF_Destination dst = dest_to(w, o->page, o->top);
        if (!dst ||
            !check(w, HPDF_Outline_SetDestination(item, dst),
                   "setting a bookmark's destination") ||
            !check(w, HPDF_Outline_SetOpened(item, level == 0),
                   "opening a bookmark"))
            return false;
        last[level] = item;
        depth = level + 1;
    }
    if (!doc->noutlines)
        return true;
    return check(w, HPDF_SetPageMode(w->pdf, HPDF_PAGE_MODE_USE_OUTLINE),
                 "showing the bookmarks");
}

static HPDF_PageNumStyle label_style(const LabelRange *l)
{
    switch (l->style) {
    case LABEL_ROMAN_LOWER: return HPDF_PAGE_NUM_STYLE_LOWER_ROMAN;
    case LABEL_ROMAN_UPPER: return HPDF_PAGE_NUM_STYLE_UPPER_ROMAN;
    case LABEL_DECIMAL: break;
    }
    return HPDF_PAGE_NUM_STYLE_DECIMAL;
}

/* /PageLabels is a number tree: keys ascending, and one for page 0 (PDF
 * 1.7 §12.4.2); if the first range starts later, pages before it get
 * plain decimal numbers from 1, which is what a reader shows anyway. */
static bool make_labels(Writer *w)
{
    const DocList *doc = w->doc;
    for (size_t i = 0; i < doc->nlabels; i++) {
        const LabelRange *l = &doc->labels[i];
        if (l->first_page < 0 || (size_t)l->first_page >= doc->npages ||
            (i && l->first_page <= doc->labels[i - 1].first_page))
            return invalid(w, "page label range %zu starts at page %d: out "
                           "of order or past the last page", i + 1,
                           l->first_page + 1);
        if (i == 0 && l->first_page > 0 &&
            !check(w, HPDF_AddPageLabel(w->pdf, 0, HPDF_PAGE_NUM_STYLE_DECIMAL,
                                        1, NULL), "adding page labels"))
            return false;
        if (!check(w, HPDF_AddPageLabel(w->pdf, (HPDF_UINT)l->first_page,
                                        label_style(l),
                                        (HPDF_UINT)l->first_number, NULL),
                   "adding page labels"))
            return false;
    }
    return true;
}

static bool set_dates(Writer *w)
{
    time_t t = (time_t)w->doc->timestamp;
    struct tm tm;
    if ((long long)t != w->doc->timestamp || !gmtime_r(&t, &tm) ||
        tm.tm_year + 1900 > 9999)
        return invalid(w, "timestamp %lld is out of range",
                       w->doc->timestamp);
    HPDF_Date date = { tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                       tm.tm_hour, tm.tm_min, tm.tm_sec, 'Z', 0, 0 };
    return check(w, HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_CREATION_DATE,
                                         date), "setting the creation date")
        && check(w, HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_MOD_DATE, date),
                 "setting the modification date");
}

/* Info strings go through the UTF-8 encoder (set before), so non-ASCII
 * comes out as UTF-16BE rather than mojibake (libharu.md §9). */
static bool set_info(Writer *w)
{
    const DocList *doc = w->doc;
    const struct { HPDF_InfoType type; const char *value; } f[] = {
        { HPDF_INFO_TITLE, doc->title },
        { HPDF_INFO_AUTHOR, doc->author },
        { HPDF_INFO_SUBJECT, doc->subject },
        { HPDF_INFO_CREATOR, doc->creator },
    };
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        if (f[i].value &&
            !check(w, HPDF_SetInfoAttr(w->pdf, f[i].type, f[i].value),
                   "setting the document information"))
            return false;
    return doc->timestamp < 0 || set_dates(w);
}

/* Pages under one node of the page tree (a balanced tree speeds up a
 * viewer's jump to a page; any count up to 32,767 works). */
#define PAGES_PER_NODE 1024

/* Settings that must precede everything: compression applies to streams
 * made after it, the UTF-8 encoder to Info strings set after it. */
static bool setup(Writer *w)
{
    /* Page contents are deflated here (squeeze), not by libharu. */
    HPDF_UINT mode = w->opt.compress ? HPDF_COMP_IMAGE | HPDF_COMP_METADATA
                                     : HPDF_COMP_NONE;
    if (!check(w, HPDF_SetCompressionMode(w->pdf, mode),
               "setting compression") ||
        !check(w, HPDF_UseUTFEncodings(w->pdf), "enabling UTF-8") ||
        !check(w, HPDF_SetCurrentEncoder(w->pdf, "UTF-8"),
               "selecting the UTF-8 encoder"))
        return false;
    w->utf8 = HPDF_GetEncoder(w->pdf, "UTF-8");
    if (!w->utf8)
        return fail(w, HPDF_OK, "getting the UTF-8 encoder");
    /* A page tree of two levels: libharu's arrays stop at 32,767 items
     * (HPDF_LIMIT_MAX_ARRAY), so one /Kids array of every page would stop
     * a long booklet there (a 20,000-session programme has 46,000
     * pages).  How many pages a document will have is not known while
     * they are streamed, so every document has the same shape. */
    if (!check(w, HPDF_SetPagesConfiguration(w->pdf, PAGES_PER_NODE),
               "setting up the page tree"))
        return false;
    /* (no spool without compression: the contents stay readable in
     * libharu, and without a temporary directory they stay in memory) */
    if (w->opt.compress)
        w->spool = spool_new();
    if (w->opt.compress && !(w->sq = squeeze_new())) {
        char what[160];
        snprintf(what, sizeof what, "starting the compression thread (%s)",
                 strerror(errno));
        return fail(w, HPDF_OK, what);
    }
    return true;
}

/* The catalog's settings for the whole document. */
static bool set_catalog(Writer *w)
{
    return check(w, HPDF_SetPageLayout(w->pdf,
                                       HPDF_PAGE_LAYOUT_TWO_PAGE_RIGHT),
                 "setting the page layout")
        && check(w, pdffix_catalog(w->pdf, w->doc->lang, w->doc->rtl),
                 "setting the language and viewer preferences");
}

/* libharu's bytes, straight into the output file as it saves. */
static HPDF_STATUS write_out(HPDF_Stream st, const HPDF_BYTE *p, HPDF_UINT n)
{
    Writer *w = st->attr;
    if (outfile_append(w->out, p, n))
        return HPDF_OK;
    w->out_failed = true;       /* (outfile reported why) */
    return HPDF_SetError(st->error, HPDF_FILE_IO_ERROR, 0);
}

/* Save the document into the output file as libharu writes it: the file
 * is never held in memory (it was, twice: libharu's memory stream and a
 * copy).  Never HPDF_SaveToFile, whose final flush can fail silently
 * (libharu.md §11): outfile checks every write, the fsync and the
 * rename, and leaves nothing at the path on a failure. */
static bool save(Writer *w)
{
    if (!(w->out = outfile_open(w->path, w->d)))
        return false;
    HPDF_Stream st = HPDF_CallbackWriter_New(w->pdf->mmgr, write_out, w);
    bool ok = st != NULL;
    if (!ok) {
        fail(w, HPDF_OK, "saving the document");
    } else {
        /* HPDF_SaveToStream writes into the document's stream, which it
         * makes (a memory stream) only when there is none */
        if (w->pdf->stream)
            HPDF_Stream_Free(w->pdf->stream);
        w->pdf->stream = st;
        HPDF_STATUS ret = HPDF_SaveToStream(w->pdf);
        if (spool_error(w->spool)) {
            char what[200];
            snprintf(what, sizeof what, "reading back the page contents "
                     "from the temporary file (%s)",
                     strerror(spool_error(w->spool)));
            ok = fail(w, ret, what);
        } else if (w->out_failed) {
            ok = false;
        } else {
            ok = check(w, ret, "saving the document");
        }
    }
    ok = outfile_close(w->out, ok);
    w->out = NULL;
    return ok;
}

/* The pages not streamed, then everything that cites pages, then the
 * file in memory. */
static bool finish(Writer *w)
{
    const DocList *doc = w->doc;
    fontembed_use(&w->fe, doc);
    if (!make_pages(w) || !make_links(w))
        return false;
    for (size_t i = 0; i < doc->npages; i++)
        if (!doc->pages[i].sent &&
            !draw_page(w, &doc->pages[i], w->pages[i], i + 1))
            return false;
    if (w->sq) {
        squeeze_close(w->sq);
        if (!drain(w, true))
            return false;
    }
    if (!fontembed_finish(&w->fe, w->opt.compress))
        return fail(w, HPDF_OK, "embedding the fonts");
    if (!make_outlines(w) || !make_labels(w) ||
        !set_catalog(w) || !set_info(w) ||
        !check(w, pdfx_document(w->pdf, doc),
               "writing the PDF/X identification"))
        return false;
    /* Nothing below reads the DocList: the caller may drop it now. */
    w->doc = NULL;
    fontembed_use(&w->fe, NULL);
    if (w->opt.release)
        w->opt.release(w->opt.release_ctx);
    return save(w);
}

PdfWriter *pdf_begin(const char *path, const PdfOptions *opt, Diags *d)
{
    Writer *w = xcalloc(1, sizeof *w);
    w->opt = opt ? *opt : pdf_options_default();
    w->path = path;
    w->d = w->caller = d;
    pdffix_init(&w->fix);
    w->pdf = HPDF_New(pdffix_on_error, &w->fix);
    if (!w->pdf) {
        diag_error(d, srcloc(path, 0, 0), NULL,
                   "PDF backend: cannot create a libharu document");
        pdf_abandon(w);
        return NULL;
    }
    fontembed_init(&w->fe, w->pdf);
    if (!setup(w)) {
        pdf_abandon(w);
        return NULL;
    }
    return w;
}

static void push_page(HPDF_Page **v, size_t *n, size_t *cap, HPDF_Page p)
{
    if (*n == *cap) {
        *cap = *cap ? 2 * *cap : 256;
        *v = xreallocarray(*v, *cap, sizeof **v);
    }
    (*v)[(*n)++] = p;
}

/* A streamed page, on the drawer's thread: a front matter page goes
 * before the first of the others (libharu inserts it), any other at the
 * end. */
static bool draw_streamed(void *ctx, const Page *pg, const DocList *frame,
                          bool front)
{
    Writer *w = ctx;
    w->doc = frame;
    fontembed_use(&w->fe, frame);
    HPDF_Page hp = new_page(w, front && w->ntail ? w->tail[0] : NULL);
    /* (a streamed page's number in the document is not known yet:
     * messages count the pages streamed) */
    bool ok = hp && draw_page(w, pg, hp, w->nhead + w->ntail + 1);
    if (ok && front)
        push_page(&w->head, &w->nhead, &w->caphead, hp);
    else if (ok)
        push_page(&w->tail, &w->ntail, &w->captail, hp);
    w->doc = NULL;
    fontembed_use(&w->fe, NULL);
    return ok;
}

static void relay(Diags *d, const Diag *g, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void relay(Diags *d, const Diag *g, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_report(d, g->level, g->loc, g->field, fmt, ap);
    va_end(ap);
}

/* Let the drawer finish its queue (stop: stop it at once) and end it;
 * what it reported goes on to the caller's Diags.  False if a page
 * failed. */
static bool close_drawer(Writer *w, bool stop)
{
    if (!w->drawer)
        return true;
    bool ok = drawer_close(w->drawer, stop);
    w->drawer = NULL;
    w->d = w->caller;
    for (size_t i = 0; i < w->own.n; i++)
        relay(w->d, &w->own.items[i], "%s", w->own.items[i].message);
    diags_fini(&w->own);
    return ok;
}

bool pdf_stream(PdfWriter *w, const DocList *frame, const Page *pages,
                size_t n, bool front)
{
    if (!w->drawer) {
        /* the drawer reports into a Diags of its own: the caller's is
         * the layout's meanwhile */
        diags_init(&w->own, NULL);
        int err = 0;
        if (!(w->drawer = drawer_new(draw_streamed, w, &err))) {
            diags_fini(&w->own);
            diag_error(w->d, srcloc(w->path, 0, 0), NULL, "PDF backend: "
                       "cannot start drawing pages: %s", strerror(err));
            return false;
        }
        w->d = &w->own;
    }
    return drawer_give(w->drawer, frame, pages, n, front);
}

size_t pdf_drawn(PdfWriter *w, size_t at_least)
{
    return w->drawer ? drawer_done(w->drawer, at_least) : w->nhead + w->ntail;
}

void pdf_abandon(PdfWriter *w)
{
    if (!w)
        return;
    close_drawer(w, true);
    squeeze_free(w->sq);
    if (w->pdf)
        HPDF_Free(w->pdf);
    spool_free(w->spool);       /* (after libharu's streams that read it) */
    pdf_images_free(&w->images);
    fontembed_fini(&w->fe);
    pdffix_fini(&w->fix);
    free(w->drawn);
    free(w->head);
    free(w->tail);
    free(w->pages);
    free(w->links);
    free(w->dests);
    free(w);
}

bool pdf_end(PdfWriter *w, const DocList *doc)
{
    if (!close_drawer(w, false)) {
        pdf_abandon(w);
        return false;
    }
    w->doc = doc;
    bool ok = finish(w);
    pdf_abandon(w);
    return ok;
}

bool pdf_write(const DocList *doc, const char *path, const PdfOptions *opt,
               Diags *d)
{
    PdfWriter *w = pdf_begin(path, opt, d);
    return w && pdf_end(w, doc);
}
