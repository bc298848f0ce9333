/* uri — URIs as a PDF link may hold them.
 *
 * A PDF /URI is 7-bit ASCII and libharu writes it byte for byte, so a
 * programme's "https://exemple.fr/programme/séance" must become
 * "https://exemple.fr/programme/s%C3%A9ance" before it reaches the
 * backend.  Bytes outside printable ASCII, spaces and the characters RFC
 * 3986 never allows (" < > \ ^ ` { | }) are percent-encoded; existing %XX
 * escapes and reserved characters are kept, so an encoded URI is unchanged.
 */
#ifndef LIVRET_URI_H
#define LIVRET_URI_H

#include "base/arena.h"

const char *uri_encode(Arena *a, const char *s);

#endif
