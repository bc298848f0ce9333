#include "layout/story.h"
#include "text/bidi.h"
#include "model/date.h"
#include "model/tz.h"
#include "base/uri.h"
#include "base/buf.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---------------------------------------------------------------------
 * Agenda
 */

static int cmp_session(const void *pa, const void *pb)
{
    const Session *a = *(const Session *const *)pa;
    const Session *b = *(const Session *const *)pb;
    int c = date_compare(a->date, b->date);
    if (c)
        return c;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

void agenda_build(Arena *a, const Programme *p, Agenda *ag)
{
    ag->n = p->nsessions;
    ag->order = arena_array(a, ag->n ? ag->n : 1, sizeof *ag->order);
    ag->day = arena_array(a, ag->n ? ag->n : 1, sizeof *ag->day);
    ag->days = arena_array(a, ag->n ? ag->n : 1, sizeof *ag->days);
    ag->ndays = 0;
    for (size_t i = 0; i < ag->n; i++)
        ag->order[i] = &p->sessions[i];
    qsort(ag->order, ag->n, sizeof *ag->order, cmp_session);
    for (size_t i = 0; i < ag->n; i++) {
        if (ag->ndays == 0 ||
            date_compare(ag->days[ag->ndays - 1], ag->order[i]->date) != 0)
            ag->days[ag->ndays++] = ag->order[i]->date;
        ag->day[i] = (int)ag->ndays - 1;
    }
}

/* ---------------------------------------------------------------------
 * Helpers
 */

const char *session_lang(const StoryCtx *s, const Session *ss)
{
    if (ss && ss->language.s)
        return ss->language.s;
    return s->prog->language.s ? s->prog->language.s : "en";
}

static const char *session_zone(const StoryCtx *s, const Session *ss)
{
    return ss->timezone.s ? ss->timezone.s : s->prog->timezone.s;
}

const char *session_times(Arena *a, const StoryCtx *s, const Session *ss)
{
    /* An end past midnight is its clock time with a next-day mark:
     * "23:30–00:30 (+1)". */
    int eday = session_end_day(ss);
    const char *plain = locale_times(a, s->loc, ss->start,
                                     ss->end - eday * 1440);
    if (plain && eday)
        plain = arena_printf(a, "%s (+%d)", plain, eday);
    const char *from = session_zone(s, ss);
    if (!plain || !s->nzones || !from || !tz_known(from))
        return plain;
    const char *out = NULL;
    for (int z = 0; z < s->nzones; z++) {
        ZoneTime b, e;
        if (!tz_convert(from, ss->date, ss->start, s->zone[z], &b))
            return plain;
        bool has_end = ss->end >= 0 &&
                       tz_convert(from, ss->date, ss->end, s->zone[z], &e);
        const char *t = locale_times(a, s->loc, b.minutes, has_end ? e.minutes : -1);
        const char *label = s->zone_label[z] ? s->zone_label[z] : b.abbr;
        t = arena_printf(a, "%s %s", t, label);
        /* the end on a later day than the start, there */
        if (has_end && e.day_shift > b.day_shift)
            t = arena_printf(a, "%s (+%d)", t, e.day_shift - b.day_shift);
        if (b.day_shift)
            t = arena_printf(a, "%s (%s)", t,
                             s->loc->label[b.day_shift > 0 ? L_NEXT_DAY
                                                           : L_PREVIOUS_DAY]);
        out = out ? arena_printf(a, "%s \xC2\xB7 %s", out, t) : t;
    }
    return out;
}

static const TextStyle *tstyle(StoryCtx *s, StyleId id)
{
    return &s->t->style->text[id];
}

static void space_before(StoryCtx *s, Arena *a, VList *l, StyleId id)
{
    vlist_space(a, l, tstyle(s, id)->space_before);
}

static void space_after(StoryCtx *s, Arena *a, VList *l, StyleId id)
{
    vlist_space(a, l, tstyle(s, id)->space_after);
}

/* One paragraph of one span. */
/* One paragraph of the block's width in base direction dir (0: its
 * own, text/para.h). */
static int para1_dir(StoryCtx *s, Arena *a, VList *l, const char *text,
                     size_t len, StyleId style, const char *lang, SrcLoc loc,
                     const char *field, bool keep_with_next, int dir)
{
    Span sp = { text, len, style, NULL, false, loc, field };
    ParaSpec p = { &sp, 1, lang, s->width, 0, 0, tstyle(s, style)->align,
                   false, keep_with_next };
    return para_set_dir(s->t, a, &p, l, dir);
}

static int para1(StoryCtx *s, Arena *a, VList *l, const char *text,
                 size_t len, StyleId style, const char *lang, SrcLoc loc,
                 const char *field, bool keep_with_next)
{
    return para1_dir(s, a, l, text, len, style, lang, loc, field,
                     keep_with_next, 0);
}

void story_text(StoryCtx *s, Arena *a, VList *l, const Str *text,
                StyleId style, const char *lang, const char *field)
{
    if (!text->s)
        return;
    const char *p = text->s, *end = text->s + text->len;
    while (p < end) {
        /* A paragraph ends at a blank line (only spaces between two \n). */
        const char *q = p, *next = end;
        while (q < end) {
            const char *nl = memchr(q, '\n', (size_t)(end - q));
            if (!nl) {
                q = end;
                break;
            }
            const char *r = nl + 1;
            while (r < end && (*r == ' ' || *r == '\t' || *r == '\r'))
                r++;
            if (r < end && *r == '\n') {
                next = r + 1;
                q = nl;
                break;
            }
            q = nl + 1;
        }
        if (q > end)
            q = end;
        space_before(s, a, l, style);
        if (para1(s, a, l, p, (size_t)(q - p), style, lang, text->loc, field,
                  false) > 0)
            space_after(s, a, l, style);
        p = next;
    }
}

static bool same_ci(const char *a, const char *b)
{
    return a && b && strcasecmp(a, b) == 0;
}

/* ---------------------------------------------------------------------
 * Blocks
 */

/* Perceived lightness of a colour, 0..1, to pick the band's text colour. */
static double lightness(Color c)
{
    switch (c.space) {
    case COLOR_RGB:
        return 0.2126 * c.c[0] + 0.7152 * c.c[1] + 0.0722 * c.c[2];
    case COLOR_CMYK:
        return (1 - c.c[3]) * (1 - (0.3 * c.c[0] + 0.59 * c.c[1] + 0.11 * c.c[2]));
    case COLOR_GRAY:
        return c.c[0];
    default:
        return 1;
    }
}

static void band(StoryCtx *s, Arena *a, VList *l, const Session *ss,
                 const char *field)
{
    const Style *st = s->t->style;
    Color bg = (ss->track && ss->track->color.space != COLOR_NONE)
                   ? ss->track->color
                   : st->band_color;
    char *text;
    if (ss->type.s && ss->track)
        text = arena_printf(a, "%s \xC2\xB7 %s", ss->type.s, ss->track->title.s);
    else if (ss->track)
        text = arena_printf(a, "%s", ss->track->title.s);
    else if (ss->type.s)
        text = arena_printf(a, "%s", ss->type.s);
    else
        text = arena_strdup(a, "");
    double pad = 4;
    /* The session code, the same in every edition, sits at the right end
     * of the band so handouts and the full programme can cite each other. */
    double codew = s->codes ? text_width(s->t, ST_BAND, ss->id.s, ss->id.len) : 0;
    VList tmp = { 0 };
    Span sp = { text, strlen(text), ST_BAND, NULL, false,
                ss->type.s ? ss->type.loc : ss->loc, field };
    ParaSpec p = { &sp, 1, s->rtl_lang, s->width - codew - 2 * pad, pad, 0,
                   ALIGN_LEFT, true, true };
    /* Right to left: the text flush right, the code at the left end. */
    double shift = 0;
    if (s->rtl_lang) {
        p.width = s->width - codew - pad;
        shift = codew + pad;
    }
    if (!*text) {   /* no type and no track: the band holds the code only */
        sp.text = " ";
        sp.len = 1;
    }
    para_set(s->t, a, &p, &tmp);
    Color fg = tstyle(s, ST_BAND)->color;
    if (lightness(bg) > 0.6 && lightness(fg) > 0.6) {
        fg.space = COLOR_GRAY;
        fg.c[0] = 0;
    }
    /* Copy the lines, each with the band drawn behind it. */
    size_t nbox = 0;
    for (size_t i = 0; i < tmp.n; i++)
        nbox += tmp.v[i].kind == VBOX;
    size_t k = 0;
    for (size_t i = 0; i < tmp.n; i++) {
        const VItem *src = &tmp.v[i];
        if (src->kind != VBOX) {
            *vlist_push(a, l, src->kind) = *src;
            continue;
        }
        double extra = st->band_height > src->h + src->d
                           ? (st->band_height - src->h - src->d) / 2 : 0;
        double top = k == 0 ? extra : 0, bot = k + 1 == nbox ? extra : 0;
        VItem *b = vlist_box(a, l, src->h + top, src->d + bot);
        Item *r = vbox_add(a, b, ITEM_RECT);
        r->x = 0;
        r->y = -(src->d + bot);
        r->w = s->width;
        r->h = src->h + src->d + top + bot;
        r->color = bg;
        for (size_t j = 0; j < src->nitems; j++) {
            Item *it = vbox_add(a, b, src->items[j].kind);
            *it = src->items[j];
            it->x += shift;
            if (it->kind == ITEM_TEXT)
                it->color = fg;
        }
        if (k + 1 == nbox && s->codes) {   /* after the last word: reading order */
            size_t first = b->nitems;
            text_draw(s->t, a, b, s->rtl_lang ? pad : s->width - pad - codew,
                      ST_BAND, ss->id.s, ss->id.len, ss->id.loc);
            for (size_t j = first; j < b->nitems; j++)
                b->items[j].color = fg;
        }
        k++;
    }
    vlist_penalty(a, l, VLIST_INF);
}

/* "Label  value" with the value set as a paragraph hanging from the label
 * column. */
static void meta_line(StoryCtx *s, Arena *a, VList *l, const char *label,
                      const char *value, SrcLoc loc, const char *field)
{
    if (!value || !*value)
        return;
    double col = s->label_col;
    size_t before = l->n;
    Span sp = { value, strlen(value), ST_META, NULL, false, loc, field };
    ParaSpec p = { &sp, 1, s->rtl_lang, s->width, col, 0, ALIGN_LEFT, true,
                   true };
    if (para_set(s->t, a, &p, l) == 0)
        return;
    /* Right to left, the label column is on the right. */
    double x = s->rtl_lang ? s->width - text_width(s->t, ST_META_LABEL, label,
                                                   strlen(label)) : 0;
    for (size_t i = before; i < l->n; i++)
        if (l->v[i].kind == VBOX) {
            text_draw(s->t, a, &l->v[i], x, ST_META_LABEL, label,
                      strlen(label), loc);
            break;
        }
}

static const char *join(Arena *a, const Str *v, size_t n, const char *sep)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += v[i].len + strlen(sep);
    char *out = arena_alloc(a, len + 1);
    char *o = out;
    for (size_t i = 0; i < n; i++) {
        if (i) {
            strcpy(o, sep);
            o += strlen(sep);
        }
        memcpy(o, v[i].s, v[i].len);
        o += v[i].len;
    }
    *o = '\0';
    return out;
}

