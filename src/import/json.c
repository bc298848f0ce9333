/* import_json — frab JSON (c3voc schedule.json, versions 1 and 2) and
 * pretalx exports, read as YAML trees (ytree: JSON is YAML, and the tree is
 * located, so problems get a line and column).
 *
 * frab JSON:
 *   schedule.conference: title acronym start end time_zone_name
 *     tracks[]{name color} (v2)
 *     days[]{date rooms{NAME: [event...]}}
 *   event: id date start duration room title subtitle track type language
 *     abstract description persons[]{public_name|name} links[]{url title}
 *     attachments[]{url title}
 *
 * pretalx: its schedule.json export is frab JSON (read as above).  Its API
 * and the site generators built on it hold "submissions": mappings with a
 * code, a title and slots[]{start end room}.  They may sit anywhere in the
 * file (PyConFR nests them by day, time and room, and again by speaker), so
 * the whole tree is searched and each code taken once.  Localised values
 * ({"en": ..., "fr": ...}) are read in the programme's language.
 *
 * Field paths in diagnostics are key paths with 0-based indices
 * (schedule.conference.days[0].rooms.Saal 1[2].title).
 */
#include "import/readers.h"
#include "input/scalar.h"
#include "input/ytree.h"
#include "model/date.h"

#include "import/markup.h"
#include "base/xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* A scalar's text, NULL for null, missing or not a scalar. */
static const char *jstr(const YNode *n)
{
    if (!n || n->kind != YNODE_SCALAR || ytree_is_null(n) || !n->len)
        return NULL;
    return n->str;
}

static const char *jget_str(const YNode *map, const char *key)
{
    return jstr(ytree_get(map, key));
}

/* A value that may be localised: a string, or a mapping from language to
 * string; lang first, then English, then the first one given. */
static const char *jlocal(const YNode *n, const char *lang)
{
    if (!n)
        return NULL;
    if (n->kind == YNODE_SCALAR)
        return jstr(n);
    if (n->kind != YNODE_MAP)
        return NULL;
    const char *s = NULL;
    if (lang) {
        char base[4] = {0};
        size_t k = 0;
        while (k < 3 && lang[k] && lang[k] != '-' && lang[k] != '_') {
            base[k] = lang[k];
            k++;
        }
        if ((s = jget_str(n, lang)) || (s = jget_str(n, base)))
            return s;
    }
    if ((s = jget_str(n, "en")))
        return s;
    for (size_t i = 0; i < n->npairs; i++)
        if ((s = jstr(n->pairs[i].value)))
            return s;
    return NULL;
}

static const char *missing(Diags *d, const YNode *at, const char *path,
                           const char *what)
{
    diag_error(d, at->loc, path, "missing: %s", what);
    return NULL;
}

/* ------------------------------------------------------------------ */
/* frab JSON                                                           */

/* The keys of a frab JSON event (versions 0.8 to 2); others are not
 * read. */
static const char *const event_keys[] = {
    "id", "guid", "logo", "date", "start", "duration", "room", "slug", "url",
    "title", "subtitle", "track", "type", "language", "abstract",
    "description", "recording_license", "do_not_record", "persons", "links",
    "attachments", "answers", "feedback_url", "origin_url", "video_download_url",
    "do_not_stream", "is_published", NULL
};

/* A key nobody reads but that carries text (speakers under another name)
 * would be lost without a word: name it, and where it is. */
static void unknown_keys(ImportDraft *dr, const YNode *ev, const char *path,
                         Diags *d)
{
    for (size_t i = 0; i < ev->npairs; i++) {
        const char *k = ev->pairs[i].key->str;
        bool known = false;
        for (int j = 0; event_keys[j] && !known; j++)
            known = strcmp(k, event_keys[j]) == 0;
        if (known)
            continue;
        /* the text it holds: a string, or the strings of a list or map */
        const YNode *v = ev->pairs[i].value;
        const char *t = v->kind == YNODE_SCALAR && !v->plain
                            ? import_line(dr->a, jstr(v)) : NULL;
        if (!t && (v->kind == YNODE_SEQ || v->kind == YNODE_MAP)) {
            size_t n = v->kind == YNODE_SEQ ? v->nitems : v->npairs;
            /* a list of names reads as one: "A, B" */
            for (size_t j = 0; j < n; j++) {
                const YNode *x = v->kind == YNODE_SEQ ? v->items[j]
                                                      : v->pairs[j].value;
                const char *u = import_line(dr->a, x->kind == YNODE_MAP
                                                       ? jget_str(x, "name")
                                                       : jstr(x));
                if (u && !(x->kind == YNODE_SCALAR && x->plain))
                    t = t ? arena_printf(dr->a, "%s, %s", t, u) : u;
            }
        }
        if (import_is_text(t))
            diag_warn(d, ev->pairs[i].key->loc,
                      arena_printf(dr->a, "%s.%s", path, k),
                      "\"%s\" is not a frab event key; its text (\"%s\") is "
                      "not imported", k, import_excerpt(dr->a, t, 40));
    }
}

