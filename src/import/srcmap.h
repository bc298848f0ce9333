/* srcmap — messages about an imported programme, pointed back at the
 * export.
 *
 * An export is imported to programme YAML, which the loader then checks
 * like any programme; the later stages warn about it too (a character no
 * font has).  Those messages locate the generated YAML, which nobody has.
 * Takes the finished draft (its sessions in the YAML's order, each with
 * the export's positions and a label naming the event) and the YAML text;
 * gives a Diags remap hook (diag.h) that rewrites each location in the
 * YAML to the position of the value (or, failing that, the event) in the
 * export, and its field to the event's label followed by the programme
 * field ("event 6561 \"Opening\": end").  Reads the draft, never changes
 * it; everything in the arena.
 */
#ifndef LIVRET_IMPORT_SRCMAP_H
#define LIVRET_IMPORT_SRCMAP_H

#include <stddef.h>

#include "base/arena.h"
#include "base/diag.h"
#include "import/draft.h"

typedef struct SrcMap SrcMap;

/* yaml_name is the name the YAML is loaded under. */
SrcMap *srcmap_new(Arena *a, const ImportDraft *dr, const char *yaml_name,
                   const char *yaml, size_t len);

/* The hook for Diags.remap, with the SrcMap as its ctx. */
const char *srcmap_remap(void *ctx, SrcLoc *loc, const char *field,
                         char *fbuf, size_t fsize);

#endif
