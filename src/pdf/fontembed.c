#include "pdf/fontembed.h"
#include "base/buf.h"
#include "base/xalloc.h"

#include <hb.h>
#include <hb-ot.h>
#include <hb-subset.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

struct EmbedFont {
    bool made;
    HPDF_Dict type0;
    hb_face_t *face;
    hb_font_t *font;            /* scale = upem: advances in font units */
    unsigned nglyphs, upem;
    bool cff;                   /* OpenType with a CFF table, no glyf */
    hb_set_t *used;             /* glyph indices drawn */
    char **uni;                 /* nglyphs: the text glyph g stands for */
    int32_t *width;             /* nglyphs: fontembed_width, -1 until asked
                                   (it is asked for every glyph drawn) */
    unsigned char *in_used;     /* nglyphs: already added to used (a set
                                   insertion for every glyph drawn was 1 %
                                   of a build) */
};

void fontembed_init(FontEmbed *fe, HPDF_Doc pdf)
{
    memset(fe, 0, sizeof *fe);
    fe->pdf = pdf;
}

void fontembed_use(FontEmbed *fe, const DocList *doc)
{
    fe->doc = doc;
    if (!doc || doc->nfonts <= fe->nfonts)
        return;
    fe->fonts = xreallocarray(fe->fonts, doc->nfonts, sizeof *fe->fonts);
    memset(fe->fonts + fe->nfonts, 0,
           (doc->nfonts - fe->nfonts) * sizeof *fe->fonts);
    fe->nfonts = doc->nfonts;
}

void fontembed_fini(FontEmbed *fe)
{
    for (size_t i = 0; fe->fonts && i < fe->nfonts; i++) {
        EmbedFont *f = &fe->fonts[i];
        for (unsigned g = 0; f->uni && g < f->nglyphs; g++)
            free(f->uni[g]);
        free(f->uni);
        free(f->width);
        free(f->in_used);
        hb_set_destroy(f->used);
        hb_font_destroy(f->font);
        hb_face_destroy(f->face);
    }
    free(fe->fonts);
    fe->fonts = NULL;
}