static SrcLoc key_loc(const YNode *map, const char *key, SrcLoc dflt)
{
    const YNode *v = ytree_get(map, key);
    return v ? v->loc : dflt;
}

static void frab_event(ImportDraft *dr, const YNode *ev, const char *path,
                       const char *room_name, const YNode *day, Diags *d)
{
    Arena *a = dr->a;
    if (ev->kind != YNODE_MAP) {
        diag_error(d, ev->loc, path, "expected an event (a mapping), found a %s",
                   ytree_kind_name(ev));
        return;
    }
    Session *s = import_add_session(dr);
    s->loc = ev->loc;
    const char *id = jget_str(ev, "id");
    const char *title = import_line(a, jget_str(ev, "title"));
    const char *guid = jget_str(ev, "guid");
    /* without an id, the guid is the event's key */
    s->id = str_of(id ? arena_printf(a, "E%s", id) : guid);
    import_label(dr, s, id ? id : guid, title);
    /* every message about the event names it */
    const char *who = dr->labels[s->index] ? dr->labels[s->index]
                                           : "an event without id or title";
    if (!id && !guid)
        missing(d, ev, arena_printf(a, "%s.id", path),
                arena_printf(a, "the event has no id and no guid (%s)", who));
    if (!title)
        missing(d, ev, arena_printf(a, "%s.title", path),
                arena_printf(a, "the event has no title (%s)", who));
    const char *sub = import_line(a, jget_str(ev, "subtitle"));
    s->title = str_of(title && sub ? arena_printf(a, "%s — %s", title, sub)
                                       : title);
    s->title.loc = key_loc(ev, "title", ev->loc);
    s->type = str_of(import_type_label(a, jget_str(ev, "type")));

    const YNode *dn = ytree_get(ev, "date");
    const char *when = jstr(dn);
    int off = IMPORT_NO_OFFSET, minutes = -1;
    s->date_loc = key_loc(ev, "date", ev->loc);
    s->start_loc = key_loc(ev, "start", s->date_loc);
    s->end_loc = key_loc(ev, "duration", ev->loc);
    if (!when) {
        /* schedule version 0.8 and older: the day has the date, the
         * event its start ("10:30") */
        const YNode *dd = ytree_get(day, "date");
        const YNode *st = ytree_get(ev, "start");
        if (!jstr(dd) || !parse_date(jstr(dd), &s->date))
            missing(d, ev, arena_printf(a, "%s.date", path),
                    arena_printf(a, "neither the event nor its day has a "
                                 "date (%s)", who));
        if (!jstr(st))
            missing(d, ev, arena_printf(a, "%s.start", path),
                    arena_printf(a, "the event has no date and no start (%s)",
                                 who));
        else if (!parse_time(jstr(st), &minutes))
            diag_error(d, st->loc, arena_printf(a, "%s.start", path),
                       "\"%s\" is not a time (HH:MM) (%s)", jstr(st), who);
    } else if (!import_datetime(when, &s->date, &minutes, &off)) {
        diag_error(d, dn->loc, arena_printf(a, "%s.date", path),
                   "\"%s\" is not a date and time (YYYY-MM-DDTHH:MM:SS+HH:MM) "
                   "(%s)", when, who);
    }
    s->start = minutes;
    dr->offsets[s->index] = off;
    const YNode *du = ytree_get(ev, "duration");
    int len;
    if (jstr(du) && minutes >= 0) {
        if (import_duration(jstr(du), &len))
            s->end = len > 0 ? minutes + len : -1;
        else
            diag_error(d, du->loc, arena_printf(a, "%s.duration", path),
                       "\"%s\" is not a duration (HH:MM) (%s)", jstr(du), who);
    }
    const char *room = import_line(a, jget_str(ev, "room"));
    s->venue = str_of(room ? room : room_name);
    s->venue.loc = key_loc(ev, "room", ev->loc);
    const Track *t = import_track(dr, jget_str(ev, "track"), NULL, ev->loc, d);
    if (t)
        s->track_id = t->id;
    const char *lang = jget_str(ev, "language");
    if (import_is_lang(lang))
        s->language = str_of(lang);
    import_text(dr, s, jget_str(ev, "abstract"), jget_str(ev, "description"));

    const YNode *persons = ytree_get(ev, "persons");
    for (size_t i = 0; persons && persons->kind == YNODE_SEQ
                       && i < persons->nitems; i++) {
        const YNode *pn = persons->items[i];
        const char *name = pn->kind == YNODE_SCALAR ? jstr(pn) : NULL;
        if (!name)
            name = jget_str(pn, "public_name");
        if (!name)
            name = jget_str(pn, "full_public_name");
        if (!name)
            name = jget_str(pn, "name");
        Speaker *sp = import_add_speaker(dr, s, name);
        if (sp)
            sp->loc = pn->loc;
    }
    s->summary.loc = key_loc(ev, "abstract", ev->loc);
    unknown_keys(dr, ev, path, d);
    const char *lists[2] = { "attachments", "links" };   /* as in the XML */
    for (int k = 0; k < 2; k++) {
        const YNode *l = ytree_get(ev, lists[k]);
        for (size_t i = 0; l && l->kind == YNODE_SEQ && i < l->nitems; i++) {
            const YNode *ln = l->items[i];
            const char *url = jget_str(ln, "url");
            if (!url)
                url = jget_str(ln, "href");
            import_add_document(dr, s, jget_str(ln, "title"), url);
        }
    }
}

