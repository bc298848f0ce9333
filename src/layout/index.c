#include "layout/index.h"
#include "text/bidi.h"
#include "text/collate.h"
#include "text/langscript.h"

#include <stdlib.h>
#include <string.h>

/* Between page numbers: a comma and a no-break space (a plain space at
 * the end of a run would be dropped as a line-end space). */
#define SEP ",\xC2\xA0"
/* mirrored: the comma against the number it follows, on that one's left;
 * Arabic script has its own comma (U+060C) */
#define SEP_RTL "\xC2\xA0,"
#define SEP_ARABIC "\xC2\xA0\xD8\x8C"

/* Is the language written in Arabic script (its comma is U+060C)? */
static bool arabic_script(const char *lang)
{
    char script[5];
    return lang_script(lang, script) && strcmp(script, "Arab") == 0;
}

static IndexEntry *find_or_add(Arena *a, Index *ix, size_t *cap,
                               const char *text, const char *key, SrcLoc loc)
{
    for (size_t i = 0; i < ix->n; i++)
        if (strcmp(ix->e[i].text, text) == 0)
            return &ix->e[i];
    if (ix->n == *cap) {
        size_t nc = *cap ? *cap * 2 : 64;
        ix->e = arena_grow(a, ix->e, ix->n, nc, sizeof *ix->e);
        *cap = nc;
    }
    IndexEntry *e = &ix->e[ix->n++];
    memset(e, 0, sizeof *e);
    e->text = text;
    e->key = key;
    e->loc = loc;
    return e;
}

static void add_ref(Arena *a, IndexEntry *e, int page, bool mod)
{
    for (size_t i = 0; i < e->nrefs; i++)
        if (e->refs[i].page == page) {
            e->refs[i].mod |= mod;
            return;
        }
    if (e->nrefs == e->cap) {
        size_t nc = e->cap ? e->cap * 2 : 4;
        e->refs = arena_grow(a, e->refs, e->nrefs, nc, sizeof *e->refs);
        e->cap = nc;
    }
    e->refs[e->nrefs].page = page;
    e->refs[e->nrefs].mod = mod;
    e->nrefs++;
}

static int cmp_entry(const void *pa, const void *pb)
{
    const IndexEntry *a = pa, *b = pb;
    int c = strcmp(a->key, b->key);
    return c ? c : strcmp(a->text, b->text);
}

/* How a speaker is filed: the entry's text and its sort key (*key).  A
 * sort_as (or family) that is a word of the name is the family name:
 * "Eugène Aka Aouélé" with "Aouélé" is "Aouélé, Eugène Aka"; one with a
 * comma is the entry as written; any other is the key alone, the name
 * printed as written.  Without it, collate guesses the family name. */
static const char *filed_name(Arena *a, const Speaker *sp, const char *lang,
                              const char **key)
{
    const char *name = sp->name.s, *f = sp->sort_as.s;
    if (!f) {
        *key = collate_inverted_name(a, name, lang);
        return *key;
    }
    *key = f;
    if (strchr(f, ','))
        return f;
    size_t n = strlen(f);
    for (const char *p = strstr(name, f); p; p = strstr(p + 1, f)) {
        bool starts = p == name || p[-1] == ' ';
        bool ends = p[n] == '\0' || p[n] == ' ';
        if (!starts || !ends)
            continue;
        /* the given names: the name without the family, spaces joined */
        size_t before = (size_t)(p - name);
        while (before && name[before - 1] == ' ')
            before--;
        const char *after = p + n;
        while (*after == ' ')
            after++;
        const char *given = arena_printf(a, "%.*s%s%s", (int)before, name,
                                         before && *after ? " " : "", after);
        *key = *given ? arena_printf(a, "%s, %s", f, given) : f;
        return *key;
    }
    return name;
}

void index_build(Arena *a, const StoryCtx *s, const int *session_page,
                 IndexKind kind, Index *out)
{
    /* Names are looked up linearly while collecting; FOSDEM's 1,123
     * speakers make that ~600k comparisons, far below a millisecond per
     * thousand.  A hash would be the next step for 10× larger inputs. */
    const char *lang = s->loc->tag;
    size_t cap = 0;
    out->e = NULL;
    out->n = 0;
    for (size_t k = 0; k < s->ag->n; k++) {
        const Session *ss = s->ag->order[k];
        int page = session_page[k];
        if (page < 0)
            continue;
        if (kind == INDEX_SPEAKERS) {
            for (size_t i = 0; i < ss->nspeakers; i++) {
                const Speaker *sp = &ss->speakers[i];
                const char *key;
                const char *text = filed_name(a, sp, lang, &key);
                IndexEntry *e = find_or_add(a, out, &cap, text,
                                            collate_key(a, key, lang), sp->name.loc);
                add_ref(a, e, page, speaker_is_moderator(sp));
            }
        } else {
            for (size_t i = 0; i < ss->nspeakers; i++) {
                const Str *af = &ss->speakers[i].affiliation;
                if (af->s)
                    add_ref(a, find_or_add(a, out, &cap, af->s,
                                           collate_key(a, af->s, lang), af->loc),
                            page, false);
            }
            for (size_t i = 0; i < ss->norganizers; i++) {
                const Str *o = &ss->organizers[i];
                add_ref(a, find_or_add(a, out, &cap, o->s,
                                       collate_key(a, o->s, lang), o->loc),
                        page, false);
            }
        }
    }
    if (out->n)
        qsort(out->e, out->n, sizeof *out->e, cmp_entry);
}

