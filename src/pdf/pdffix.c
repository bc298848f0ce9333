#include "pdf/pdffix.h"
#include "base/xalloc.h"

#include FT_TRUETYPE_TABLES_H
#include FT_ADVANCES_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Context and errors                                                   */
/* ------------------------------------------------------------------ */

void pdffix_init(PdfFix *fx)
{
    memset(fx, 0, sizeof *fx);
}

void pdffix_fini(PdfFix *fx)
{
    for (size_t i = 0; i < fx->nfonts; i++) {
        FT_Done_Face(fx->fonts[i].face);
        free(fx->fonts[i].used);
        free(fx->fonts[i].astral);
        free(fx->fonts[i].astral_cid);
    }
    free(fx->fonts);
    free(fx->astral_buf);
    if (fx->ft)
        FT_Done_FreeType(fx->ft);
    memset(fx, 0, sizeof *fx);
}

void pdffix_on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user)
{
    PdfFix *fx = user;
    if (fx && !fx->error_no) {
        fx->error_no = error_no;
        fx->detail_no = detail_no;
    }
}

static void problem(PdfFix *fx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void problem(PdfFix *fx, const char *fmt, ...)
{
    if (fx->problem[0])
        return;                 /* keep the first, like error_no */
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(fx->problem, sizeof fx->problem, fmt, ap);
    va_end(ap);
}

/* Record a failure of our own on libharu's error (as libharu's internal
 * calls do), so HPDF_SaveToStream and the caller see it. */
static HPDF_STATUS set_error(HPDF_Dict obj, HPDF_STATUS code,
                             HPDF_STATUS detail)
{
    return HPDF_SetError(obj->error, code, detail);
}

/* ------------------------------------------------------------------ */
/* ToUnicode and CIDSystemInfo                                          */
/* ------------------------------------------------------------------ */

/* A growable text buffer just for the CMap (xrealloc aborts on OOM). */
typedef struct Text {
    char *s;
    size_t len, cap;
} Text;

static void text_add(Text *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void text_add(Text *t, const char *fmt, ...)
{
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap);
        va_end(ap);
        if (n >= 0 && (size_t)n < t->cap - t->len) {
            t->len += (size_t)n;
            return;
        }
        t->cap = t->cap * 2 + (n > 0 ? (size_t)n : 0);
        t->s = xrealloc(t->s, t->cap);
    }
}

static bool code_used(const unsigned char *used, unsigned code)
{
    return used[code >> 3] & (1u << (code & 7));
}

/* Length of the UTF-8 sequence a lead byte starts; 0 for a byte that
 * cannot start one. */
static unsigned utf8_length(unsigned char b)
{
    if (b < 0x80)
        return 1;
    if (b < 0xC0)
        return 0;               /* continuation byte */
    if (b < 0xE0)
        return 2;
    if (b < 0xF0)
        return 3;
    return b < 0xF8 ? 4 : 0;
}

/* Mark the 2-byte code libharu's UTF-8 encoder emits for each character of
 * utf8: the BMP code point, a space for anything above the BMP (§5).
 * Malformed bytes (the text stage lets none through) mark nothing. */
static void mark_codes(unsigned char *used, const char *utf8)
{
    const unsigned char *p = (const unsigned char *)utf8;
    while (*p) {
        unsigned n = utf8_length(*p);
        if (n == 0) {
            p++;
            continue;
        }
        unsigned code = n == 1 ? *p : *p & (0x7Fu >> n);
        unsigned i = 1;
        for (; i < n && (p[i] & 0xC0) == 0x80; i++)
            code = code << 6 | (p[i] & 0x3Fu);
        p += i;
        if (i < n)              /* truncated sequence */
            continue;
        if (code > 0xFFFF)
            code = 0x20;
        used[code >> 3] |= (unsigned char)(1u << (code & 7));
    }
}

/* A /CMapType 2 ToUnicode CMap for libharu's UTF-8 Identity-H fonts, where
 * a 2-byte code is the CID is the BMP code point: one bfchar per code the
 * document drew (a surrogate, which only broken UTF-8 can produce, maps to
 * U+FFFD), at most 100 per block (the CMap format's limit).
 *
 * Why bfchar and not 256 identity bfrange rows <XX00> <XXFF> <XX00> (valid
 * too, and what libharu.md §2 tested): Ghostscript 10.0's pdfwrite mis-maps
 * every bfrange whose codes are above U+00FF, so after a gs rewrite (what
 * print shops' preflight does) "Łódź" extracted as "Bód{".  bfchar
 * survives it, and lists only codes in use. */
