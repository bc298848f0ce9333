#include "base/uri.h"

#include <string.h>

const char *uri_encode(Arena *a, const char *s)
{
    size_t n = strlen(s), extra = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c <= 0x20 || c >= 0x7F || strchr("\"<>\\^`{|}", c))
            extra += 2;
    }
    if (!extra)
        return s;
    static const char hex[] = "0123456789ABCDEF";
    char *out = arena_alloc(a, n + extra + 1);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c <= 0x20 || c >= 0x7F || strchr("\"<>\\^`{|}", c)) {
            out[o++] = '%';
            out[o++] = hex[c >> 4];
            out[o++] = hex[c & 15];
        } else {
            out[o++] = (char)c;
        }
    }
    out[o] = '\0';
    return out;
}