/* The meta lines, or with the layout's meta-inline one line of the
 * values joined by " · " (a pocket schedule's "09:30–10:00 · Janson"). */
typedef struct MetaOut {
    StoryCtx *s;
    Arena *a;
    VList *l;
    const char *field;
    Buf line;           /* meta-inline: the values so far */
    SrcLoc loc;
} MetaOut;

static void put_meta(MetaOut *m, unsigned field, const char *label,
                     const char *value, SrcLoc loc)
{
    const Style *st = m->s->t->style;
    if (!(st->fields & field) || !value || !*value)
        return;
    if (!st->meta_inline) {
        meta_line(m->s, m->a, m->l, label, value, loc, m->field);
        return;
    }
    if (m->line.n)
        buf_str(&m->line, " \xC2\xB7 ");
    else
        m->loc = loc;
    buf_str(&m->line, value);
}

static void meta_flush(MetaOut *m)
{
    if (m->line.n)
        para1(m->s, m->a, m->l, arena_strndup(m->a, m->line.s, m->line.n),
              m->line.n, ST_META, NULL, m->loc, m->field, false);
    free(m->line.s);
    m->line = (Buf){ 0 };
}

/* A value the booklet's language writes (a date, times, "60 places") in
 * a session of the other direction: isolated in the booklet's, so that
 * "14:00–15:30 UTC+1" in an Arabic session of a French booklet reads
 * from its first time on. */
