#include "input/style.h"
#include "input/scalar.h"
#include "input/ytree.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define MM (72.0 / 25.4)

static const char *const style_names[NSTYLES] = {
    "body", "summary", "title", "band", "meta-label", "meta", "heading",
    "item", "speaker-name", "speaker-detail", "role", "document", "url",
    "day", "toc-title", "toc-day", "toc-entry", "toc-page", "head", "folio",
    "cover-title", "cover-subtitle", "cover-meta", "index-entry",
    "index-page", "index-mod", "grid-head", "grid-cell", "grid-time",
    "body-bold", "body-italic", "body-bold-italic", "caption",
};

const char *style_name(StyleId id)
{
    return id < NSTYLES ? style_names[id] : "?";
}


static bool is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool has_layouts(const char *dir)
{
    char buf[PATH_MAX];
    return snprintf(buf, sizeof buf, "%s/layouts", dir) < (int)sizeof buf &&
           is_dir(buf);
}

const char *style_datadir(Arena *a)
{
    const char *env = getenv("LIVRET_DATADIR");
    if (env && *env)
        return arena_strdup(a, env);
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            char cand[PATH_MAX + 32];
            snprintf(cand, sizeof cand, "%s/../share/livret", exe);
            if (has_layouts(cand))
                return arena_strdup(a, cand);
            snprintf(cand, sizeof cand, "%s/..", exe);
            if (has_layouts(cand))
                return arena_strdup(a, cand);
        }
    }
    return LIVRET_DATADIR;
}

/* ---------------------------------------------------------------------
 * Typed values
 */

typedef struct Reader {
    Arena *a;
    Diags *d;
    const char *dir;        /* directory of the layout file */
    const char *datadir;
} Reader;

static bool scalar(Reader *r, const YNode *n, const char *field)
{
    if (n->kind == YNODE_SCALAR)
        return true;
    diag_error(r->d, n->loc, field, "expected a value, got a %s",
               ytree_kind_name(n));
    return false;
}

/* The scalar value of key in map, or NULL when absent, null or not a
 * scalar (reported); field receives the key's path for messages. */
static const YNode *value_of(Reader *r, const YNode *map, const char *key,
                             const char *prefix, char *field, size_t size)
{
    const YNode *n = ytree_get(map, key);
    snprintf(field, size, "%s.%s", prefix, key);
    if (!n || ytree_is_null(n) || !scalar(r, n, field))
        return NULL;
    return n;
}

static void get_length(Reader *r, const YNode *map, const char *key,
                       const char *prefix, double *out)
{
    char field[128];
    const YNode *n = value_of(r, map, key, prefix, field, sizeof field);
    if (!n)
        return;
    if (!parse_length(n->str, out))
        diag_error(r->d, n->loc, field,
                   "expected a length such as 12pt, 5mm or 0.5in, got '%s'",
                   n->str);
}

static void get_bool(Reader *r, const YNode *map, const char *key,
                     const char *prefix, bool *out)
{
    char field[128];
    const YNode *n = value_of(r, map, key, prefix, field, sizeof field);
    if (!n)
        return;
    if (!parse_bool(n->str, out))
        diag_error(r->d, n->loc, field, "expected true or false, got '%s'",
                   n->str);
}

static void get_int(Reader *r, const YNode *map, const char *key,
                    const char *prefix, long lo, long hi, int *out)
{
    char field[128];
    const YNode *n = value_of(r, map, key, prefix, field, sizeof field);
    if (!n)
        return;
    long v;
    if (!parse_int(n->str, lo, hi, &v))
        diag_error(r->d, n->loc, field,
                   "expected a whole number from %ld to %ld, got '%s'", lo, hi,
                   n->str);
    else
        *out = (int)v;
}

static void get_color(Reader *r, const YNode *map, const char *key,
                      const char *prefix, Color *out)
{
    char field[128];
    const YNode *n = value_of(r, map, key, prefix, field, sizeof field);
    if (!n)
        return;
    if (!parse_color(n->str, out))
        diag_error(r->d, n->loc, field,
                   "expected #RRGGBB or cmyk(C,M,Y,K), got '%s'", n->str);
}