static void tounicode_cmap(Text *t, const unsigned char *used,
                           const PdfFixFont *f)
{
    text_add(t, "/CIDInit /ProcSet findresource begin\n"
                "12 dict begin\n"
                "begincmap\n"
                "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
                "/Supplement 0 >> def\n"
                "/CMapName /Adobe-Identity-UCS def\n"
                "/CMapType 2 def\n"
                "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    size_t left = 0;
    for (unsigned code = 0; code <= 0xFFFF; code++)
        left += code_used(used, code);
    unsigned code = 0;
    while (left) {
        size_t block = left < 100 ? left : 100;
        text_add(t, "%zu beginbfchar\n", block);
        for (size_t i = 0; i < block; code++) {
            if (!code_used(used, code))
                continue;
            bool surrogate = code >= 0xD800 && code <= 0xDFFF;
            uint32_t real = 0;
            for (size_t k = 0; f && k < f->nastral; k++)
                if (f->astral_cid[k] == code)
                    real = f->astral[k];
            if (real > 0xFFFF)      /* a private-use CID standing for it */
                text_add(t, "<%04X> <%04X%04X>\n", code,
                         0xD800u + ((real - 0x10000) >> 10),
                         0xDC00u + ((real - 0x10000) & 0x3FF));
            else
                text_add(t, "<%04X> <%04X>\n", code, surrogate ? 0xFFFDu : code);
            i++;
        }
        text_add(t, "endbfchar\n");
        left -= block;
    }
    text_add(t, "endcmap\n"
                "CMapName currentdict /CMap defineresource pop\n"
                "end\n"
                "end\n");
}

/* The font's ToUnicode stream, emptied of libharu's CMap dict entries and
 * data; a new one if there is none (a later libharu may differ). */
static HPDF_Dict empty_tounicode(HPDF_Font font)
{
    static const char *const keys[] = { "Type", "CMapName", "CIDSystemInfo",
                                        "WMode" };
    HPDF_FontAttr fa = font->attr;
    HPDF_Dict cmap = HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT);
    if (!cmap || !cmap->stream) {
        cmap = HPDF_DictStream_New(font->mmgr, fa->xref);
        if (!cmap || HPDF_Dict_Add(font, "ToUnicode", cmap) != HPDF_OK)
            return NULL;
        return cmap;
    }
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        HPDF_Dict_RemoveElement(cmap, keys[i]);    /* absent is fine */
    if (cmap->stream->type != HPDF_STREAM_MEMORY) {
        set_error(font, HPDF_INVALID_OBJECT, 0);
        return NULL;
    }
    HPDF_MemStream_FreeData(cmap->stream);     /* what SaveToStream uses */
    return cmap;
}

/* Replace the ToUnicode data.  Runs from the font's before_write: the
 * stream is a later object (libharu writes objects in the order it made
 * them, and made the font first), so it is written after this. */
static HPDF_STATUS write_tounicode(HPDF_Font font, const unsigned char *used,
                                   const PdfFixFont *f)
{
    HPDF_Dict cmap = empty_tounicode(font);
    if (!cmap)
        return HPDF_Error_GetCode(font->error);
    /* libharu's own writer copies the font's filter onto its cmap stream;
     * do it here too for a stream it does not know. */
    cmap->filter = font->filter;
    Text t = { xmalloc(8192), 0, 8192 };
    tounicode_cmap(&t, used, f);
    HPDF_STATUS ret = HPDF_Stream_Write(cmap->stream, (HPDF_BYTE *)t.s,
                                        (HPDF_UINT)t.len);
    free(t.s);
    return ret;
}

static HPDF_STATUS fix_ordering(HPDF_Font font)
{
    HPDF_FontAttr fa = font->attr;
    HPDF_Dict info = HPDF_Dict_GetItem(fa->descendant_font, "CIDSystemInfo",
                                       HPDF_OCLASS_DICT);
    if (!info)
        return set_error(font, HPDF_INVALID_FONT, 0);
    return HPDF_Dict_Add(info, "Ordering",
                         HPDF_String_New(font->mmgr, "Identity", NULL));
}

