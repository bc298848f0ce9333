#include "text/font.h"
#include "base/xalloc.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H
#include FT_ADVANCES_H
#include <hb.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <utf8proc.h>

#define ADV_UNKNOWN INT16_MIN

struct Font {
    char *path;
    FT_Face face;           /* NULL until first use */
    bool failed;            /* opening failed once: do not retry */
    int upem;
    uint8_t *cover;         /* bitmap over the BMP, built from the cmap */
    uint32_t *astral;       /* covered code points above U+FFFF, sorted */
    size_t nastral;
    int16_t *adv;           /* lazily filled advances, 1/1000 em */
    int ascender, descender, cap_height;   /* 1/1000 em */
    char *ps_name;
    hb_font_t *hb;          /* HarfBuzz font at scale upem; NULL until the
                               first font_shape, or if it failed */
    bool hb_failed;
};

/* font_shape's cache: open addressing over (font, options, text). */
typedef struct ShapeEntry {
    uint64_t hash;          /* 0 = empty slot */
    char *key;              /* the text (owned) */
    uint32_t len;
    short font;
    unsigned char flags;    /* ShapeOpts kern, rtl */
    char lang[16];
    Shaped *sh;             /* owned, and sh->g: its address is handed
                               out, so it stays put when the table grows */
} ShapeEntry;

typedef struct ShapeCache {
    ShapeEntry *e;
    size_t cap, n;
    long calls, hits;
} ShapeCache;

static const char *ft_err(FT_Error e)
{
    const char *s = FT_Error_String(e);
    return s ? s : "unknown FreeType error";
}

bool font_set_init(FontSet *fs, Diags *d)
{
    memset(fs, 0, sizeof *fs);
    FT_Library lib;
    FT_Error e = FT_Init_FreeType(&lib);
    if (e) {
        diag_error(d, srcloc(NULL, 0, 0), NULL,
                   "cannot initialise FreeType: %s (code %d)", ft_err(e), e);
        return false;
    }
    fs->ft = lib;
    return true;
}

void font_set_fini(FontSet *fs)
{
    for (int i = 0; i < fs->nfonts; i++) {
        Font *f = fs->fonts[i];
        if (f->hb)
            hb_font_destroy(f->hb);
        if (f->face)
            FT_Done_Face(f->face);
        free(f->path);
        free(f->cover);
        free(f->astral);
        free(f->adv);
        free(f->ps_name);
        free(f);
    }
    ShapeCache *sc = fs->shape_cache;
    if (sc) {
        for (size_t k = 0; k < sc->cap; k++)
            if (sc->e[k].hash) {
                free(sc->e[k].key);
                free((void *)sc->e[k].sh->g);
                free(sc->e[k].sh);
            }
        free(sc->e);
        free(sc);
    }
    if (fs->ft)
        FT_Done_FreeType((FT_Library)fs->ft);
    memset(fs, 0, sizeof *fs);
}

int font_add(FontSet *fs, const char *path, Diags *d)
{
    for (int i = 0; i < fs->nfonts; i++)
        if (strcmp(fs->fonts[i]->path, path) == 0)
            return i;
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
        diag_error(d, srcloc(path, 0, 0), NULL, "font file not found");
        return -1;
    }
    if (fs->nfonts == FONT_MAX) {
        diag_error(d, srcloc(path, 0, 0), NULL,
                   "too many font files (at most %d)", FONT_MAX);
        return -1;
    }
    Font *f = xcalloc(1, sizeof *f);
    f->path = xstrdup(path);
    fs->fonts[fs->nfonts] = f;
    return fs->nfonts++;
}

/* 1/1000 em, truncated towards zero like libharu's /W widths. */
static int to_milli(long units, int upem)
{
    return (int)(units * 1000 / upem);
}

/* Open the face and read what every later query needs.  A font that fails
 * to open covers nothing, so its characters fall to the next font of the
 * chain (or to the missing-glyph warning); the failure itself is printed
 * once on stderr because no Diags is at hand in the hot path. */