static const char *booklet_value(const StoryCtx *s, Arena *a, const char *v)
{
    bool booklet_rtl = bidi_lang_rtl(s->loc->tag);
    if (!v || booklet_rtl == (s->rtl_lang != NULL))
        return v;
    return bidi_isolate(a, v, booklet_rtl);
}

static void meta(StoryCtx *s, Arena *a, VList *l, const Session *ss,
                 const char *field)
{
    const Locale *lc = s->loc;
    MetaOut m = { s, a, l, field, { 0 }, ss->loc };
    put_meta(&m, FIELD_DATE, lc->label[L_DATE],
             booklet_value(s, a, locale_date(a, lc, ss->date)), ss->date_loc);
    const char *times = session_times(a, s, ss);
    if (times) {
        const char *tz = ss->timezone.s && !s->nzones ? ss->timezone.s : NULL;
        const char *v = tz ? arena_printf(a, "%s (%s)", times, tz) : times;
        if (ss->other_times.s)
            v = arena_printf(a, "%s \xC2\xB7 %s", v, ss->other_times.s);
        put_meta(&m, FIELD_TIME, lc->label[L_TIME], booklet_value(s, a, v),
                 ss->start_loc);
    } else if (ss->other_times.s) {
        put_meta(&m, FIELD_TIME, lc->label[L_TIME], ss->other_times.s,
                 ss->other_times.loc);
    }
    if (ss->venue.s)
        put_meta(&m, FIELD_VENUE, lc->label[L_VENUE], ss->venue.s, ss->venue.loc);
    if (ss->nlanguages)
        put_meta(&m, FIELD_LANGUAGES, lc->label[L_LANGUAGES],
                 join(a, ss->languages, ss->nlanguages, ", "),
                 ss->languages[0].loc);
    if (ss->registration.s)
        put_meta(&m, FIELD_REGISTRATION, lc->label[L_REGISTRATION],
                 ss->registration.s, ss->registration.loc);
    if (ss->capacity >= 0)
        put_meta(&m, FIELD_CAPACITY, lc->label[L_CAPACITY],
                 /* in the locale's digits, as page numbers are */
                 booklet_value(s, a, arena_printf(a, "%s %s",
                                                  locale_number(a, lc, ss->capacity),
                                                  lc->label[L_PLACES])),
                 ss->loc);
    if (ss->norganizers)
        put_meta(&m, FIELD_ORGANIZERS, lc->label[L_ORGANIZERS],
                 join(a, ss->organizers, ss->norganizers, ", "),
                 ss->organizers[0].loc);
    if (s->ref_folio && s->ref_folio[ss->index])
        put_meta(&m, FIELD_ALL, lc->label[L_SEE],
                 booklet_value(s, a, locale_fill(a, lc->label[L_FULL_PAGE], "page",
                                                 s->ref_folio[ss->index])),
                 ss->loc);
    meta_flush(&m);
}

