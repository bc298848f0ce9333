/* image — see image.h. */
#include "input/image.h"
#include "base/xalloc.h"

#include <errno.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <png.h>

/* Larger images would be a photograph at 300 ppi over 1.7 m; refusing
 * them keeps a corrupt header from asking for gigabytes. */
#define IMAGE_MAX_SIDE 20000

bool image_format(const char *path, ImageFormat *f, char *err, size_t size)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        snprintf(err, size, "cannot read '%s': %s", path, strerror(errno));
        return false;
    }
    unsigned char sig[8] = { 0 };
    size_t n = fread(sig, 1, sizeof sig, fp);
    fclose(fp);
    if (n == 8 && png_sig_cmp(sig, 0, 8) == 0) {
        *f = IMAGE_PNG;
        return true;
    }
    if (n >= 3 && sig[0] == 0xFF && sig[1] == 0xD8 && sig[2] == 0xFF) {
        *f = IMAGE_JPEG;
        return true;
    }
    snprintf(err, size, "'%s' is not a PNG or JPEG file", path);
    return false;
}

void image_free(ImageData *img)
{
    free(img->pixels);
    free(img->alpha);
    free(img->icc);
    memset(img, 0, sizeof *img);
}

/* ------------------------------------------------------------------ */
/* PNG                                                                 */

typedef struct PngErr {
    jmp_buf jmp;
    char *err;
    size_t size;
    const char *path;
} PngErr;

static void png_fail(png_structp png, png_const_charp msg)
{
    PngErr *e = png_get_error_ptr(png);
    snprintf(e->err, e->size, "'%s' is a corrupt PNG file (%s)", e->path, msg);
    longjmp(e->jmp, 1);
}

static void png_quiet(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg;      /* warnings (an unknown chunk) do not stop a read */
}

static bool read_png(FILE *fp, const char *path, ImageData *out, char *err,
                     size_t size)
{
    PngErr e = { .err = err, .size = size, .path = path };
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &e,
                                             png_fail, png_quiet);
    if (!png) {
        snprintf(err, size, "out of memory reading a PNG");
        return false;
    }
    png_infop info = png_create_info_struct(png);
    /* volatile: set between setjmp and a longjmp back */
    unsigned char *volatile pixels = NULL, *volatile alpha = NULL;
    png_bytep *volatile rows = NULL;
    unsigned char *volatile icc = NULL;
    if (!info || setjmp(e.jmp)) {
        if (!info)
            snprintf(err, size, "out of memory reading a PNG");
        png_destroy_read_struct(&png, info ? &info : NULL, NULL);
        free(pixels);
        free(alpha);
        free(rows);
        free(icc);
        return false;
    }
    png_init_io(png, fp);
    png_read_info(png, info);
    png_uint_32 w = png_get_image_width(png, info);
    png_uint_32 h = png_get_image_height(png, info);
    if (w == 0 || h == 0 || w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE)
        png_error(png, "over 20000 pixels a side, or none");
    png_charp name;
    int comp;
    png_bytep prof;
    png_uint_32 plen;
    if (png_get_iCCP(png, info, &name, &comp, &prof, &plen) && plen) {
        icc = xmalloc(plen);
        memcpy(icc, prof, plen);
        out->nicc = plen;
    }
    png_set_expand(png);            /* palette, low-bit grey, tRNS */
    png_set_strip_16(png);
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    int ch = png_get_channels(png, info);
    int ctype = png_get_color_type(png, info);
    bool grey = !(ctype & PNG_COLOR_MASK_COLOR);
    bool has_alpha = (ctype & PNG_COLOR_MASK_ALPHA) != 0;
    int nc = grey ? 1 : 3;
    if (ch != nc + has_alpha)
        png_error(png, "unexpected channel layout");
    size_t rowbytes = png_get_rowbytes(png, info);
    unsigned char *buf = xmalloc(rowbytes * h);
    rows = xmalloc(h * sizeof *rows);
    for (png_uint_32 y = 0; y < h; y++)
        rows[y] = buf + y * rowbytes;
    pixels = buf;
    png_read_image(png, rows);
    png_read_end(png, NULL);
    free(rows);
    rows = NULL;
    if (has_alpha) {
        /* apart: the PDF wants the colour and the soft mask separately */
        unsigned char *col = xmalloc((size_t)w * h * nc);
        alpha = xmalloc((size_t)w * h);
        for (size_t i = 0; i < (size_t)w * h; i++) {
            memcpy(col + i * nc, buf + i * (nc + 1), (size_t)nc);
            alpha[i] = buf[i * (nc + 1) + nc];
        }
        free(buf);
        pixels = col;
    }
    png_destroy_read_struct(&png, &info, NULL);
    out->format = IMAGE_PNG;
    out->w = (int)w;
    out->h = (int)h;
    out->ncomp = nc;
    out->pixels = pixels;
    out->alpha = alpha;
    out->icc = icc;
    return true;
}