static void problem(FontEmbed *fe, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void problem(FontEmbed *fe, const char *fmt, ...)
{
    if (fe->problem[0])
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(fe->problem, sizeof fe->problem, fmt, ap);
    va_end(ap);
}

static bool has_table(hb_face_t *face, hb_tag_t tag)
{
    hb_blob_t *b = hb_face_reference_table(face, tag);
    bool yes = hb_blob_get_length(b) > 0;
    hb_blob_destroy(b);
    return yes;
}

HPDF_Dict fontembed_font(FontEmbed *fe, int i)
{
    EmbedFont *f = &fe->fonts[i];
    if (f->made)
        return f->type0;
    const char *path = fe->doc->fonts[i].path;
    hb_blob_t *blob = path ? hb_blob_create_from_file_or_fail(path) : NULL;
    if (!blob) {
        problem(fe, "cannot read the file");
        return NULL;
    }
    f->face = hb_face_create(blob, (unsigned)fe->doc->fonts[i].index);
    hb_blob_destroy(blob);
    f->nglyphs = hb_face_get_glyph_count(f->face);
    f->upem = hb_face_get_upem(f->face);
    f->cff = !has_table(f->face, HB_TAG('g', 'l', 'y', 'f')) &&
             has_table(f->face, HB_TAG('C', 'F', 'F', ' '));
    if (f->nglyphs == 0 || f->upem == 0 ||
        (!f->cff && !has_table(f->face, HB_TAG('g', 'l', 'y', 'f')))) {
        problem(fe, "not a TrueType or OpenType (CFF) font");
        return NULL;
    }
    f->font = hb_font_create(f->face);
    hb_font_set_scale(f->font, (int)f->upem, (int)f->upem);
    f->used = hb_set_create();
    f->uni = xcalloc(f->nglyphs, sizeof *f->uni);
    f->in_used = xcalloc(f->nglyphs, 1);
    f->width = xmalloc(f->nglyphs * sizeof *f->width);
    for (unsigned g = 0; g < f->nglyphs; g++)
        f->width[g] = -1;
    if (!hb_set_allocation_successful(f->used)) {
        problem(fe, "out of memory");
        return NULL;
    }
    hb_set_add(f->used, 0);     /* .notdef: every CIDFont has it */
    f->type0 = HPDF_Dict_New(fe->pdf->mmgr);
    if (!f->type0 || HPDF_Xref_Add(fe->pdf->xref, f->type0) != HPDF_OK)
        return NULL;
    f->made = true;
    return f->type0;
}

double fontembed_width(FontEmbed *fe, int i, uint32_t gid)
{
    EmbedFont *f = &fe->fonts[i];
    if (gid < f->nglyphs && f->width[gid] >= 0)
        return f->width[gid];
    long a = hb_font_get_glyph_h_advance(f->font, gid);
    long w = a * 1000 / (long)f->upem;
    if (gid < f->nglyphs && w >= 0 && w <= INT32_MAX)
        f->width[gid] = (int32_t)w;
    return (double)w;
}

/* ------------------------------------------------------------------ */
/* Clusters to ToUnicode                                                */
/* ------------------------------------------------------------------ */

/* End (byte offset) of the cluster starting at c: the next larger
 * cluster of the item, or the end of its text. */
static uint32_t cluster_end(const Item *it, uint32_t c)
{
    uint32_t end = (uint32_t)it->u.text.len;
    for (size_t k = 0; k < it->u.text.nglyphs; k++) {
        uint32_t o = it->u.text.glyphs[k].cluster;
        if (o > c && o < end)
            end = o;
    }
    return end;
}

/* s reversed character by character, in place. */
static void reverse_chars(char *s, size_t n)
{
    char *t = xmalloc(n + 1);
    size_t o = n;
    for (size_t b = 0; b < n;) {
        size_t m = 1;
        while (b + m < n && ((unsigned char)s[b + m] & 0xC0) == 0x80)
            m++;
        o -= m;
        memcpy(t + o, s + b, m);
        b += m;
    }
    memcpy(s, t, n);
    free(t);
}

/* Are all characters of s strong right to left (bidi R or AL)? */
static bool all_rtl(const char *s)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t n = (utf8proc_ssize_t)strlen(s);
    bool any = false;
    while (n > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, n, &cp);
        if (k <= 0)
            return false;
        utf8proc_bidi_class_t b = utf8proc_get_property(cp)->bidi_class;
        if (b != UTF8PROC_BIDI_CLASS_R && b != UTF8PROC_BIDI_CLASS_AL)
            return false;
        any = true;
        p += k;
        n -= k;
    }
    return any;
}

/* Give the glyphs of the cluster at byte c their text in the ToUnicode
 * map, where they have none yet: a glyph that is a character's own cmap
 * glyph stands for that character (so an Indic vowel sign drawn before
 * its consonant still reads as itself); what is left of the cluster's
 * text (a ligature, a conjunct) goes to its first other glyph. */
static void give_rest(EmbedFont *f, hb_codepoint_t gid, const char *s,
                      uint32_t c, uint32_t end, const uint32_t *off,
                      const bool *claimed, size_t nc, bool rtl);