static bool read_frab_json(ImportDraft *dr, const YNode *root, Diags *d)
{
    Arena *a = dr->a;
    Programme *p = &dr->p;
    size_t errors0 = d->nerrors;
    const YNode *sched = ytree_get(root, "schedule");
    if (!sched || sched->kind != YNODE_MAP) {
        missing(d, root, "schedule", "not a frab schedule.json: no "
                "\"schedule\" mapping at the top");
        return false;
    }
    const YNode *conf = ytree_get(sched, "conference");
    if (!conf || conf->kind != YNODE_MAP) {
        missing(d, sched, "schedule.conference", "no \"conference\" mapping");
        return false;
    }
    p->title = str_of(import_line(a, jget_str(conf, "title")));
    if (!p->title.s)
        missing(d, conf, "schedule.conference.title", "the conference has no title");
    p->subtitle = str_of(import_line(a, jget_str(conf, "subtitle")));
    p->timezone = str_of(import_line(a, jget_str(conf, "time_zone_name")));
    const char *from = jget_str(conf, "start"), *to = jget_str(conf, "end");
    char buf[11];
    Date d1 = {0}, d2 = {0};
    if (from && strlen(from) >= 10) {
        memcpy(buf, from, 10);
        buf[10] = '\0';
        parse_date(buf, &d1);
    }
    if (to && strlen(to) >= 10) {
        memcpy(buf, to, 10);
        buf[10] = '\0';
        parse_date(buf, &d2);
    }
    if (d1.y && d2.y) {
        p->from = d1;
        p->to = d2;
    }
    const YNode *tracks = ytree_get(conf, "tracks");
    for (size_t i = 0; tracks && tracks->kind == YNODE_SEQ && i < tracks->nitems; i++) {
        const YNode *t = tracks->items[i];
        const char *name = t->kind == YNODE_SCALAR ? jstr(t) : jget_str(t, "name");
        if (import_track(dr, name, jget_str(t, "color"), t->loc, d))
            dr->tracks_declared = true;
    }
    const YNode *days = ytree_get(conf, "days");
    if (!days || days->kind != YNODE_SEQ) {
        missing(d, conf, "schedule.conference.days", "no \"days\" list");
        return false;
    }
    for (size_t i = 0; i < days->nitems; i++) {
        const YNode *rooms = ytree_get(days->items[i], "rooms");
        if (!rooms || rooms->kind != YNODE_MAP)
            continue;   /* a day without rooms has no events */
        for (size_t r = 0; r < rooms->npairs; r++) {
            const YNode *evs = rooms->pairs[r].value;
            const char *rname = rooms->pairs[r].key->str;
            if (evs->kind != YNODE_SEQ)
                continue;
            for (size_t e = 0; e < evs->nitems; e++)
                frab_event(dr, evs->items[e],
                           arena_printf(a, "schedule.conference.days[%zu].rooms.%s[%zu]",
                                        i, rname, e),
                           rname, days->items[i], d);
        }
    }
    return d->nerrors == errors0;
}