void index_layout(StoryCtx *s, Arena *a, VList *l, const Index *ix,
                  IndexKind kind, int offset, double frame_top)
{
    TextCtx *t = s->t;
    const Locale *lc = s->loc;
    /* A right-to-left booklet's index is mirrored: headings and entries
     * from the right, the page numbers at the left edge, the first one
     * nearest the entry (read right to left). */
    int dir = story_booklet_dir(s->prog);
    bool rtl = dir < 0;
    const char *sep = !rtl ? SEP
                    : arabic_script(s->prog->language.s) ? SEP_ARABIC : SEP_RTL;
    const char *title = lc->label[kind == INDEX_SPEAKERS ? L_INDEX_SPEAKERS
                                                         : L_INDEX_ORGANISATIONS];
    Span ts = { title, strlen(title), ST_TOC_TITLE, NULL, false, s->prog->loc, NULL };
    ParaSpec pt = { &ts, 1, NULL, s->width, 0, 0, ALIGN_LEFT, true, true };
    para_set_dir(t, a, &pt, l, dir);
    if (kind == INDEX_SPEAKERS) {
        const char *lg = lc->label[L_INDEX_LEGEND];
        Span sl = { lg, strlen(lg), ST_INDEX_MOD, NULL, false, s->prog->loc, NULL };
        ParaSpec pl = { &sl, 1, NULL, s->width, 0, 0, ALIGN_LEFT, true, true };
        para_set_dir(t, a, &pl, l, dir);
    }
    vlist_space(a, l, t->style->text[ST_TOC_TITLE].space_after);
    const char *prev = NULL;
    for (size_t i = 0; i < ix->n; i++) {
        const IndexEntry *e = &ix->e[i];
        const char *h = collate_heading(a, e->text, lc->tag);
        if (!prev || !collate_same_letter(prev, h, lc->tag)) {
            vlist_space(a, l, t->style->text[ST_TOC_DAY].space_before);
            Span sh = { h, strlen(h), ST_TOC_DAY, NULL, false, e->loc, NULL };
            ParaSpec ph = { &sh, 1, NULL, s->width, 0, 0, ALIGN_LEFT, true, true };
            para_set_dir(t, a, &ph, l, dir);
            vlist_space(a, l, t->style->text[ST_TOC_DAY].space_after);
            vlist_penalty(a, l, VLIST_INF);
            prev = h;
        }
        /* Page numbers first: their width sets the name's measure. */
        size_t nn = e->nrefs;
        const char **num = arena_array(a, nn ? nn : 1, sizeof *num);
        double *numw = arena_array(a, nn ? nn : 1, sizeof *numw), total = 0;
        double comma = text_width(t, ST_INDEX_PAGE, sep, strlen(sep));
        for (size_t r = 0; r < nn; r++) {
            num[r] = locale_number(a, lc, e->refs[r].page + 1);
            numw[r] = text_width(t, e->refs[r].mod ? ST_INDEX_MOD : ST_INDEX_PAGE,
                                 num[r], strlen(num[r]));
            total += numw[r] + (r ? comma : 0);
        }
        if (total > s->width * 0.5)
            total = s->width * 0.5;   /* very long lists wrap below */
        size_t before = l->n;
        Span se = { e->text, strlen(e->text), ST_INDEX_ENTRY, NULL, false,
                    e->loc, NULL };
        ParaSpec pe = { &se, 1, NULL, s->width - total - 12, 10, -10,
                        ALIGN_LEFT, true, false };
        if (para_set_dir(t, a, &pe, l, dir) == 0)
            continue;
        /* set from the right, the entry ends short of the right edge by
         * the numbers' room: it moves past them */
        for (size_t j = before; rtl && j < l->n; j++)
            for (size_t m = 0; l->v[j].kind == VBOX && m < l->v[j].nitems; m++)
                l->v[j].items[m].x += total + 12;
        VItem *last = NULL;
        for (size_t j = before; j < l->n; j++)
            if (l->v[j].kind == VBOX)
                last = &l->v[j];
        /* Numbers in reading order, right-aligned in a column of the
         * numbers' width: the first ones on the entry's last line, a list
         * longer than half the line on lines of its own below. */
        VItem *box = last;
        double lh = last->h, ld = last->d;  /* (vlist_box may move last) */
        for (size_t r0 = 0; r0 < nn;) {
            size_t r1 = r0;
            double lw = 0;
            while (r1 < nn) {
                double w = numw[r1] + (r1 + 1 < nn ? comma : 0);
                if (r1 > r0 && lw + w > total + 6)
                    break;
                lw += w;
                r1++;
            }
            if (r0)
                box = vlist_box(a, l, lh, ld);
            double x = s->width;
            for (size_t r = r1; r-- > r0;) {
                double w = numw[r] + (r + 1 < nn ? comma : 0);
                StyleId st = e->refs[r].mod ? ST_INDEX_MOD : ST_INDEX_PAGE;
                /* mirrored: each number and comma where the left-to-right
                 * line has it, seen from the other edge */
                if (r + 1 < nn)
                    text_draw(t, a, box, rtl ? s->width - x : x - comma,
                              ST_INDEX_PAGE, sep, strlen(sep), e->loc);
                x -= w;
                double nx = rtl ? s->width - x - numw[r] : x;
                text_draw(t, a, box, nx, st, num[r], strlen(num[r]), e->loc);
                Item *ln = vbox_add(a, box, ITEM_LINK);
                ln->x = nx;
                ln->y = -box->d;
                ln->w = numw[r];
                ln->h = box->h + box->d;
                ln->u.link.page = offset + e->refs[r].page;
                ln->u.link.top = frame_top;
            }
            r0 = r1;
        }
        vlist_space(a, l, t->style->text[ST_INDEX_ENTRY].space_after);
    }
}