static void map_cluster(EmbedFont *f, const Item *it, uint32_t c, bool rtl)
{
    const TextGlyph *g = it->u.text.glyphs;
    size_t n = it->u.text.nglyphs;
    uint32_t end = cluster_end(it, c);
    const char *s = it->u.text.utf8;
    enum { MAXC = 32 };
    uint32_t off[MAXC + 1];
    hb_codepoint_t gid[MAXC];
    bool claimed[MAXC] = { false };
    size_t nc = 0;
    for (uint32_t o = c; o < end && nc < MAXC;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + o,
                                              end - o, &cp);
        if (k <= 0)
            break;
        off[nc] = o;
        if (!hb_font_get_nominal_glyph(f->font, (hb_codepoint_t)cp, &gid[nc]))
            gid[nc] = HB_SET_VALUE_INVALID;
        nc++;
        o += (uint32_t)k;
    }
    off[nc] = end;
    if (nc == MAXC)         /* a cluster that long: all to its first glyph */
        nc = 0;
    int rest = -1;          /* glyph that takes the unclaimed characters */
    for (size_t k = 0; k < n; k++) {
        if (g[k].cluster != c)
            continue;
        bool own = false;
        for (size_t j = 0; j < nc && !own; j++)
            if (!claimed[j] && gid[j] == g[k].gid) {
                claimed[j] = own = true;
                if (!f->uni[g[k].gid] || !f->uni[g[k].gid][0]) {
                    free(f->uni[g[k].gid]);
                    size_t m = off[j + 1] - off[j];
                    f->uni[g[k].gid] = xmalloc(m + 1);
                    memcpy(f->uni[g[k].gid], s + off[j], m);
                    f->uni[g[k].gid][m] = '\0';
                }
            }
        if (!own && rest < 0)
            rest = (int)k;
    }
    if (rest >= 0 && !f->uni[g[rest].gid])
        give_rest(f, g[rest].gid, s, c, end, off, claimed, nc, rtl);
    /* The cluster's other glyphs (marks a decomposition added) stand for
     * nothing: "" says so, and that they need not be looked at again. */
    for (size_t k = 0; k < n; k++)
        if (g[k].cluster == c && !f->uni[g[k].gid])
            f->uni[g[k].gid] = xstrdup("");
}

/* The characters of the cluster [c, end) no glyph claimed, to glyph gid. */
static void give_rest(EmbedFont *f, hb_codepoint_t gid, const char *s,
                      uint32_t c, uint32_t end, const uint32_t *off,
                      const bool *claimed, size_t nc, bool rtl)
{
    Buf t = { 0 };
    if (nc == 0)
        buf_add(&t, s + c, end - c);
    for (size_t j = 0; j < nc; j++)
        if (!claimed[j])
            buf_add(&t, s + off[j], off[j + 1] - off[j]);
    /* A right-to-left ligature (lam-alef) is stored in drawing order:
     * extractors (poppler, pdf.js) read a right-to-left line glyph by
     * glyph from the left and then turn the characters of the whole line
     * around, a glyph's several characters included. */
    if (t.n && rtl && all_rtl(t.s))
        reverse_chars(t.s, t.n);
    if (t.n)
        f->uni[gid] = t.s;
    else
        free(t.s);
}

bool fontembed_record(FontEmbed *fe, const Item *it, bool *actual)
{
    int fi = it->u.text.font;
    EmbedFont *f = &fe->fonts[fi];
    const TextGlyph *g = it->u.text.glyphs;
    size_t n = it->u.text.nglyphs, len = it->u.text.len;
    const char *s = it->u.text.utf8;
    bool rtl = false;
    for (size_t k = 1; k < n && !rtl; k++)
        rtl = g[k].cluster < g[k - 1].cluster;
    for (size_t k = 0; k < n; k++) {
        if (g[k].gid >= f->nglyphs || g[k].cluster > len) {
            problem(fe, "glyph %u is not in font %s", (unsigned)g[k].gid,
                    fe->doc->fonts[fi].path ? fe->doc->fonts[fi].path : "");
            return false;
        }
        if (!f->in_used[g[k].gid]) {
            hb_set_add(f->used, g[k].gid);
            f->in_used[g[k].gid] = 1;
        }
        /* HarfBuzz keeps a cluster's glyphs together: map it at its first
         * glyph, unless all of them have their text already (the common
         * case once a font has been used a while). */
        if (k > 0 && g[k - 1].cluster == g[k].cluster)
            continue;
        bool need = false;
        for (size_t j = k; j < n && g[j].cluster == g[k].cluster && !need; j++)
            need = !f->uni[g[j].gid];
        if (need && g[k].cluster < len)
            map_cluster(f, it, g[k].cluster, rtl);
    }
    /* What an extractor reads: every glyph's mapping in drawing order;
     * right-to-left text (clusters falling) then turned around character
     * by character, as extractors do (they would turn an /ActualText
     * around again, so right-to-left items should not need one). */
    Buf back = { 0 };
    bool unmapped = false, moved = false;
    /* Left to right, the mappings are compared with the text as they
     * come (every glyph of every item passes here: no copy). */
    size_t at = 0;
    bool same = true;
    for (size_t k = 0; k < n; k++) {
        const char *u = f->uni[g[k].gid];
        if (u && u[0] && rtl) {
            buf_str(&back, u);
        } else if (u && u[0]) {
            size_t ul = strlen(u);
            same = same && at + ul <= len && memcmp(s + at, u, ul) == 0;
            at += ul;
        } else {
            unmapped = true;
        }
        /* A glyph moved off its pen position or of no advance (a mark on
         * its base) makes extractors that sort glyphs by x read it apart
         * from its letter: the item gets its text as /ActualText. */
        moved |= !rtl && (text_dx(it, k) != 0 || text_dy(it, k) != 0 || g[k].adv == 0);
    }
    if (rtl) {
        if (back.n)
            reverse_chars(back.s, back.n);
        same = back.n == len && (len == 0 || memcmp(back.s, s, len) == 0);
    } else {
        same = same && at == len;
    }
    *actual = unmapped || moved || !same;
    free(back.s);
    return true;
}