/* ------------------------------------------------------------------ */
/* Composite glyphs and CapHeight, at save time                         */
/* ------------------------------------------------------------------ */

static PdfFixFont *find_font(PdfFix *fx, HPDF_Dict font)
{
    for (size_t i = 0; i < fx->nfonts; i++)
        if (fx->fonts[i].font == font)
            return &fx->fonts[i];
    return NULL;
}

/* Push onto work[] the components of glyph slot g not yet in flgs[],
 * marking them. */
static FT_Error push_components(FT_GlyphSlot g, HPDF_BYTE *flgs, unsigned n,
                                unsigned *work, size_t *top)
{
    if (g->format != FT_GLYPH_FORMAT_COMPOSITE)
        return 0;
    for (FT_UInt i = 0; i < g->num_subglyphs; i++) {
        FT_Int idx, a1, a2;
        FT_UInt flags;
        FT_Matrix m;
        FT_Error e = FT_Get_SubGlyph_Info(g, i, &idx, &flags, &a1, &a2, &m);
        if (e)
            return e;
        if (idx >= 0 && (unsigned)idx < n && !flgs[idx]) {
            flgs[idx] = 1;
            work[(*top)++] = (unsigned)idx;
        }
    }
    return 0;
}

/* Mark in flgs[] every component of every marked glyph, at any depth.  A
 * worklist instead of recursion: a glyph enters it at most once (when it
 * becomes marked), so a malicious font can neither loop nor nest us off
 * the stack, and n entries are enough. */
static FT_Error mark_components(FT_Face face, HPDF_BYTE *flgs, unsigned n,
                                unsigned *bad_gid)
{
    unsigned *work = xmalloc((n ? n : 1) * sizeof *work);
    size_t top = 0;
    FT_Error e = 0;
    for (unsigned gid = 0; gid < n; gid++)
        if (flgs[gid])
            work[top++] = gid;
    while (top) {
        unsigned gid = work[--top];
        /* NO_RECURSE: the slot lists the components instead of loading
         * them (and implies NO_SCALE: no hinting work). */
        e = FT_Load_Glyph(face, gid, FT_LOAD_NO_RECURSE);
        if (!e)
            e = push_components(face->glyph, flgs, n, work, &top);
        if (e) {
            *bad_gid = gid;
            break;
        }
    }
    free(work);
    return e;
}

/* CapHeight in 1/1000 em: libharu's value (from OS/2), else FreeType's
 * OS/2 sCapHeight (table version 2 and later); 0 if neither has one. */
static int cap_height(HPDF_FontDef def, FT_Face face)
{
    if (def->cap_height)
        return def->cap_height;
    const TT_OS2 *os2 = FT_Get_Sfnt_Table(face, FT_SFNT_OS2);
    if (!os2 || os2->version < 2 || !face->units_per_EM)
        return 0;
    return (int)((long)os2->sCapHeight * 1000 / face->units_per_EM);
}

/* Private-use CIDs for characters above U+FFFF (see pdffix.h): send each
 * CID to its glyph in the CIDToGIDMap libharu wrote when it made the font
 * (a memory stream of 2 bytes per CID, big-endian), mark the glyph for
 * embedding, and rebuild /W as libharu built it (entries that differ from
 * /DW, runs of consecutive CIDs) with the new CIDs' widths in. */
