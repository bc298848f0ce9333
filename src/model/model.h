/* model — the programme as plain, typed, validated data.
 *
 * Produced by programme_load() (loader.h) and const from then on: the layout
 * passes read it and never change it, so every pass can rebuild its story
 * from scratch.  Everything here lives in the document arena passed to the
 * loader.
 *
 * Text: every string is UTF-8, valid, NFC-normalised, NUL-terminated, free
 * of control characters other than '\n' (line breaks of block scalars are
 * kept; paragraphs are separated by a blank line).  Whitespace is otherwise
 * as written: collapsing it is the text stage's job (textnorm.h).
 *
 * Absent optional values: Str.s == NULL, Date.y == 0, minutes == -1,
 * capacity == -1, counts == 0.
 */
#ifndef LIVRET_MODEL_H
#define LIVRET_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "base/diag.h"
#include "base/infile.h"

/* A string from the input with where it came from. */
typedef struct Str {
    const char *s;      /* NULL when absent */
    size_t len;
    SrcLoc loc;         /* position of the value's first character */
} Str;

/* The Str of a C string: absent (s NULL) for NULL or "". */
static inline Str str_of(const char *s)
{
    Str r = { 0 };
    if (s && *s) {
        r.s = s;
        r.len = strlen(s);
    }
    return r;
}

typedef struct Date {
    int y, m, d;        /* y == 0: absent */
} Date;

/* A colour as written in the input: "#RRGGBB" (RGB) or
 * "cmyk(C,M,Y,K)" with percentages (CMYK).  The backend or the edition
 * converts as needed. */
typedef struct Color {
    enum { COLOR_NONE, COLOR_GRAY, COLOR_RGB, COLOR_CMYK } space;
    double c[4];        /* components in 0..1: gray; r g b; c m y k */
} Color;

typedef struct Track {
    Str id;
    Str title;
    Color color;        /* space == COLOR_NONE when not given */
    SrcLoc loc;         /* the track's mapping */
} Track;

typedef struct Speaker {
    Str name;           /* required */
    Str role;           /* "moderator", "speaker", "chair", ... free text;
                           "moderator"/"modérateur"/"modératrice"/"moderador"
                           /"moderadora"/"chair" sort first (speaker_is_moderator) */
    Str position;       /* job title, e.g. "maire de Montevideo" */
    Str affiliation;    /* organisation */
    Str sort_as;        /* index key ("Aouélé, Eugène Aka" or "Aouélé"):
                           filed under it instead of the guessed family
                           name; `family:` is read into it too */
    SrcLoc loc;
} Speaker;

typedef struct Document {
    Str title;          /* optional; the URL is shown alone when absent */
    Str url;            /* optional; at least one of title and url */
    SrcLoc loc;
} Document;

typedef struct Section {
    Str title;          /* optional heading */
    Str text;           /* paragraphs; absent when items are given */
    Str *items;         /* list items; nitems == 0 when text is given */
    size_t nitems;
    bool numbered;      /* items are an ordered (numbered) list */
    SrcLoc loc;
} Section;

typedef struct Session {
    size_t index;       /* position in the input (0-based, after includes) */
    Str id;             /* required, unique */
    Str type;           /* "Plenary session", "Lecture", ... */
    Str title;          /* required */
    Str track_id;       /* as written; resolved into track */
    const struct Track *track;   /* NULL when no track */
    Str *organizers;
    size_t norganizers;
    Date date;          /* required */
    SrcLoc date_loc;
    int start, end;     /* minutes since midnight of date; -1 absent.  end
                           is 1440 at midnight and beyond for a session that
                           crosses it: the end day is date + end / 1440
                           (session_end_day), 23:30 for an hour ends 1470 */
    SrcLoc start_loc, end_loc;
    Str timezone;       /* session's own zone, overrides the programme's */
    Str other_times;    /* free text, printed as written */
    Str venue;          /* room or platform ("Streaming") */
    int capacity;       /* -1 absent */
    Str registration;   /* free text ("required", "free, on site") */
    Str *languages;     /* spoken/interpreted languages, as written */
    size_t nlanguages;
    Str language;       /* language of the text: BCP 47 ("fr", "es-AR");
                           absent = programme.language */
    Str summary;
    Section *sections;
    size_t nsections;
    Speaker *speakers;
    size_t nspeakers;
    Document *documents;
    size_t ndocuments;
    SrcLoc loc;         /* the session's mapping */
} Session;

