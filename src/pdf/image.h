/* image (pdf) — ITEM_IMAGE drawn with libharu 2.3.0.
 *
 * Takes an image item and the page; gives an image XObject drawn in the
 * item's box, cut to its clip area when it has one.  The print edition's
 * samples (grey or CMYK, flattened) are written raw; otherwise the file is
 * drawn as given: a JPEG as its own bytes (DCT), a PNG decoded
 * (input/image.h) to its grey or RGB samples with the alpha channel as a
 * soft mask.  Each file (or set of samples) is embedded once and drawn
 * wherever it recurs.
 *
 * May not touch layout: it draws where the item says.
 */
#ifndef LIVRET_PDF_IMAGE_H
#define LIVRET_PDF_IMAGE_H

#include <stdbool.h>
#include <stddef.h>

#include <hpdf.h>

#include "display/page.h"

typedef struct PdfImages {
    struct PdfImageEntry {
        const char *path;
        const unsigned char *samples;
        HPDF_Image image;
    } *v;
    size_t n, cap;
} PdfImages;

/* Draw it on page (outside any text object).  false with a message in err
 * on failure (libharu's own error goes to its handler as well). */
bool pdf_image_draw(PdfImages *c, HPDF_Doc pdf, HPDF_Page page,
                    const Item *it, char *err, size_t size);
void pdf_images_free(PdfImages *c);

#endif