static void heading(StoryCtx *s, Arena *a, VList *l, const char *text,
                    SrcLoc loc, const char *field)
{
    space_before(s, a, l, ST_HEADING);
    para1(s, a, l, text, strlen(text), ST_HEADING, s->rtl_lang, loc, field,
          true);
    space_after(s, a, l, ST_HEADING);
    /* The space after a heading is no place to break either. */
    vlist_penalty(a, l, VLIST_INF);
}

static void list_item(StoryCtx *s, Arena *a, VList *l, const Str *item,
                      const char *label, const char *lang, const char *field)
{
    double indent = s->t->style->list_indent;
    size_t before = l->n;
    Span sp = { item->s, item->len, ST_ITEM, NULL, false, item->loc, field };
    ParaSpec p = { &sp, 1, lang, s->width, indent, 0, tstyle(s, ST_ITEM)->align,
                   false, false };
    space_before(s, a, l, ST_ITEM);
    if (para_set(s->t, a, &p, l) == 0)
        return;
    space_after(s, a, l, ST_ITEM);
    for (size_t i = before; i < l->n; i++)
        if (l->v[i].kind == VBOX) {
            double w = text_width(s->t, ST_ITEM, label, strlen(label));
            double x = s->rtl_lang ? s->width - indent + 4 : indent - w - 4;
            text_draw(s->t, a, &l->v[i], x, ST_ITEM, label, strlen(label),
                      item->loc);
            break;
        }
}

