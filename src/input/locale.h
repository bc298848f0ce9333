/* locale — words and date formats of the booklet's language.
 *
 * Labels: one data file per language, DATADIR/layouts/lang/LL.yaml, so
 * adding a language means adding a file.  The tag's primary subtag picks
 * the file ("es-AR" → es.yaml); a language without one gets English labels
 * with a warning.  Dates and times come from CLDR through ICU for the
 * full tag, whatever the labels: day and month names and the order of the
 * parts (udatpg_getBestPattern for the skeletons "EEEEdMMMMy" and "Hm",
 * Gregorian calendar, 24-hour clock), so "de" gives "Donnerstag, 27. Mai
 * 2021" and "ja" "2021年5月27日木曜日" with no hand-written data.  A Locale
 * lives in the document arena.
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
    const char *lang;               /* primary subtag of the labels used */
    const char *tag;                /* the language as given ("pt-BR"):
                                       dates, times, collation */
    const char *label[L_NLABELS];
    const char *date_pattern;       /* ICU pattern of a full date */
    const char *time_pattern;       /* ICU pattern of a time, 24-hour */
    const char *icu;                /* ICU locale id of tag */
    const char *range_sep;          /* between two times: "–" */
    const char *digit[10];          /* the locale's own digits in UTF-8
                                       (CLDR's default numbering system:
                                       "٠".."٩" for ar, "০".."৯" for bn);
                                       NULL when they are ASCII's */
    /* Times of day and dates already formatted (ICU opens a formatter
     * for each, which cost more than the rest of a session's meta line):
     * one entry a minute, 0-1440, and the first 64 dates, in the
     * Locale's arena; NULL = no memo. */
    struct LocaleMemo *memo;
} Locale;

const Locale *locale_load(Arena *a, const char *datadir, const char *tag,
                          SrcLoc where, Diags *d);

/* "jeudi 27 mai 2021"; "" for no date */
const char *locale_date(Arena *a, const Locale *l, Date dt);
/* "10:35–12:05"; end may be -1; 1440 prints as 24:00 */
const char *locale_times(Arena *a, const Locale *l, int start, int end);
/* A time zone as a reader names it: the exemplar city of an IANA zone in
 * the locale's language (CLDR through ICU: "Africa/Casablanca" →
 * "Casablanca", "Asia/Tokyo" → "東京" in Japanese); anything else (a label
 * such as "ART", a zone without a city) as written. */
const char *locale_zone(Arena *a, const Locale *l, const char *tz);
/* A page number or count in the locale's digits, as its dates and times
 * have them ("12", "١٢"). */
const char *locale_number(Arena *a, const Locale *l, long n);
/* Replace {name} in a label with value ("p. {page}" → "p. 23"). */
const char *locale_fill(Arena *a, const char *label, const char *name,
                        const char *value);

#endif
