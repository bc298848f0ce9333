#include "text/collate.h"

#include <string.h>
#include <utf8proc.h>

/* Letters that are letters of their own in a language, and where they
 * file: after this base letter. */
static const struct { const char *lang; const char *letters; } own[] = {
    { "pl", "ąćęłńóśźż" },
    { "es", "ñ" },
    { "sv", "åäö" },
    { "fi", "åäö" },
    { "da", "æøå" },
    { "no", "æøå" },
    { "nb", "æøå" },
    { "tr", "çğıöşü" },
    { "cs", "čřšž" },
    { "sk", "čšž" },
};

/* Spellings of letters Unicode does not decompose. */
static const struct { utf8proc_int32_t cp; const char *as; } spelled[] = {
    { 0x0142, "l" }, { 0x0111, "d" }, { 0x00F8, "o" }, { 0x00E6, "ae" },
    { 0x0153, "oe" }, { 0x00DF, "ss" }, { 0x00FE, "th" }, { 0x0131, "i" },
    { 0x00F0, "d" }, { 0x0127, "h" }, { 0x0167, "t" },
};

static bool is_own(const char *lang, utf8proc_int32_t lower)
{
    char buf[8] = { 0 };
    utf8proc_encode_char(lower, (utf8proc_uint8_t *)buf);
    for (size_t i = 0; i < sizeof own / sizeof *own; i++)
        if (strncmp(lang, own[i].lang, 2) == 0 && strstr(own[i].letters, buf))
            return true;
    return false;
}

const char *collate_key(Arena *a, const char *s, const char *lang)
{
    size_t n = strlen(s);
    char *out = arena_alloc(a, n * 4 + 1);
    size_t o = 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t left = (utf8proc_ssize_t)n;
    if (!lang)
        lang = "";
    while (left > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, left, &cp);
        if (k <= 0)
            break;
        p += k;
        left -= k;
        utf8proc_int32_t lower = utf8proc_tolower(cp);
        utf8proc_int32_t base[8];
        utf8proc_ssize_t nb = utf8proc_decompose_char(
            lower, base, 8, UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD, NULL);
        if (nb < 1) {
            base[0] = lower;
            nb = 1;
        }
        /* Punctuation and spaces do not order names ("O'Brien" with
         * "Obrien"), but a space between words does, lightly. */
        utf8proc_category_t cat = utf8proc_category(base[0]);
        if (cp == ' ' || cp == ',') {
            if (o && out[o - 1] != '\x01')
                out[o++] = '\x01';
            continue;
        }
        if (cat >= UTF8PROC_CATEGORY_PC && cat <= UTF8PROC_CATEGORY_PO)
            continue;
        if (is_own(lang, lower)) {
            /* base letter, then a byte above every letter: after it */
            o += (size_t)utf8proc_encode_char(base[0], (utf8proc_uint8_t *)out + o);
            out[o++] = '\x7f';
            continue;
        }
        const char *sp = NULL;
        for (size_t i = 0; i < sizeof spelled / sizeof *spelled; i++)
            if (spelled[i].cp == lower)
                sp = spelled[i].as;
        if (sp) {
            memcpy(out + o, sp, strlen(sp));
            o += strlen(sp);
            continue;
        }
        for (utf8proc_ssize_t i = 0; i < nb; i++) {
            utf8proc_category_t c = utf8proc_category(base[i]);
            if (c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC ||
                c == UTF8PROC_CATEGORY_ME)
                continue;   /* accents: primary level ignores them */
            o += (size_t)utf8proc_encode_char(base[i], (utf8proc_uint8_t *)out + o);
        }
    }
    out[o] = '\0';
    return out;
}

/* Is the word (any case) a name particle? */
static bool particle(const char *w, size_t n)
{
    static const char *const list[] = {
        "de", "del", "della", "der", "di", "da", "das", "do", "dos", "du",
        "van", "von", "den", "ter", "te", "le", "la", "y", "zu", "af", "bin",
        "ibn", "al", "el", NULL };
    char low[8];
    if (n == 0 || n >= sizeof low)
        return false;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] | 0x20 : w[i]);
    low[n] = '\0';
    for (const char *const *p = list; *p; p++)
        if (strcmp(*p, low) == 0)
            return true;
    return false;
}

const char *collate_inverted_name(Arena *a, const char *name,
                                  const char *lang)
{
    if (strchr(name, ','))
        return name;
    const char *w[32];
    size_t wl[32];
    int n = 0;
    for (const char *p = name; *p && n < 32;) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *s = p;
        while (*p && *p != ' ')
            p++;
        w[n] = s;
        wl[n] = (size_t)(p - s);
        n++;
    }
    if (n < 2)
        return name;
    /* The family name is the last word, or the last two for Spanish and
     * Portuguese names of three words and more. */
    int fam = n - 1;
    bool iberian = lang && (strncmp(lang, "es", 2) == 0 ||
                            strncmp(lang, "pt", 2) == 0);
    if (iberian && n >= 3 && !particle(w[n - 2], wl[n - 2]))
        fam = n - 2;
    else if (iberian && n >= 4 && particle(w[n - 2], wl[n - 2]))
        fam = n - 3;    /* "Milagros Sáenz de Urturi": Sáenz de Urturi */
    /* A capitalised particle belongs to it ("Van Buren"); a lower-case one
     * stays with the given names ("Bastion, Geraldine de"). */
    while (fam > 1 && particle(w[fam - 1], wl[fam - 1]) &&
           w[fam - 1][0] >= 'A' && w[fam - 1][0] <= 'Z')
        fam--;
    char *out = arena_alloc(a, strlen(name) + 4);
    size_t o = 0;
    for (int i = fam; i < n; i++) {
        if (i > fam)
            out[o++] = ' ';
        memcpy(out + o, w[i], wl[i]);
        o += wl[i];
    }
    out[o++] = ',';
    for (int i = 0; i < fam; i++) {
        out[o++] = ' ';
        memcpy(out + o, w[i], wl[i]);
        o += wl[i];
    }
    out[o] = '\0';
    return out;
}