/* ------------------------------------------------------------------ */
/* pretalx                                                             */

typedef struct Subs {
    const YNode **v;
    size_t n, cap;
} Subs;

static bool is_submission(const YNode *n)
{
    if (n->kind != YNODE_MAP || !jget_str(n, "code") || !ytree_get(n, "title"))
        return false;
    const YNode *slots = ytree_get(n, "slots");
    const YNode *slot = ytree_get(n, "slot");
    return (slots && slots->kind == YNODE_SEQ) || (slot && slot->kind == YNODE_MAP);
}

static void find_submissions(const YNode *n, Subs *subs, int depth)
{
    if (depth > YTREE_MAX_DEPTH)
        return;
    if (is_submission(n)) {
        const char *code = jget_str(n, "code");
        for (size_t i = 0; i < subs->n; i++)
            if (strcmp(jget_str(subs->v[i], "code"), code) == 0)
                return;
        if (subs->n == subs->cap) {
            subs->cap = subs->cap ? subs->cap * 2 : 64;
            subs->v = xreallocarray(subs->v, subs->cap, sizeof *subs->v);
        }
        subs->v[subs->n++] = n;
        return;
    }
    if (n->kind == YNODE_MAP)
        for (size_t i = 0; i < n->npairs; i++)
            find_submissions(n->pairs[i].value, subs, depth + 1);
    else if (n->kind == YNODE_SEQ)
        for (size_t i = 0; i < n->nitems; i++)
            find_submissions(n->items[i], subs, depth + 1);
}

typedef struct Slot {
    const YNode *n;
    Date date;
    int start, end, off;
} Slot;

static int slot_cmp(const void *x, const void *y)
{
    const Slot *a = x, *b = y;
    long da = date_days(a->date), db = date_days(b->date);
    if (da != db)
        return da < db ? -1 : 1;
    return (a->start > b->start) - (a->start < b->start);
}

static const char *speaker_name(const YNode *root, const YNode *sp,
                                const char *lang)
{
    if (sp->kind == YNODE_MAP)
        return jlocal(ytree_get(sp, "name"), lang);
    /* a speaker code: look it up in the file's speakers */
    const char *code = jstr(sp);
    const YNode *all = ytree_get(root, "speakers");
    if (!code || !all)
        return NULL;
    if (all->kind == YNODE_MAP) {
        const YNode *one = ytree_get(all, code);
        return one ? jlocal(ytree_get(one, "name"), lang) : NULL;
    }
    for (size_t i = 0; all->kind == YNODE_SEQ && i < all->nitems; i++) {
        const char *c = jget_str(all->items[i], "code");
        if (c && strcmp(c, code) == 0)
            return jlocal(ytree_get(all->items[i], "name"), lang);
    }
    return NULL;
}