static Font *font_open(FontSet *fs, int i)
{
    Font *f = fs->fonts[i];
    if (f->face || f->failed)
        return f;
    FT_Face face;
    FT_Error e = FT_New_Face((FT_Library)fs->ft, f->path, 0, &face);
    if (e) {
        fprintf(stderr, "%s: error: cannot open font: %s (code %d)\n",
                f->path, ft_err(e), e);
        f->failed = true;
        return f;
    }
    if (!FT_IS_SFNT(face) || !FT_IS_SCALABLE(face) || face->units_per_EM == 0) {
        fprintf(stderr, "%s: error: not a scalable TrueType font\n", f->path);
        FT_Done_Face(face);
        f->failed = true;
        return f;
    }
    e = FT_Select_Charmap(face, FT_ENCODING_UNICODE);
    if (e) {
        fprintf(stderr, "%s: error: font has no Unicode cmap: %s (code %d)\n",
                f->path, ft_err(e), e);
        FT_Done_Face(face);
        f->failed = true;
        return f;
    }
    f->face = face;
    f->upem = face->units_per_EM;
    f->cover = xcalloc(0x10000 / 8, 1);
    FT_UInt gid;
    FT_ULong cp = FT_Get_First_Char(face, &gid);
    size_t acap = 0;
    while (gid != 0) {
        if (cp < 0x10000) {
            f->cover[cp >> 3] |= (uint8_t)(1u << (cp & 7));
        } else if (cp < 0x110000) {
            /* FT_Get_Next_Char walks the cmap in code point order, so
             * the list comes out sorted for font_has's bsearch. */
            if (f->nastral == acap) {
                acap = acap ? 2 * acap : 256;
                f->astral = xreallocarray(f->astral, acap, sizeof *f->astral);
            }
            f->astral[f->nastral++] = (uint32_t)cp;
        }
        cp = FT_Get_Next_Char(face, cp, &gid);
    }
    f->adv = xmalloc(0x10000 * sizeof *f->adv);
    for (size_t k = 0; k < 0x10000; k++)
        f->adv[k] = ADV_UNKNOWN;
    f->ascender = to_milli(face->ascender, f->upem);
    f->descender = to_milli(face->descender, f->upem);
    TT_OS2 *os2 = FT_Get_Sfnt_Table(face, FT_SFNT_OS2);
    f->cap_height = (os2 && os2->version >= 2 && os2->sCapHeight > 0)
                        ? to_milli(os2->sCapHeight, f->upem)
                        : f->ascender * 7 / 10;
    const char *ps = FT_Get_Postscript_Name(face);
    f->ps_name = xstrdup(ps ? ps : "unnamed");
    return f;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

bool font_has(FontSet *fs, int i, uint32_t cp)
{
    if (i < 0 || i >= fs->nfonts || cp >= 0x110000)
        return false;
    Font *f = font_open(fs, i);
    if (cp >= 0x10000)
        return f->astral &&
               bsearch(&cp, f->astral, f->nastral, sizeof cp, cmp_u32) != NULL;
    return f->cover && (f->cover[cp >> 3] & (1u << (cp & 7)));
}

int font_pick(FontSet *fs, const FontChain *chain, uint32_t cp)
{
    for (int k = 0; k < chain->n; k++)
        if (font_has(fs, chain->font[k], cp))
            return chain->font[k];
    return -1;
}

int font_advance(FontSet *fs, int i, uint32_t cp)
{
    if (!font_has(fs, i, cp))
        return 0;
    Font *f = fs->fonts[i];
    if (cp >= 0x10000) {    /* rare (emoji): not cached */
        FT_Fixed a = 0;
        FT_UInt gid = FT_Get_Char_Index(f->face, cp);
        if (FT_Get_Advance(f->face, gid, FT_LOAD_NO_SCALE, &a) != 0)
            a = 0;
        return to_milli((long)a, f->upem);
    }
    if (f->adv[cp] == ADV_UNKNOWN) {
        FT_Fixed a = 0;
        FT_UInt gid = FT_Get_Char_Index(f->face, cp);
        if (FT_Get_Advance(f->face, gid, FT_LOAD_NO_SCALE, &a) != 0)
            a = 0;
        f->adv[cp] = (int16_t)to_milli((long)a, f->upem);
    }
    return f->adv[cp];
}

long font_string_advance(FontSet *fs, int i, const char *s, size_t len)
{
    long w = 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t n = (utf8proc_ssize_t)len;
    while (n > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, n, &cp);
        if (k <= 0)
            break;   /* text is validated upstream; stop rather than loop */
        w += font_advance(fs, i, (uint32_t)cp);
        p += k;
        n -= k;
    }
    return w;
}

