#include "input/locale.h"
#include "model/date.h"
#include "input/ytree.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/udatpg.h>
#include <unicode/uloc.h>
#include <unicode/unumsys.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>
#include <unicode/ustring.h>

static const char *const label_keys[L_NLABELS] = {
    "contents", "speakers", "moderator", "documents", "date", "time",
    "venue", "languages", "registration", "capacity", "organizers", "track",
    "timezone", "also", "places", "full-page", "see", "next-day",
    "previous-day", "index-speakers", "index-organisations", "index-legend",
    "at-a-glance", "role-moderator", "notes",
};

/* English, built in: the fallback when a file is missing a key. */
static const char *const en_labels[L_NLABELS] = {
    "Contents", "Speakers", "Moderator", "Documents", "Date", "Time",
    "Venue", "Languages", "Registration", "Capacity", "Organizers", "Track",
    "All times", "Also", "places", "p. {page} in the full programme",
    "See", "+1 day", ("\xE2\x88\x92" "1 day"), "Index of speakers",
    "Index of organisations", "Page numbers in italics: moderation",
    "At a glance", "moderator", "Notes",
};
/* A UTF-16 pattern back to UTF-8 in the arena. */
static const char *from16(Arena *a, const UChar *u, int32_t n)
{
    char buf[256];
    int32_t k = 0;
    UErrorCode err = U_ZERO_ERROR;
    u_strToUTF8(buf, sizeof buf, &k, u, n, &err);
    if (U_FAILURE(err) || k >= (int32_t)sizeof buf)
        return NULL;
    return arena_strndup(a, buf, (size_t)k);
}

/* The locale's best pattern for a skeleton (CLDR availableFormats). */
static const char *best_pattern(Arena *a, const char *icu, const char *skel)
{
    UErrorCode err = U_ZERO_ERROR;
    UDateTimePatternGenerator *g = udatpg_open(icu, &err);
    if (U_FAILURE(err))
        return NULL;

    UChar sk[32], pat[128];
    u_uastrcpy(sk, skel);
    int32_t n = udatpg_getBestPattern(g, sk, -1, pat, 128, &err);
    udatpg_close(g);
    if (U_FAILURE(err) || n >= 128)
        return NULL;
    return from16(a, pat, n);
}

/* Does CLDR (ICU's data) have the tag's language?  For one it does not,
 * ICU would use its root patterns ("2021 M05 27"). */
static bool cldr_has(const char *id)
{
    char want[16], got[16];
    UErrorCode err = U_ZERO_ERROR;
    uloc_getLanguage(id, want, sizeof want, &err);
    if (U_FAILURE(err) || !want[0])
        return false;
    for (int32_t i = 0, n = uloc_countAvailable(); i < n; i++) {
        err = U_ZERO_ERROR;
        uloc_getLanguage(uloc_getAvailable(i), got, sizeof got, &err);
        if (U_SUCCESS(err) && strcmp(want, got) == 0)
            return true;
    }
    return false;
}

/* The ICU locale for a BCP 47 tag, Gregorian calendar (Thai would count
 * Buddhist years, Japanese could count eras). */
static const char *icu_locale(Arena *a, const char *tag)
{
    char id[96];
    UErrorCode err = U_ZERO_ERROR;
    int32_t n = uloc_forLanguageTag(tag, id, sizeof id, NULL, &err);
    if (U_FAILURE(err) || n <= 0 || n >= (int32_t)sizeof id || !cldr_has(id))
        return NULL;
    return arena_printf(a, "%s@calendar=gregorian", id);
}

#define LOCALE_MEMO_DATES 64

struct LocaleMemo {
    Arena *a;                       /* the Locale's */
    const char *time[1441];         /* minute -> "10:35" */
    struct { long days; const char *s; } date[LOCALE_MEMO_DATES];
    int ndates;                     /* a programme has few days */
};

/* The digits of the locale's default numbering system (ICU, CLDR), when
 * it is a decimal one other than ASCII's. */