/* Known keys of a mapping: anything else is a warning, as in programmes. */
static void check_keys(Reader *r, const YNode *map, const char *prefix,
                       const char *const *keys)
{
    if (!map || map->kind != YNODE_MAP)
        return;
    for (size_t i = 0; i < map->npairs; i++) {
        const char *k = map->pairs[i].key->str;
        bool known = false;
        for (const char *const *p = keys; *p; p++)
            if (strcmp(*p, k) == 0)
                known = true;
        if (!known)
            diag_warn(r->d, map->pairs[i].key->loc, prefix, "unknown key '%s'",
                      k);
    }
}

static const YNode *get_map(Reader *r, const YNode *map, const char *key,
                            const char *field)
{
    const YNode *n = ytree_get(map, key);
    if (!n || ytree_is_null(n))
        return NULL;
    if (n->kind != YNODE_MAP) {
        diag_error(r->d, n->loc, field, "expected a mapping, got a %s",
                   ytree_kind_name(n));
        return NULL;
    }
    return n;
}

/* A font file: absolute, relative to the layout file, or in DATADIR/fonts. */
static const char *font_file(Reader *r, const YNode *n, const char *field)
{
    if (!scalar(r, n, field) || n->len == 0) {
        diag_error(r->d, n->loc, field, "expected a font file name");
        return NULL;
    }
    struct stat st;
    if (n->str[0] == '/')
        return arena_strdup(r->a, n->str);
    const char *cand = arena_printf(r->a, "%s/%s", r->dir, n->str);
    if (strchr(n->str, '/') && stat(cand, &st) == 0)
        return cand;
    cand = arena_printf(r->a, "%s/fonts/%s", r->datadir, n->str);
    if (stat(cand, &st) == 0)
        return cand;
    diag_error(r->d, n->loc, field, "font file '%s' not found (looked in %s/fonts)",
               n->str, r->datadir);
    return NULL;
}

static const char *datadir_font(Reader *r, const char *file)
{
    return arena_printf(r->a, "%s/fonts/%s", r->datadir, file);
}

/* A fallback chain with bare file names resolved in DATADIR/fonts (a new
 * array: the built-in chains are static). */
static const char **datadir_chain(Reader *r, const char **chain, int n)
{
    const char **v = arena_array(r->a, n > 0 ? (size_t)n : 1, sizeof *v);
    for (int j = 0; j < n; j++)
        v[j] = strchr(chain[j], '/') ? chain[j] : datadir_font(r, chain[j]);
    return v;
}

/* ---------------------------------------------------------------------
 * Sections of the layout file
 */

static void read_page(Reader *r, Style *s, const YNode *root)
{
    const YNode *page = get_map(r, root, "page", "page");
    if (page) {
        static const char *const keys[] = { "size", "width", "height", NULL };
        check_keys(r, page, "page", keys);
        const YNode *size = ytree_get(page, "size");
        if (size && scalar(r, size, "page.size")) {
            static const struct { const char *name; double w, h; } sizes[] = {
                { "A4", 210 * MM, 297 * MM }, { "A5", 148 * MM, 210 * MM },
                { "A6", 105 * MM, 148 * MM }, { "B5", 176 * MM, 250 * MM },
                { "letter", 612, 792 }, { "half-letter", 396, 612 },
            };
            bool found = false;
            for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++)
                if (strcasecmp(size->str, sizes[i].name) == 0) {
                    s->page_width = sizes[i].w;
                    s->page_height = sizes[i].h;
                    /* US print shops work in inches: 0.125 in of bleed */
                    s->bleed = sizes[i].w == 612 || sizes[i].w == 396 ? 9 : 3 * MM;
                    found = true;
                }
            if (!found)
                diag_error(r->d, size->loc, "page.size",
                           "unknown size '%s' (known: A4, A5, A6, B5, letter, "
                           "half-letter; or give width and height)", size->str);
        }
        get_length(r, page, "width", "page", &s->page_width);
        get_length(r, page, "height", "page", &s->page_height);
    }
    const YNode *m = get_map(r, root, "margins", "margins");
    if (m) {
        static const char *const keys[] = { "top", "bottom", "inner", "outer",
                                            "head", "foot", NULL };
        check_keys(r, m, "margins", keys);
        get_length(r, m, "top", "margins", &s->margin_top);
        get_length(r, m, "bottom", "margins", &s->margin_bottom);
        get_length(r, m, "inner", "margins", &s->margin_inner);
        get_length(r, m, "outer", "margins", &s->margin_outer);
        get_length(r, m, "head", "margins", &s->head_offset);
        get_length(r, m, "foot", "margins", &s->foot_offset);
    }
    if (s->margin_inner + s->margin_outer > s->page_width - 72 ||
        s->margin_top + s->margin_bottom > s->page_height - 72)
        diag_error(r->d, root->loc, "margins",
                   "margins leave less than one inch of text block");
}