static void sections(StoryCtx *s, Arena *a, VList *l, const Session *ss,
                     const char *lang, const char *field)
{
    for (size_t i = 0; i < ss->nsections; i++) {
        const Section *sec = &ss->sections[i];
        const char *f = arena_printf(a, "%s.sections[%zu]", field, i);
        if (sec->title.s)
            heading(s, a, l, sec->title.s, sec->title.loc, f);
        if (sec->text.s)
            story_text(s, a, l, &sec->text, ST_BODY, lang, f);
        for (size_t k = 0; k < sec->nitems; k++) {
            const char *label = sec->numbered ? arena_printf(a, "%zu.", k + 1)
                                              : "\xE2\x80\xA2";
            list_item(s, a, l, &sec->items[k], label, lang, f);
        }
    }
}

/* Role words that mean "an ordinary speaker" are not printed. */
static bool plain_role(const Str *role)
{
    static const char *const plain[] = {
        "speaker", "speakers", "intervenant", "intervenante", "ponente",
        "orador", "oradora", "presenter", "panelist", "panéliste", NULL };
    if (!role->s)
        return true;
    for (const char *const *p = plain; *p; p++)
        if (same_ci(role->s, *p))
            return true;
    return false;
}

static void speaker(StoryCtx *s, Arena *a, VList *l, const Speaker *sp,
                    const char *field)
{
    double ind = s->t->style->speaker_indent;
    space_before(s, a, l, ST_SPEAKER_NAME);
    Span spans[3];
    size_t n = 0;
    spans[n++] = (Span){ sp->name.s, sp->name.len, ST_SPEAKER_NAME, NULL,
                         false, sp->name.loc, field };
    /* A role written in the booklet's language is printed as written (it
     * agrees with the person's gender when the input says so); the
     * English words a converter writes are given in the booklet's
     * language, in an inclusive form. */
    const char *role = NULL;
    if (same_ci(sp->role.s, "moderator") || same_ci(sp->role.s, "chair"))
        role = arena_printf(a, " \xE2\x80\x94 %s", s->loc->label[L_ROLE_MODERATOR]);
    else if (!plain_role(&sp->role))
        role = arena_printf(a, " \xE2\x80\x94 %s", sp->role.s);
    if (role)
        spans[n++] = (Span){ role, strlen(role), ST_ROLE, NULL, false,
                             sp->role.loc, field };
    ParaSpec p = { spans, n, s->rtl_lang, s->width, ind, 0, ALIGN_LEFT, true,
                   false };
    para_set(s->t, a, &p, l);
    const char *detail = NULL;
    if (sp->position.s && sp->affiliation.s)
        detail = arena_printf(a, "%s, %s", sp->position.s, sp->affiliation.s);
    else if (sp->position.s)
        detail = sp->position.s;
    else if (sp->affiliation.s)
        detail = sp->affiliation.s;
    if (detail) {
        vlist_penalty(a, l, VLIST_INF);
        Span d = { detail, strlen(detail), ST_SPEAKER_DETAIL, NULL, false,
                   sp->position.s ? sp->position.loc : sp->affiliation.loc,
                   field };
        ParaSpec pd = { &d, 1, s->rtl_lang, s->width, ind, 0, ALIGN_LEFT, true,
                        false };
        para_set(s->t, a, &pd, l);
    }
}