/* ------------------------------------------------------------------ */
/* Objects                                                              */
/* ------------------------------------------------------------------ */

void fontembed_utf16_hex(Buf *b, const char *s, size_t len)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t n = (utf8proc_ssize_t)len;
    while (n > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, n, &cp);
        if (k <= 0)
            break;      /* validated upstream */
        unsigned u[2] = { (unsigned)cp, 0 };
        int m = 1;
        if (cp >= 0x10000) {
            u[0] = 0xD800u + ((unsigned)(cp - 0x10000) >> 10);
            u[1] = 0xDC00u + ((unsigned)(cp - 0x10000) & 0x3FF);
            m = 2;
        }
        static const char digits[] = "0123456789ABCDEF";
        char h[8];
        for (int q = 0; q < m; q++)
            for (int d = 0; d < 4; d++)
                h[4 * q + d] = digits[(u[q] >> (12 - 4 * d)) & 0xF];
        buf_add(b, h, (size_t)(4 * m));
        p += k;
        n -= k;
    }
}

/* A glyph's text for the CMap; "FFFD" for an empty or broken string. */
static void utf16_hex(Buf *b, const char *s)
{
    size_t before = b->n;
    fontembed_utf16_hex(b, s, strlen(s));
    if (b->n == before)
        buf_str(b, "FFFD");
}

/* A /CMapType 2 ToUnicode CMap: one bfchar per mapped glyph, at most 100
 * per block (the format's limit).  bfchar, not bfrange: Ghostscript's
 * pdfwrite mis-maps bfranges above <00FF> (a print shop's preflight). */
static void tounicode(Buf *b, const EmbedFont *f)
{
    buf_str(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\n"
               "begincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering "
               "(UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS "
               "def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\n"
               "endcodespacerange\n");
    unsigned left = 0;
    for (unsigned g = 0; g < f->nglyphs; g++)
        left += f->uni[g] && f->uni[g][0];
    unsigned g = 0;
    while (left) {
        unsigned block = left < 100 ? left : 100;
        buf_printf(b, "%u beginbfchar\n", block);
        for (unsigned i = 0; i < block; g++) {
            if (!f->uni[g] || !f->uni[g][0])
                continue;
            buf_printf(b, "<%04X> <", g);
            utf16_hex(b, f->uni[g]);
            buf_str(b, ">\n");
            i++;
        }
        buf_str(b, "endbfchar\n");
        left -= block;
    }
    buf_str(b, "endcmap\nCMapName currentdict /CMap defineresource pop\n"
               "end\nend\n");
}