static void native_digits(Arena *a, Locale *l)
{
    UErrorCode e = U_ZERO_ERROR;
    UNumberingSystem *ns = unumsys_open(l->icu, &e);
    if (U_FAILURE(e) || !ns)
        return;
    UChar desc[64];
    int32_t n = 0;
    if (!unumsys_isAlgorithmic(ns) && unumsys_getRadix(ns) == 10)
        n = unumsys_getDescription(ns, desc, 64, &e);
    unumsys_close(ns);
    if (U_FAILURE(e) || n <= 0 || n >= 64 ||
        (n == 10 && u_strncmp(desc, u"0123456789", 10) == 0))
        return;
    const char *dg[10];
    int32_t k = 0;
    for (int i = 0; i < 10; i++) {
        if (k >= n)
            return;
        UChar32 c;
        U16_NEXT(desc, k, n, c);
        char u8[5];
        int32_t len = 0;
        U8_APPEND_UNSAFE(u8, len, c);
        u8[len] = '\0';
        dg[i] = arena_strdup(a, u8);
    }
    if (k != n)
        return;
    memcpy(l->digit, dg, sizeof dg);
}

const Locale *locale_load(Arena *a, const char *datadir, const char *tag,
                          SrcLoc where, Diags *d)
{
    Locale *l = arena_alloc(a, sizeof *l);
    l->memo = arena_alloc(a, sizeof *l->memo);
    l->memo->a = a;
    memcpy(l->label, en_labels, sizeof en_labels);
    l->range_sep = "\xE2\x80\x93";
    l->lang = "en";
    l->tag = arena_strdup(a, tag && tag[0] ? tag : "en");
    l->icu = icu_locale(a, l->tag);
    if (l->icu) {
        l->date_pattern = best_pattern(a, l->icu, "EEEEdMMMMy");
        l->time_pattern = best_pattern(a, l->icu, "Hm");
    }
    bool dates = l->date_pattern && l->time_pattern;
    if (!dates) {
        l->icu = "en@calendar=gregorian";
        l->date_pattern = best_pattern(a, l->icu, "EEEEdMMMMy");
        l->time_pattern = best_pattern(a, l->icu, "Hm");
    }
    native_digits(a, l);
    char lang[16];
    size_t i = 0;
    for (; tag && tag[i] && tag[i] != '-' && tag[i] != '_' && i < 15; i++)
        lang[i] = (char)(tag[i] | 0x20);
    lang[i] = '\0';
    if (!lang[0])
        return l;
    const char *path = arena_printf(a, "%s/layouts/lang/%s.yaml", datadir, lang);
    struct stat st;
    if (stat(path, &st) != 0) {
        if (strcmp(lang, "en") != 0)
            diag_warn(d, where, "programme.language",
                      "no labels for language '%s' (no %s)%s; using English",
                      tag, path, dates ? "" : " and no CLDR date formats");
        return l;
    }
    YNode *root = ytree_load_file(a, a, path, d);
    if (!root || root->kind != YNODE_MAP)
        return NULL;
    l->lang = arena_strdup(a, lang);
    if (!dates)
        diag_warn(d, where, "programme.language", "no CLDR date formats for "
                  "language '%s'; dates are in English", tag);
    const YNode *labels = ytree_get(root, "labels");
    for (int k = 0; k < L_NLABELS; k++) {
        const YNode *n = ytree_get(labels, label_keys[k]);
        if (n && n->kind == YNODE_SCALAR)
            l->label[k] = n->str;
    }
    return l;
}

const char *locale_number(Arena *a, const Locale *l, long n)
{
    char ascii[24];
    int len = snprintf(ascii, sizeof ascii, "%ld", n);
    if (len < 0 || (size_t)len >= sizeof ascii)
        return "";
    if (!l || !l->digit[0])
        return arena_strdup(a, ascii);
    char out[24 * 4 + 1];
    size_t o = 0;
    for (int i = 0; i < len; i++) {
        const char *dg = ascii[i] >= '0' && ascii[i] <= '9'
                             ? l->digit[ascii[i] - '0'] : (char[2]){ ascii[i], 0 };
        size_t k = strlen(dg);
        memcpy(out + o, dg, k);
        o += k;
    }
    out[o] = '\0';
    return arena_strdup(a, out);
}

const char *locale_fill(Arena *a, const char *label, const char *name,
                        const char *value)
{
    char key[64];
    snprintf(key, sizeof key, "{%s}", name);
    const char *at = strstr(label, key);
    if (!at)
        return arena_printf(a, "%s %s", label, value);
    return arena_printf(a, "%.*s%s%s", (int)(at - label), label, value,
                        at + strlen(key));
}

/* Format a UTC instant with an ICU pattern (UTC: the programme's dates
 * and times are wall-clock values already). */
