/* entities — HTML character references.  See entities.h. */
#include "import/entities.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <utf8proc.h>

/* The code point of the reference at s (s[0] == '&'), and its length in
 * *n; 0 when it is not one to decode. */
static long reference(const char *s, size_t len, size_t *n)
{
    size_t i = 1;
    long cp = -1;
    if (i < len && s[i] == '#') {
        bool hex = i + 1 < len && (s[i + 1] == 'x' || s[i + 1] == 'X');
        i += hex ? 2 : 1;
        size_t d0 = i;
        cp = 0;
        while (i < len && i - d0 < 8
               && (hex ? strchr("0123456789abcdefABCDEF", s[i]) != NULL
                       : (s[i] >= '0' && s[i] <= '9')) && s[i]) {
            char c = s[i];
            int v = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
            cp = cp * (hex ? 16 : 10) + v;
            i++;
        }
        if (i == d0)
            return 0;
    } else {
        char name[32];
        size_t k = 0;
        while (i < len && k + 1 < sizeof name
               && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')
                   || (s[i] >= '0' && s[i] <= '9')))
            name[k++] = s[i++];
        name[k] = '\0';
        const htmlEntityDesc *e = k ? htmlEntityLookup((const xmlChar *)name)
                                    : NULL;
        if (!e)
            return 0;
        cp = (long)e->value;
    }
    if (i >= len || s[i] != ';')
        return 0;
    /* nothing that the programme's text refuses */
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || (cp >= 0xD800 && cp < 0xE000)
        || cp > 0x10FFFF)
        return 0;
    *n = i + 1;
    return cp;
}

size_t entities_decode(char *s, size_t len)
{
    size_t w = 0;
    for (size_t r = 0; r < len;) {
        size_t n = 0;
        long cp = s[r] == '&' ? reference(s + r, len - r, &n) : 0;
        if (cp) {
            utf8proc_uint8_t u[4];
            utf8proc_ssize_t k = utf8proc_encode_char((utf8proc_int32_t)cp, u);
            /* k <= n: a reference is never shorter than its character */
            memcpy(s + w, u, (size_t)k);
            w += (size_t)k;
            r += n;
        } else {
            s[w++] = s[r++];
        }
    }
    s[w] = '\0';
    return w;
}
