#include "text/font.h"
#include "base/xalloc.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H
#include FT_ADVANCES_H
#include <hb.h>
#include <fontconfig/fontconfig.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <utf8proc.h>

#define ADV_UNKNOWN INT16_MIN

struct Font {
    char *path;
    int index;              /* face in a collection */
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
    fs->d = d;
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
    free(fs->none);
    if (fs->fc)
        FcConfigDestroy(fs->fc);
    memset(fs, 0, sizeof *fs);
}

static int font_add_face(FontSet *fs, const char *path, int index, Diags *d)
{
    for (int i = 0; i < fs->nfonts; i++)
        if (strcmp(fs->fonts[i]->path, path) == 0 && fs->fonts[i]->index == index)
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
    f->index = index;
    fs->fonts[fs->nfonts] = f;
    return fs->nfonts++;
}

int font_add(FontSet *fs, const char *path, Diags *d)
{
    return font_add_face(fs, path, 0, d);
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
    FT_Error e = FT_New_Face((FT_Library)fs->ft, f->path, f->index, &face);
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
    Font *f = fs->fonts[i];
    if (!f->face && !f->failed)     /* asked for every character: no call */
        f = font_open(fs, i);
    if (cp >= 0x10000)
        return f->astral &&
               bsearch(&cp, f->astral, f->nastral, sizeof cp, cmp_u32) != NULL;
    return f->cover && (f->cover[cp >> 3] & (1u << (cp & 7)));
}

bool font_set_script(FontSet *fs, const char *tag, const char *serif,
                     const char *sans)
{
    hb_script_t sc = hb_script_from_string(tag, -1);
    if (sc == HB_SCRIPT_UNKNOWN || sc == HB_SCRIPT_INVALID)
        return false;
    ScriptFonts *e = NULL;
    for (int k = 0; k < fs->nscripts; k++)
        if (fs->scripts[k].script == (uint32_t)sc)
            e = &fs->scripts[k];
    if (!e) {
        if (fs->nscripts == FONT_SCRIPT_MAX)
            return false;
        e = &fs->scripts[fs->nscripts++];
    }
    e->script = (uint32_t)sc;
    e->name[0] = serif ? serif : sans;
    e->name[1] = sans ? sans : serif;
    for (int a = 0; a < 2; a++)
        for (int b = 0; b < 2; b++)
            e->font[a][b] = -1;
    return true;
}

static FcConfig *fc_config(FontSet *fs)
{
    if (!fs->fc)
        fs->fc = FcInitLoadConfigAndFonts();
    return fs->fc;
}

/* File and face of pattern p's best match, if it is an outline font
 * (TrueType or CFF) and, when family is given, of that family. */
static int fc_font(FontSet *fs, FcPattern *p, const char *family)
{
    FcConfig *fc = fc_config(fs);
    if (!fc || !p)
        return -1;
    FcPatternAddBool(p, FC_SCALABLE, FcTrue);
    if (!FcConfigSubstitute(fc, p, FcMatchPattern))
        return -1;
    FcDefaultSubstitute(p);
    FcResult r;
    FcPattern *m = FcFontMatch(fc, p, &r);
    if (!m)
        return -1;
    FcChar8 *file = NULL, *fam = NULL, *fmt = NULL;
    int index = 0, got = -1;
    if (FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch &&
        FcPatternGetString(m, FC_FONTFORMAT, 0, &fmt) == FcResultMatch &&
        (strcmp((const char *)fmt, "TrueType") == 0 ||
         strcmp((const char *)fmt, "CFF") == 0)) {
        bool same = !family;
        for (int k = 0; !same && FcPatternGetString(m, FC_FAMILY, k, &fam) ==
                                 FcResultMatch; k++)
            same = strcasecmp((const char *)fam, family) == 0;
        if (FcPatternGetInteger(m, FC_INDEX, 0, &index) != FcResultMatch)
            index = 0;
        if (same)
            got = font_add_face(fs, (const char *)file, index, fs->d);
    }
    FcPatternDestroy(m);
    return got;
}

