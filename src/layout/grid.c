#include "layout/grid.h"
#include "text/bidi.h"

#include <stdlib.h>
#include <string.h>

#define MIN_UNIT_W 54.0     /* narrowest lane a title can be read in */
#define TIME_COL 24.0       /* the hours column */
#define HOUR_LABEL_H 8.0    /* room an hour's label takes below its line */
#define HEAD_H 22.0         /* venue names */
#define PT_PER_MIN 1.1      /* an hour is 66 pt */
#define FIT_SCALE 0.75      /* smallest share of it a day is drawn at */
#define GRID_LAST_MINUTE (30 * 60)  /* a day's grid ends by 06:00 the next day */

typedef struct Cell {
    size_t k;           /* agenda index */
    int col;            /* venue column */
    int lane;           /* lane within the column */
    int start, end;     /* minutes */
} Cell;

typedef struct Column {
    const char *name;
    int lanes;
    int first_unit;     /* index of its first lane among all lanes */
} Column;

/* A day's grid: its cells and columns, where its sessions landed, and
 * its scale. */
typedef struct Day {
    const Cell *cells;
    size_t ncells;
    const Column *cols;
    int ncols;
    const int *spage;
    const double *stop;
    int offset;
    double ppm;         /* points a minute: PT_PER_MIN, less to fit a page */
} Day;

/* Whether cell c of d falls in lanes [u0, u1) and minutes [t0, t1): it
 * is drawn on that page. */
static bool cell_in(const Day *d, const Cell *c, int u0, int u1, int t0,
                    int t1)
{
    int unit = d->cols[c->col].first_unit + c->lane;
    return unit >= u0 && unit < u1 && c->end > t0 && c->start < t1;
}

static Color tint(Color c, double keep)
{
    /* Mix with white: cells stay readable, in grey too. */
    Color t = c;
    if (c.space == COLOR_RGB || c.space == COLOR_GRAY)
        for (int i = 0; i < 3; i++)
            t.c[i] = 1 - (1 - c.c[i]) * keep;
    else if (c.space == COLOR_CMYK)
        for (int i = 0; i < 4; i++)
            t.c[i] = c.c[i] * keep;
    return t;
}

static Color track_color(const StoryCtx *s, const Session *ss)
{
    if (ss->track && ss->track->color.space != COLOR_NONE)
        return ss->track->color;
    return s->t->style->band_color;
}

/* Column of a session: its venue, else its track, else one column. */
static const char *column_key(const Session *ss, bool by_venue)
{
    if (by_venue)
        return ss->venue.s ? ss->venue.s : "\xE2\x80\x94";
    return ss->track ? ss->track->title.s : "\xE2\x80\x94";
}

/* lang: the text's language (its quotes and spaces), NULL for the
 * programme's; dir: its base direction (text/para.h). */
static void text_in(StoryCtx *s, Arena *a, VItem *box, double x, double y,
                    double w, double h, const char *text, StyleId st,
                    SrcLoc loc, Color color, const char *lang, int dir)
{
    /* Set the text in a scratch list, keep the lines that fit.  The
     * list's entries are dropped with it (a grid has a cell per session:
     * they were most of a large grid's memory); its lines' items stay in
     * a, where the copies kept point to their glyphs. */
    Arena entries;
    arena_init(&entries);
    VList tmp = { .entries = &entries };
    Span sp = { text, strlen(text), st, NULL, false, loc, NULL };
    ParaSpec p = { &sp, 1, NULL, w, 0, 0, ALIGN_LEFT, true, false };
    /* No hyphenation in cells, but the text's own quotes and spaces. */
    const char *doc_lang = s->t->lang;
    if (lang)
        s->t->lang = lang;
    para_set_dir(s->t, a, &p, &tmp, dir);
    s->t->lang = doc_lang;
    double yy = y;
    for (size_t i = 0; i < tmp.n; i++) {
        const VItem *ln = &tmp.v[i];
        if (ln->kind != VBOX)
            continue;
        if (yy - ln->h - ln->d < y - h - 0.01)
            break;
        yy -= ln->h;
        for (size_t j = 0; j < ln->nitems; j++) {
            if (ln->items[j].kind != ITEM_TEXT)
                continue;
            Item *it = vbox_add(a, box, ITEM_TEXT);
            *it = ln->items[j];
            it->x += x;
            it->y = yy;
            it->color = color;
        }
        yy -= ln->d;
    }
    arena_free(&entries);
}

