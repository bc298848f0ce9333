/* entities — HTML character references left in exported text.
 *
 * frab and pretalx store titles, names and abstracts that were typed into
 * HTML forms, and their exports often carry the references literally
 * ("Rock&#x27; em", "R&amp;D", "&quot;Hi&quot;"), sometimes escaped twice
 * in XML.  Takes a UTF-8 string; gives it with every well-formed reference
 * decoded once: named ones by libxml2's HTML table, &#NNN; and &#xHH;
 * numerically.  A reference to nothing printable (NUL, a control
 * character, a surrogate, beyond U+10FFFF) or an unknown name is left as
 * written.  Touches nothing else.
 */
#ifndef LIVRET_IMPORT_ENTITIES_H
#define LIVRET_IMPORT_ENTITIES_H

#include <stddef.h>

/* Decodes s[0..len) in place (the text only gets shorter), NUL-terminates
 * it and returns the new length. */
size_t entities_decode(char *s, size_t len);

#endif
