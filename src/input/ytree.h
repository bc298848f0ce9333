/* ytree — YAML (and JSON) text to a small located node tree.
 *
 * Reads with libyaml's event API, never its document loader, because only
 * events let us refuse what a programme never needs and what libyaml does
 * not guard against:
 *   - anchors and aliases (alias bombs, cycles),
 *   - nesting deeper than YTREE_MAX_DEPTH (libyaml's flow nesting is
 *     quadratic),
 *   - duplicate keys in a mapping (both lines are named),
 *   - tags other than the core ones (!!str, !!int, !!map, ...),
 *   - more than one document in a stream, an empty stream,
 *   - control characters other than TAB, LF (and CR of CRLF) anywhere.
 * The bytes are checked as UTF-8 before libyaml sees them (libyaml gives
 * no position for encoding errors): the first bad sequence is reported with
 * its line:column and its bytes in hex.  A UTF-8 BOM is accepted and
 * skipped; CRLF line ends are accepted.  Every scalar is NFC-normalised.
 *
 * Scalars are not typed here: `no`, `10:35` and `3.10` are strings until
 * the schema (loader.c) decides what the field needs.
 *
 * Two arenas: a holds the nodes, their pairs and lists, and the text of
 * mapping keys; text holds the text of every other scalar and the file
 * name that each node's loc points to.  They may be the same arena.  The
 * loader passes a scratch arena as a and frees it once the Programme is
 * built: the model keeps values' text and locations, never a node or a
 * key.  On any error the functions report every problem they can find to
 * d and return NULL.
 */
#ifndef LIVRET_YTREE_H
#define LIVRET_YTREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/diag.h"

#define YTREE_MAX_DEPTH 64
/* Files larger than this are refused up front, before anything is read
 * or allocated.  Loading takes about 3 bytes per input byte at its peak
 * (the file, the tree and the values' text together; ~400 MB at the
 * limit) and keeps about 1.3 (docs/performance.md, Loading); laying out
 * and writing take far more while the whole document is held (~45 bytes
 * per input byte today).  128 MiB is 110 times FOSDEM 2024 (876 sessions,
 * 1.1 MB) and admits the 20,000-session benchmark (70 MB) that issue 15
 * sets as its memory target.  The loader applies the same limit to a
 * programme and all its includes together. */
#define YTREE_MAX_FILE_SIZE (128u * 1024 * 1024)

typedef enum { YNODE_SCALAR, YNODE_MAP, YNODE_SEQ } YNodeKind;

typedef struct YNode YNode;

typedef struct YPair {
    YNode *key;         /* always a scalar */
    YNode *value;
} YPair;

/* A line and column without the file (YNode.text_loc): the node's loc
 * names it. */
typedef struct YPos {
    int line, col;
} YPos;

/* One per scalar, mapping and list of the file: a 5,000-session programme
 * has ~235,000 of them, so a node is 48 bytes (112 before issue 15's
 * loading round).  Counts and lengths take 32 bits: a file is at most
 * YTREE_MAX_FILE_SIZE bytes and NFC at most triples a text.  What only
 * one kind has shares the union; the other kinds' counts are zero, so a
 * loop over the pairs of a list or the items of a mapping does nothing:
 * read pairs, items or text_loc only for the node's own kind. */
struct YNode {
    SrcLoc loc;         /* first character of the node (1-based) */
    const char *str;    /* scalars: NFC UTF-8, NUL-terminated; "" others */
    union {
        YPair *pairs;   /* mappings, in document order */
        YNode **items;  /* sequences */
        YPos text_loc;  /* scalars: first character of the text itself —
                           after a quote; a block scalar's (| or >) first
                           non-blank content line at its indentation */
    };
    uint32_t len;       /* scalars: bytes, without the NUL */
    uint32_t npairs;
    uint32_t nitems;
    unsigned char kind; /* YNodeKind */
    bool plain;         /* plain (unquoted, not block) scalar: only plain
                           "", "~", "null" count as null */
};

/* Parse a whole file (infile.h: "-" is standard input, named <stdin>);
 * the path is used in diagnostics (and copied to text). */
YNode *ytree_load_file(Arena *a, Arena *text, const char *path, Diags *d);
/* Parse bytes already in memory; name is used in diagnostics (and copied
 * to text). */
YNode *ytree_load_buffer(Arena *a, Arena *text, const char *name,
                         const char *bytes, size_t len, Diags *d);

/* Value of key in a mapping, or NULL (also when map is not a mapping). */
const YNode *ytree_get(const YNode *map, const char *key);
/* True for a null scalar: plain "", "~", "null", "Null", "NULL". */
bool ytree_is_null(const YNode *n);
/* "mapping", "sequence", "string" — for messages. */
const char *ytree_kind_name(const YNode *n);

#endif
