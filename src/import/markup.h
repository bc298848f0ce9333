/* markup — HTML and Markdown abstracts to the programme's text structure.
 *
 * Conference tools store abstracts as HTML (frab, FOSDEM's pentabarf) or
 * Markdown (pretalx, frab's plain text "with Markdown habits").  The
 * programme format has no markup (docs/format.md, Text): it has paragraphs,
 * headed sections and lists.  So both are read into a flat list of blocks
 *   paragraph | heading | list of items
 * where inline markup is dropped (bold, emphasis, code), entities are
 * decoded, links become "text (URL)" and nested lists are flattened into
 * their parent.  Paragraph text has runs of ASCII whitespace made one
 * space; every other character (no-break spaces, soft hyphens, zero-width
 * spaces) is kept as written.
 *
 * markup_into_session() then lays the blocks out as the summary (the
 * paragraphs before any heading or list) and sections.
 */
#ifndef LIVRET_MARKUP_H
#define LIVRET_MARKUP_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "model/model.h"

typedef enum { MARKUP_PARA, MARKUP_HEADING, MARKUP_LIST } MarkupKind;

typedef struct MarkupBlock {
    MarkupKind kind;
    const char *text;       /* paragraph or heading */
    const char **items;     /* list */
    size_t nitems;
    bool numbered;          /* <ol>, "1." */
} MarkupBlock;

typedef struct Markup {
    MarkupBlock *blocks;
    size_t n, cap;
} Markup;

/* True when s contains HTML block or inline tags (<p>, <br>, <a href...). */
bool markup_looks_html(const char *s);
/* Append the blocks of s to m.  Returns false only when libxml2 cannot
 * parse the HTML at all (then nothing is appended). */
bool markup_html(Arena *a, const char *s, Markup *m);
void markup_markdown(Arena *a, const char *s, Markup *m);
/* HTML when markup_looks_html(), else Markdown. */
void markup_parse(Arena *a, const char *s, Markup *m);

/* Lay the blocks out in s: with to_summary, the paragraphs before the first
 * heading or list become s->summary (when it is still empty); the rest
 * becomes sections appended to s->sections: a heading titles the
 * paragraphs or list after it, a list is a section of items.  title, when
 * not NULL, heads the first paragraphs (frab's "Description"); it is not
 * put over a leading list. */
void markup_into_session(Arena *a, const Markup *m, Session *s,
                         bool to_summary, const char *title);

/* The block array is on the heap (the texts are in the arena). */
void markup_free(Markup *m);

/* Runs of ASCII whitespace to one space, trimmed; NULL when nothing is
 * left. */
char *markup_collapse(Arena *a, const char *s, size_t len);

#endif
