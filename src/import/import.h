/* import — programmes in the schedule formats of the conference ecosystem.
 *
 *   frab / Pentabarf schedule.xml          import_frab.c (libxml2)
 *   frab JSON schedule.json (c3voc v1, v2) import_json.c (libyaml via ytree)
 *   pretalx exports (API submissions with
 *   slots; its schedule.json is frab JSON) import_json.c
 *
 * Every reader fills a Programme (model.h) as a draft: the same structs the
 * loader produces, but mutable and not validated.  yamlout.c writes the
 * draft as programme YAML; `livret build`/`check` then load that text with
 * programme_load_buffer(), so an imported file is validated by exactly the
 * rules of a hand-written one.  Markup in abstracts (HTML, Markdown) becomes
 * summary and sections through markup.h.
 *
 * Problems in the source file are reported as FILE:LINE:COL: error: FIELD:
 * with FIELD the element path (XML) or key path (JSON) of the value.
 * Everything returned lives in the arena passed in.  docs/import.md is the
 * user's documentation.
 */
#ifndef LIVRET_IMPORT_H
#define LIVRET_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/diag.h"

typedef enum {
    IMPORT_NONE,        /* not a schedule format: a livret programme */
    IMPORT_FRAB_XML,
    IMPORT_FRAB_JSON,
    IMPORT_PRETALX
} ImportFormat;

/* The format of a file from its first bytes: '<' and a <schedule> root is
 * frab XML; JSON is looked at by shape (see import.c).  IMPORT_NONE for
 * anything else, including livret's own YAML or JSON programmes. */
ImportFormat import_detect(const char *bytes, size_t len);

/* "frab-xml", "frab-json", "pretalx" (and "frab" for the XML); false for
 * another name. */
bool import_format_parse(const char *name, ImportFormat *out);
const char *import_format_name(ImportFormat f);

/* Read path ("-": standard input) in format f (IMPORT_NONE: detect) and
 * return the programme as YAML text (NUL-terminated, *len bytes), or NULL
 * after reporting why.  A file that cannot be read sets *io_error. */
char *import_file(Arena *a, const char *path, ImportFormat f, Diags *d,
                  size_t *len, bool *io_error);
/* The same for the n bytes of a file already read (writable,
 * NUL-terminated, as infile.h gives them), named name in diagnostics. */
char *import_bytes(Arena *a, const char *name, char *bytes, size_t n,
                   ImportFormat f, Diags *d, size_t *len);

#endif