static void rect(Arena *a, VItem *box, double x, double y, double w, double h,
                 Color c)
{
    Item *r = vbox_add(a, box, ITEM_RECT);
    r->x = x;
    r->y = y;
    r->w = w;
    r->h = h;
    r->color = c;
}

static void hline(Arena *a, VItem *box, double x, double y, double w,
                  double width, Color c)
{
    Item *r = vbox_add(a, box, ITEM_LINE);
    r->x = x;
    r->y = y;
    r->u.line.x2 = x + w;
    r->u.line.y2 = y;
    r->u.line.width = width;
    r->color = c;
}

/* One page of one day's grid: minutes [t0, t1), lanes [u0, u1); lane u
 * at x ux[u - u0], uw[u - u0] wide. */
static void grid_page(StoryCtx *s, Arena *a, VList *l, const Day *d, int u0,
                      int u1, int t0, int t1, const double *ux,
                      const double *uw, double height)
{
    const Column *cols = d->cols;
    const double ppm = d->ppm;
    double right = ux[u1 - u0 - 1] + uw[u1 - u0 - 1];
    /* A right-to-left booklet's grid is mirrored: hours on the right,
     * venues from right to left, each cell's text from its language's
     * side.  mx: the left edge of [x, x + w) as placed. */
    int dir = story_booklet_dir(s->prog);
    bool rtl = dir < 0;
#define mx(x, w) (rtl ? s->width - (x) - (w) : (x))
    VItem *box = vlist_box(a, l, height, 0);
    Color grey = { COLOR_GRAY, { 0.75, 0, 0, 0 } };
    Color head_bg = { COLOR_GRAY, { 0.9, 0, 0, 0 } };
    Color black = { COLOR_GRAY, { 0, 0, 0, 0 } };
    double top = height - HEAD_H;   /* y of t0, relative to the baseline */
    /* Column heads */
    for (int c = 0; c < d->ncols; c++) {
        int a0 = cols[c].first_unit, a1 = a0 + cols[c].lanes;
        if (a1 <= u0 || a0 >= u1)
            continue;
        if (a0 < u0)
            a0 = u0;
        if (a1 > u1)
            a1 = u1;
        double x = ux[a0 - u0];
        double w = ux[a1 - 1 - u0] + uw[a1 - 1 - u0] - x;
        rect(a, box, mx(x + 0.5, w - 1), top + 1, w - 1, HEAD_H - 2, head_bg);
        text_in(s, a, box, mx(x + 2, w - 4), height - 1.5, w - 4, HEAD_H - 3,
                cols[c].name, ST_GRID_HEAD, s->prog->loc, black, NULL, dir);
    }
    /* Hours */
    for (int m = t0; m <= t1; m += 60) {
        double y = top - (m - t0) * ppm;
        hline(a, box, mx(0, right), y, right, 0.3, grey);
        /* an hour's label hangs below its line: none when the day ends
         * too soon after it (12:00 over the rule of a day ending 12:05) */
        if ((t1 - m) * ppm >= HOUR_LABEL_H) {
            /* a day's grid runs on past midnight for sessions that
             * cross it: 00:00, 01:00 again.  In the locale's own form and
             * digits, as the sessions' times are ("09:00", "٠٩:٠٠"). */
            const char *h = locale_times(a, s->loc, m % 1440, -1);
            text_in(s, a, box, mx(0, TIME_COL - 2), y - 1, TIME_COL - 2, 10, h,
                    ST_GRID_TIME, s->prog->loc, black, NULL, dir);
        }
    }
    if ((t1 - t0) % 60)     /* the day ends with its last session */
        hline(a, box, mx(0, right), top - (t1 - t0) * ppm, right, 0.3,
              grey);
    /* Cells */
    for (size_t i = 0; i < d->ncells; i++) {
        const Cell *c = &d->cells[i];
        if (!cell_in(d, c, u0, u1, t0, t1))
            continue;
        int unit = cols[c->col].first_unit + c->lane;
        const Session *ss = s->ag->order[c->k];
        int cs = c->start > t0 ? c->start : t0;
        int ce = c->end < t1 ? c->end : t1;
        double x = ux[unit - u0], unit_w = uw[unit - u0];
        double y1 = top - (cs - t0) * ppm;
        double y0 = top - (ce - t0) * ppm;
        Color tc = track_color(s, ss);
        rect(a, box, mx(x + 1, unit_w - 2), y0 + 0.5, unit_w - 2, y1 - y0 - 1,
             tint(tc, 0.22));
        rect(a, box, mx(x + 1, 2), y0 + 0.5, 2, y1 - y0 - 1, tc);
        /* the code only when the programme's ids are codes, not slugs */
        const char *label = s->codes ? arena_printf(a, "%s %s", ss->id.s, ss->title.s)
                                     : ss->title.s;
        /* a right-to-left session's title from the right in any booklet,
         * a left-to-right one from the left in a right-to-left booklet */
        const char *cl = ss->language.s ? ss->language.s : s->prog->language.s;
        text_in(s, a, box, mx(x + 4.5, unit_w - 7), y1 - 1, unit_w - 7,
                y1 - y0 - 2, label, ST_GRID_CELL, ss->title.loc, black,
                ss->language.s, bidi_lang_rtl(cl) ? -1 : rtl ? 1 : 0);
        if (d->spage[c->k] >= 0) {
            Item *ln = vbox_add(a, box, ITEM_LINK);
            ln->x = mx(x + 1, unit_w - 2);
            ln->y = y0 + 0.5;
            ln->w = unit_w - 2;
            ln->h = y1 - y0 - 1;
            ln->u.link.page = d->offset + d->spage[c->k];
            ln->u.link.top = d->stop[c->k];
        }
    }
#undef mx
}

