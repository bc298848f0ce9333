/* readers — the import readers, one per schedule format.
 *
 * Each takes the whole file (bytes, len; writable, NUL-terminated) and
 * fills the draft, reporting problems located in that file; returns false
 * when nothing usable was read.  import.c dispatches to them by format;
 * they know only draft.h.
 */
#ifndef LIVRET_IMPORT_READERS_H
#define LIVRET_IMPORT_READERS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "import/draft.h"

bool import_frab_xml(ImportDraft *dr, char *bytes, size_t len, Diags *d);
bool import_frab_json(ImportDraft *dr, char *bytes, size_t len, Diags *d);
bool import_pretalx(ImportDraft *dr, char *bytes, size_t len, Diags *d);

#endif