static HPDF_Dict stream_of(FontEmbed *fe, const void *data, size_t len,
                           bool compress)
{
    HPDF_Dict d = HPDF_DictStream_New(fe->pdf->mmgr, fe->pdf->xref);
    if (!d)
        return NULL;
    if (compress)
        d->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    if (HPDF_Stream_Write(d->stream, (const HPDF_BYTE *)data,
                          (HPDF_UINT)len) != HPDF_OK)
        return NULL;
    return d;
}

static bool ok(HPDF_STATUS ret)
{
    return ret == HPDF_OK;
}

/* Big-endian fields of a table, 0 past its end. */
static int be16(const char *t, unsigned len, unsigned off)
{
    if (off + 2 > len)
        return 0;
    return (int16_t)((unsigned char)t[off] << 8 | (unsigned char)t[off + 1]);
}

/* The glyphs used, subset with their indices kept and no layout tables
 * (the text is shaped already); NULL after reporting. */
static hb_face_t *subset(FontEmbed *fe, EmbedFont *f, const char *path)
{
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in) {
        problem(fe, "out of memory subsetting %s", path ? path : "");
        return NULL;
    }
    hb_set_union(hb_subset_input_glyph_set(in), f->used);
    hb_set_clear(hb_subset_input_unicode_set(in));
    static const hb_tag_t drop[] = {
        HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'),
        HB_TAG('G', 'D', 'E', 'F'), HB_TAG('B', 'A', 'S', 'E'),
        HB_TAG('J', 'S', 'T', 'F'), HB_TAG('M', 'A', 'T', 'H'),
        HB_TAG('k', 'e', 'r', 'n'), HB_TAG('m', 'o', 'r', 'x'),
        HB_TAG('D', 'S', 'I', 'G'), HB_TAG('V', 'O', 'R', 'G'),
        HB_TAG('v', 'h', 'e', 'a'), HB_TAG('v', 'm', 't', 'x'),
        HB_TAG('S', 'T', 'A', 'T'), HB_TAG('C', 'O', 'L', 'R'),
        HB_TAG('C', 'P', 'A', 'L'), HB_TAG('S', 'V', 'G', ' '),
        HB_TAG('C', 'B', 'D', 'T'), HB_TAG('C', 'B', 'L', 'C'),
        HB_TAG('s', 'b', 'i', 'x'),
    };
    hb_set_t *dt = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (size_t k = 0; k < sizeof drop / sizeof drop[0]; k++)
        hb_set_add(dt, drop[k]);
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_RETAIN_GIDS);
    hb_face_t *out = hb_subset_or_fail(f->face, in);
    hb_subset_input_destroy(in);
    if (!out)
        problem(fe, "HarfBuzz cannot subset %s", path);
    return out;
}

/* The subset's six-capital tag, from the glyphs it holds. */
static void subset_tag(const EmbedFont *f, int i, char tag[8])
{
    uint64_t h = 1469598103934665603ULL ^ (uint64_t)(i + 1);
    hb_codepoint_t g = HB_SET_VALUE_INVALID;
    while (hb_set_next(f->used, &g))
        h = (h ^ g) * 1099511628211ULL;
    for (int k = 0; k < 6; k++) {
        tag[k] = (char)('A' + h % 26);
        h /= 26;
    }
    tag[6] = '+';
    tag[7] = '\0';
}

/* /W: runs of consecutive glyph indices with their widths. */
static HPDF_Array widths(FontEmbed *fe, int i, const EmbedFont *f)
{
    HPDF_MMgr mm = fe->pdf->mmgr;
    HPDF_Array w = HPDF_Array_New(mm), run = NULL;
    if (!w)
        return NULL;
    hb_codepoint_t g = HB_SET_VALUE_INVALID, prev = HB_SET_VALUE_INVALID;
    while (hb_set_next(f->used, &g)) {
        if (!run || g != prev + 1) {
            run = HPDF_Array_New(mm);
            if (!run || !ok(HPDF_Array_AddNumber(w, (HPDF_INT32)g)) ||
                !ok(HPDF_Array_Add(w, run)))
                return NULL;
        }
        if (!ok(HPDF_Array_AddNumber(run, (HPDF_INT32)fontembed_width(fe, i, g))))
            return NULL;
        prev = g;
    }
    return w;
}