int font_ascender(FontSet *fs, int i) { return font_open(fs, i)->ascender; }
int font_descender(FontSet *fs, int i) { return font_open(fs, i)->descender; }
int font_cap_height(FontSet *fs, int i) { return font_open(fs, i)->cap_height; }
int font_units_per_em(FontSet *fs, int i) { return font_open(fs, i)->upem; }
const char *font_path(const FontSet *fs, int i) { return fs->fonts[i]->path; }

const char *font_ps_name(FontSet *fs, int i)
{
    Font *f = font_open(fs, i);
    return f->ps_name ? f->ps_name : "unnamed";
}

/* ---------------------------------------------------------------------
 * Shaping (kerning, marks)
 */

static hb_font_t *hb_for(Font *f)
{
    if (f->hb || f->hb_failed || !f->face)
        return f->hb;
    /* The same file FreeType opened; positions at scale = upem come out in
     * unhinted font units, so the PDF size drops out of the cache key. */
    hb_blob_t *blob = hb_blob_create_from_file(f->path);
    if (!blob || hb_blob_get_length(blob) == 0) {
        hb_blob_destroy(blob);
        fprintf(stderr, "%s: warning: HarfBuzz cannot read the font; no "
                        "kerning with it\n", f->path);
        f->hb_failed = true;
        return NULL;
    }
    hb_face_t *face = hb_face_create(blob, 0);
    hb_blob_destroy(blob);
    hb_font_t *font = hb_font_create(face);
    hb_face_destroy(face);
    if (!font || font == hb_font_get_empty()) {
        f->hb_failed = true;
        return NULL;
    }
    hb_font_set_scale(font, f->upem, f->upem);
    f->hb = font;
    return font;
}

static uint64_t fnv(int font, unsigned flags, const char *lang,
                    const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL ^ (uint64_t)(font + 1);
    h = (h ^ flags) * 1099511628211ULL;
    for (const char *l = lang; *l; l++)
        h = (h ^ (unsigned char)*l) * 1099511628211ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h ? h : 1;
}

/* Nominal advance of glyph gid in 1/1000 em, truncated like /W. */
static double nominal(Font *f, hb_font_t *font, FT_UInt gid, long *units)
{
    long a = 0;
    if (font) {
        a = hb_font_get_glyph_h_advance(font, gid);
    } else {
        FT_Fixed fa = 0;
        if (FT_Get_Advance(f->face, gid, FT_LOAD_NO_SCALE, &fa) == 0)
            a = (long)fa;
    }
    if (units)
        *units = a;
    return to_milli(a, f->upem);
}

/* One cmap glyph per character at its nominal advance: for a font
 * HarfBuzz cannot read. */
static void shape_plain(Font *f, const char *s, size_t len, bool rtl,
                        Shaped *out)
{
    TextGlyph *g = xmalloc((len ? len : 1) * sizeof *g);
    size_t n = 0, off = 0;
    while (off < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t m = utf8proc_iterate((const utf8proc_uint8_t *)s + off,
                                              (utf8proc_ssize_t)(len - off), &cp);
        if (m <= 0)
            break;
        FT_UInt gid = FT_Get_Char_Index(f->face, (FT_ULong)cp);
        g[n] = (TextGlyph){ gid, (uint32_t)off,
                            (float)nominal(f, NULL, gid, NULL), 0, 0 };
        out->adv += g[n].adv;
        n++;
        off += (size_t)m;
    }
    for (size_t k = 0; rtl && k < n / 2; k++) {
        TextGlyph tmp = g[k];
        g[k] = g[n - 1 - k];
        g[n - 1 - k] = tmp;
    }
    out->g = g;
    out->n = n;
}

/* The OpenType features a run is shaped with, beyond HarfBuzz's defaults
 * for its script (which already include joining, reordering, marks and
 * the standard ligatures). */
static unsigned features(const ShapeOpts *o, hb_feature_t *feat)
{
    static const char *const off[] = { "-liga", "-clig", "-ccmp" };
    unsigned n = 0;
    for (size_t k = 0; k < sizeof off / sizeof off[0]; k++)
        if (hb_feature_from_string(off[k], -1, &feat[n]))
            n++;
    if (!o->kern && hb_feature_from_string("-kern", -1, &feat[n]))
        n++;
    return n;
}

