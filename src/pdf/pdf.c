#include "pdf/pdf_impl.h"
#include "pdf/pdffix.h"
#include "pdf/pdfx.h"
#include "base/xalloc.h"

#include <errno.h>
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
/* Errors                                                               */
/* ------------------------------------------------------------------ */

/* Report a libharu failure of `what` and return false.  The code is the
 * first one libharu reported to the handler, else the one it recorded
 * without calling it (internal calls), else ret. */
bool pdf_fail(Writer *w, HPDF_STATUS ret, const char *what)
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

/* True if ret and the error record are clean, else pdf_fail(). */
bool pdf_check(Writer *w, HPDF_STATUS ret, const char *what)
{
    if (ret == HPDF_OK && !w->fix.error_no)
        return true;
    return pdf_fail(w, ret, what);
}

bool pdf_invalid(Writer *w, const char *fmt, ...)
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
/* Document structure                                                   */
/* ------------------------------------------------------------------ */

static bool shared(Writer *w, void *obj, const char *what)
{
    /* (the xref frees obj on failure, and owns it after) */
    return obj ? pdf_check(w, HPDF_Xref_Add(w->pdf->xref, obj), what)
               : pdf_fail(w, HPDF_OK, what);
}

/* obj (NULL: libharu could not make it) as parent's key; obj or NULL
 * after reporting. */
static void *added(Writer *w, HPDF_Dict parent, const char *key, void *obj,
                   const char *what)
{
    if (!obj) {
        pdf_fail(w, HPDF_OK, what);
        return NULL;
    }
    return pdf_check(w, HPDF_Dict_Add(parent, key, obj), what) ? obj : NULL;
}

/* The shared /Resources, made with the first page. */
static bool make_resources(Writer *w)
{
    static const char *const procs[] = { "PDF", "Text", "ImageB", "ImageC",
                                         "ImageI" };
    static const char what[] = "making the pages' resources";
    HPDF_MMgr mm = w->pdf->mmgr;
    HPDF_Dict res = HPDF_Dict_New(mm);
    if (!shared(w, res, what))
        return false;
    w->resources = res;
    HPDF_Array procset = added(w, res, "ProcSet", HPDF_Array_New(mm), what);
    for (size_t i = 0; procset && i < sizeof procs / sizeof *procs; i++)
        if (!pdf_check(w, HPDF_Array_AddName(procset, procs[i]), what))
            return false;
    return procset && (w->fonts = added(w, res, "Font", HPDF_Dict_New(mm),
                                        what));
}

bool pdf_page_xobjects(Writer *w, HPDF_Page p)
{
    if (!w->xobjects &&
        !(w->xobjects = added(w, w->resources, "XObject",
                              HPDF_Dict_New(w->pdf->mmgr),
                              "adding an image to the page's resources")))
        return false;
    /* libharu names the image in the dictionary its page points to
     * (HPDF_Page_GetLocalXObjectName): with none, it would put a new
     * /XObject in the shared /Resources in place of the document's */
    ((HPDF_PageAttr)p->attr)->xobjects = w->xobjects;
    return true;
}