/* ------------------------------------------------------------------ */
/* JPEG                                                                */

typedef struct JpegErr {
    struct jpeg_error_mgr mgr;
    jmp_buf jmp;
    char *err;
    size_t size;
    const char *path;
} JpegErr;

static void jpeg_fail(j_common_ptr cinfo)
{
    JpegErr *e = (JpegErr *)cinfo->err;
    char msg[JMSG_LENGTH_MAX];
    e->mgr.format_message(cinfo, msg);
    snprintf(e->err, e->size, "'%s' is a corrupt JPEG file (%s)", e->path, msg);
    longjmp(e->jmp, 1);
}

static void jpeg_quiet(j_common_ptr cinfo, int level)
{
    /* A corrupt-data warning (level -1) means a damaged file: refuse it
     * rather than print a grey band. */
    if (level < 0) {
        JpegErr *e = (JpegErr *)cinfo->err;
        if (e->mgr.num_warnings++ == 0)
            jpeg_fail(cinfo);
    }
}

static bool read_jpeg(FILE *fp, const char *path, ImageData *out, char *err,
                      size_t size)
{
    struct jpeg_decompress_struct cinfo;
    JpegErr e = { .err = err, .size = size, .path = path };
    cinfo.err = jpeg_std_error(&e.mgr);
    e.mgr.error_exit = jpeg_fail;
    e.mgr.emit_message = jpeg_quiet;
    unsigned char *volatile pixels = NULL;
    unsigned char *volatile icc = NULL;
    if (setjmp(e.jmp)) {
        jpeg_destroy_decompress(&cinfo);
        free(pixels);
        free(icc);
        return false;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_stdio_src(&cinfo, fp);
    jpeg_save_markers(&cinfo, JPEG_APP0 + 2, 0xFFFF);
    jpeg_read_header(&cinfo, TRUE);
    if (cinfo.image_width > IMAGE_MAX_SIDE || cinfo.image_height > IMAGE_MAX_SIDE) {
        snprintf(err, size, "'%s' is too large (over %d pixels a side)", path,
                 IMAGE_MAX_SIDE);
        longjmp(e.jmp, 1);
    }
    bool cmyk = cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
    bool grey = cinfo.jpeg_color_space == JCS_GRAYSCALE;
    cinfo.out_color_space = cmyk ? JCS_CMYK : grey ? JCS_GRAYSCALE : JCS_RGB;
    /* The ICC profile, possibly in several APP2 chunks ("ICC_PROFILE\0",
     * sequence number, count). */
    size_t total = 0;
    for (jpeg_saved_marker_ptr m = cinfo.marker_list; m; m = m->next)
        if (m->marker == JPEG_APP0 + 2 && m->data_length > 14
            && memcmp(m->data, "ICC_PROFILE", 12) == 0)
            total += m->data_length - 14;
    if (total) {
        icc = xmalloc(total);
        size_t at = 0;
        for (int seq = 1; seq < 256 && at < total; seq++)
            for (jpeg_saved_marker_ptr m = cinfo.marker_list; m; m = m->next)
                if (m->marker == JPEG_APP0 + 2 && m->data_length > 14
                    && memcmp(m->data, "ICC_PROFILE", 12) == 0 && m->data[12] == seq) {
                    memcpy(icc + at, m->data + 14, m->data_length - 14);
                    at += m->data_length - 14;
                }
        out->nicc = at;
    }
    jpeg_start_decompress(&cinfo);
    int nc = cinfo.output_components;
    size_t stride = (size_t)cinfo.output_width * (size_t)nc;
    pixels = xmalloc(stride * cinfo.output_height);
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW row = pixels + stride * cinfo.output_scanline;
        jpeg_read_scanlines(&cinfo, &row, 1);
    }
    /* Adobe writes CMYK JPEGs inverted (0 = full ink) */
    if (nc == 4 && cinfo.saw_Adobe_marker)
        for (size_t i = 0; i < stride * cinfo.output_height; i++)
            pixels[i] = (unsigned char)(255 - pixels[i]);
    jpeg_finish_decompress(&cinfo);
    out->format = IMAGE_JPEG;
    out->w = (int)cinfo.output_width;
    out->h = (int)cinfo.output_height;
    out->ncomp = nc;
    out->pixels = pixels;
    out->icc = icc;
    jpeg_destroy_decompress(&cinfo);
    return true;
}

bool image_decode(const char *path, ImageData *out, char *err, size_t size)
{
    memset(out, 0, sizeof *out);
    ImageFormat f;
    if (!image_format(path, &f, err, size))
        return false;
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        snprintf(err, size, "cannot read '%s': %s", path, strerror(errno));
        return false;
    }
    bool ok = f == IMAGE_PNG ? read_png(fp, path, out, err, size)
                             : read_jpeg(fp, path, out, err, size);
    fclose(fp);
    if (!ok)
        memset(out, 0, sizeof *out);
    return ok;
}