/* Widths of lanes [u0, u1): each venue of the page (the day's venues in
 * use, nothing else) asks for its lanes at the minimum and room for its
 * name, set on one line where it can; the asks are scaled to fill the
 * text width, so that a day of one or two rooms is a timetable across the
 * page, not a strip down a third of it (an A4 handout). */
static void lane_widths(StoryCtx *s, const Column *cols, int ncols, int u0,
                        int u1, double *ux, double *uw)
{
    double avail = s->width - TIME_COL, ask = 0;
    for (int u = u0; u < u1; u++)
        uw[u - u0] = MIN_UNIT_W;
    for (int c = 0; c < ncols; c++) {
        int a0 = cols[c].first_unit, a1 = a0 + cols[c].lanes;
        if (a0 < u0)
            a0 = u0;
        if (a1 > u1)
            a1 = u1;
        if (a1 <= a0)
            continue;
        double name = text_width(s->t, ST_GRID_HEAD, cols[c].name,
                                 strlen(cols[c].name)) + 6;
        double per = name / (a1 - a0);
        for (int u = a0; u < a1; u++)
            if (per > uw[u - u0])
                uw[u - u0] = per < avail / 2 ? per : avail / 2;
    }
    for (int u = u0; u < u1; u++)
        ask += uw[u - u0];
    double k = avail / ask;
    double x = TIME_COL;
    for (int u = u0; u < u1; u++) {
        double w = uw[u - u0] * k;
        ux[u - u0] = x;
        uw[u - u0] = w;
        x += w;
    }
}