static HPDF_STATUS patch_astral(HPDF_Font font, PdfFixFont *f)
{
    HPDF_FontAttr fa = font->attr;
    HPDF_TTFontDefAttr ta = fa->fontdef->attr;
    HPDF_Dict map = fa->map_stream;
    if (!map || !map->stream || map->stream->type != HPDF_STREAM_MEMORY)
        return set_error(font, HPDF_INVALID_FONT, 1);
    HPDF_MemStreamAttr ms = map->stream->attr;
    HPDF_UINT size = map->stream->size;
    for (size_t k = 0; k < f->nastral; k++) {
        FT_UInt gid = FT_Get_Char_Index(f->face, f->astral[k]);
        if (gid == 0 || gid >= ta->num_glyphs)
            return set_error(font, HPDF_INVALID_FONTDEF_DATA, 2);
        ta->glyph_tbl.flgs[gid] = 1;
        HPDF_UINT off = 2u * f->astral_cid[k];
        if (off + 2 > size)
            return set_error(font, HPDF_INVALID_FONT, 3);
        for (int b = 0; b < 2; b++) {
            HPDF_UINT o = off + (HPDF_UINT)b;
            HPDF_BYTE *chunk = HPDF_List_ItemAt(ms->buf, o / ms->buf_siz);
            if (!chunk)
                return set_error(font, HPDF_INVALID_FONT, 4);
            chunk[o % ms->buf_siz] = (HPDF_BYTE)(b == 0 ? gid >> 8 : gid);
        }
    }
    /* /W again, from the patched map. */
    HPDF_UINT max = size / 2;
    HPDF_Array w = HPDF_Array_New(font->mmgr);
    if (!w)
        return HPDF_Error_GetCode(font->error);
    HPDF_INT16 dw = fa->fontdef->missing_width;
    HPDF_Array run = NULL;
    HPDF_STATUS ret = HPDF_OK;
    for (HPDF_UINT cid = 0; cid < max && ret == HPDF_OK; cid++) {
        HPDF_UINT o = 2 * cid;
        HPDF_BYTE *c0 = HPDF_List_ItemAt(ms->buf, o / ms->buf_siz);
        HPDF_BYTE *c1 = HPDF_List_ItemAt(ms->buf, (o + 1) / ms->buf_siz);
        if (!c0 || !c1)
            return set_error(font, HPDF_INVALID_FONT, 5);
        HPDF_UINT16 gid = (HPDF_UINT16)(c0[o % ms->buf_siz] << 8 |
                                        c1[(o + 1) % ms->buf_siz]);
        HPDF_INT wd = HPDF_TTFontDef_GetGidWidth(fa->fontdef, gid);
        if (wd == dw) {
            run = NULL;
            continue;
        }
        if (!run) {
            ret = HPDF_Array_AddNumber(w, (HPDF_INT32)cid);
            run = ret == HPDF_OK ? HPDF_Array_New(font->mmgr) : NULL;
            if (!run)
                return HPDF_Error_GetCode(font->error);
            ret = HPDF_Array_Add(w, run);
        }
        if (ret == HPDF_OK)
            ret = HPDF_Array_AddNumber(run, wd);
    }
    if (ret == HPDF_OK)
        ret = HPDF_Dict_Add(fa->descendant_font, "W", w);
    return ret;
}

const char *pdffix_font_astral(PdfFix *fx, HPDF_Font font, const char *utf8)
{
    const unsigned char *p = (const unsigned char *)utf8;
    bool any = false;
    for (; *p && !any; p++)
        any = *p >= 0xF0;
    if (!any)
        return utf8;
    PdfFixFont *f = find_font(fx, font);
    if (!f || !f->face)
        return NULL;
    size_t len = strlen(utf8);
    if (fx->astral_bufcap < len + 1) {
        fx->astral_buf = xrealloc(fx->astral_buf, len + 1);
        fx->astral_bufcap = len + 1;
    }
    char *out = fx->astral_buf;
    size_t o = 0;
    p = (const unsigned char *)utf8;
    while (*p) {
        if (*p < 0xF0 || !p[1] || !p[2] || !p[3]) {
            out[o++] = (char)*p++;
            continue;
        }
        uint32_t cp = (uint32_t)(p[0] & 0x07) << 18 | (uint32_t)(p[1] & 0x3F) << 12 |
                      (uint32_t)(p[2] & 0x3F) << 6 | (p[3] & 0x3F);
        if (FT_Get_Char_Index(f->face, cp) == 0) {
            /* Not the font's: layout never sends that (it warns and
             * leaves it out); pass it through, libharu prints a space. */
            for (int b = 0; b < 4; b++)
                out[o++] = (char)*p++;
            continue;
        }
        p += 4;
        size_t k = 0;
        while (k < f->nastral && f->astral[k] != cp)
            k++;
        if (k == f->nastral) {
            /* The next private-use code the font itself does not map. */
            unsigned cid = f->nastral ? f->astral_cid[f->nastral - 1] + 1u
                                      : 0xE000u;
            while (cid <= 0xF8FF && FT_Get_Char_Index(f->face, cid) != 0)
                cid++;
            if (cid > 0xF8FF)
                return NULL;
            if (f->nastral == f->astralcap) {
                f->astralcap = f->astralcap ? 2 * f->astralcap : 16;
                f->astral = xreallocarray(f->astral, f->astralcap,
                                          sizeof *f->astral);
                f->astral_cid = xreallocarray(f->astral_cid, f->astralcap,
                                              sizeof *f->astral_cid);
            }
            f->astral[f->nastral] = cp;
            f->astral_cid[f->nastral++] = (uint16_t)cid;
        }
        unsigned cid = f->astral_cid[k];
        /* 3 bytes of UTF-8 for a 4-byte character: it fits in place. */
        out[o++] = (char)(0xE0 | cid >> 12);
        out[o++] = (char)(0x80 | ((cid >> 6) & 0x3F));
        out[o++] = (char)(0x80 | (cid & 0x3F));
    }
    out[o] = '\0';
    return out;
}