static void read_chain(Reader *r, const YNode *fonts, const char *key,
                       const char ***out, int *nout)
{
    const YNode *n = ytree_get(fonts, key);
    char field[64];
    snprintf(field, sizeof field, "fonts.%s", key);
    if (!n || ytree_is_null(n))
        return;
    if (n->kind != YNODE_SEQ) {
        diag_error(r->d, n->loc, field, "expected a list of font files");
        return;
    }
    const char **v = arena_array(r->a, n->nitems ? n->nitems : 1, sizeof *v);
    int k = 0;
    for (size_t i = 0; i < n->nitems && k < 6; i++) {
        const char *f = font_file(r, n->items[i], field);
        if (f)
            v[k++] = f;
    }
    *out = v;
    *nout = k;
}

/* fonts.scripts: { Arab: { serif: FAMILY, sans: FAMILY }, ... }; a value
 * with a slash is a font file (resolved like the faces). */
static void read_scripts(Reader *r, Style *s, const YNode *fonts)
{
    const YNode *m = get_map(r, fonts, "scripts", "fonts.scripts");
    if (!m)
        return;
    for (size_t i = 0; i < m->npairs; i++) {
        const YNode *k = m->pairs[i].key, *v = m->pairs[i].value;
        char field[64];
        snprintf(field, sizeof field, "fonts.scripts.%s", k->str);
        bool tag = strlen(k->str) == 4 && k->str[0] >= 'A' && k->str[0] <= 'Z';
        for (int c = 1; tag && c < 4; c++)
            tag = k->str[c] >= 'a' && k->str[c] <= 'z';
        if (!tag) {
            diag_error(r->d, k->loc, field, "expected an ISO 15924 script "
                       "tag such as Arab, Deva or Hang");
            continue;
        }
        const YNode *fam = v->kind == YNODE_MAP ? v : NULL;
        if (!fam) {
            diag_error(r->d, v->loc, field, "expected { serif: FONT, sans: FONT }");
            continue;
        }
        static const char *const sk[] = { "serif", "sans", NULL };
        check_keys(r, fam, field, sk);
        const char *name[2] = { NULL, NULL };
        for (int f = 0; f < 2; f++) {
            const YNode *n = ytree_get(fam, sk[f]);
            char ff[96];
            snprintf(ff, sizeof ff, "%s.%s", field, sk[f]);
            if (!n || ytree_is_null(n) || !scalar(r, n, ff))
                continue;
            name[f] = strchr(n->str, '/') || strstr(n->str, ".tt") ||
                      strstr(n->str, ".otf") ? font_file(r, n, ff)
                                              : arena_strdup(r->a, n->str);
        }
        if (!name[0] && !name[1])
            continue;
        int j = 0;
        while (j < s->nscripts && strcmp(s->scripts[j].tag, k->str) != 0)
            j++;
        if (j == STYLE_SCRIPT_MAX) {
            diag_error(r->d, k->loc, field, "at most %d scripts", STYLE_SCRIPT_MAX);
            continue;
        }
        if (j == s->nscripts)
            s->nscripts++;
        memcpy(s->scripts[j].tag, k->str, 5);
        s->scripts[j].serif = name[0] ? name[0] : name[1];
        s->scripts[j].sans = name[1] ? name[1] : name[0];
    }
}