/* Whether any cell of d falls in lanes [u0, u1) and minutes [t0, t1). */
static bool any_cell(const Day *d, int u0, int u1, int t0, int t1)
{
    for (size_t i = 0; i < d->ncells; i++)
        if (cell_in(d, &d->cells[i], u0, u1, t0, t1))
            return true;
    return false;
}

/* The next page's hours from *ts on: from the hour of the first session
 * still running at or after *ts, for span minutes at most, ending with
 * the last session in them (a day of a morning and an evening makes no
 * page of empty afternoon rows).  False when no session is left. */
static bool hours_in_use(const Day *d, int span, int *ts, int *te)
{
    const Cell *cells = d->cells;
    size_t ncells = d->ncells;
    int from = -1;
    for (size_t i = 0; i < ncells; i++) {
        int at = cells[i].start > *ts ? cells[i].start : *ts;
        if (cells[i].end > *ts && (from < 0 || at < from))
            from = at;
    }
    if (from < 0)
        return false;
    if (from - from % 60 > *ts)
        *ts = from - from % 60;
    int last = *ts;
    for (size_t i = 0; i < ncells; i++)
        if (cells[i].start < *ts + span && cells[i].end > *ts) {
            int end = cells[i].end < *ts + span ? cells[i].end : *ts + span;
            if (end > last)
                last = end;
        }
    *te = last;
    return true;
}

static int cmp_cell(const void *pa, const void *pb)
{
    const Cell *a = pa, *b = pb;
    if (a->col != b->col)
        return a->col - b->col;
    if (a->start != b->start)
        return a->start - b->start;
    return a->k < b->k ? -1 : a->k > b->k;
}

