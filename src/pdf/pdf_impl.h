/* pdf_impl — what pdf.c (the document) and pdf_draw.c (a page's items
 * as content-stream operators, links and destinations) share: the
 * writer's state and its error reporting.  Nothing outside pdf/pdf*.c
 * includes it. */
#ifndef LIVRET_PDF_IMPL_H
#define LIVRET_PDF_IMPL_H

#include "pdf/pdf.h"
#include "pdf/drawer.h"
#include "pdf/fontembed.h"
#include "pdf/image.h"
#include "pdf/pdffix.h"
#include "pdf/spool.h"
#include "pdf/squeeze.h"
#include "base/outfile.h"

#include <hpdf.h>
#include <stdbool.h>
#include <stddef.h>

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
    /* What every page shares (indirect objects made once): libharu
     * would give each page a /MediaBox and a /Resources with a /ProcSet
     * and a /Font of its own, held until the save (~1.5 KB a page).
     * Font and image names are unique in the document, so one
     * /Resources serves every page. */
    HPDF_Array media_box, trim_box, bleed_box;  /* the last DocList's */
    double boxes_of[10];        /* its width, height, trim, bleed */
    HPDF_Dict resources;        /* /ProcSet, /Font, /XObject when needed */
    HPDF_Dict fonts, xobjects;  /* its /Font and /XObject (NULL: none yet) */
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

/* Report a libharu failure of `what` and return false (pdf.c). */
bool pdf_fail(Writer *w, HPDF_STATUS ret, const char *what);
/* True if ret and the error record are clean, else pdf_fail(). */
bool pdf_check(Writer *w, HPDF_STATUS ret, const char *what);
/* A DocList that contradicts itself (a layout bug): report, false. */
bool pdf_invalid(Writer *w, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* pdf_draw.c */

/* Draw pg on the libharu page hp (page number pageno, for messages),
 * then hand its content to the compressor. */
/* Point page p at the shared /XObject (made the first time), before an
 * image is drawn on it. */
bool pdf_page_xobjects(Writer *w, HPDF_Page p);

bool pdf_draw_page(Writer *w, const Page *pg, HPDF_Page hp, size_t pageno);
/* Deflated contents back (into the spool, else libharu), in the order
 * drawn: those done (wait: all given). */
bool pdf_drain(Writer *w, bool wait);
/* The destination of page index p at height top, one per place. */
HPDF_Destination pdf_dest_to(Writer *w, int p, double top);
/* The links of streamed pages, once every page exists. */
bool pdf_make_links(Writer *w);

#endif
