#include "input/locale.h"
#include "model/date.h"
#include "input/ytree.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

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
static const char *const en_months[12] = {
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
};
static const char *const en_days[7] = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
    "Sunday",
};

static void read_list(const YNode *n, const char **out, size_t count)
{
    if (!n || n->kind != YNODE_SEQ || n->nitems != count)
        return;
    for (size_t i = 0; i < count; i++)
        if (n->items[i]->kind == YNODE_SCALAR)
            out[i] = n->items[i]->str;
}

const Locale *locale_load(Arena *a, const char *datadir, const char *tag,
                          SrcLoc where, Diags *d)
{
    Locale *l = arena_alloc(a, sizeof *l);
    memcpy(l->label, en_labels, sizeof en_labels);
    memcpy(l->month, en_months, sizeof en_months);
    memcpy(l->weekday, en_days, sizeof en_days);
    l->date_format = "{weekday} {day} {month} {year}";
    l->range_sep = "\xE2\x80\x93";
    l->lang = "en";
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
                      "no labels for language '%s' (no %s); using English",
                      tag, path);
        return l;
    }
    YNode *root = ytree_load_file(a, path, d);
    if (!root || root->kind != YNODE_MAP)
        return NULL;
    l->lang = arena_strdup(a, lang);
    const YNode *labels = ytree_get(root, "labels");
    for (int k = 0; k < L_NLABELS; k++) {
        const YNode *n = ytree_get(labels, label_keys[k]);
        if (n && n->kind == YNODE_SCALAR)
            l->label[k] = n->str;
    }
    read_list(ytree_get(root, "months"), l->month, 12);
    read_list(ytree_get(root, "weekdays"), l->weekday, 7);
    const YNode *f = ytree_get(root, "date-format");
    if (f && f->kind == YNODE_SCALAR)
        l->date_format = f->str;
    return l;
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

const char *locale_date(Arena *a, const Locale *l, Date dt)
{
    if (dt.y == 0)
        return "";
    char out[256];
    size_t n = 0;
    for (const char *p = l->date_format; *p && n < sizeof out - 64;) {
        const char *v = NULL;
        char num[16];
        if (strncmp(p, "{weekday}", 9) == 0) {
            v = l->weekday[date_weekday(dt)];
            p += 9;
        } else if (strncmp(p, "{day}", 5) == 0) {
            snprintf(num, sizeof num, "%d", dt.d);
            v = num;
            p += 5;
        } else if (strncmp(p, "{month}", 7) == 0) {
            v = l->month[dt.m - 1];
            p += 7;
        } else if (strncmp(p, "{year}", 6) == 0) {
            snprintf(num, sizeof num, "%d", dt.y);
            v = num;
            p += 6;
        } else {
            out[n++] = *p++;
            continue;
        }
        size_t k = strlen(v);
        if (k > sizeof out - 64 - n)
            k = sizeof out - 64 - n;
        memcpy(out + n, v, k);
        n += k;
    }
    out[n] = '\0';
    return arena_strdup(a, out);
}

const char *locale_times(Arena *a, const Locale *l, int start, int end)
{
    if (start < 0)
        return NULL;
    if (end < 0)
        return arena_printf(a, "%02d:%02d", start / 60, start % 60);
    return arena_printf(a, "%02d:%02d%s%02d:%02d", start / 60, start % 60,
                        l->range_sep, end / 60, end % 60);
}
