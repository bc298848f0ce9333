/* index — the speakers' and organisations' indexes at the back.
 *
 * Speakers: every name once, filed under the family name as the booklet's
 * language orders it (collate.h), with the page of each of their sessions;
 * pages where they moderate are in italic (a legend says so).
 * Organisations: speakers' affiliations and sessions' organizers, with
 * their sessions' pages.  Every page number links to its page.
 *
 * index_build collects the entries once; index_layout sets them as a
 * vertical list (rebuilt in each front-matter pass because link targets
 * move with the front matter's length).
 */
#ifndef LIVRET_INDEX_H
#define LIVRET_INDEX_H

#include "layout/story.h"

typedef enum { INDEX_SPEAKERS, INDEX_ORGANISATIONS, NINDEXES } IndexKind;

typedef struct IndexRef {
    int page;           /* body page index */
    bool mod;           /* moderates that session */
} IndexRef;

typedef struct IndexEntry {
    const char *text;   /* as printed: "Bastion, Geraldine de" */
    const char *key;    /* collation key */
    IndexRef *refs;
    size_t nrefs, cap;
    SrcLoc loc;         /* first occurrence (warnings) */
} IndexEntry;

typedef struct Index {
    IndexEntry *e;
    size_t n;
} Index;

/* Collect the entries.  session_page[k] is the body page index of agenda
 * entry k. */
void index_build(Arena *a, const StoryCtx *s, const int *session_page,
                 IndexKind kind, Index *out);

/* Append the index to l: title, legend, letter headings, entries.
 * Links go to physical page `offset + body page`; folio_of(body page) is
 * the printed number. */
void index_layout(StoryCtx *s, Arena *a, VList *l, const Index *ix,
                  IndexKind kind, int offset, double frame_top);

#endif