static HPDF_Dict descriptor(FontEmbed *fe, const EmbedFont *f,
                            const char *name, HPDF_Dict file)
{
    HPDF_MMgr mm = fe->pdf->mmgr;
    HPDF_Dict d = HPDF_Dict_New(mm);
    if (!d || !ok(HPDF_Xref_Add(fe->pdf->xref, d)))
        return NULL;
    hb_blob_t *head = hb_face_reference_table(f->face, HB_TAG('h', 'e', 'a', 'd'));
    hb_blob_t *post = hb_face_reference_table(f->face, HB_TAG('p', 'o', 's', 't'));
    unsigned hl, pl;
    const char *ht = hb_blob_get_data(head, &hl), *pt = hb_blob_get_data(post, &pl);
    double k = 1000.0 / f->upem;
    HPDF_Box bbox = { (HPDF_REAL)(be16(ht, hl, 36) * k),
                      (HPDF_REAL)(be16(ht, hl, 38) * k),
                      (HPDF_REAL)(be16(ht, hl, 40) * k),
                      (HPDF_REAL)(be16(ht, hl, 42) * k) };
    /* post italicAngle is 16.16 fixed. */
    double angle = be16(pt, pl, 4) + (double)(uint16_t)be16(pt, pl, 6) / 65536;
    hb_blob_destroy(head);
    hb_blob_destroy(post);
    hb_position_t asc = 0, desc = 0, cap = 0;
    hb_ot_metrics_get_position(f->font, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &asc);
    hb_ot_metrics_get_position(f->font, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &desc);
    /* CapHeight: OS/2's (version 2 on), else the top of H, else a guess. */
    hb_codepoint_t h;
    hb_glyph_extents_t ext;
    if (!hb_ot_metrics_get_position(f->font, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap) ||
        cap <= 0)
        cap = hb_font_get_nominal_glyph(f->font, 'H', &h) &&
              hb_font_get_glyph_extents(f->font, h, &ext) && ext.y_bearing > 0
            ? ext.y_bearing : asc * 7 / 10;
    /* Flags: symbolic (4) — glyphs are addressed by index, not by a
     * standard encoding; italic (64) when the font leans. */
    int flags = 4 | (angle != 0 ? 64 : 0);
    bool good = ok(HPDF_Dict_AddName(d, "Type", "FontDescriptor")) &&
        ok(HPDF_Dict_AddName(d, "FontName", name)) &&
        ok(HPDF_Dict_AddNumber(d, "Flags", flags)) &&
        ok(HPDF_Dict_Add(d, "FontBBox", HPDF_Box_Array_New(mm, bbox))) &&
        ok(HPDF_Dict_AddReal(d, "ItalicAngle", (HPDF_REAL)angle)) &&
        ok(HPDF_Dict_AddNumber(d, "Ascent", (HPDF_INT32)(asc * k))) &&
        ok(HPDF_Dict_AddNumber(d, "Descent", (HPDF_INT32)(desc * k))) &&
        ok(HPDF_Dict_AddNumber(d, "CapHeight", (HPDF_INT32)(cap * k))) &&
        ok(HPDF_Dict_AddNumber(d, "StemV", 80)) &&
        ok(HPDF_Dict_Add(d, f->cff ? "FontFile3" : "FontFile2", file));
    return good ? d : NULL;
}

/* The PostScript name as a PDF name may hold it: letters, digits, - _. */
static void clean_name(char *out, size_t cap, const char *tag, const char *ps)
{
    size_t o = (size_t)snprintf(out, cap, "%s", tag);
    for (const char *p = ps ? ps : "Font"; *p && o + 1 < cap; p++)
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
            (*p >= '0' && *p <= '9') || *p == '-' || *p == '_')
            out[o++] = *p;
    out[o] = '\0';
}