static const char *format_in(Arena *a, const Locale *l, const char *pattern,
                             double ms, const UChar *zone)
{
    UChar pat[128], out[256];
    UErrorCode err = U_ZERO_ERROR;
    u_strFromUTF8(pat, 128, NULL, pattern, -1, &err);
    if (U_FAILURE(err))
        return NULL;
    UDateFormat *f = udat_open(UDAT_PATTERN, UDAT_PATTERN, l->icu, zone, -1,
                               pat, -1, &err);
    if (U_FAILURE(err))
        return NULL;
    int32_t n = udat_format(f, ms, out, 256, NULL, &err);
    udat_close(f);
    if (U_FAILURE(err) || n >= 256)
        return NULL;
    return from16(a, out, n);
}

static const char *format(Arena *a, const Locale *l, const char *pattern,
                          double ms)
{
    static const UChar utc[] = { 'U', 'T', 'C', 0 };
    return format_in(a, l, pattern, ms, utc);
}

const char *locale_zone(Arena *a, const Locale *l, const char *tz)
{
    UChar id[128], canon[128];
    UErrorCode err = U_ZERO_ERROR;
    UBool system = false;
    /* Region/City names only: ICU also knows three-letter legacy ids
     * ("ART" is Cairo to it, Argentina to the programme that writes it). */
    if (!strchr(tz, '/'))
        return tz;
    u_strFromUTF8(id, 128, NULL, tz, -1, &err);
    if (U_FAILURE(err) || err == U_STRING_NOT_TERMINATED_WARNING)
        return tz;
    ucal_getCanonicalTimeZoneID(id, -1, canon, 128, &system, &err);
    if (U_FAILURE(err) || !system)
        return tz;                  /* a label ("ART"): as written */
    /* The exemplar city (CLDR's "VVV"): Casablanca, Buenos Aires, 東京;
     * "Etc/UTC" and the like have none and keep their id. */
    static const UChar unknown[] = { 'E', 't', 'c', '/', 'U', 'n', 'k', 'n',
                                     'o', 'w', 'n', 0 };
    const char *city = format_in(a, l, "VVV", 0, canon);
    const char *none = format_in(a, l, "VVV", 0, unknown);
    return !city || !*city || (none && strcmp(city, none) == 0) ? tz : city;
}

const char *locale_date(Arena *a, const Locale *l, Date dt)
{
    if (dt.y == 0)
        return "";
    long days = date_days(dt);
    struct LocaleMemo *m = l->memo;
    for (int i = 0; m && i < m->ndates; i++)
        if (m->date[i].days == days)
            return m->date[i].s;
    bool keep = m && m->ndates < LOCALE_MEMO_DATES;
    if (keep)
        a = m->a;           /* kept as long as the Locale */
    const char *s = l->date_pattern
        ? format(a, l, l->date_pattern, (double)days * 86400000.0)
        : NULL;
    s = s ? s : arena_printf(a, "%04d-%02d-%02d", dt.y, dt.m, dt.d);
    if (keep) {
        m->date[m->ndates].days = days;
        m->date[m->ndates++].s = s;
    }
    return s;
}

/* A time of day in minutes; 1440 (the end of the day) as 24:00: ICU's
 * "k" hour counts 1-24. */
static const char *time_of_day(Arena *a, const Locale *l, int min)
{
    const char **memo = l->memo && min >= 0 && min <= 1440
        ? &l->memo->time[min] : NULL;
    if (memo && *memo)
        return *memo;
    if (memo)
        a = l->memo->a;     /* kept as long as the Locale */
    const char *s = NULL;
    if (l->time_pattern) {
        const char *pat = l->time_pattern;
        if (min >= 1440) {
            char *k = arena_strdup(a, pat);
            for (char *p = k; *p; p++)
                if (*p == 'H')
                    *p = 'k';
            pat = k;
        }
        s = format(a, l, pat, (double)(min % 1440) * 60000.0);
    }
    s = s ? s : arena_printf(a, "%02d:%02d", min / 60, min % 60);
    if (memo)
        *memo = s;
    return s;
}

const char *locale_times(Arena *a, const Locale *l, int start, int end)
{
    if (start < 0)
        return NULL;
    if (end < 0)
        return time_of_day(a, l, start);
    return arena_printf(a, "%s%s%s", time_of_day(a, l, start), l->range_sep,
                        time_of_day(a, l, end));
}