/* Speakers as names only (a layout without speaker-details): one line,
 * moderators first. */
static void speaker_names(StoryCtx *s, Arena *a, VList *l, const Session *ss,
                          const char *field)
{
    Buf b = { 0 };
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < ss->nspeakers; i++)
            if (speaker_is_moderator(&ss->speakers[i]) == (pass == 0)) {
                if (b.n)
                    buf_str(&b, ", ");
                buf_str(&b, ss->speakers[i].name.s);
            }
    const char *names = arena_strndup(a, b.s, b.n);
    free(b.s);
    if (s->t->style->meta_inline)
        para1(s, a, l, names, strlen(names), ST_SPEAKER_DETAIL, NULL,
              ss->speakers[0].loc, field, false);
    else
        meta_line(s, a, l, s->loc->label[L_SPEAKERS], names,
                  ss->speakers[0].loc, field);
}

static void speakers(StoryCtx *s, Arena *a, VList *l, const Session *ss,
                     const char *field)
{
    if (!ss->nspeakers)
        return;
    if (!(s->t->style->fields & FIELD_SPEAKER_DETAILS)) {
        speaker_names(s, a, l, ss, field);
        return;
    }
    heading(s, a, l, s->loc->label[L_SPEAKERS], ss->speakers[0].loc, field);
    /* Keep the block on one page: forbid every break inside it.  A block
     * taller than a page is still cut by the page builder. */
    bool first = true;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < ss->nspeakers; i++) {
            const Speaker *sp = &ss->speakers[i];
            if (speaker_is_moderator(sp) != (pass == 0))
                continue;
            if (!first)
                vlist_penalty(a, l, VLIST_INF);
            first = false;
            speaker(s, a, l, sp,
                    arena_printf(a, "%s.speakers[%zu]", field, i));
        }
}

static void documents(StoryCtx *s, Arena *a, VList *l, const Session *ss,
                      const char *field)
{
    if (!ss->ndocuments)
        return;
    heading(s, a, l, s->loc->label[L_DOCUMENTS], ss->documents[0].loc, field);
    for (size_t i = 0; i < ss->ndocuments; i++) {
        const Document *doc = &ss->documents[i];
        const char *f = arena_printf(a, "%s.documents[%zu]", field, i);
        const char *link = doc->url.s ? uri_encode(a, doc->url.s) : NULL;
        space_before(s, a, l, ST_DOCUMENT);
        if (doc->title.s) {
            Span t = { doc->title.s, doc->title.len, ST_DOCUMENT, link,
                       false, doc->title.loc, f };
            ParaSpec p = { &t, 1, s->rtl_lang, s->width, 0, 0, ALIGN_LEFT,
                           false, doc->url.s != NULL };
            para_set(s->t, a, &p, l);
        }
        if (doc->url.s) {
            Span u = { doc->url.s, doc->url.len, ST_URL, link, true,
                       doc->url.loc, f };
            ParaSpec p = { &u, 1, NULL, s->width, 0, 0, ALIGN_LEFT, false, false };
            para_set(s->t, a, &p, l);
        }
    }
}