static void grid_day(StoryCtx *s, Arena *a, VList *l, size_t k0, size_t k1,
                     const int *spage, const double *stop, int offset,
                     double frame_h)
{
    bool by_venue = false;
    for (size_t k = k0; k < k1; k++)
        by_venue |= s->ag->order[k]->venue.s != NULL;
    /* A session held in several rooms at once (an import writes them
     * "Saal 1 · Saal 2") has a cell in each room's column. */
    static const char both[] = " \xC2\xB7 ";
    size_t n = 0;
    for (size_t k = k0; k < k1; k++) {
        n++;
        for (const char *v = s->ag->order[k]->venue.s; by_venue && v
             && (v = strstr(v, both)); v += sizeof both - 1)
            n++;
    }
    Cell *cells = arena_array(a, n, sizeof *cells);
    Column *cols = arena_array(a, n, sizeof *cols);
    int ncols = 0, t0 = 24 * 60, t1 = 0;
    size_t nc = 0;
    for (size_t k = k0; k < k1; k++) {
        const Session *ss = s->ag->order[k];
        if (ss->start < 0)
            continue;   /* no time: no place in a grid */
        int end = ss->end > ss->start ? ss->end : ss->start + 30;
        if (end > GRID_LAST_MINUTE)   /* a session of days: to the morning */
            end = GRID_LAST_MINUTE;
        const char *rest = column_key(ss, by_venue);
        while (rest) {
            const char *sep = by_venue ? strstr(rest, both) : NULL;
            const char *key = sep ? arena_strndup(a, rest, (size_t)(sep - rest))
                                  : rest;
            rest = sep ? sep + sizeof both - 1 : NULL;
            int c = 0;
            while (c < ncols && strcmp(cols[c].name, key) != 0)
                c++;
            if (c == ncols)
                cols[ncols++] = (Column){ key, 0, 0 };
            cells[nc++] = (Cell){ k, c, 0, ss->start, end };
        }
        if (ss->start < t0)
            t0 = ss->start;
        if (end > t1)
            t1 = end;
    }
    if (!nc)
        return;
    /* Lanes: the first lane free when a session starts. */
    qsort(cells, nc, sizeof *cells, cmp_cell);
    int lane_end[16];
    for (size_t i = 0; i < nc;) {
        size_t j = i;
        int lanes = 0;
        while (j < nc && cells[j].col == cells[i].col) {
            int ln = 0;
            while (ln < lanes && lane_end[ln] > cells[j].start)
                ln++;
            if (ln == lanes && lanes < 16)
                lanes++;
            if (ln >= 16)
                ln = 15;
            cells[j].lane = ln;
            lane_end[ln] = cells[j].end;
            j++;
        }
        cols[cells[i].col].lanes = lanes;
        i = j;
    }
    int units = 0;
    for (int c = 0; c < ncols; c++) {
        cols[c].first_unit = units;
        units += cols[c].lanes;
    }
    /* From the hour before the first session to the end of the last: no
     * empty hour after it. */
    t0 = t0 / 60 * 60;
    /* Pages: whole hours down, groups of lanes across (a column's lanes
     * stay on one page when they can). */
    int per_page = (int)((s->width - TIME_COL) / MIN_UNIT_W);
    if (per_page < 1)
        per_page = 1;
    double title_h = 30;
    Day d = { cells, nc, cols, ncols, spage, stop, offset, PT_PER_MIN };
    double room = frame_h - HEAD_H - title_h;
    int hours = (int)(room / (60 * PT_PER_MIN));
    if (hours < 1)
        hours = 1;
    /* A day a little longer than a page's hours (09:00 to 15:30 where a
     * page holds six) is drawn smaller, down to FIT_SCALE, on one page:
     * the whole day at a glance, not half an hour of one session on a
     * page of its own. */
    int span = t1 - t0;
    if (span > hours * 60 && room / span >= FIT_SCALE * PT_PER_MIN) {
        d.ppm = room / span;
        hours = (span + 59) / 60;
    }
    const char *title = arena_printf(a, "%s \xE2\x80\x94 %s",
                                     s->loc->label[L_AT_A_GLANCE],
                                     locale_date(a, s->loc, s->ag->order[k0]->date));
    for (int ts = t0, te; ts < t1; ts = te) {
        if (!hours_in_use(&d, hours * 60, &ts, &te))
            break;
        for (int u0 = 0; u0 < units;) {
            int u1 = u0 + per_page < units ? u0 + per_page : units;
            /* do not cut a column's lanes across pages if it fits whole */
            for (int c = 0; c < ncols; c++) {
                int a0 = cols[c].first_unit, a1 = a0 + cols[c].lanes;
                if (a0 > u0 && a0 < u1 && a1 > u1 && cols[c].lanes <= per_page)
                    u1 = a0;
            }
            /* rooms with nothing in these hours (the morning rooms in the
             * afternoon) make no page: a timetable of empty columns */
            if (!any_cell(&d, u0, u1, ts, te)) {
                u0 = u1;
                continue;
            }
            double *ux = arena_array(a, (size_t)(u1 - u0), sizeof *ux);
            double *uw = arena_array(a, (size_t)(u1 - u0), sizeof *uw);
            lane_widths(s, cols, ncols, u0, u1, ux, uw);
            Span sp = { title, strlen(title), ST_TOC_DAY, NULL, false,
                        s->prog->loc, NULL };
            ParaSpec p = { &sp, 1, NULL, s->width, 0, 0, ALIGN_LEFT, true, true };
            para_set_dir(s->t, a, &p, l,
                         story_booklet_dir(s->prog));
            vlist_space(a, l, 6);
            grid_page(s, a, l, &d, u0, u1, ts, te, ux, uw,
                      HEAD_H + (te - ts) * d.ppm + 1);
            /* each grid page a page of its own (after it, not before:
             * the list may be cut and handed over a day at a time) */
            vlist_penalty(a, l, -VLIST_INF);
            u0 = u1;
        }
    }
}

void grid_layout(StoryCtx *s, Arena *a, VList *l, size_t k0, size_t k1,
                 const int *session_page, const double *session_top,
                 int offset, double frame_h)
{
    for (size_t k = k0 + 1; k <= k1; k++)
        if (k == k1 || s->ag->day[k] != s->ag->day[k0]) {
            grid_day(s, a, l, k0, k, session_page, session_top, offset, frame_h);
            k0 = k;
        }
}