/* A script font: a file path, else a fontconfig family name. */
static int script_font(FontSet *fs, ScriptFonts *e, bool sans, bool bold)
{
    int *slot = &e->font[sans][bold];
    if (*slot != -1)
        return *slot;
    const char *name = e->name[sans];
    int f = -1;
    if (strchr(name, '/')) {
        f = font_add(fs, name, fs->d);
    } else {
        FcPattern *p = FcPatternCreate();
        if (p) {
            FcPatternAddString(p, FC_FAMILY, (const FcChar8 *)name);
            FcPatternAddInteger(p, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
            f = fc_font(fs, p, name);
            FcPatternDestroy(p);
        }
    }
    *slot = f >= 0 ? f : -2;
    if (f < 0) {
        char tag[5];
        hb_tag_to_string((hb_tag_t)e->script, tag);
        tag[4] = '\0';
        diag_note(fs->d, srcloc(NULL, 0, 0),
                  "font '%s' for %s text is not installed; other fonts are "
                  "tried", name, tag);
    }
    return *slot;
}

/* An installed font covering cp, by coverage (fontconfig); -1 if none. */
static int system_font(FontSet *fs, const FontChain *chain, uint32_t cp)
{
    for (int k = 0; k < fs->nsystem; k++)
        if (font_has(fs, fs->system[k], cp))
            return fs->system[k];
    if (!fs->none)
        fs->none = xcalloc(0x110000 / 8, 1);
    if (fs->none[cp >> 3] & (1u << (cp & 7)))
        return -1;
    FcPattern *p = FcPatternCreate();
    FcCharSet *cs = FcCharSetCreate();
    int f = -1;
    if (p && cs && FcCharSetAddChar(cs, cp)) {
        FcPatternAddCharSet(p, FC_CHARSET, cs);
        FcPatternAddInteger(p, FC_WEIGHT,
                            chain->bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
        FcPatternAddString(p, FC_FAMILY, (const FcChar8 *)(chain->serif ? "serif" : "sans-serif"));
        f = fc_font(fs, p, NULL);
    }
    if (cs)
        FcCharSetDestroy(cs);
    if (p)
        FcPatternDestroy(p);
    if (f >= 0 && !font_has(fs, f, cp))
        f = -1;
    if (f < 0) {
        fs->none[cp >> 3] |= (uint8_t)(1u << (cp & 7));
        return -1;
    }
    bool known = false;
    for (int k = 0; k < fs->nsystem; k++)
        known |= fs->system[k] == f;
    if (!known && fs->nsystem < FONT_MAX) {
        fs->system[fs->nsystem++] = f;
        diag_note(fs->d, srcloc(NULL, 0, 0),
                  "no layout font has U+%04X: using the installed font %s (%s)",
                  (unsigned)cp, font_ps_name(fs, f), font_path(fs, f));
    }
    return f;
}

int font_pick(FontSet *fs, const FontChain *chain, uint32_t cp)
{
    /* Latin and Common below U+0250 (most text) take no script font:
     * the chain's first font when it has them, without the look-up. */
    if (cp < 0x250 && chain->n > 0 && font_has(fs, chain->font[0], cp))
        return chain->font[0];
    hb_script_t sc = hb_unicode_script(hb_unicode_funcs_get_default(), cp);
    bool shared = sc == HB_SCRIPT_COMMON || sc == HB_SCRIPT_INHERITED ||
                  sc == HB_SCRIPT_UNKNOWN;
    if (!shared && sc != HB_SCRIPT_LATIN)
        for (int k = 0; k < fs->nscripts; k++)
            if (fs->scripts[k].script == (uint32_t)sc) {
                int f = script_font(fs, &fs->scripts[k], !chain->serif,
                                    chain->bold);
                if (f >= 0 && font_has(fs, f, cp))
                    return f;
            }
    if (chain->n > 0 && font_has(fs, chain->font[0], cp))
        return chain->font[0];
    /* Punctuation and marks of no one script (the danda, Arabic harakat)
     * go with the script fonts already in use, before the generic
     * fallbacks: the text around them is most likely theirs. */
    for (int k = 0; shared && k < fs->nscripts; k++) {
        int f = fs->scripts[k].font[!chain->serif][chain->bold];
        if (f >= 0 && font_has(fs, f, cp))
            return f;
    }
    for (int k = 1; k < chain->n; k++)
        if (font_has(fs, chain->font[k], cp))
            return chain->font[k];
    return cp < 0x110000 ? system_font(fs, chain, cp) : -1;
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
int font_face_index(const FontSet *fs, int i) { return fs->fonts[i]->index; }

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
    hb_face_t *face = hb_face_create(blob, (unsigned)f->index);
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
    ShapedGlyph *g = xmalloc((len ? len : 1) * sizeof *g);
    size_t n = 0, off = 0;
    while (off < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t m = utf8proc_iterate((const utf8proc_uint8_t *)s + off,
                                              (utf8proc_ssize_t)(len - off), &cp);
        if (m <= 0)
            break;
        FT_UInt gid = FT_Get_Char_Index(f->face, (FT_ULong)cp);
        g[n] = (ShapedGlyph){ gid, (uint32_t)off,
                            (float)nominal(f, NULL, gid, NULL), 0, 0 };
        out->adv += g[n].adv;
        n++;
        off += (size_t)m;
    }
    for (size_t k = 0; rtl && k < n / 2; k++) {
        ShapedGlyph tmp = g[k];
        g[k] = g[n - 1 - k];
        g[n - 1 - k] = tmp;
    }
    out->g = g;
    out->n = n;
}

/* Languages whose dotted and dotless i make the f-ligatures wrong
 * ("fi" would hide the dot that tells them apart). */
static bool no_f_ligatures(const char *lang)
{
    static const char *const l[] = { "tr", "az", "crh", "tt", "ba", "kk" };
    if (!lang)
        return false;
    for (size_t k = 0; k < sizeof l / sizeof l[0]; k++) {
        size_t n = strlen(l[k]);
        if (strncmp(lang, l[k], n) == 0 && (lang[n] == '\0' || lang[n] == '-'))
            return true;
    }
    return false;
}

/* The OpenType features beyond HarfBuzz's defaults for the run's script,
 * which already hold what each script needs: Arabic joining forms and
 * mark placement, Indic reordering and conjuncts, Thai and Lao marks,
 * Latin kerning and standard ligatures (liga, clig). */
static unsigned features(const ShapeOpts *o, hb_feature_t *feat)
{
    unsigned n = 0;
    if (no_f_ligatures(o->lang)) {
        n += hb_feature_from_string("-liga", -1, &feat[n]);
        n += hb_feature_from_string("-clig", -1, &feat[n]);
    }
    if (!o->kern)
        n += hb_feature_from_string("-kern", -1, &feat[n]);
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
    /* Marks keep clusters of their own (ligatures and reordered Indic
     * syllables still merge theirs): the ToUnicode map can then give most
     * glyphs their own character. */
    hb_buffer_set_cluster_level(buf, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
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
    ShapedGlyph *g = xmalloc((n ? n : 1) * sizeof *g);
    for (unsigned k = 0; k < n; k++) {
        long units;
        double w = nominal(f, font, gi[k].codepoint, &units);
        /* Exact, not truncated: what shaping adds to the nominal advance
         * (kerning) is written in TJ with decimals. */
        double adv = w + ((double)gp[k].x_advance - (double)units) * 1000.0 /
                         f->upem;
        g[k] = (ShapedGlyph){ gi[k].codepoint, gi[k].cluster, (float)adv,
                            (float)(gp[k].x_offset * 1000.0 / f->upem),
                            (float)(gp[k].y_offset * 1000.0 / f->upem) };
        out->adv += g[k].adv;
    }
    out->g = g;
    out->n = n;
    hb_buffer_destroy(buf);
}

void font_item_glyphs(Arena *a, Item *it, const ShapedGlyph *g, size_t n)
{
    it->u.text.glyphs = NULL;
    it->u.text.offsets = NULL;
    it->u.text.nglyphs = n;
    if (!n)
        return;
    TextGlyph *tg = arena_array(a, n, sizeof *tg);
    bool moved = false;
    for (size_t k = 0; k < n; k++) {
        tg[k] = (TextGlyph){ g[k].gid, g[k].cluster, g[k].adv };
        moved |= g[k].dx != 0 || g[k].dy != 0;
    }
    if (moved) {
        float *off = arena_array(a, 2 * n, sizeof *off);
        for (size_t k = 0; k < n; k++) {
            off[2 * k] = g[k].dx;
            off[2 * k + 1] = g[k].dy;
        }
        it->u.text.offsets = off;
    }
    it->u.text.glyphs = tg;
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
    /* The language as the key holds it (at most 15 bytes); copied by
     * hand: snprintf here was 3 % of a build. */
    char lang[16];
    size_t ln = o->lang ? strnlen(o->lang, sizeof lang - 1) : 0;
    memcpy(lang, o->lang ? o->lang : "", ln);
    lang[ln] = '\0';
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
