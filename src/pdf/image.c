/* image (pdf) — see image.h. */
#include "pdf/image.h"
#include "base/xalloc.h"
#include "input/image.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pdf_images_free(PdfImages *c)
{
    free(c->v);
    memset(c, 0, sizeof *c);
}

static HPDF_Image load_file(HPDF_Doc pdf, const char *path, char *err,
                            size_t size)
{
    ImageFormat f;
    if (!image_format(path, &f, err, size))
        return NULL;
    ImageData d;
    if (f == IMAGE_JPEG) {
        /* as given: the file's own DCT stream */
        HPDF_Image im = HPDF_LoadJpegImageFromFile(pdf, path);
        if (!im)
            snprintf(err, size, "libharu could not load the JPEG '%s'", path);
        return im;
    }
    if (!image_decode(path, &d, err, size))
        return NULL;
    HPDF_Image im = HPDF_LoadRawImageFromMem(pdf, d.pixels, (HPDF_UINT)d.w,
                                             (HPDF_UINT)d.h,
                                             d.ncomp == 1 ? HPDF_CS_DEVICE_GRAY
                                                          : HPDF_CS_DEVICE_RGB, 8);
    if (im && d.alpha) {
        HPDF_Image mask = HPDF_LoadRawImageFromMem(pdf, d.alpha, (HPDF_UINT)d.w,
                                                   (HPDF_UINT)d.h,
                                                   HPDF_CS_DEVICE_GRAY, 8);
        if (!mask || HPDF_Image_AddSMask(im, mask) != HPDF_OK)
            im = NULL;
    }
    if (!im)
        snprintf(err, size, "libharu could not embed the PNG '%s'", path);
    image_free(&d);
    return im;
}

static HPDF_Image get(PdfImages *c, HPDF_Doc pdf, const Item *it, char *err,
                      size_t size)
{
    for (size_t i = 0; i < c->n; i++)
        if (c->v[i].samples == it->u.image.samples
            && (it->u.image.samples || strcmp(c->v[i].path, it->u.image.path) == 0))
            return c->v[i].image;
    HPDF_Image im;
    if (it->u.image.samples) {
        im = HPDF_LoadRawImageFromMem(pdf, it->u.image.samples,
                                      (HPDF_UINT)it->u.image.px_w,
                                      (HPDF_UINT)it->u.image.px_h,
                                      it->u.image.ncomp == 4 ? HPDF_CS_DEVICE_CMYK
                                                             : HPDF_CS_DEVICE_GRAY, 8);
        if (!im)
            snprintf(err, size, "libharu could not embed the samples of '%s'",
                     it->u.image.path);
    } else {
        im = load_file(pdf, it->u.image.path, err, size);
    }
    if (!im)
        return NULL;
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 8;
        c->v = xreallocarray(c->v, c->cap, sizeof *c->v);
    }
    c->v[c->n++] = (struct PdfImageEntry){ it->u.image.path, it->u.image.samples, im };
    return im;
}

bool pdf_image_draw(PdfImages *c, HPDF_Doc pdf, HPDF_Page page,
                    const Item *it, char *err, size_t size)
{
    if (!it->u.image.path || it->w <= 0 || it->h <= 0) {
        snprintf(err, size, "an image item without a file or a size");
        return false;
    }
    HPDF_Image im = get(c, pdf, it, err, size);
    if (!im)
        return false;
    const double *k = it->u.image.clip;
    bool clip = k[2] > k[0] && k[3] > k[1];
    HPDF_STATUS st = HPDF_OK;
    if (clip) {
        st = HPDF_Page_GSave(page);
        if (st == HPDF_OK)
            st = HPDF_Page_Rectangle(page, (HPDF_REAL)k[0], (HPDF_REAL)k[1],
                                     (HPDF_REAL)(k[2] - k[0]), (HPDF_REAL)(k[3] - k[1]));
        if (st == HPDF_OK)
            st = HPDF_Page_Clip(page);
        if (st == HPDF_OK)
            st = HPDF_Page_EndPath(page);
    }
    if (st == HPDF_OK)
        st = HPDF_Page_DrawImage(page, im, (HPDF_REAL)it->x, (HPDF_REAL)it->y,
                                 (HPDF_REAL)it->w, (HPDF_REAL)it->h);
    if (st == HPDF_OK && clip)
        st = HPDF_Page_GRestore(page);
    if (st != HPDF_OK) {
        snprintf(err, size, "libharu could not draw '%s'", it->u.image.path);
        return false;
    }
    return true;
}