static bool finish_font(FontEmbed *fe, int i, bool compress)
{
    EmbedFont *f = &fe->fonts[i];
    const FontRef *ref = &fe->doc->fonts[i];
    HPDF_MMgr mm = fe->pdf->mmgr;
    hb_face_t *sub = subset(fe, f, ref->path);
    if (!sub)
        return false;
    hb_blob_t *blob = f->cff
        ? hb_face_reference_table(sub, HB_TAG('C', 'F', 'F', ' '))
        : hb_face_reference_blob(sub);
    unsigned blen = 0;
    const char *bytes = hb_blob_get_data(blob, &blen);
    HPDF_Dict file = blen ? stream_of(fe, bytes, blen, compress) : NULL;
    hb_blob_destroy(blob);
    hb_face_destroy(sub);
    if (!file) {
        problem(fe, "no font program from subsetting %s", ref->path);
        return false;
    }
    bool good = f->cff
        ? ok(HPDF_Dict_AddName(file, "Subtype", "CIDFontType0C"))
        : ok(HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)blen));
    char tag[8], name[128];
    subset_tag(f, i, tag);
    clean_name(name, sizeof name, tag, ref->name);
    HPDF_Dict desc = good ? descriptor(fe, f, name, file) : NULL;
    HPDF_Dict cid = HPDF_Dict_New(mm);
    HPDF_Dict info = HPDF_Dict_New(mm);
    HPDF_Array desc_fonts = HPDF_Array_New(mm);
    HPDF_Array w = widths(fe, i, f);
    if (!desc || !cid || !info || !desc_fonts || !w ||
        !ok(HPDF_Xref_Add(fe->pdf->xref, cid)))
        return false;
    Buf cmap = { 0 };
    tounicode(&cmap, f);
    HPDF_Dict tu = stream_of(fe, cmap.s, cmap.n, compress);
    free(cmap.s);
    good = tu &&
        ok(HPDF_Dict_Add(info, "Registry", HPDF_String_New(mm, "Adobe", NULL))) &&
        ok(HPDF_Dict_Add(info, "Ordering", HPDF_String_New(mm, "Identity", NULL))) &&
        ok(HPDF_Dict_AddNumber(info, "Supplement", 0)) &&
        ok(HPDF_Dict_AddName(cid, "Type", "Font")) &&
        ok(HPDF_Dict_AddName(cid, "Subtype",
                             f->cff ? "CIDFontType0" : "CIDFontType2")) &&
        ok(HPDF_Dict_AddName(cid, "BaseFont", name)) &&
        ok(HPDF_Dict_Add(cid, "CIDSystemInfo", info)) &&
        ok(HPDF_Dict_Add(cid, "FontDescriptor", desc)) &&
        ok(HPDF_Dict_AddNumber(cid, "DW", 1000)) &&
        ok(HPDF_Dict_Add(cid, "W", w)) &&
        (f->cff || ok(HPDF_Dict_AddName(cid, "CIDToGIDMap", "Identity"))) &&
        ok(HPDF_Array_Add(desc_fonts, cid)) &&
        ok(HPDF_Dict_AddName(f->type0, "Type", "Font")) &&
        ok(HPDF_Dict_AddName(f->type0, "Subtype", "Type0")) &&
        ok(HPDF_Dict_AddName(f->type0, "BaseFont", name)) &&
        ok(HPDF_Dict_AddName(f->type0, "Encoding", "Identity-H")) &&
        ok(HPDF_Dict_Add(f->type0, "DescendantFonts", desc_fonts)) &&
        ok(HPDF_Dict_Add(f->type0, "ToUnicode", tu));
    return good;
}

bool fontembed_finish(FontEmbed *fe, bool compress)
{
    for (size_t i = 0; i < fe->doc->nfonts; i++)
        if (fe->fonts[i].made && !finish_font(fe, (int)i, compress))
            return false;
    return true;
}
