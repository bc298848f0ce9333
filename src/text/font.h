/* font — the only code that measures text.
 *
 * A FontSet owns FreeType faces opened from the project's own font files,
 * one per file, and answers two questions: does this font have a glyph for
 * this character (coverage), and how far does the viewer advance after it.
 *
 * Glossary
 *   em       the font's design square; sizes are in points per em.
 *   upem     font units per em (1000 for Noto, 2048 for DejaVu).
 *   advance  how far the pen moves after a glyph.  livret measures in
 *            whole thousandths of an em, truncated, because that is what
 *            libharu writes in the PDF /W array and so what every viewer
 *            uses (guide/libharu.md §6); measuring anything finer would
 *            make lines drift from where the viewer draws them.
 *   chain    an ordered list of fonts; a character is set in the first
 *            font of the chain that has it (fallback).
 *
 * Faces are opened lazily, the first time a chain needs them, so a
 * document that never needs the CJK fallback never reads its 4 MB.
 * Characters above U+FFFF are covered when the font's cmap has them (the
 * Symbola fallback's emoji); the PDF backend draws glyph indices, so they
 * need nothing special.
 */
#ifndef LIVRET_FONT_H
#define LIVRET_FONT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/diag.h"
#include "display/page.h"   /* Item, TextGlyph */

#define FONT_MAX 64         /* distinct font faces in one run */
#define FONT_CHAIN_MAX 8    /* fonts in one fallback chain */
#define FONT_SCRIPT_MAX 48  /* scripts with fonts of their own */

typedef struct Font Font;

/* The fonts of one script (ISO 15924, e.g. "Arab"), tried before a
 * chain's own fonts for characters of that script: a fontconfig family
 * name (resolved when first needed; bold through fontconfig's weight) or
 * a font file path, for serif and for sans text. */
typedef struct ScriptFonts {
    uint32_t script;            /* hb_script_t */
    const char *name[2];        /* [0] serif, [1] sans */
    int font[2][2];             /* [sans][bold]: index, -1 unresolved,
                                   -2 not installed */
} ScriptFonts;

typedef struct FontSet {
    void *ft;               /* FT_Library */
    Font *fonts[FONT_MAX];
    int nfonts;
    void *shape_cache;      /* font_shape's (font, text) → positions */
    Diags *d;               /* notes naming system fonts used */
    ScriptFonts scripts[FONT_SCRIPT_MAX];
    int nscripts;
    int system[FONT_MAX];   /* fonts found by coverage (fontconfig) */
    int nsystem;
    uint8_t *none;          /* bitmap: characters fontconfig has no font for */
    void *fc;               /* FcConfig, when first needed */
} FontSet;

typedef struct FontChain {
    int font[FONT_CHAIN_MAX];   /* indices into the FontSet */
    int n;
    bool bold, serif;           /* for script and system fonts */
} FontChain;

bool font_set_init(FontSet *fs, Diags *d);
void font_set_fini(FontSet *fs);

/* Register a font file; returns its index or -1 (error reported).  The
 * same path registered twice returns the same index.  The file is checked
 * to exist now and opened when first needed. */
int font_add(FontSet *fs, const char *path, Diags *d);

/* Fonts for a script (ScriptFonts); tag is ISO 15924 ("Arab"); false
 * if the tag is unknown to HarfBuzz or the table is full. */
bool font_set_script(FontSet *fs, const char *tag, const char *serif,
                     const char *sans);

/* The font for cp: the script's fonts (font_set_script) if they have it,
 * else the first font of chain covering it, else an installed font that
 * covers it, found with fontconfig (named once in a note); -1 if none. */
int font_pick(FontSet *fs, const FontChain *chain, uint32_t cp);
/* Does font i have a glyph for cp? */
bool font_has(FontSet *fs, int i, uint32_t cp);
/* Advance of cp in font i in 1/1000 em, truncated (0 if missing). */
int font_advance(FontSet *fs, int i, uint32_t cp);
/* Sum of advances of a UTF-8 string in font i, 1/1000 em. */
long font_string_advance(FontSet *fs, int i, const char *s, size_t len);

/* How a run is shaped. */
typedef struct ShapeOpts {
    const char *lang;       /* BCP 47 language of the text, or NULL */
    bool kern;              /* the font's kerning (GPOS kern) */
    bool rtl;               /* right to left (bidi level odd) */
} ShapeOpts;

/* A glyph as shaped: a drawn glyph (page.h TextGlyph) and its offset
 * from the pen, dx and dy (1/1000 em), as HarfBuzz places it.  A text
 * item keeps the offsets apart, and only where a glyph has them. */
typedef struct ShapedGlyph {
    uint32_t gid;
    uint32_t cluster;
    float adv, dx, dy;
} ShapedGlyph;

/* A shaped run: glyphs in visual order (clusters are byte offsets into
 * the text shaped), and their total advance. */
typedef struct Shaped {
    const ShapedGlyph *g;
    size_t n;
    double adv;             /* Σ g[k].adv, 1/1000 em */
} Shaped;

/* Give text item it the n glyphs g (in the arena): 12 bytes a glyph,
 * and the offsets apart only when a glyph has one (page.h). */
void font_item_glyphs(Arena *a, Item *it, const ShapedGlyph *g, size_t n);

/* Shape len bytes of UTF-8 in font i with HarfBuzz.  Advances follow the
 * PDF backend's /W widths: a glyph's nominal advance truncated to 1/1000
 * em, plus exactly what shaping adds or takes (kerning), so layout and
 * the viewer agree to the rounding.  A font HarfBuzz cannot read falls
 * back to one cmap glyph per character at its nominal advance.  Results
 * are cached per (font, options, text) and live as long as the set;
 * returns NULL only for an empty run or a bad font index. */
const Shaped *font_shape(FontSet *fs, int i, const char *s, size_t len,
                         const ShapeOpts *o);
/* Shaping calls and cache hits so far (for --report and tests). */
void font_shape_stats(const FontSet *fs, long *calls, long *hits);

/* Vertical metrics in 1/1000 em (ascender > 0, descender < 0). */
int font_ascender(FontSet *fs, int i);
int font_descender(FontSet *fs, int i);
int font_cap_height(FontSet *fs, int i);
int font_units_per_em(FontSet *fs, int i);

const char *font_path(const FontSet *fs, int i);
int font_face_index(const FontSet *fs, int i);  /* in a collection (.ttc) */
/* PostScript name (for dumps); valid while the set lives. */
const char *font_ps_name(FontSet *fs, int i);

#endif
