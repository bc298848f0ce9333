/* draft — what the import readers share: the programme being filled and
 * the helpers that turn schedule values into programme values.
 *
 * Takes values as the exports write them (C strings); gives a Programme
 * draft (model.h structs, mutable, not validated) in the arena passed to
 * import_draft_init.  Knows no reader and no file format: frab_xml.c and
 * json.c call it, never the reverse.
 */
#ifndef LIVRET_IMPORT_DRAFT_H
#define LIVRET_IMPORT_DRAFT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/diag.h"
#include "model/model.h"


/* The draft being filled.  Arrays grow in the arena. */
typedef struct ImportDraft {
    Arena *a;
    const char *file;       /* arena copy of the path, for diagnostics */
    Programme p;
    size_t cap_sessions, cap_tracks;
    /* UTC offsets (minutes) seen on session times, to name the zone when
     * the source gives no zone name and to mark sessions in another one */
    int *offsets;           /* parallel to p.sessions; INT_MIN: unknown */
    /* how messages name each session's event: 'event 6561 "Opening"'
     * (the export's id or guid, and its title); parallel to p.sessions */
    const char **labels;
    bool tracks_declared;   /* the source lists its tracks */
} ImportDraft;

#define IMPORT_NO_OFFSET (-100000)

void import_draft_init(ImportDraft *dr, Arena *a, const char *file);
Session *import_add_session(ImportDraft *dr);
/* Names the event of s in messages (draft.labels): the export's id (or
 * guid, or code) and its title. */
void import_label(ImportDraft *dr, const Session *s, const char *id,
                  const char *title);
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
/* Sort sessions by date, start and venue (stable); give the sessions of
 * an event held several times (one id on several days) ids of their own,
 * "-1", "-2" in time order; keep an event listed under two rooms at the
 * same time (same title) once, in both rooms, with a warning; fill dates, language and
 * time zone when the source left them out. */
void import_finish(ImportDraft *dr, Diags *d);

/* A one-line value: runs of ASCII whitespace become one space, trimmed;
 * NULL or empty gives NULL. */
const char *import_line(Arena *a, const char *s);
/* True when s reads as words a reader could miss (a name, a sentence),
 * not a flag or a number ("true", "0", "2025-01-01"): what an unknown
 * element or key must hold to be warned about. */
bool import_is_text(const char *s);
/* The first max characters of s (whole UTF-8 sequences), "…" after when
 * cut: a value quoted in a message. */
const char *import_excerpt(Arena *a, const char *s, size_t max);
/* "2024-02-03T09:30:00+01:00" (seconds and offset optional; "Z" is 0).
 * *offset is IMPORT_NO_OFFSET when none is written. */
bool import_datetime(const char *s, Date *date, int *minutes, int *offset);
/* "00:30", "01:30:00", "1:00" → minutes. */
bool import_duration(const char *s, int *minutes);
/* A frab event type ("devroom", "lecture") as a label ("Devroom talk"). */
const char *import_type_label(Arena *a, const char *type);
/* True for a language tag livret accepts ("en", "de-DE"). */
bool import_is_lang(const char *s);

#endif