static void read_fonts(Reader *r, Style *s, const YNode *root)
{
    const YNode *fonts = get_map(r, root, "fonts", "fonts");
    static const char *const fam[NFAMILIES] = { "serif", "sans", "mono" };
    static const char *const face[NFACES] = { "regular", "bold", "italic",
                                              "bold-italic" };
    /* Resolve the defaults against the data directory first. */
    for (int f = 0; f < NFAMILIES; f++)
        for (int k = 0; k < NFACES; k++)
            if (s->face[f][k] && !strchr(s->face[f][k], '/'))
                s->face[f][k] = datadir_font(r, s->face[f][k]);
    s->fallback = datadir_chain(r, s->fallback, s->nfallback);
    s->fallback_bold = datadir_chain(r, s->fallback_bold, s->nfallback_bold);
    if (!fonts)
        return;
    static const char *const keys[] = { "serif", "sans", "mono", "fallback",
                                        "fallback-bold", "scripts", NULL };
    check_keys(r, fonts, "fonts", keys);
    for (int f = 0; f < NFAMILIES; f++) {
        char field[64];
        snprintf(field, sizeof field, "fonts.%s", fam[f]);
        const YNode *m = get_map(r, fonts, fam[f], field);
        if (!m)
            continue;
        static const char *const fkeys[] = { "regular", "bold", "italic",
                                             "bold-italic", NULL };
        check_keys(r, m, field, fkeys);
        for (int k = 0; k < NFACES; k++) {
            const YNode *n = ytree_get(m, face[k]);
            char ff[96];
            snprintf(ff, sizeof ff, "%s.%s", field, face[k]);
            if (n && !ytree_is_null(n)) {
                const char *p = font_file(r, n, ff);
                if (p)
                    s->face[f][k] = p;
            }
        }
    }
    read_chain(r, fonts, "fallback", &s->fallback, &s->nfallback);
    read_chain(r, fonts, "fallback-bold", &s->fallback_bold, &s->nfallback_bold);
    read_scripts(r, s, fonts);
}

static void read_text_style(Reader *r, TextStyle *t, const YNode *m,
                            const char *field)
{
    static const char *const keys[] = {
        "family", "bold", "italic", "size", "leading", "color", "align",
        "hyphenate", "space-before", "space-after", "indent", NULL };
    check_keys(r, m, field, keys);
    const YNode *fam = ytree_get(m, "family");
    if (fam && scalar(r, fam, field)) {
        if (strcmp(fam->str, "serif") == 0)
            t->family = FAMILY_SERIF;
        else if (strcmp(fam->str, "sans") == 0)
            t->family = FAMILY_SANS;
        else if (strcmp(fam->str, "mono") == 0)
            t->family = FAMILY_MONO;
        else
            diag_error(r->d, fam->loc, field,
                       "family: expected serif, sans or mono, got '%s'",
                       fam->str);
    }
    get_bool(r, m, "bold", field, &t->bold);
    get_bool(r, m, "italic", field, &t->italic);
    get_length(r, m, "size", field, &t->size);
    get_length(r, m, "leading", field, &t->leading);
    get_color(r, m, "color", field, &t->color);
    get_bool(r, m, "hyphenate", field, &t->hyphenate);
    get_length(r, m, "space-before", field, &t->space_before);
    get_length(r, m, "space-after", field, &t->space_after);
    get_length(r, m, "indent", field, &t->indent);
    const YNode *al = ytree_get(m, "align");
    if (al && scalar(r, al, field)) {
        static const char *const names[] = { "justify", "left", "center", "right" };
        bool ok = false;
        for (int i = 0; i < 4; i++)
            if (strcmp(al->str, names[i]) == 0) {
                t->align = (Align)i;
                ok = true;
            }
        if (!ok)
            diag_error(r->d, al->loc, field,
                       "align: expected justify, left, center or right, got '%s'",
                       al->str);
    }
    if (t->size < 4 || t->size > 200)
        diag_error(r->d, m->loc, field, "size %.2fpt is out of range (4-200pt)",
                   t->size);
    if (t->leading < t->size * 0.8)
        diag_error(r->d, m->loc, field,
                   "leading %.2fpt is too small for size %.2fpt", t->leading,
                   t->size);
}

