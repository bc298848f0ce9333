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
#include "input/loader.h"
#include "model/model.h"
#include "input/ytree.h"

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

/* Read path in format f (IMPORT_NONE: detect) and return the programme as
 * YAML text (NUL-terminated, *len bytes), or NULL after reporting why.
 * A file that cannot be read sets *io_error. */
char *import_file(Arena *a, const char *path, ImportFormat f, Diags *d,
                  size_t *len, bool *io_error);

/* ---- shared by the readers (import.c) ---------------------------------- */

/* The draft being filled.  Arrays grow in the arena. */
typedef struct ImportDraft {
    Arena *a;
    const char *file;       /* arena copy of the path, for diagnostics */
    Programme p;
    size_t cap_sessions, cap_tracks;
    /* UTC offsets (minutes) seen on session times, to name the zone when
     * the source gives no zone name and to mark sessions in another one */
    int *offsets;           /* parallel to p.sessions; INT_MIN: unknown */
    bool tracks_declared;   /* the source lists its tracks */
} ImportDraft;

#define IMPORT_NO_OFFSET (-100000)

void import_draft_init(ImportDraft *dr, Arena *a, const char *file);
Session *import_add_session(ImportDraft *dr);
/* The track with this title, created (with a slug id) when new. */
Track *import_track(ImportDraft *dr, const char *title, const char *color,
                    SrcLoc loc, Diags *d);
Speaker *import_add_speaker(ImportDraft *dr, Session *s, const char *name);
void import_add_document(ImportDraft *dr, Session *s, const char *title,
                         const char *url);
/* The abstract (summary, then sections) and the description (a section
 * "Description" after an abstract, else the summary), HTML or Markdown. */
void import_text(ImportDraft *dr, Session *s, const char *abstract,
                 const char *description);
/* Sort sessions by date, start and venue (stable), fill dates, language
 * and time zone when the source left them out. */
void import_finish(ImportDraft *dr);

/* A one-line value: runs of ASCII whitespace become one space, trimmed;
 * NULL or empty gives NULL. */
const char *import_line(Arena *a, const char *s);
Str import_str(const char *s);
/* "2024-02-03T09:30:00+01:00" (seconds and offset optional; "Z" is 0).
 * *offset is IMPORT_NO_OFFSET when none is written. */
bool import_datetime(const char *s, Date *date, int *minutes, int *offset);
/* "00:30", "01:30:00", "1:00" → minutes. */
bool import_duration(const char *s, int *minutes);
/* A frab event type ("devroom", "lecture") as a label ("Devroom talk"). */
const char *import_type_label(Arena *a, const char *type);
/* True for a language tag livret accepts ("en", "de-DE"). */
bool import_is_lang(const char *s);

/* The readers. */
bool import_frab_xml(ImportDraft *dr, const char *bytes, size_t len,
                     Diags *d);
bool import_frab_json(ImportDraft *dr, const YNode *root, Diags *d);
bool import_pretalx(ImportDraft *dr, const YNode *root, Diags *d);

#endif
