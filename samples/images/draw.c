/* draw.c — makes the sample programmes' pictures (samples/images/).
 *
 * Every picture here is drawn by this program from geometry alone: no
 * photograph, font or artwork of anyone else's.  They are released under
 * CC0 1.0 (public domain dedication), like the rest of samples/.
 *
 *   cc -O2 -o /tmp/draw samples/images/draw.c -lpng -ljpeg -lm
 *   (cd samples/images && /tmp/draw)
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <png.h>

typedef struct { int w, h, nc; unsigned char *p; } Img;

static Img img_new(int w, int h, int nc)
{
    Img m = { w, h, nc, calloc((size_t)w * h * nc, 1) };
    return m;
}

static unsigned char *px(Img *m, int x, int y)
{
    return m->p + ((size_t)y * m->w + x) * m->nc;
}

static void fill_rect(Img *m, int x0, int y0, int x1, int y1,
                      int r, int g, int b, int a)
{
    for (int y = y0 < 0 ? 0 : y0; y < y1 && y < m->h; y++)
        for (int x = x0 < 0 ? 0 : x0; x < x1 && x < m->w; x++) {
            unsigned char *q = px(m, x, y);
            q[0] = r; q[1] = g; q[2] = b;
            if (m->nc == 4) q[3] = a;
        }
}

static void disc(Img *m, double cx, double cy, double rad, int r, int g,
                 int b, int a)
{
    for (int y = 0; y < m->h; y++)
        for (int x = 0; x < m->w; x++) {
            double d = hypot(x - cx, y - cy) - rad;
            if (d > 1)
                continue;
            double cov = d < -1 ? 1 : (1 - d) / 2;  /* antialiased edge */
            unsigned char *q = px(m, x, y);
            if (m->nc == 4 && q[3] == 0) {
                q[0] = r; q[1] = g; q[2] = b;
                q[3] = (unsigned char)(a * cov);
            } else {
                q[0] = (unsigned char)(q[0] * (1 - cov) + r * cov);
                q[1] = (unsigned char)(q[1] * (1 - cov) + g * cov);
                q[2] = (unsigned char)(q[2] * (1 - cov) + b * cov);
                if (m->nc == 4 && q[3] < a * cov) q[3] = (unsigned char)(a * cov);
            }
        }
}

static void save_png(const Img *m, const char *path)
{
    FILE *f = fopen(path, "wb");
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, 0, 0, 0);
    png_infop info = png_create_info_struct(png);
    png_init_io(png, f);
    png_set_IHDR(png, info, m->w, m->h, 8,
                 m->nc == 4 ? PNG_COLOR_TYPE_RGBA : PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    png_set_sRGB_gAMA_and_cHRM(png, info, PNG_sRGB_INTENT_PERCEPTUAL);
    png_write_info(png, info);
    for (int y = 0; y < m->h; y++)
        png_write_row(png, m->p + (size_t)y * m->w * m->nc);
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    fclose(f);
}

static void save_jpeg(const Img *m, const char *path)
{
    struct jpeg_compress_struct c;
    struct jpeg_error_mgr e;
    c.err = jpeg_std_error(&e);
    jpeg_create_compress(&c);
    FILE *f = fopen(path, "wb");
    jpeg_stdio_dest(&c, f);
    c.image_width = m->w;
    c.image_height = m->h;
    c.input_components = 3;
    c.in_color_space = JCS_RGB;
    jpeg_set_defaults(&c);
    jpeg_set_quality(&c, 82, TRUE);
    jpeg_start_compress(&c, TRUE);
    while (c.next_scanline < c.image_height) {
        JSAMPROW row = m->p + (size_t)c.next_scanline * m->w * 3;
        jpeg_write_scanlines(&c, &row, 1);
    }
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    fclose(f);
}