static void read_styles(Reader *r, Style *s, const YNode *root)
{
    const YNode *styles = get_map(r, root, "styles", "styles");
    if (!styles)
        return;
    bool set[NSTYLES] = { false };
    for (size_t i = 0; i < styles->npairs; i++) {
        const YNode *k = styles->pairs[i].key;
        const YNode *v = styles->pairs[i].value;
        int id = -1;
        for (int j = 0; j < NSTYLES; j++)
            if (strcmp(k->str, style_names[j]) == 0)
                id = j;
        char field[64];
        snprintf(field, sizeof field, "styles.%s", k->str);
        if (id < 0) {
            diag_warn(r->d, k->loc, "styles", "unknown style '%s'", k->str);
            continue;
        }
        if (v->kind != YNODE_MAP) {
            diag_error(r->d, v->loc, field, "expected a mapping, got a %s",
                       ytree_kind_name(v));
            continue;
        }
        read_text_style(r, &s->text[id], v, field);
        set[id] = true;
    }
    style_emphasis(s->text, set);
}

/* fields: the session fields this layout shows, e.g. a pocket schedule's
 * [time, venue, speakers]; the title is always there. */
static void read_fields(Reader *r, Style *s, const YNode *root)
{
    static const char *const names[] = {
        "band", "date", "time", "venue", "languages", "registration",
        "capacity", "organizers", "summary", "sections", "speakers",
        "speaker-details", "documents", NULL };
    const YNode *f = ytree_get(root, "fields");
    if (!f || ytree_is_null(f))
        return;
    if (f->kind != YNODE_SEQ) {
        diag_error(r->d, f->loc, "fields", "expected a list of session "
                   "fields, got a %s", ytree_kind_name(f));
        return;
    }
    s->fields = 0;
    for (size_t i = 0; i < f->nitems; i++) {
        const YNode *v = f->items[i];
        int k = -1;
        for (int j = 0; names[j] && v->kind == YNODE_SCALAR; j++)
            if (strcmp(v->str, names[j]) == 0)
                k = j;
        if (k < 0)
            diag_error(r->d, v->loc, "fields", "unknown session field '%s' "
                       "(known: band, date, time, venue, languages, "
                       "registration, capacity, organizers, summary, "
                       "sections, speakers, speaker-details, documents)",
                       v->kind == YNODE_SCALAR ? v->str : "?");
        else
            s->fields |= 1u << k;
    }
}

