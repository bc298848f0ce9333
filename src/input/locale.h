/* locale — words and date formats of the booklet's language.
 *
 * One data file per language, DATADIR/layouts/lang/LL.yaml, so adding a
 * language means adding a file.  The tag's primary subtag picks the file
 * ("es-AR" → es.yaml); an unknown language falls back to English with a
 * warning.  A Locale lives in the document arena.
 */
#ifndef LIVRET_LOCALE_H
#define LIVRET_LOCALE_H

#include "base/arena.h"
#include "base/diag.h"
#include "model/model.h"

typedef enum {
    L_CONTENTS, L_SPEAKERS, L_MODERATOR, L_DOCUMENTS, L_DATE, L_TIME,
    L_VENUE, L_LANGUAGES, L_REGISTRATION, L_CAPACITY, L_ORGANIZERS,
    L_TRACK, L_TIMEZONE, L_ALSO, L_PLACES, L_FULL_PAGE, L_SEE, L_NEXT_DAY,
    L_PREVIOUS_DAY, L_INDEX_SPEAKERS, L_INDEX_ORGANISATIONS, L_INDEX_LEGEND,
    L_AT_A_GLANCE, L_ROLE_MODERATOR, L_NOTES,
    L_NLABELS
} LabelId;

typedef struct Locale {
    const char *lang;               /* primary subtag of the file used */
    const char *label[L_NLABELS];
    const char *month[12];
    const char *weekday[7];         /* Monday first */
    const char *date_format;        /* {weekday} {day} {month} {year} */
    const char *range_sep;          /* between two times: "–" */
} Locale;

const Locale *locale_load(Arena *a, const char *datadir, const char *tag,
                          SrcLoc where, Diags *d);

/* "jeudi 27 mai 2021" */
const char *locale_date(Arena *a, const Locale *l, Date dt);
/* "10:35–12:05"; end may be -1; 1440 prints as 24:00 */
const char *locale_times(Arena *a, const Locale *l, int start, int end);
/* Replace {name} in a label with value ("p. {page}" → "p. 23"). */
const char *locale_fill(Arena *a, const char *label, const char *name,
                        const char *value);

#endif
