/* style — a layout file (layouts/NAME.yaml) as typed settings.
 *
 * A layout says how a booklet looks: page size and mirrored margins, which
 * font files make each family and in which order fallbacks are tried,
 * named text styles, and options such as "each session starts a page".
 * It is read with the same ytree reader as programmes, so it gets the same
 * located diagnostics.  Lengths accept "12pt", "5mm", "0.5in" or a bare
 * number of points.  Every field has a default (style_defaults), so a
 * layout file need only say what differs; `inherit: NAME` starts from
 * another layout instead.
 *
 * Where files are found (datadir): $LIVRET_DATADIR, else the directory
 * holding the executable's ../share/livret (installed), else the
 * executable's ../ (the build tree), else the compiled-in LIVRET_DATADIR.
 * Fonts named without a slash are looked up in DATADIR/fonts.
 *
 * A Style lives in the document arena; it is const once loaded.
 */
#ifndef LIVRET_STYLE_H
#define LIVRET_STYLE_H

#include <stdbool.h>

#include "base/arena.h"
#include "base/diag.h"
#include "model/model.h"

typedef enum { ALIGN_JUSTIFY, ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT } Align;

typedef enum {
    FAMILY_SERIF, FAMILY_SANS, FAMILY_MONO, NFAMILIES
} Family;

/* Faces of a family: regular, bold, italic, bold italic. */
enum { FACE_REGULAR, FACE_BOLD, FACE_ITALIC, FACE_BOLD_ITALIC, NFACES };

typedef struct TextStyle {
    Family family;
    bool bold, italic;
    double size;            /* points */
    double leading;         /* baseline to baseline, points */
    Color color;
    Align align;
    bool hyphenate;
    double space_before, space_after;   /* points, discarded at page top */
    double indent;          /* first-line indent, points */
} TextStyle;

/* The named styles a booklet uses; each is a key under `styles:`. */
typedef enum {
    ST_BODY, ST_SUMMARY, ST_TITLE, ST_BAND, ST_META_LABEL, ST_META,
    ST_HEADING, ST_ITEM, ST_SPEAKER_NAME, ST_SPEAKER_DETAIL, ST_ROLE,
    ST_DOCUMENT, ST_URL, ST_DAY, ST_TOC_TITLE, ST_TOC_DAY, ST_TOC_ENTRY,
    ST_TOC_PAGE, ST_HEAD, ST_FOLIO, ST_COVER_TITLE, ST_COVER_SUBTITLE,
    ST_COVER_META, ST_INDEX_ENTRY, ST_INDEX_PAGE, ST_INDEX_MOD,
    ST_GRID_HEAD, ST_GRID_CELL, ST_GRID_TIME,
    /* free pages: emphasis in the text (each follows `body` unless the
     * layout sets it), captions under images */
    ST_BODY_BOLD, ST_BODY_ITALIC, ST_BODY_BOLD_ITALIC, ST_CAPTION,
    NSTYLES
} StyleId;

/* The session fields a layout shows (layout key `fields:`, a list of
 * these names); the title is always shown. */
enum {
    FIELD_BAND = 1u << 0,           /* band: type · track */
    FIELD_DATE = 1u << 1,           /* date */
    FIELD_TIME = 1u << 2,           /* time (zones, other_times) */
    FIELD_VENUE = 1u << 3,          /* venue */
    FIELD_LANGUAGES = 1u << 4,      /* languages */
    FIELD_REGISTRATION = 1u << 5,   /* registration */
    FIELD_CAPACITY = 1u << 6,       /* capacity */
    FIELD_ORGANIZERS = 1u << 7,     /* organizers */
    FIELD_SUMMARY = 1u << 8,        /* summary */
    FIELD_SECTIONS = 1u << 9,       /* sections */
    FIELD_SPEAKERS = 1u << 10,      /* speakers (names) */
    FIELD_SPEAKER_DETAILS = 1u << 11,   /* speaker-details: role, position,
                                           affiliation, one per line; without
                                           it the names make one meta line */
    FIELD_DOCUMENTS = 1u << 12,     /* documents */
    FIELD_ALL = (1u << 13) - 1
};

#define STYLE_SCRIPT_MAX 48

