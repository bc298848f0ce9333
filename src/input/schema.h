/* schema — typed reading of ytree nodes into model records.
 *
 * Internal to the loader (loader.c reads the structure — top level,
 * includes, the session list — and checks what spans records: unique ids,
 * track references, dates against the programme's).  Everything here reads
 * one record and reports each problem as
 *   FILE:LINE:COL: error: PATH.KEY: message (session ID)
 * then keeps going.  Values are typed from the scalar's own text, never by
 * YAML 1.1 rules.  Null (plain empty, ~, null) on an optional field means
 * absent; on a required one it is reported as "missing", at the mapping.
 */
#ifndef LIVRET_SCHEMA_H
#define LIVRET_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/diag.h"
#include "model/model.h"
#include "input/ytree.h"

#define SCHEMA_PATH_SIZE 256
/* Longest text, in code points, of a one-line field (titles, names,
 * venues, ids, URLs...): prose fields (summary, sections' text and items)
 * have no limit of their own beyond the file size.  Real programmes stay
 * under 300 (FOSDEM's longest URL is 271, its longest title 186); what is
 * longer is a paste in the wrong field, and would not fit where these are
 * set (a title page, a running head, a PDF bookmark: libharu refuses
 * strings over 65535 bytes). */
#define SCHEMA_MAX_SHORT_TEXT 1000

/* Where a record is read: what diagnostics name. */
typedef struct SchemaCtx {
    Arena *a;
    Diags *d;
    const char *path;   /* field path of the mapping, "" at the top */
    const char *sid;    /* session id for messages, or NULL */
} SchemaCtx;

/* Child context for key (and index when index != SIZE_MAX): path
 * "PATH.key[index]" written to buf. */
SchemaCtx schema_sub(const SchemaCtx *c, const char *key, size_t index,
                     char *buf, size_t size);

void schema_error(const SchemaCtx *c, SrcLoc loc, const char *key,
                  const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void schema_warn(const SchemaCtx *c, SrcLoc loc, const char *key,
                 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* "a mapping", "a list", "a string", "an empty value": the words of the
 * messages. */
const char *schema_kind(const YNode *n);
/* s cut to a short one-line excerpt for messages (in buf). */
const char *schema_excerpt(const char *s, char *buf, size_t size);

/* True when n is a mapping; reports "expected a mapping, got ..." at n
 * (field key of c) otherwise. */
bool schema_is_map(const SchemaCtx *c, const YNode *n, const char *key);
/* Warns about every key of map not in known (a NULL-terminated list). */
void schema_check_keys(const SchemaCtx *c, const YNode *map,
                       const char *const *known);

/* Text field: trimmed; NULL s when absent, null or empty (empty is an
 * error when required).  Returns true when a value was stored. */
bool schema_text(const SchemaCtx *c, const YNode *map, const char *key,
                 bool required, Str *out);
/* The same from a node already in hand (an item of a list); field names
 * the node in messages. */
bool schema_text_node(const SchemaCtx *c, const YNode *n, const char *key,
                      bool required, Str *out);

/* Records. */
void schema_programme(const SchemaCtx *c, const YNode *map, Programme *p);
void schema_track(const SchemaCtx *c, const YNode *map, Track *t);
/* Reads every field of a session but the cross-record ones (the track
 * stays as track_id).  c->sid is set from the id as soon as it is read. */
void schema_session(SchemaCtx *c, const YNode *map, Session *s);

#endif