/* The wrapper libharu calls when it writes the Type0 font dict, before it
 * subsets the font: all text has been drawn, so flgs[] and used[] are
 * final. */
static HPDF_STATUS before_write(HPDF_Dict obj)
{
    PdfFix *fx = obj->error->user_data;
    PdfFixFont *f = fx ? find_font(fx, obj) : NULL;
    if (!f)
        return set_error(obj, HPDF_INVALID_OBJECT, 0);
    HPDF_FontAttr fa = obj->attr;
    HPDF_TTFontDefAttr ta = fa->fontdef->attr;
    unsigned n = ta->num_glyphs;
    if ((FT_Long)n > f->face->num_glyphs)
        n = (unsigned)f->face->num_glyphs;
    unsigned gid = 0;
    /* First the glyphs of private-use CIDs, so their components are
     * walked too. */
    HPDF_STATUS ret = f->nastral ? patch_astral(obj, f) : HPDF_OK;
    if (ret != HPDF_OK)
        return ret;
    FT_Error e = mark_components(f->face, ta->glyph_tbl.flgs, n, &gid);
    if (e) {
        problem(fx, "FreeType error %d reading glyph %u of %s", e, gid,
                f->path);
        return set_error(obj, HPDF_INVALID_FONTDEF_DATA, (HPDF_STATUS)e);
    }
    ret = write_tounicode(obj, f->used, f);
    if (ret == HPDF_OK)
        ret = f->orig(obj);
    if (ret != HPDF_OK)
        return ret;
    int cap = cap_height(fa->fontdef, f->face);
    if (!cap || !fa->fontdef->descriptor)
        return HPDF_OK;
    return HPDF_Dict_AddNumber(fa->fontdef->descriptor, "CapHeight", cap);
}

/* "%.3f" without trailing zeros, into the stream. */
static HPDF_STATUS put_num(HPDF_Stream st, double v)
{
    char b[32];
    if (v > -0.0005 && v < 0.0005)
        v = 0;
    snprintf(b, sizeof b, "%.3f", v);
    char *e = b + strlen(b) - 1;
    while (*e == '0')
        *e-- = '\0';
    if (*e == '.')
        *e = '\0';
    return HPDF_Stream_WriteStr(st, b);
}