static void pretalx_submission(ImportDraft *dr, const YNode *root,
                               const YNode *sub, const char *lang, Diags *d)
{
    Arena *a = dr->a;
    const char *code = jget_str(sub, "code");
    const char *state = jget_str(sub, "state");
    if (state && (strcmp(state, "rejected") == 0 || strcmp(state, "withdrawn") == 0
                  || strcmp(state, "canceled") == 0 || strcmp(state, "cancelled") == 0
                  || strcmp(state, "deleted") == 0))
        return;
    const char *path = arena_printf(a, "submission %s", code);
    const char *title = import_line(a, jlocal(ytree_get(sub, "title"), lang));
    if (!title) {
        missing(d, sub, arena_printf(a, "%s.title", path),
                "the submission has no title");
        return;
    }
    /* its slots, in time order; a slot without a start is unscheduled */
    const YNode *slots = ytree_get(sub, "slots");
    const YNode *one = ytree_get(sub, "slot");
    size_t nin = slots && slots->kind == YNODE_SEQ ? slots->nitems : 1;
    Slot *sl = arena_array(a, nin, sizeof *sl);
    size_t nsl = 0;
    for (size_t i = 0; i < nin; i++) {
        const YNode *sn = slots && slots->kind == YNODE_SEQ ? slots->items[i] : one;
        const YNode *st = ytree_get(sn, "start");
        if (!jstr(st))
            continue;
        Slot x = { .n = sn, .end = -1 };
        if (!import_datetime(jstr(st), &x.date, &x.start, &x.off)) {
            diag_error(d, st->loc, arena_printf(a, "%s.slots[%zu].start", path, i),
                       "\"%s\" is not a date and time "
                       "(YYYY-MM-DDTHH:MM:SS+HH:MM)", jstr(st));
            continue;
        }
        const YNode *en = ytree_get(sn, "end");
        Date ed;
        int em, eo;
        if (jstr(en)) {
            if (!import_datetime(jstr(en), &ed, &em, &eo))
                diag_error(d, en->loc, arena_printf(a, "%s.slots[%zu].end", path, i),
                           "\"%s\" is not a date and time", jstr(en));
            else
                x.end = em + 1440 * (int)(date_days(ed)
                                          - date_days(x.date));
        }
        sl[nsl++] = x;
    }
    qsort(sl, nsl, sizeof *sl, slot_cmp);
    const char *type = import_line(a, jlocal(ytree_get(ytree_get(sub, "submission_type"),
                                                       "name"), lang));
    if (!type)
        type = import_line(a, jlocal(ytree_get(sub, "submission_type"), lang));
    const YNode *track = ytree_get(sub, "track");
    const char *tname = track && track->kind == YNODE_MAP
                            ? jlocal(ytree_get(track, "name"), lang)
                            : jlocal(track, lang);
    const char *tcolor = track && track->kind == YNODE_MAP ? jget_str(track, "color")
                                                           : NULL;
    const Track *t = import_track(dr, tname, tcolor, sub->loc, d);
    const char *locale = jget_str(sub, "content_locale");
    for (size_t i = 0; i < nsl; i++) {
        Session *s = import_add_session(dr);
        s->loc = sub->loc;
        /* one session a slot: a two-day sprint is two sessions */
        s->id = str_of(nsl > 1 ? arena_printf(a, "%s-%zu", code, i + 1) : code);
        import_label(dr, s, s->id.s, title);
        s->title.loc = key_loc(sub, "title", sub->loc);
        s->date_loc = s->start_loc = key_loc(sl[i].n, "start", sub->loc);
        s->end_loc = key_loc(sl[i].n, "end", s->start_loc);
        s->venue.loc = key_loc(sl[i].n, "room", s->start_loc);
        s->type = str_of(type);
        SrcLoc tl = s->title.loc;
        s->title = str_of(title);
        s->title.loc = tl;
        if (t)
            s->track_id = t->id;
        s->date = sl[i].date;
        s->start = sl[i].start;
        s->end = sl[i].end > sl[i].start ? sl[i].end : -1;
        dr->offsets[s->index] = sl[i].off;
        const YNode *room = ytree_get(sl[i].n, "room");
        if (room && room->kind == YNODE_MAP) {
            s->venue = str_of(import_line(a, jlocal(ytree_get(room, "name"), lang)));
            s->venue.loc = room->loc;
            long cap;
            const char *c = jget_str(room, "capacity");
            if (c && parse_int(c, 0, 1000000000, &cap))
                s->capacity = (int)cap;
        } else {
            SrcLoc vl = s->venue.loc;
            s->venue = str_of(import_line(a, jlocal(room, lang)));
            s->venue.loc = vl;
        }
        if (import_is_lang(locale))
            s->language = str_of(locale);
        import_text(dr, s, jlocal(ytree_get(sub, "abstract"), lang),
                  jlocal(ytree_get(sub, "description"), lang));
        const YNode *sps = ytree_get(sub, "speakers");
        for (size_t k = 0; sps && sps->kind == YNODE_SEQ && k < sps->nitems; k++)
        {
            Speaker *sp = import_add_speaker(dr, s,
                                             speaker_name(root, sps->items[k], lang));
            if (sp)
                sp->loc = sps->items[k]->loc;
        }
        const YNode *res = ytree_get(sub, "resources");
        for (size_t k = 0; res && res->kind == YNODE_SEQ && k < res->nitems; k++) {
            const YNode *r = res->items[k];
            if (r->kind != YNODE_MAP)
                continue;   /* ids only (as in PyConFR): nothing to print */
            import_add_document(dr, s, jget_str(r, "description"),
                                jget_str(r, "resource"));
        }
    }
}

/* The language most submissions are written in. */
static const char *main_locale(const Subs *subs)
{
    const char *best = NULL;
    size_t best_n = 0;
    for (size_t i = 0; i < subs->n; i++) {
        const char *l = jget_str(subs->v[i], "content_locale");
        if (!import_is_lang(l))
            continue;
        size_t n = 0;
        for (size_t j = 0; j < subs->n; j++) {
            const char *m = jget_str(subs->v[j], "content_locale");
            n += m && strcmp(m, l) == 0;
        }
        if (n > best_n) {
            best = l;
            best_n = n;
        }
    }
    return best;
}