static void session_block(StoryCtx *s, Arena *a, VList *l, size_t k)
{
    const Session *ss = s->ag->order[k];
    const char *lang = session_lang(s, ss);
    const char *field = arena_printf(a, "sessions[%zu]", ss->index);
    unsigned fields = s->t->style->fields;
    s->rtl_lang = bidi_lang_rtl(lang) ? lang : NULL;
    if (fields & FIELD_BAND)
        band(s, a, l, ss, field);
    space_before(s, a, l, ST_TITLE);
    para1(s, a, l, ss->title.s, ss->title.len, ST_TITLE, lang, ss->title.loc,
          arena_printf(a, "%s.title", field), true);
    space_after(s, a, l, ST_TITLE);
    vlist_penalty(a, l, VLIST_INF);
    meta(s, a, l, ss, field);
    if (ss->summary.s && (fields & FIELD_SUMMARY)) {
        vlist_space(a, l, 6);
        story_text(s, a, l, &ss->summary, ST_SUMMARY, lang,
                   arena_printf(a, "%s.summary", field));
    }
    if (fields & FIELD_SECTIONS)
        sections(s, a, l, ss, lang, field);
    if (fields & FIELD_SPEAKERS)
        speakers(s, a, l, ss, field);
    if (fields & FIELD_DOCUMENTS)
        documents(s, a, l, ss, field);
    s->rtl_lang = NULL;
}

/* session-new-page: auto.  A block that fits a page is made unbreakable
 * from `from` on (the page builder then moves it whole to the next page
 * when it does not fit where it is); a taller one starts a page and breaks
 * as usual.  Returns false for the latter. */
static bool keep_block(Arena *a, VList *l, size_t from, double frame_h)
{
    double h = 0;
    for (size_t i = from; i < l->n; i++)
        h += l->v[i].kind == VBOX ? l->v[i].h + l->v[i].d
           : l->v[i].kind == VGLUE ? l->v[i].h : 0;
    if (frame_h <= 0 || h > frame_h)
        return false;
    /* Glue is a break only right after a box: put a forbidding penalty
     * between the two; every other penalty inside forbids too. */
    size_t n = l->n - from;
    VItem *tmp = arena_array(a, n ? n : 1, sizeof *tmp);
    memcpy(tmp, l->v + from, n * sizeof *tmp);
    l->n = from;
    /* the glue after the block's last box stays a break: the space to
     * the next session */
    size_t last = 0;
    for (size_t i = 0; i < n; i++)
        if (tmp[i].kind == VBOX)
            last = i;
    for (size_t i = 0; i < n; i++) {
        if (tmp[i].kind == VGLUE && i > 0 && i < last && tmp[i - 1].kind == VBOX)
            vlist_penalty(a, l, VLIST_INF);
        VItem *v = vlist_push(a, l, tmp[i].kind);
        *v = tmp[i];
        if (v->kind == VPENALTY && v->penalty < VLIST_INF)
            v->penalty = VLIST_INF;
    }
    return true;
}

/* Display zones come from the programme ("IANA-NAME" or "IANA-NAME
 * LABEL"); a name the tz database does not know is named once. */