static void read_options(Reader *r, Style *s, const YNode *root)
{
    const YNode *o = get_map(r, root, "options", "options");
    if (!o)
        return;
    static const char *const keys[] = {
        "session-new-page", "facing", "title-page", "toc", "indexes", "grid",
        "day-tabs",
        "bleed", "crop-marks", "mark-offset", "mark-length", "signature",
        "notes-pages", "creep", "safe-zone", "output-condition",
        "session-gap", "band-height",
        "rule-width", "band-color", "rule-color", "widows", "orphans",
        "list-indent", "speaker-indent", "meta-inline", NULL };
    check_keys(r, o, "options", keys);
    const YNode *snp = ytree_get(o, "session-new-page");
    if (snp && snp->kind == YNODE_SCALAR && strcmp(snp->str, "auto") == 0) {
        s->session_new_page = false;
        s->session_new_page_auto = true;
    } else {
        get_bool(r, o, "session-new-page", "options", &s->session_new_page);
        if (snp)
            s->session_new_page_auto = false;
    }
    get_bool(r, o, "meta-inline", "options", &s->meta_inline);
    get_bool(r, o, "facing", "options", &s->facing);
    get_bool(r, o, "title-page", "options", &s->title_page);
    get_bool(r, o, "toc", "options", &s->toc);
    get_bool(r, o, "indexes", "options", &s->indexes);
    get_bool(r, o, "grid", "options", &s->grid);
    get_bool(r, o, "day-tabs", "options", &s->day_tabs);
    get_length(r, o, "bleed", "options", &s->bleed);
    get_bool(r, o, "crop-marks", "options", &s->crop_marks);
    get_length(r, o, "mark-offset", "options", &s->mark_offset);
    get_length(r, o, "mark-length", "options", &s->mark_length);
    get_int(r, o, "signature", "options", 1, 64, &s->signature);
    get_bool(r, o, "notes-pages", "options", &s->notes_pages);
    get_length(r, o, "creep", "options", &s->creep);
    get_length(r, o, "safe-zone", "options", &s->safe_zone);
    const YNode *oc = ytree_get(o, "output-condition");
    if (oc && oc->kind == YNODE_SCALAR && oc->len)
        s->output_condition = oc->str;
    get_length(r, o, "session-gap", "options", &s->session_gap);
    get_length(r, o, "band-height", "options", &s->band_height);
    get_length(r, o, "rule-width", "options", &s->rule_width);
    get_color(r, o, "band-color", "options", &s->band_color);
    get_color(r, o, "rule-color", "options", &s->rule_color);
    get_int(r, o, "widows", "options", 1, 5, &s->widows);
    get_int(r, o, "orphans", "options", 1, 5, &s->orphans);
    get_length(r, o, "list-indent", "options", &s->list_indent);
    get_length(r, o, "speaker-indent", "options", &s->speaker_indent);
}

/* A non-negative number (ratios, fractions of a space). */
/* A number from 0 to hi; with percent, "2%" is also read (as 0.02) and
 * messages speak in percent. */
static void read_number(Reader *r, const YNode *map, const char *key,
                        const char *prefix, double hi, bool percent,
                        double *out)
{
    char field[128];
    const YNode *n = value_of(r, map, key, prefix, field, sizeof field);
    if (!n)
        return;
    char *end;
    double v = strtod(n->str, &end);
    if (percent && end != n->str && *end == '%' && end[1] == '\0') {
        v /= 100;
        end++;
    }
    if (end == n->str || *end || !(v >= 0 && v <= hi))
        diag_error(r->d, n->loc, field,
                   percent ? "expected a percentage from 0%% to %g%%, got '%s'"
                           : "expected a number from 0 to %g, got '%s'",
                   percent ? hi * 100 : hi, n->str);
    else
        *out = v;
}

static void get_number(Reader *r, const YNode *map, const char *key,
                       const char *prefix, double hi, double *out)
{
    read_number(r, map, key, prefix, hi, false, out);
}

/* A fraction written as a percentage ("2%") or a number (0.02). */
static void get_percent(Reader *r, const YNode *map, const char *key,
                        const char *prefix, double hi, double *out)
{
    read_number(r, map, key, prefix, hi, true, out);
}