static bool read_pretalx(ImportDraft *dr, const YNode *root, Diags *d)
{
    Arena *a = dr->a;
    Programme *p = &dr->p;
    /* pretalx's own schedule.json export is frab JSON */
    if (ytree_get(ytree_get(root, "schedule"), "conference"))
        return read_frab_json(dr, root, d);
    size_t errors0 = d->nerrors;
    Subs subs = {0};
    find_submissions(root, &subs, 0);
    if (!subs.n) {
        diag_error(d, root->loc, NULL, "no pretalx submissions (mappings with "
                   "\"code\", \"title\" and \"slots\") in this file");
        free(subs.v);
        return false;
    }
    const char *lang = main_locale(&subs);
    p->language = str_of(lang);
    /* The event: pretalx's API has it at the top in some exports. */
    const YNode *ev = ytree_get(root, "event");
    const char *name = jlocal(ytree_get(ev ? ev : root, "name"), lang);
    p->title = str_of(import_line(a, name));
    p->timezone = str_of(jget_str(ev ? ev : root, "timezone"));
    if (!p->title.s) {
        /* Exports of submissions alone carry no event name: use the
         * folder's name (where such a file usually lives) and say so. */
        const char *path = dr->file;
        const char *slash = strrchr(path, '/');
        const char *dir = NULL;
        if (slash && slash > path) {
            const char *s2 = slash;
            while (s2 > path && s2[-1] != '/')
                s2--;
            dir = arena_strndup(a, s2, (size_t)(slash - s2));
        }
        p->title = str_of(dir && strcmp(dir, ".") != 0 && strcmp(dir, "..") != 0
                                  ? dir : "Programme");
        diag_warn(d, srcloc(dr->file, 0, 0), "programme.title",
                  "the file has no event name; the programme is titled \"%s\" "
                  "(change it in the imported YAML)", p->title.s);
    }
    for (size_t i = 0; i < subs.n; i++)
        pretalx_submission(dr, root, subs.v[i], lang, d);
    free(subs.v);
    return d->nerrors == errors0;
}

/* ------------------------------------------------------------------ */
/* Entry points (readers.h)                                            */

/* ytree refuses control characters, also written as escapes, because a
 * programme never needs them; but pretalx writes every line break as
 * "\r\n" and some exports carry "\f" or "\u0007".  In JSON strings, replace
 * each escape of a control character other than \n and \t by as many
 * spaces as it has bytes, so that the columns of everything after it stay
 * true for diagnostics (ASCII whitespace is collapsed in text anyway). */
static void blank_control_escapes(char *s, size_t len)
{
    bool in_string = false;
    for (size_t i = 0; i < len; i++) {
        if (!in_string) {
            if (s[i] == '"')
                in_string = true;
            continue;
        }
        if (s[i] == '"') {
            in_string = false;
        } else if (s[i] == '\\' && i + 1 < len) {
            char e = s[i + 1];
            size_t n = 0;
            if (e == 'r' || e == 'f' || e == 'b')
                n = 2;
            else if (e == 'u' && i + 5 < len && s[i + 2] == '0'
                     && s[i + 3] == '0' && (s[i + 4] == '0' || s[i + 4] == '1')
                     && isxdigit((unsigned char)s[i + 5])) {
                unsigned v = (unsigned)strtoul((char[]){ s[i + 4], s[i + 5], 0 },
                                               NULL, 16);
                if (v != '\n' && v != '\t')
                    n = 6;
            }
            if (n) {
                memset(s + i, ' ', n);
                i += n - 1;
            } else {
                i++;        /* skip the escaped character (\" \\ ...) */
            }
        }
    }
}

/* The file as a located tree (JSON is YAML), or NULL after reporting. */
static const YNode *json_tree(ImportDraft *dr, char *bytes, size_t len,
                              Diags *d)
{
    blank_control_escapes(bytes, len);
    return ytree_load_buffer(dr->a, dr->a, dr->file, bytes, len, d);
}

bool import_frab_json(ImportDraft *dr, char *bytes, size_t len, Diags *d)
{
    const YNode *root = json_tree(dr, bytes, len, d);
    return root && read_frab_json(dr, root, d);
}

bool import_pretalx(ImportDraft *dr, char *bytes, size_t len, Diags *d)
{
    const YNode *root = json_tree(dr, bytes, len, d);
    return root && read_pretalx(dr, root, d);
}