HPDF_STATUS pdffix_show_positioned(PdfFix *fx, HPDF_Page page, HPDF_Font font,
                                   double x, double y, double size,
                                   const char *utf8, const float *pos)
{
    PdfFixFont *f = find_font(fx, font);
    if (!f || !f->face || !page || !page->attr)
        return set_error(font, HPDF_INVALID_FONT, 0);
    size_t len = strlen(utf8);
    /* Marks the glyphs for embedding, as TextOut would. */
    HPDF_Font_TextWidth(font, (const HPDF_BYTE *)utf8, (HPDF_UINT)len);
    if (fx->error_no)
        return fx->error_no;
    HPDF_PageAttr attr = page->attr;
    /* Like HPDF_Page_TextOut: Td is relative to the line matrix, which
     * libharu tracks in text_matrix (identity scale inside BT). */
    HPDF_STATUS ret = HPDF_Page_MoveTextPos(page,
                                            (HPDF_REAL)(x - attr->text_matrix.x),
                                            (HPDF_REAL)(y - attr->text_matrix.y));
    if (ret != HPDF_OK)
        return ret;
    HPDF_Stream st = attr->stream;
    int upem = f->face->units_per_EM ? f->face->units_per_EM : 1000;
    /* A glyph moved off its pen position (a mark placed on its base) makes
     * extractors that sort glyphs by x (pdftotext) read the mark apart
     * from its letter; /ActualText gives them the run's text instead. */
    size_t ncp = 0;
    bool offsets = false;
    for (const unsigned char *q = (const unsigned char *)utf8; *q; q++)
        if ((*q & 0xC0) != 0x80) {
            offsets |= pos[3 * ncp + 1] != 0 || pos[3 * ncp + 2] != 0;
            ncp++;
        }
    if (offsets) {
        ret = HPDF_Stream_WriteStr(st, "/Span<</ActualText<FEFF");
        const unsigned char *q = (const unsigned char *)utf8;
        char h4[8];
        while (*q && ret == HPDF_OK) {
            unsigned c = *q;
            int m = c < 0x80 ? 1 : c < 0xE0 ? 2 : 3;
            if (m == 2 && q[1])
                c = ((c & 0x1F) << 6) | (q[1] & 0x3F);
            else if (m == 3 && q[1] && q[2])
                c = ((c & 0x0F) << 12) | ((q[1] & 0x3F) << 6) | (q[2] & 0x3F);
            else if (m != 1)
                return set_error(font, HPDF_INVALID_PARAMETER, 0);
            q += m;
            snprintf(h4, sizeof h4, "%04X", c);
            ret = HPDF_Stream_WriteStr(st, h4);
        }
        if (ret == HPDF_OK)
            ret = HPDF_Stream_WriteStr(st, ">>>BDC ");
    }
    double pen = 0;         /* where the viewer's pen is, 1/1000 em */
    double target = 0;      /* where the layout's pen is (no offsets) */
    double rise = 0;        /* current Ts, 1/1000 em */
    bool open = false;
    char hex[8];
    const unsigned char *p = (const unsigned char *)utf8;
    size_t k = 0;
    while (*p && ret == HPDF_OK) {
        /* Decode one BMP code point (the display list holds no others). */
        unsigned cp = *p;
        int n = cp < 0x80 ? 1 : cp < 0xE0 ? 2 : 3;
        if (n == 2 && p[1])
            cp = ((cp & 0x1F) << 6) | (p[1] & 0x3F);
        else if (n == 3 && p[1] && p[2])
            cp = ((cp & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
        else if (n != 1)
            return set_error(font, HPDF_INVALID_PARAMETER, 0);
        p += n;
        double kern = pos[3 * k], xo = pos[3 * k + 1], yo = pos[3 * k + 2];
        k++;
        if (yo != rise) {
            if (open)
                ret = HPDF_Stream_WriteStr(st, "] TJ ");
            open = false;
            if (ret == HPDF_OK)
                ret = put_num(st, yo * size / 1000);
            if (ret == HPDF_OK)
                ret = HPDF_Stream_WriteStr(st, " Ts ");
            rise = yo;
        }
        if (!open && ret == HPDF_OK) {
            ret = HPDF_Stream_WriteStr(st, "[");
            open = true;
        }
        double want = target + xo;
        if (ret == HPDF_OK && (pen - want > 0.0005 || want - pen > 0.0005)) {
            ret = put_num(st, pen - want);     /* TJ: positive moves left */
            pen = want;
        }
        snprintf(hex, sizeof hex, "<%04X>", cp);
        if (ret == HPDF_OK)
            ret = HPDF_Stream_WriteStr(st, hex);
        /* The viewer advances by the /W width: libharu writes the advance
         * truncated to 1/1000 em, as font.c measures. */
        unsigned real = cp;     /* a private-use CID stands for its char */
        for (size_t q = 0; q < f->nastral; q++)
            if (f->astral_cid[q] == cp)
                real = f->astral[q];
        FT_UInt gid = FT_Get_Char_Index(f->face, real);
        FT_Fixed adv = 0;
        if (gid && FT_Get_Advance(f->face, gid, FT_LOAD_NO_SCALE, &adv) != 0)
            adv = 0;
        double w = (double)(long)((long)adv * 1000 / upem);
        pen += w;
        target += w + kern;
    }
    if (ret == HPDF_OK && open) {
        if (pen - target > 0.0005 || target - pen > 0.0005)
            ret = put_num(st, pen - target);
        if (ret == HPDF_OK)
            ret = HPDF_Stream_WriteStr(st, "] TJ\012");
    }
    if (ret == HPDF_OK && rise != 0)
        ret = HPDF_Stream_WriteStr(st, "0 Ts\012");
    if (ret == HPDF_OK && offsets)
        ret = HPDF_Stream_WriteStr(st, "EMC\012");
    return ret;
}

void pdffix_font_text(PdfFix *fx, HPDF_Font font, const char *utf8)
{
    PdfFixFont *f = find_font(fx, font);
    if (f)
        mark_codes(f->used, utf8);
}

static HPDF_STATUS open_face(PdfFix *fx, HPDF_Font font, const char *path,
                             FT_Face *face)
{
    FT_Error e = 0;
    if (!fx->ft)
        e = FT_Init_FreeType(&fx->ft);
    if (!e)
        e = FT_New_Face(fx->ft, path, 0, face);
    if (!e)
        return HPDF_OK;
    problem(fx, "FreeType error %d opening %s", e, path);
    return set_error(font, HPDF_INVALID_FONTDEF_DATA, (HPDF_STATUS)e);
}

HPDF_STATUS pdffix_font(PdfFix *fx, HPDF_Font font, const char *path)
{
    if (find_font(fx, font))
        return HPDF_OK;
    HPDF_FontAttr fa = font->attr;
    if (font->error->user_data != fx || !fa || !fa->fontdef ||
        fa->fontdef->type != HPDF_FONTDEF_TYPE_TRUETYPE ||
        !fa->descendant_font || !font->before_write_fn)
        return set_error(font, HPDF_INVALID_FONT, 0);

    HPDF_STATUS ret = fix_ordering(font);
    FT_Face face = NULL;
    if (ret == HPDF_OK)
        ret = open_face(fx, font, path, &face);
    if (ret != HPDF_OK)
        return ret;

    fx->fonts = xreallocarray(fx->fonts, fx->nfonts + 1, sizeof *fx->fonts);
    PdfFixFont *f = &fx->fonts[fx->nfonts++];
    memset(f, 0, sizeof *f);
    f->font = font;
    f->orig = font->before_write_fn;
    f->face = face;
    f->path = path;
    f->used = xcalloc(65536 / 8, 1);
    font->before_write_fn = before_write;
    return HPDF_OK;
}

/* ------------------------------------------------------------------ */
/* Pages, destinations and catalog                                     */
/* ------------------------------------------------------------------ */

void pdffix_page_done(HPDF_Page page)
{
    HPDF_PageAttr pa = page->attr;
    if (pa->contents && pa->stream && pa->stream->size == 0)
        pa->contents->filter = HPDF_STREAM_FILTER_NONE;
}

HPDF_STATUS pdffix_dest_top(HPDF_Destination dst, HPDF_REAL top)
{
    HPDF_Page page = HPDF_Array_GetItem(dst, 0, HPDF_OCLASS_DICT);
    if (!page)
        return HPDF_Error_GetCode(dst->error);
    HPDF_Array_Clear(dst);      /* frees the proxy, not the page */
    HPDF_STATUS ret = HPDF_Array_Add(dst, page);
    if (ret == HPDF_OK)
        ret = HPDF_Array_AddName(dst, "XYZ");
    if (ret == HPDF_OK)
        ret = HPDF_Array_Add(dst, HPDF_Null_New(dst->mmgr));
    if (ret == HPDF_OK)
        ret = HPDF_Array_AddReal(dst, top);
    if (ret == HPDF_OK)
        ret = HPDF_Array_Add(dst, HPDF_Null_New(dst->mmgr));
    return ret;
}

HPDF_STATUS pdffix_catalog(HPDF_Doc pdf, const char *lang)
{
    HPDF_Dict cat = pdf->catalog;
    HPDF_STATUS ret = HPDF_OK;
    if (lang)
        ret = HPDF_Dict_Add(cat, "Lang", HPDF_String_New(pdf->mmgr, lang,
                                                         NULL));
    if (ret != HPDF_OK)
        return ret;
    HPDF_Dict vp = HPDF_Dict_GetItem(cat, "ViewerPreferences",
                                     HPDF_OCLASS_DICT);
    if (!vp) {
        vp = HPDF_Dict_New(pdf->mmgr);
        if (!vp)
            return HPDF_Error_GetCode(&pdf->error);
        if ((ret = HPDF_Dict_Add(cat, "ViewerPreferences", vp)) != HPDF_OK)
            return ret;
    }
    return HPDF_Dict_AddBoolean(vp, "DisplayDocTitle", HPDF_TRUE);
}