/* Shape without the cache. */
static void shape_run(Font *f, const char *s, size_t len, const ShapeOpts *o,
                      Shaped *out)
{
    memset(out, 0, sizeof *out);
    hb_font_t *font = hb_for(f);
    hb_buffer_t *buf = font ? hb_buffer_create() : NULL;
    if (!font || !hb_buffer_allocation_successful(buf)) {
        hb_buffer_destroy(buf);
        shape_plain(f, s, len, o->rtl, out);
        return;
    }
    hb_buffer_add_utf8(buf, s, (int)len, 0, (int)len);
    hb_buffer_guess_segment_properties(buf);
    hb_buffer_set_direction(buf, o->rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
    if (o->lang && o->lang[0])
        hb_buffer_set_language(buf, hb_language_from_string(o->lang, -1));
    hb_feature_t feat[8];
    unsigned nfeat = features(o, feat);
    hb_shape(font, buf, feat, nfeat);
    unsigned n = 0, np = 0;
    hb_glyph_info_t *gi = hb_buffer_get_glyph_infos(buf, &n);
    hb_glyph_position_t *gp = hb_buffer_get_glyph_positions(buf, &np);
    if (!gi || !gp || n != np) {
        hb_buffer_destroy(buf);
        shape_plain(f, s, len, o->rtl, out);
        return;
    }
    TextGlyph *g = xmalloc((n ? n : 1) * sizeof *g);
    for (unsigned k = 0; k < n; k++) {
        long units;
        double w = nominal(f, font, gi[k].codepoint, &units);
        /* Exact, not truncated: what shaping adds to the nominal advance
         * (kerning) is written in TJ with decimals. */
        double adv = w + ((double)gp[k].x_advance - (double)units) * 1000.0 /
                         f->upem;
        g[k] = (TextGlyph){ gi[k].codepoint, gi[k].cluster, (float)adv,
                            (float)(gp[k].x_offset * 1000.0 / f->upem),
                            (float)(gp[k].y_offset * 1000.0 / f->upem) };
        out->adv += g[k].adv;
    }
    out->g = g;
    out->n = n;
    hb_buffer_destroy(buf);
}

const Shaped *font_shape(FontSet *fs, int i, const char *s, size_t len,
                         const ShapeOpts *o)
{
    if (i < 0 || i >= fs->nfonts || len == 0 || len > 0xFFFFFF)
        return NULL;
    Font *f = font_open(fs, i);
    ShapeCache *c = fs->shape_cache;
    if (!c) {
        c = xcalloc(1, sizeof *c);
        c->cap = 1024;
        c->e = xcalloc(c->cap, sizeof *c->e);
        fs->shape_cache = c;
    }
    c->calls++;
    unsigned flags = (o->kern ? 1u : 0u) | (o->rtl ? 2u : 0u);
    char lang[16];
    snprintf(lang, sizeof lang, "%s", o->lang ? o->lang : "");
    uint64_t h = fnv(i, flags, lang, s, len);
    size_t k = (size_t)h & (c->cap - 1);
    while (c->e[k].hash) {
        ShapeEntry *e = &c->e[k];
        if (e->hash == h && e->font == i && e->len == len &&
            e->flags == flags && strcmp(e->lang, lang) == 0 &&
            memcmp(e->key, s, len) == 0) {
            c->hits++;
            return e->sh;
        }
        k = (k + 1) & (c->cap - 1);
    }
    if (2 * (c->n + 1) > c->cap) {      /* keep the load under 1/2 */
        size_t ncap = c->cap * 2;
        ShapeEntry *ne = xcalloc(ncap, sizeof *ne);
        for (size_t j = 0; j < c->cap; j++)
            if (c->e[j].hash) {
                size_t q = (size_t)c->e[j].hash & (ncap - 1);
                while (ne[q].hash)
                    q = (q + 1) & (ncap - 1);
                ne[q] = c->e[j];
            }
        free(c->e);
        c->e = ne;
        c->cap = ncap;
        k = (size_t)h & (c->cap - 1);
        while (c->e[k].hash)
            k = (k + 1) & (c->cap - 1);
    }
    ShapeEntry *e = &c->e[k];
    e->hash = h;
    e->key = xmalloc(len);
    memcpy(e->key, s, len);
    e->len = (uint32_t)len;
    e->font = (short)i;
    e->flags = (unsigned char)flags;
    memcpy(e->lang, lang, sizeof lang);
    c->n++;
    e->sh = xcalloc(1, sizeof *e->sh);
    if (f->face)
        shape_run(f, s, len, o, e->sh);
    return e->sh;
}

void font_shape_stats(const FontSet *fs, long *calls, long *hits)
{
    const ShapeCache *c = fs->shape_cache;
    *calls = c ? c->calls : 0;
    *hits = c ? c->hits : 0;
}