/* A river landscape at dusk: sky gradient, sun, hills, water bands. */
static void cover(const char *path, int palette)
{
    int W = 1800, H = 1300;
    Img m = img_new(W, H, 3);
    double top[2][3] = { { 31, 80, 140 }, { 120, 60, 110 } };
    double low[2][3] = { { 250, 190, 120 }, { 255, 200, 140 } };
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            double t = (double)y / (H * 0.62);
            if (t > 1) t = 1;
            unsigned char *q = px(&m, x, y);
            for (int k = 0; k < 3; k++)
                q[k] = (unsigned char)(top[palette][k] * (1 - t) + low[palette][k] * t);
        }
    disc(&m, W * 0.68, H * 0.52, 150, 255, 236, 200, 255);
    for (int layer = 0; layer < 3; layer++)
        for (int x = 0; x < W; x++) {
            double y0 = H * (0.52 + 0.06 * layer)
                        + 55 * sin(x / (180.0 + 60 * layer) + layer * 1.7)
                        + 25 * sin(x / 53.0 + layer);
            int g = 60 - 15 * layer;
            for (int y = (int)y0; y < H; y++) {
                unsigned char *q = px(&m, x, y);
                q[0] = 20 + g / 2; q[1] = 50 + g; q[2] = 60 + g;
            }
        }
    for (int y = (int)(H * 0.78); y < H; y++)
        for (int x = 0; x < W; x++) {
            double wave = 0.5 + 0.5 * sin(x / 19.0 + y * 0.9);
            unsigned char *q = px(&m, x, y);
            q[0] = (unsigned char)(30 + 40 * wave);
            q[1] = (unsigned char)(80 + 50 * wave);
            q[2] = (unsigned char)(120 + 60 * wave);
        }
    save_jpeg(&m, path);
    free(m.p);
}

/* A logo: overlapping discs on a transparent ground. */
static void logo(const char *path, int r, int g, int b)
{
    Img m = img_new(720, 300, 4);
    disc(&m, 150, 150, 120, r, g, b, 255);
    disc(&m, 300, 150, 120, (r + 255) / 2, (g + 255) / 2, (b + 255) / 2, 220);
    fill_rect(&m, 450, 95, 700, 125, r, g, b, 255);
    fill_rect(&m, 450, 145, 640, 170, r, g, b, 200);
    fill_rect(&m, 450, 190, 670, 210, r, g, b, 160);
    save_png(&m, path);
    free(m.p);
}

/* A partner's mark: a square, a ring or bars, each its own colour. */
static void partner(const char *path, int kind, int r, int g, int b, int jpeg)
{
    Img m = img_new(600, 360, jpeg ? 3 : 4);
    if (jpeg)
        fill_rect(&m, 0, 0, 600, 360, 255, 255, 255, 255);
    if (kind == 0) {
        fill_rect(&m, 200, 60, 400, 260, r, g, b, 255);
        fill_rect(&m, 250, 110, 350, 210, 255, 255, 255, 255);
    } else if (kind == 1) {
        disc(&m, 300, 160, 110, r, g, b, 255);
        disc(&m, 300, 160, 60, 255, 255, 255, 255);
    } else {
        for (int i = 0; i < 5; i++)
            fill_rect(&m, 150 + i * 62, 260 - 40 * (i + 1), 195 + i * 62, 260, r, g, b, 255);
    }
    fill_rect(&m, 150, 300, 450, 316, r / 2, g / 2, b / 2, 255);
    if (jpeg)
        save_jpeg(&m, path);
    else
        save_png(&m, path);
    free(m.p);
}

/* A venue plan: rooms as blocks, corridors, an entrance arrow. */
static void plan(const char *path)
{
    Img m = img_new(1500, 1000, 3);
    fill_rect(&m, 0, 0, 1500, 1000, 246, 244, 238, 255);
    fill_rect(&m, 80, 80, 1420, 920, 90, 90, 90, 255);
    fill_rect(&m, 92, 92, 1408, 908, 250, 250, 246, 255);
    fill_rect(&m, 120, 120, 760, 560, 31, 111, 139, 255);     /* auditorium */
    fill_rect(&m, 800, 120, 1100, 400, 214, 120, 40, 255);    /* room A */
    fill_rect(&m, 1130, 120, 1380, 400, 106, 76, 147, 255);   /* room B */
    fill_rect(&m, 800, 440, 1380, 560, 200, 196, 188, 255);   /* hall */
    fill_rect(&m, 120, 600, 1380, 680, 226, 222, 214, 255);   /* corridor */
    fill_rect(&m, 120, 720, 560, 880, 120, 150, 90, 255);     /* cafeteria */
    fill_rect(&m, 600, 720, 980, 880, 160, 160, 160, 255);    /* library */
    fill_rect(&m, 1020, 720, 1380, 880, 200, 80, 80, 255);    /* reception */
    for (int i = 0; i < 60; i++)                              /* entrance */
        fill_rect(&m, 1200 - i, 920 + i, 1200 + i, 921 + i, 200, 80, 80, 255);
    save_png(&m, path);
    free(m.p);
}

int main(void)
{
    cover("cover-es.jpg", 0);
    cover("cover-fr.jpg", 1);
    logo("logo-es.png", 31, 111, 139);
    logo("logo-fr.png", 0, 85, 164);
    partner("partner-1.png", 0, 31, 111, 139, 0);
    partner("partner-2.jpg", 1, 214, 120, 40, 1);
    partner("partner-3.png", 2, 106, 76, 147, 0);
    plan("plan.png");
    return 0;
}