typedef struct Style {
    const char *name;
    const char *path;           /* the layout file, or "(built-in)" */
    const char *datadir;
    /* page */
    double page_width, page_height;
    double margin_top, margin_bottom, margin_inner, margin_outer;
    double head_offset;         /* running-head baseline below the top edge */
    double foot_offset;         /* folio baseline above the bottom edge */
    /* fonts: resolved paths */
    const char *face[NFAMILIES][NFACES];
    const char **fallback;      /* regular fallback chain */
    int nfallback;
    const char **fallback_bold;
    int nfallback_bold;
    /* Fonts of a script (ISO 15924 tag, "Arab"), tried first for its
     * characters: fontconfig family names (or font file paths, with a
     * slash) for serif and sans text.  Built in for the scripts issue 11
     * names (Noto); `fonts.scripts` in a layout adds or replaces. */
    struct ScriptFont {
        char tag[5];
        const char *serif, *sans;
    } scripts[STYLE_SCRIPT_MAX];
    int nscripts;
    /* text */
    TextStyle text[NSTYLES];
    /* options */
    bool session_new_page;      /* each session starts a new page */
    bool session_new_page_auto; /* session-new-page: auto — a session starts
                                   a new page only when it would otherwise
                                   be split (one that fits a page is kept
                                   whole; a longer one starts a page) */
    unsigned fields;            /* FIELD_* shown (default FIELD_ALL) */
    bool meta_inline;           /* meta values on one line, " · " between,
                                   no labels (option meta-inline) */
    bool facing;                /* facing pages: mirrored margins, a blank
                                   verso after the title page and at the end
                                   (false: single-sided office printing) */
    bool title_page;
    bool toc;
    bool indexes;               /* speakers' and organisations' indexes */
    bool grid;                  /* schedule at a glance, one grid per day */
    bool day_tabs;              /* a thumb tab per day on the outer edge */
    /* print edition */
    double bleed;               /* 3 mm; 0.125 in for US sizes */
    bool crop_marks;
    double mark_offset, mark_length;
    int signature;              /* pages padded to a multiple of this */
    bool notes_pages;           /* padding pages: "Notes" (else blank) */
    double creep;               /* per sheet, saddle imposition */
    double safe_zone;           /* text keeps this far from the trim */
    const char *output_condition;   /* registered printing condition */
    double session_gap;         /* space between sessions on one page */
    double band_height;         /* type/track band */
    double rule_width;
    Color band_color;           /* band of sessions without a track colour */
    Color rule_color;
    int widows, orphans;        /* minimum lines kept together */
    double list_indent;         /* hanging indent of list items */
    double speaker_indent;

    /* --- typography (issue #3): layout key `typography:` ---------------
     * Paragraph breaking and per-language text rules; read by para.c and
     * typo.c.  Defaults in style_defaults(). */
    struct Typo {
        bool first_fit;             /* line-breaking: first-fit (else
                                       knuth-plass, the default) */
        bool ragged;                /* ragged-right: justified text set
                                       ragged (narrow columns) */
        double ragged_below;        /* justified text narrower than this
                                       is set ragged, points (0 = never) */
        double ragged_stretch;      /* ragged lines: room at the line end
                                       the breaker balances, points */
        double pretolerance;        /* pass 1 (no hyphenation): max ratio */
        double tolerance;           /* pass 2 (hyphenation): max ratio */
        double emergency_stretch;   /* pass 3: extra stretch per line, pt */
        int line_penalty;           /* KP's l, added to every line's badness */
        int hyphen_penalty;         /* break at a hyphenation point */
        int double_hyphen_demerits; /* two hyphenated lines in a row */
        int final_hyphen_demerits;  /* hyphen on the paragraph's last-but-
                                       one line */
        int adj_demerits;           /* fitness classes of adjacent lines
                                       differ by more than one */
        int hyphen_ladder_demerits; /* a third hyphenated line in a row
                                       (and each one after it) */
        double expansion;           /* font expansion: justified lines may
                                       scale glyphs by up to ±this (0.02) */
        double tracking;            /* letter spacing a justified line may
                                       add when its spaces would pass 1.5
                                       times their width, em (0.015) */
        bool protrusion;            /* punctuation hangs into the margin */
        double space_stretch;       /* inter-word glue, fractions of the */
        double space_shrink;        /*   space's natural width */
        bool kerning;               /* font GPOS kerning via HarfBuzz */
        bool french_spacing;        /* fr: replace spaces before ; ! ? : and
                                       inside « » by no-break spaces */
        bool french_insert;         /* fr: also insert missing ones */
        bool guillemet_narrow;      /* fr: U+202F inside « » (else U+00A0) */
        bool smart_quotes;          /* straight quotes → the language's
                                       (CLDR), ' → ’ */
        bool dashes;                /* fr: a spaced hyphen → spaced – */
        int nhyphen_min;            /* hyphen-min: {LANG: [left, right]} */
        struct { char lang[8]; int left, right; } hyphen_min[12];
    } typo;
} Style;

typedef struct Typo Typo;

/* Built-in defaults: the a5-booklet look (style_defaults.c). */
void style_defaults(Style *s);

/* body-bold, body-italic, body-bold-italic: body with that face, unless
 * set[id] (set NULL: all three). */
void style_emphasis(TextStyle *t, const bool *set);

/* Load NAME (a layout in DATADIR/layouts) or FILE (contains '/' or ends in
 * .yaml).  NULL name = "a5-booklet".  NULL on error (reported). */
const Style *style_load(Arena *a, const char *name_or_file, Diags *d);

/* The data directory (see above); never NULL. */
const char *style_datadir(Arena *a);

const char *style_name(StyleId id);

#endif