static void prepare_zones(StoryCtx *s, Arena *a, Diags *d)
{
    const Programme *p = s->prog;
    s->nzones = 0;
    for (size_t i = 0; i < p->ndisplay_zones && s->nzones < 8; i++) {
        const Str *z = &p->display_zones[i];
        const char *sp = strchr(z->s, ' ');
        const char *name = sp ? arena_strndup(a, z->s, (size_t)(sp - z->s)) : z->s;
        if (!tz_known(name)) {
            diag_warn(d, z->loc, "programme.display_timezones",
                      "'%s' is not a zone of the tz database (such as "
                      "Europe/Paris); it is left out", name);
            continue;
        }
        while (sp && *sp == ' ')
            sp++;
        s->zone[s->nzones] = name;
        s->zone_label[s->nzones] = sp && *sp ? sp : NULL;
        s->nzones++;
    }
    if (s->nzones && p->timezone.s && !tz_known(p->timezone.s))
        diag_warn(d, p->timezone.loc, "programme.timezone",
                  "'%s' is not a zone of the tz database (such as "
                  "America/Argentina/Buenos_Aires), so times cannot be shown "
                  "in the display zones; they are shown as written",
                  p->timezone.s);
    else if (s->nzones && !p->timezone.s)
        diag_warn(d, p->loc, "programme.timezone",
                  "display_timezones needs programme.timezone to convert from");
}

bool story_ids_are_codes(const Programme *p)
{
    for (size_t i = 0; i < p->nsessions; i++) {
        const char *id = p->sessions[i].id.s;
        if (!id || p->sessions[i].id.len > 10)
            return false;
        int run = 0;
        for (const char *c = id; *c; c++) {
            run = (*c >= 'a' && *c <= 'z') || ((unsigned char)*c >= 0x80) ? run + 1 : 0;
            if (run >= 3)
                return false;
        }
    }
    return p->nsessions > 0;
}

void story_prepare(StoryCtx *s, Arena *a, Diags *d)
{
    s->d = d;
    s->codes = story_ids_are_codes(s->prog);
    prepare_zones(s, a, d);
    static const LabelId meta[] = { L_DATE, L_TIME, L_VENUE, L_LANGUAGES,
                                    L_REGISTRATION, L_CAPACITY, L_ORGANIZERS };
    double w = 0;
    for (size_t i = 0; i < sizeof meta / sizeof *meta; i++) {
        const char *t = s->loc->label[meta[i]];
        double tw = text_width(s->t, ST_META_LABEL, t, strlen(t));
        if (tw > w)
            w = tw;
    }
    /* A long label must not squeeze the values to nothing. */
    s->label_col = w + 8 < s->width * 0.35 ? w + 8 : s->width * 0.35;
}

void story_sessions(StoryCtx *s, Arena *a, VList *l, size_t first, size_t end)
{
    const Style *st = s->t->style;
    for (size_t k = first; k < end && k < s->ag->n; k++) {
        bool new_day = k == 0 || s->ag->day[k] != s->ag->day[k - 1];
        if (k > 0) {
            if (st->session_new_page || new_day)
                vlist_penalty(a, l, -VLIST_INF);
            else
                vlist_space(a, l, st->session_gap);
        }
        if (new_day) {
            vlist_mark(a, l, MARK_DAY, s->ag->day[k]);
            const char *day = locale_date(a, s->loc, s->ag->days[s->ag->day[k]]);
            /* the day heading runs the booklet's way */
            para1_dir(s, a, l, day, strlen(day), ST_DAY, NULL,
                      s->ag->order[k]->date_loc, NULL, true,
                      story_booklet_dir(s->prog));
            space_after(s, a, l, ST_DAY);
            vlist_penalty(a, l, VLIST_INF);
        }
        vlist_mark(a, l, MARK_SESSION, (int)k);
        size_t from = l->n;
        session_block(s, a, l, k);
        if (st->session_new_page_auto && !new_day
            && !keep_block(a, l, from, s->frame_h)) {
            /* too tall for any page: it starts one */
            VItem pen = { .kind = VPENALTY, .penalty = -VLIST_INF };
            vlist_push(a, l, VPENALTY);
            memmove(l->v + from, l->v + from - 1, (l->n - from) * sizeof *l->v);
            l->v[from - 1] = pen;
        }
    }
}
