#include "pdf/textout.h"
#include "base/buf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* v with at most 4 decimals, trailing zeros dropped ("-0" is "0").
 * The hot path (every position and adjustment) counts in ten-thousandths
 * with integers; printf only for what is out of that range. */
static void num(Buf *b, double v)
{
    char s[40];
    if (v > -0.00005 && v < 0.00005)
        v = 0;
    if (v > -1e12 && v < 1e12) {
        double r = v * 10000;
        long long q = (long long)(r < 0 ? r - 0.5 : r + 0.5);
        unsigned long long u = q < 0 ? 0ULL - (unsigned long long)q
                                     : (unsigned long long)q;
        char *e = s + sizeof s;
        *--e = '\0';
        unsigned frac = (unsigned)(u % 10000);
        u /= 10000;
        if (frac) {
            int digits = 4;
            while (frac % 10 == 0) {
                frac /= 10;
                digits--;
            }
            while (digits--) {
                *--e = (char)('0' + frac % 10);
                frac /= 10;
            }
            *--e = '.';
        }
        do {
            *--e = (char)('0' + u % 10);
            u /= 10;
        } while (u);
        if (q < 0)
            *--e = '-';
        buf_add(b, e, (size_t)(s + sizeof s - 1 - e));
        return;
    }
    snprintf(s, sizeof s, "%.4f", v);
    char *e = s + strlen(s) - 1;
    while (*e == '0')
        *e-- = '\0';
    if (*e == '.')
        *e = '\0';
    buf_str(b, s);
}

HPDF_STATUS textout_font(HPDF_Stream st, const char *name, double size)
{
    Buf b = { 0 };
    buf_printf(&b, "/%s ", name);
    num(&b, size);
    buf_str(&b, " Tf\n");
    HPDF_STATUS ret = HPDF_Stream_Write(st, (const HPDF_BYTE *)b.s, (HPDF_UINT)b.n);
    free(b.s);
    return ret;
}

/* The item's text as a UTF-16BE hex string with its byte order mark. */
static void actual_text(Buf *b, const char *s, size_t len)
{
    buf_str(b, "/Span<</ActualText<FEFF");
    fontembed_utf16_hex(b, s, len);
    buf_str(b, ">>>BDC\n");
}

HPDF_STATUS textout_scale(HPDF_Stream st, double scale)
{
    Buf b = { 0 };
    num(&b, scale * 100);
    buf_str(&b, " Tz\n");
    HPDF_STATUS ret = HPDF_Stream_Write(st, (const HPDF_BYTE *)b.s, (HPDF_UINT)b.n);
    free(b.s);
    return ret;
}

/* v as num() writes it (four decimals, halves away from zero). */
static double rounded(double v)
{
    double r = v * 10000;
    return (double)(long long)(r < 0 ? r - 0.5 : r + 0.5) / 10000;
}

HPDF_STATUS textout_show(HPDF_Stream st, FontEmbed *fe, const Item *it,
                         bool actual)
{
    Buf b = { 0 };
    if (actual)
        actual_text(&b, it->u.text.utf8, it->u.text.len);
    double size = it->u.text.size;
    buf_str(&b, "1 0 0 1 ");
    num(&b, it->x);
    buf_str(&b, " ");
    num(&b, it->y);
    buf_str(&b, " Tm\n");
    double pen = 0;     /* where the viewer's pen is, 1/1000 em */
    double target = 0;  /* where the item's pen is (offsets aside) */
    double base = 0;    /* the current word's start minus its target */
    double drift = 0;   /* the viewer's pen minus pen after an anchored
                           word start: 1e-6 to 1.01e-4 (1/1000 em) */
    double rise = 0;    /* current Ts, 1/1000 em */
    /* The scale as the viewer has it: Tz as written (textout_scale). */
    double hs = it->u.text.hscale > 0 ? it->u.text.hscale : 1;
    double hs_w = rounded(hs * 100) / 100;
    double prev_w = 0;  /* the /W width of the glyph before */
    bool open = false, hex = false;
    for (size_t k = 0; k < it->u.text.nglyphs; k++) {
        const TextGlyph *g = &it->u.text.glyphs[k];
        /* A word after a stretched space (a justified line) starts where
         * its own Tm would put it, at the nearest 1/10,000 pt: the
         * rounding of Tm and Tz does not add up along the line, and the
         * line draws exactly as when each word was an item of its own. */
        bool anchor = false;
        if (k > 0) {
            const TextGlyph *pg = &it->u.text.glyphs[k - 1];
            double d = pg->adv - prev_w;
            if (pg->cluster < it->u.text.len &&
                it->u.text.utf8[pg->cluster] == ' ' && (d > 0.0005 || d < -0.0005)) {
                double x = rounded(it->x + target * size * hs / 1000);
                base = (x - rounded(it->x)) * 1000 / (size * hs_w) - target;
                anchor = true;
            }
        }
        double dy = text_dy(it, k);
        if (dy != rise) {
            if (open)
                buf_str(&b, hex ? ">] TJ\n" : "] TJ\n");
            open = hex = false;
            num(&b, dy * size / 1000);
            buf_str(&b, " Ts\n");
            rise = dy;
        }
        if (!open) {
            buf_str(&b, "[");
            open = true;
        }
        double want = base + target + text_dx(it, k);
        if (anchor) {
            /* The adjustment rounded down, so that the viewer's pen is
             * never short of the word's start (a start that falls on a
             * rasteriser's sub-pixel boundary stays on the same side of
             * it as a Tm there) and is past it by less than 1e-6 pt. */
            double adj = floor((pen + drift - want - 1e-6) * 10000) / 10000;
            if (adj != 0) {
                if (hex)
                    buf_str(&b, ">");
                hex = false;
                num(&b, adj);
            }
            drift = pen + drift - adj - want;
            pen = want;
        } else if (pen - want > 0.0005 || want - pen > 0.0005) {
            if (hex)
                buf_str(&b, ">");
            hex = false;
            num(&b, pen - want);        /* TJ: positive moves left */
            pen = want;
        }
        /* Four hex digits a glyph (the hot loop: no printf). */
        static const char digits[] = "0123456789ABCDEF";
        char h[6];
        size_t o = 0;
        if (!hex)
            h[o++] = '<';
        for (int sh = 12; sh >= 0; sh -= 4)
            h[o++] = digits[(g->gid >> sh) & 0xF];
        buf_add(&b, h, o);
        hex = true;
        prev_w = fontembed_width(fe, it->u.text.font, g->gid);
        pen += prev_w;
        target += g->adv;
    }
    if (open) {
        if (hex)
            buf_str(&b, ">");
        if (pen - base - target > 0.0005 || base + target - pen > 0.0005)
            num(&b, pen - base - target);
        buf_str(&b, "] TJ\n");
    }
    if (rise != 0)
        buf_str(&b, "0 Ts\n");
    if (actual)
        buf_str(&b, "EMC\n");
    HPDF_STATUS ret = HPDF_Stream_Write(st, (const HPDF_BYTE *)b.s, (HPDF_UINT)b.n);
    free(b.s);
    return ret;
}
