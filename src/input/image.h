/* image — PNG and JPEG files to 8-bit pixels (libpng, libjpeg).
 *
 * Takes a path; gives the pixels as grey, RGB or CMYK (CMYK JPEGs only),
 * the alpha channel apart (PNG), and the embedded ICC profile when there
 * is one.  The loader decodes each image once to refuse an unreadable or
 * corrupt file where the input names it; the print edition decodes again
 * to convert to CMYK; the PDF backend to write the samples.  16-bit
 * samples are cut to 8, palettes expanded, interlacing undone.
 *
 * May not touch the model or any layout: it knows only files and pixels.
 */
#ifndef LIVRET_IMAGE_H
#define LIVRET_IMAGE_H

#include <stdbool.h>
#include <stddef.h>

typedef enum { IMAGE_PNG, IMAGE_JPEG } ImageFormat;

typedef struct ImageData {
    ImageFormat format;
    int w, h;
    int ncomp;              /* 1 grey, 3 RGB, 4 CMYK */
    unsigned char *pixels;  /* heap, w * h * ncomp, rows top down */
    unsigned char *alpha;   /* heap, w * h, or NULL (opaque) */
    unsigned char *icc;     /* heap, the embedded profile, or NULL */
    size_t nicc;
} ImageData;

/* The format from the file's first bytes; false (message in err) when
 * it is neither PNG nor JPEG or cannot be read. */
bool image_format(const char *path, ImageFormat *f, char *err, size_t size);

/* Decode the whole file.  On failure false, a message in err ("not a PNG
 * or JPEG file", libpng's or libjpeg's words for a corrupt one), nothing
 * to free. */
bool image_decode(const char *path, ImageData *out, char *err, size_t size);
void image_free(ImageData *img);

#endif
