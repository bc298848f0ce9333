#include "font.h"
#include "xalloc.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H
#include FT_ADVANCES_H

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
    int16_t *adv;           /* lazily filled advances, 1/1000 em */
    int ascender, descender, cap_height;   /* 1/1000 em */
    char *ps_name;
};

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
        if (f->face)
            FT_Done_Face(f->face);
        free(f->path);
        free(f->cover);
        free(f->adv);
        free(f->ps_name);
        free(f);
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
    while (gid != 0) {
        if (cp < 0x10000)
            f->cover[cp >> 3] |= (uint8_t)(1u << (cp & 7));
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

bool font_has(FontSet *fs, int i, uint32_t cp)
{
    if (i < 0 || i >= fs->nfonts || cp >= 0x10000)
        return false;
    Font *f = font_open(fs, i);
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
