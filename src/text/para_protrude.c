/* para_protrude — character protrusion (margin kerning), as pdfTeX and
 * microtype do it: the punctuation at a justified line's ends hangs into
 * the margin by part of its width, so the eye sees an even edge (a full
 * stop or a hyphen is mostly white) and the words between reach closer to
 * their natural spacing.  Sets PItem.lp/rp; the breaker and the line
 * setter use them (para_breaks.c, para_lines.c).
 */
#include "text/para_impl.h"

#include <utf8proc.h>

/* How much of its width a character may hang out: (code point, fraction).
 * Figures close to microtype's defaults for text fonts. */
typedef struct Hang {
    int32_t cp;
    float frac;
} Hang;

static const Hang right_hang[] = {
    { '.', 0.7f }, { ',', 0.7f }, { '-', 0.7f }, { 0x2010, 0.7f },
    { 0x2011, 0.7f }, { 0x00AD, 0.7f }, { 0x2013, 0.3f }, { 0x2014, 0.2f },
    { ':', 0.5f }, { ';', 0.5f }, { '!', 0.2f }, { '?', 0.2f },
    { 0x2019, 0.6f }, { 0x201D, 0.5f }, { '\'', 0.6f }, { '"', 0.5f },
    { 0x00BB, 0.3f }, { 0x203A, 0.3f }, { ')', 0.1f }, { ']', 0.1f },
    { 0x2026, 0.2f }, { 0x3002, 0.5f }, { 0x3001, 0.5f },
};

static const Hang left_hang[] = {
    { 0x2018, 0.6f }, { 0x201C, 0.5f }, { 0x201E, 0.4f }, { 0x201A, 0.6f },
    { '\'', 0.6f }, { '"', 0.5f }, { 0x00AB, 0.3f }, { 0x2039, 0.3f },
    { '(', 0.1f }, { '[', 0.1f }, { 0x00BF, 0.1f }, { 0x00A1, 0.1f },
    { 0x2014, 0.2f }, { 0x2013, 0.3f },
};

static float hang(const Hang *t, size_t n, int32_t cp)
{
    for (size_t i = 0; i < n; i++)
        if (t[i].cp == cp)
            return t[i].frac;
    return 0;
}

/* First and last code points of s[0..n) (the last found from the end:
 * a box can be a long word). */
static void ends(const char *s, size_t n, int32_t *first, int32_t *last)
{
    *first = *last = -1;
    if (n == 0)
        return;
    utf8proc_int32_t cp;
    if (utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &cp) <= 0)
        return;
    *first = cp;
    size_t i = n - 1;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    if (utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i),
                         &cp) <= 0) {
        *first = -1;
        return;
    }
    *last = cp;
}

void para_protrude(TextCtx *t, Scratch *sc)
{
    sc->protrude = t->style->typo.protrusion;
    for (size_t i = 0; i < sc->nitems; i++) {
        PItem *it = &sc->items[i];
        it->lp = it->rp = 0;
        if (!sc->protrude)
            continue;
        if (it->kind == P_PEN && it->flagged) {
            it->rp = hang(right_hang, sizeof right_hang / sizeof right_hang[0],
                          '-') * (float)it->w;
            continue;
        }
        if (it->kind != P_BOX || it->len == 0)
            continue;
        int32_t a, z;
        ends(sc->clean + it->off, it->len, &a, &z);
        double size = t->style->text[it->style].size / 1000.0;
        float fl = hang(left_hang, sizeof left_hang / sizeof left_hang[0], a);
        float fr = hang(right_hang, sizeof right_hang / sizeof right_hang[0], z);
        if (fl > 0 && font_has(t->fonts, it->font, a))
            it->lp = fl * (float)(font_advance(t->fonts, it->font, a) * size);
        if (fr > 0 && font_has(t->fonts, it->font, z))
            it->rp = fr * (float)(font_advance(t->fonts, it->font, z) * size);
    }
}