/* Page p's boxes and resources, the ones every page of its size shares. */
static bool share_frame(Writer *w, HPDF_Page p)
{
    const DocList *doc = w->doc;
    double of[10] = { doc->width, doc->height,
                      doc->trim[0], doc->trim[1], doc->trim[2], doc->trim[3],
                      doc->bleed[0], doc->bleed[1], doc->bleed[2], doc->bleed[3] };
    if (!w->media_box || memcmp(of, w->boxes_of, sizeof of) != 0) {
        /* libharu checks a size once: it refuses what it cannot write */
        if (!pdf_check(w, HPDF_Page_SetWidth(p, (HPDF_REAL)doc->width),
                   "setting the page width") ||
            !pdf_check(w, HPDF_Page_SetHeight(p, (HPDF_REAL)doc->height),
                   "setting the page height"))
            return false;
        HPDF_Box box = { 0, 0, (HPDF_REAL)doc->width, (HPDF_REAL)doc->height };
        w->media_box = HPDF_Box_Array_New(w->pdf->mmgr, box);
        if (!shared(w, w->media_box, "setting the page size") ||
            !pdf_check(w, pdfx_boxes(w->pdf, doc, &w->trim_box, &w->bleed_box),
                   "setting the page boxes"))
            return false;
        memcpy(w->boxes_of, of, sizeof of);
    }
    if (!w->resources && !make_resources(w))
        return false;
    /* libharu names fonts (HPDF_Page_GetLocalFontName) in the /Font its
     * page points to: the shared one, set before anything is named, or
     * it would put a /Font of its own in the shared /Resources in place
     * of the document's (images: pdf_page_xobjects). */
    ((HPDF_PageAttr)p->attr)->fonts = w->fonts;
    return pdf_check(w, HPDF_Dict_Add(p, "MediaBox", w->media_box),
                 "setting the page size")
        && (!w->trim_box ||
            (pdf_check(w, HPDF_Dict_Add(p, "TrimBox", w->trim_box),
                   "setting the page boxes") &&
             pdf_check(w, HPDF_Dict_Add(p, "BleedBox", w->bleed_box),
                   "setting the page boxes")))
        /* (frees the page's own, which libharu made) */
        && pdf_check(w, HPDF_Dict_Add(p, "Resources", w->resources),
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
        pdf_fail(w, HPDF_OK, "creating the page");
        return NULL;
    }
    if (!share_frame(w, p))
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
        return pdf_invalid(w, "%zu page(s) were streamed, but the document "
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
            return pdf_invalid(w, "bookmark %zu goes to page %d, but there are "
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
            return pdf_fail(w, HPDF_OK, "creating a bookmark");
        HPDF_Destination dst = pdf_dest_to(w, o->page, o->top);
        if (!dst ||
            !pdf_check(w, HPDF_Outline_SetDestination(item, dst),
                   "setting a bookmark's destination") ||
            !pdf_check(w, HPDF_Outline_SetOpened(item, level == 0),
                   "opening a bookmark"))
            return false;
        last[level] = item;
        depth = level + 1;
    }
    if (!doc->noutlines)
        return true;
    return pdf_check(w, HPDF_SetPageMode(w->pdf, HPDF_PAGE_MODE_USE_OUTLINE),
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
            return pdf_invalid(w, "page label range %zu starts at page %d: out "
                           "of order or past the last page", i + 1,
                           l->first_page + 1);
        if (i == 0 && l->first_page > 0 &&
            !pdf_check(w, HPDF_AddPageLabel(w->pdf, 0, HPDF_PAGE_NUM_STYLE_DECIMAL,
                                        1, NULL), "adding page labels"))
            return false;
        if (!pdf_check(w, HPDF_AddPageLabel(w->pdf, (HPDF_UINT)l->first_page,
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
        return pdf_invalid(w, "timestamp %lld is out of range",
                       w->doc->timestamp);
    HPDF_Date date = { tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                       tm.tm_hour, tm.tm_min, tm.tm_sec, 'Z', 0, 0 };
    return pdf_check(w, HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_CREATION_DATE,
                                         date), "setting the creation date")
        && pdf_check(w, HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_MOD_DATE, date),
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
            !pdf_check(w, HPDF_SetInfoAttr(w->pdf, f[i].type, f[i].value),
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
    if (!pdf_check(w, HPDF_SetCompressionMode(w->pdf, mode),
               "setting compression") ||
        !pdf_check(w, HPDF_UseUTFEncodings(w->pdf), "enabling UTF-8") ||
        !pdf_check(w, HPDF_SetCurrentEncoder(w->pdf, "UTF-8"),
               "selecting the UTF-8 encoder"))
        return false;
    w->utf8 = HPDF_GetEncoder(w->pdf, "UTF-8");
    if (!w->utf8)
        return pdf_fail(w, HPDF_OK, "getting the UTF-8 encoder");
    /* A page tree of two levels: libharu's arrays stop at 32,767 items
     * (HPDF_LIMIT_MAX_ARRAY), so one /Kids array of every page would stop
     * a long booklet there (a 20,000-session programme has 46,000
     * pages).  How many pages a document will have is not known while
     * they are streamed, so every document has the same shape. */
    if (!pdf_check(w, HPDF_SetPagesConfiguration(w->pdf, PAGES_PER_NODE),
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
        return pdf_fail(w, HPDF_OK, what);
    }
    return true;
}

/* The catalog's settings for the whole document. */
static bool set_catalog(Writer *w)
{
    return pdf_check(w, HPDF_SetPageLayout(w->pdf,
                                       HPDF_PAGE_LAYOUT_TWO_PAGE_RIGHT),
                 "setting the page layout")
        && pdf_check(w, pdffix_catalog(w->pdf, w->doc->lang, w->doc->rtl),
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
        pdf_fail(w, HPDF_OK, "saving the document");
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
            ok = pdf_fail(w, ret, what);
        } else if (w->out_failed) {
            ok = false;
        } else {
            ok = pdf_check(w, ret, "saving the document");
        }
    }
    ok = outfile_close(w->out, ok);
    w->out = NULL;
    return ok;
}

/* The pages not streamed, then everything that cites pages, then the
 * save. */
static bool finish(Writer *w)
{
    const DocList *doc = w->doc;
    fontembed_use(&w->fe, doc);
    if (!make_pages(w) || !pdf_make_links(w))
        return false;
    for (size_t i = 0; i < doc->npages; i++)
        if (!doc->pages[i].sent &&
            !pdf_draw_page(w, &doc->pages[i], w->pages[i], i + 1))
            return false;
    if (w->sq) {
        squeeze_close(w->sq);
        if (!pdf_drain(w, true))
            return false;
    }
    if (!fontembed_finish(&w->fe, w->opt.compress))
        return pdf_fail(w, HPDF_OK, "embedding the fonts");
    if (!make_outlines(w) || !make_labels(w) ||
        !set_catalog(w) || !set_info(w) ||
        !pdf_check(w, pdfx_document(w->pdf, doc),
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
    bool ok = hp && pdf_draw_page(w, pg, hp, w->nhead + w->ntail + 1);
    if (ok && front)
        push_page(&w->head, &w->nhead, &w->caphead, hp);
    else if (ok)
        push_page(&w->tail, &w->ntail, &w->captail, hp);
    w->doc = NULL;
    fontembed_use(&w->fe, NULL);
    return ok;
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
    diags_relay(w->d, &w->own);
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
