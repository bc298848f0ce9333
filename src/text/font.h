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

#include "base/diag.h"
#include "display/page.h"   /* TextGlyph */

#define FONT_MAX 32         /* distinct font files in one run */
#define FONT_CHAIN_MAX 8    /* fonts in one fallback chain */

typedef struct Font Font;

typedef struct FontSet {
    void *ft;               /* FT_Library */
    Font *fonts[FONT_MAX];
    int nfonts;
    void *shape_cache;      /* font_shape's (font, text) → positions */
} FontSet;

typedef struct FontChain {
    int font[FONT_CHAIN_MAX];   /* indices into the FontSet */
    int n;
} FontChain;

bool font_set_init(FontSet *fs, Diags *d);
void font_set_fini(FontSet *fs);

/* Register a font file; returns its index or -1 (error reported).  The
 * same path registered twice returns the same index.  The file is checked
 * to exist now and opened when first needed. */
int font_add(FontSet *fs, const char *path, Diags *d);

/* Index of the first font of chain covering cp, or -1. */
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

/* A shaped run: glyphs in visual order (page.h TextGlyph; clusters are
 * byte offsets into the text shaped), and their total advance. */
typedef struct Shaped {
    const TextGlyph *g;
    size_t n;
    double adv;             /* Σ g[k].adv, 1/1000 em */
} Shaped;

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
/* PostScript name (for dumps); valid while the set lives. */
const char *font_ps_name(FontSet *fs, int i);

#endif