/* The `typography:` block (issue #3; see docs/layouts.md). */
static void read_typography(Reader *r, Style *s, const YNode *root)
{
    const YNode *o = get_map(r, root, "typography", "typography");
    if (!o)
        return;
    static const char *const keys[] = {
        "line-breaking", "ragged-right", "ragged-below", "ragged-stretch",
        "pretolerance", "tolerance", "emergency-stretch", "line-penalty",
        "hyphen-penalty", "double-hyphen-demerits", "final-hyphen-demerits",
        "adj-demerits", "hyphen-ladder-demerits", "expansion", "letter-spacing", "protrusion",
        "space-stretch", "space-shrink", "kerning",
        "marks", "french-spacing", "french-insert", "guillemet-space",
        "smart-quotes", "dashes",
        "hyphen-min", NULL };
    const char *P = "typography";
    check_keys(r, o, P, keys);
    const YNode *lb = ytree_get(o, "line-breaking");
    if (lb && !ytree_is_null(lb) && scalar(r, lb, "typography.line-breaking")) {
        if (strcmp(lb->str, "first-fit") == 0)
            s->typo.first_fit = true;
        else if (strcmp(lb->str, "knuth-plass") == 0)
            s->typo.first_fit = false;
        else
            diag_error(r->d, lb->loc, "typography.line-breaking",
                       "expected knuth-plass or first-fit, got '%s'", lb->str);
    }
    get_bool(r, o, "ragged-right", P, &s->typo.ragged);
    get_length(r, o, "ragged-below", P, &s->typo.ragged_below);
    get_length(r, o, "ragged-stretch", P, &s->typo.ragged_stretch);
    get_number(r, o, "pretolerance", P, 100, &s->typo.pretolerance);
    get_number(r, o, "tolerance", P, 100, &s->typo.tolerance);
    get_length(r, o, "emergency-stretch", P, &s->typo.emergency_stretch);
    get_int(r, o, "line-penalty", P, 0, 10000, &s->typo.line_penalty);
    get_int(r, o, "hyphen-penalty", P, 0, 10000, &s->typo.hyphen_penalty);
    get_int(r, o, "double-hyphen-demerits", P, 0, 1000000,
            &s->typo.double_hyphen_demerits);
    get_int(r, o, "final-hyphen-demerits", P, 0, 1000000,
            &s->typo.final_hyphen_demerits);
    get_int(r, o, "adj-demerits", P, 0, 1000000, &s->typo.adj_demerits);
    get_int(r, o, "hyphen-ladder-demerits", P, 0, 100000000,
            &s->typo.hyphen_ladder_demerits);
    get_percent(r, o, "expansion", P, 0.05, &s->typo.expansion);
    get_percent(r, o, "letter-spacing", P, 0.05, &s->typo.tracking);
    get_bool(r, o, "protrusion", P, &s->typo.protrusion);
    get_number(r, o, "space-stretch", P, 10, &s->typo.space_stretch);
    get_number(r, o, "space-shrink", P, 0.9, &s->typo.space_shrink);
    get_bool(r, o, "kerning", P, &s->typo.kerning);
    const YNode *mk = ytree_get(o, "marks");
    if (mk && !ytree_is_null(mk) && scalar(r, mk, "typography.marks")) {
        if (strcmp(mk->str, "as-written") == 0) {
            s->typo.french_spacing = s->typo.french_insert = false;
            s->typo.smart_quotes = s->typo.dashes = false;
        } else if (strcmp(mk->str, "language") != 0) {
            diag_error(r->d, mk->loc, "typography.marks",
                       "expected language (the language's quotes, apostrophes "
                       "and spaces) or as-written, got '%s'", mk->str);
        }
    }
    get_bool(r, o, "french-spacing", P, &s->typo.french_spacing);
    get_bool(r, o, "dashes", P, &s->typo.dashes);
    get_bool(r, o, "french-insert", P, &s->typo.french_insert);
    get_bool(r, o, "smart-quotes", P, &s->typo.smart_quotes);
    const YNode *gs = ytree_get(o, "guillemet-space");
    if (gs && !ytree_is_null(gs) && scalar(r, gs, "typography.guillemet-space")) {
        if (strcmp(gs->str, "narrow") == 0)
            s->typo.guillemet_narrow = true;
        else if (strcmp(gs->str, "normal") == 0)
            s->typo.guillemet_narrow = false;
        else
            diag_error(r->d, gs->loc, "typography.guillemet-space",
                       "expected narrow (U+202F) or normal (U+00A0), got '%s'",
                       gs->str);
    }
    const YNode *hm = get_map(r, o, "hyphen-min", "typography.hyphen-min");
    for (size_t i = 0; hm && i < hm->npairs; i++) {
        const YNode *k = hm->pairs[i].key, *v = hm->pairs[i].value;
        char field[64];
        snprintf(field, sizeof field, "typography.hyphen-min.%s", k->str);
        long a, b;
        if (v->kind != YNODE_SEQ || v->nitems != 2 ||
            v->items[0]->kind != YNODE_SCALAR ||
            v->items[1]->kind != YNODE_SCALAR ||
            !parse_int(v->items[0]->str, 1, 10, &a) ||
            !parse_int(v->items[1]->str, 1, 10, &b) || k->len >= 8) {
            diag_error(r->d, v->loc, field,
                       "expected [LEFT, RIGHT], two whole numbers from 1 to 10");
            continue;
        }
        int slot = -1;
        for (int j = 0; j < s->typo.nhyphen_min; j++)
            if (strcmp(s->typo.hyphen_min[j].lang, k->str) == 0)
                slot = j;
        if (slot < 0) {
            if (s->typo.nhyphen_min == 12) {
                diag_error(r->d, k->loc, field, "at most 12 languages");
                continue;
            }
            slot = s->typo.nhyphen_min++;
            snprintf(s->typo.hyphen_min[slot].lang, 8, "%s", k->str);
        }
        s->typo.hyphen_min[slot].left = (int)a;
        s->typo.hyphen_min[slot].right = (int)b;
    }
}

