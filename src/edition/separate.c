/* separate — see separate.h. */
#include "edition/separate.h"
#include "edition/print.h"
#include "input/image.h"
#include "base/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lcms2.h>

/* Little CMS reports through a global handler; keep its words for the
 * error we give. */
static char cms_message[256];

static void cms_error(cmsContext ctx, cmsUInt32Number code, const char *text)
{
    (void)ctx;
    (void)code;
    snprintf(cms_message, sizeof cms_message, "%s", text);
}

/* Flatten on white: c·a + 255·(1 − a), per sample. */
static void flatten(unsigned char *px, const unsigned char *alpha, size_t n,
                    int nc)
{
    for (size_t i = 0; i < n; i++) {
        unsigned a = alpha[i];
        for (int k = 0; k < nc; k++) {
            unsigned v = px[i * nc + k];
            px[i * nc + k] = (unsigned char)((v * a + 255u * (255u - a) + 127u) / 255u);
        }
    }
}

/* Hold total ink under the limit: take the excess off C, M and Y in
 * proportion, keeping K (the detail). */
static void limit_ink(unsigned char *px, size_t n)
{
    const int max = (int)(PRINT_MAX_INK * 255);
    for (size_t i = 0; i < n; i++) {
        unsigned char *p = px + 4 * i;
        int cmy = p[0] + p[1] + p[2], sum = cmy + p[3];
        if (sum <= max || cmy == 0)
            continue;
        double keep = (double)(max - p[3]) / cmy;
        if (keep < 0)
            keep = 0;
        for (int k = 0; k < 3; k++)
            p[k] = (unsigned char)(p[k] * keep);
    }
}

typedef struct Done {
    const char *path;
    const unsigned char *samples;
    int ncomp;
} Done;

static bool convert(Arena *a, const char *path, cmsHPROFILE out,
                    unsigned char **samples, int *ncomp, Diags *d,
                    const char *where)
{
    ImageData img;
    char err[600];
    if (!image_decode(path, &img, err, sizeof err)) {
        diag_error(d, srcloc(where, 0, 0), NULL, "print edition: %s", err);
        return false;
    }
    size_t n = (size_t)img.w * (size_t)img.h;
    if (img.alpha)
        flatten(img.pixels, img.alpha, n, img.ncomp);
    if (img.ncomp != 3) {       /* grey stays grey; CMYK as given */
        *samples = arena_alloc(a, n * (size_t)img.ncomp);
        memcpy(*samples, img.pixels, n * (size_t)img.ncomp);
        *ncomp = img.ncomp;
        image_free(&img);
        return true;
    }
    cmsHPROFILE in = img.icc ? cmsOpenProfileFromMem(img.icc, (cmsUInt32Number)img.nicc)
                             : NULL;
    if (in && cmsGetColorSpace(in) != cmsSigRgbData) {
        cmsCloseProfile(in);
        in = NULL;
    }
    if (!in)
        in = cmsCreate_sRGBProfile();
    cmsHTRANSFORM t = in ? cmsCreateTransform(in, TYPE_RGB_8, out, TYPE_CMYK_8,
                                              INTENT_PERCEPTUAL,
                                              cmsFLAGS_BLACKPOINTCOMPENSATION)
                         : NULL;
    if (in)
        cmsCloseProfile(in);
    if (!t) {
        diag_error(d, srcloc(where, 0, 0), NULL, "print edition: Little CMS "
                   "cannot convert '%s' to CMYK%s%s", path,
                   cms_message[0] ? ": " : "", cms_message);
        image_free(&img);
        return false;
    }
    *samples = arena_alloc(a, n * 4);
    /* row by row: cmsDoTransform counts pixels in a cmsUInt32Number */
    for (int y = 0; y < img.h; y++)
        cmsDoTransform(t, img.pixels + (size_t)y * img.w * 3,
                       *samples + (size_t)y * img.w * 4, (cmsUInt32Number)img.w);
    cmsDeleteTransform(t);
    limit_ink(*samples, n);
    *ncomp = 4;
    image_free(&img);
    return true;
}

bool separate_images(Arena *a, DocList *doc, const char *icc_path, Diags *d)
{
    size_t nimages = 0;
    for (size_t i = 0; i < doc->npages; i++)
        for (size_t r = 0; r < doc->pages[i].nruns; r++)
            for (size_t j = 0; j < doc->pages[i].runs[r].n; j++)
                nimages += doc->pages[i].runs[r].items[j].kind == ITEM_IMAGE;
    if (!nimages)
        return true;
    cmsSetLogErrorHandler(cms_error);
    const char *prof = icc_path ? icc_path : SEPARATE_DEFAULT_ICC;
    cmsHPROFILE out = cmsOpenProfileFromFile(prof, "r");
    if (!out || cmsGetColorSpace(out) != cmsSigCmykData) {
        diag_error(d, srcloc(prof, 0, 0), icc_path ? "--icc" : NULL,
                   "print edition: %s", out ? "not a CMYK output profile"
                   : "cannot open the CMYK profile the pictures are converted to");
        if (out)
            cmsCloseProfile(out);
        return false;
    }
    Done *done = xcalloc(nimages, sizeof *done);
    size_t ndone = 0;
    bool ok = true;
    /* The samples are set on the items where the runs keep them: they
     * do not depend on where a run places its items. */
    for (size_t i = 0; ok && i < doc->npages; i++)
        for (size_t r = 0; ok && r < doc->pages[i].nruns; r++)
        for (size_t j = 0; ok && j < doc->pages[i].runs[r].n; j++) {
            Item *it = &doc->pages[i].runs[r].items[j];
            if (it->kind != ITEM_IMAGE || it->u.image.samples)
                continue;
            size_t k = 0;
            while (k < ndone && strcmp(done[k].path, it->u.image.path) != 0)
                k++;
            if (k == ndone) {
                unsigned char *s = NULL;
                int nc = 0;
                ok = convert(a, it->u.image.path, out, &s, &nc, d, it->u.image.path);
                if (!ok)
                    break;
                done[ndone++] = (Done){ it->u.image.path, s, nc };
            }
            it->u.image.samples = done[k].samples;
            it->u.image.ncomp = done[k].ncomp;
        }
    free(done);
    cmsCloseProfile(out);
    return ok;
}