/* A file the programme was read from, by identity (infile.h). */
typedef struct InputFile {
    const char *name;   /* as named in diagnostics */
    FileId id;
} InputFile;

/* An image file named by the input (free pages, the cover).  The loader
 * decodes it once to check it and to know its size; the backends read the
 * file again (docs/format.md, Images). */
typedef struct Image {
    Str file;           /* as written */
    const char *path;   /* resolved against the file that names it */
    Str caption;        /* optional */
    double width;       /* points; 0 = fitted to the text width */
    int px_w, px_h;     /* pixels */
    SrcLoc loc;
} Image;

/* Inline text of a free page: one run per change of emphasis or link. */
typedef struct TextRun {
    const char *s;      /* markers and escapes removed */
    size_t len;
    bool bold, italic;
    const char *uri;    /* [text](url), <url>; NULL otherwise */
    SrcLoc loc;
} TextRun;

/* A block of a free page's Markdown (docs/format.md, Free pages). */
typedef struct TextBlock {
    enum { BLOCK_PARA, BLOCK_HEADING, BLOCK_ITEM } kind;
    int number;         /* BLOCK_ITEM of a numbered list: its number;
                           0 = a bullet */
    TextRun *runs;
    size_t nruns;
    SrcLoc loc;
} TextBlock;

/* A page of the organizer's own: welcome word, practical information,
 * committee, partners.  Front pages follow the title page, back pages the
 * indexes. */
typedef struct FreePage {
    Str title;          /* required */
    bool back;          /* place: back (default front) */
    TextBlock *blocks;  /* text */
    size_t nblocks;
    Image *images;      /* after the text, each with its caption */
    size_t nimages;
    Image *logos;       /* a grid of logos, last */
    size_t nlogos;
    SrcLoc loc;
} FreePage;

typedef struct Programme {
    Str title;          /* required */
    Str subtitle;
    Str organizer;
    Str language;       /* default "en" when absent */
    Date from, to;      /* dates.from, dates.to */
    Str timezone;       /* IANA name or a label such as "ART" */
    Str *display_zones; /* display_timezones: "IANA-NAME" or "IANA-NAME
                           LABEL" ("America/Argentina/Buenos_Aires ART");
                           every time is shown in each */
    size_t ndisplay_zones;
    Track *tracks;
    size_t ntracks;
    Session *sessions;  /* in input order */
    size_t nsessions;
    FreePage *pages;    /* top-level `pages:`, in input order */
    size_t npages;
    Image cover;        /* programme.cover.image: full bleed on the title
                           page; cover.path NULL when absent */
    Image logo;         /* programme.cover.logo */
    const char *path;   /* the main file, as given */
    InputFile *inputs;  /* every regular file read: the programme (or the
                           export it was imported from) and each include,
                           so that no output overwrites one */
    size_t ninputs;
    SrcLoc loc;
} Programme;

/* Days after its date that a session ends: 0 the same day (or no end),
 * 1 the next day; midnight itself (1440) is the same day's end. */
static inline int session_end_day(const Session *s)
{
    return s->end > 1440 ? s->end / 1440 - (s->end % 1440 == 0) : 0;
}

/* True for role words that mean moderator/chair in the supported languages
 * (case-insensitive, accents included). */
bool speaker_is_moderator(const Speaker *s);

#endif