/* ---------------------------------------------------------------------
 * Loading
 */

static const char *layout_path(Arena *a, const char *datadir,
                               const char *name_or_file)
{
    size_t n = strlen(name_or_file);
    if (strchr(name_or_file, '/') ||
        (n > 5 && strcmp(name_or_file + n - 5, ".yaml") == 0))
        return arena_strdup(a, name_or_file);
    return arena_printf(a, "%s/layouts/%s.yaml", datadir, name_or_file);
}

static bool load_into(Arena *a, Style *s, const char *path, Diags *d,
                      int depth)
{
    YNode *root = ytree_load_file(a, a, path, d);
    if (!root)
        return false;
    Reader r = { a, d, ".", s->datadir };
    const char *slash = strrchr(path, '/');
    if (slash)
        r.dir = arena_strndup(a, path, (size_t)(slash - path));
    if (root->kind != YNODE_MAP) {
        diag_error(d, root->loc, NULL, "a layout file is a mapping, got a %s",
                   ytree_kind_name(root));
        return false;
    }
    static const char *const keys[] = { "name", "description", "inherit",
                                        "page", "margins", "fonts", "styles",
                                        "options", "typography", "fields",
                                        NULL };
    check_keys(&r, root, NULL, keys);
    const YNode *inh = ytree_get(root, "inherit");
    if (inh && !ytree_is_null(inh) && scalar(&r, inh, "inherit")) {
        if (depth >= 4) {
            diag_error(d, inh->loc, "inherit", "layouts inherit too deeply");
            return false;
        }
        const char *p = layout_path(a, s->datadir, inh->str);
        if (!load_into(a, s, p, d, depth + 1))
            return false;
    }
    const YNode *name = ytree_get(root, "name");
    if (name && name->kind == YNODE_SCALAR)
        s->name = name->str;
    s->path = path;
    size_t before = d->nerrors;
    read_page(&r, s, root);
    read_fonts(&r, s, root);
    read_styles(&r, s, root);
    read_options(&r, s, root);
    read_typography(&r, s, root);
    read_fields(&r, s, root);
    return d->nerrors == before;
}

const Style *style_load(Arena *a, const char *name_or_file, Diags *d)
{
    Style *s = arena_alloc(a, sizeof *s);
    style_defaults(s);
    s->datadir = style_datadir(a);
    const char *path = layout_path(a, s->datadir, name_or_file ? name_or_file
                                                               : "a5-booklet");
    struct stat st;
    if (stat(path, &st) != 0) {
        diag_error(d, srcloc(path, 0, 0), "--layout",
                   "layout not found (built-in layouts are in %s/layouts)",
                   s->datadir);
        return NULL;
    }
    if (!load_into(a, s, path, d, 0))
        return NULL;
    return s;
}
