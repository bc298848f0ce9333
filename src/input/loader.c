/* loader — see loader.h.  This file reads the structure (top level,
 * tracks, the session list and its includes) and checks what spans records:
 * unique track and session ids, track references, session dates against
 * the programme's.  schema.c reads each record. */
#include "input/loader.h"
#include "input/schema.h"
#include "base/infile.h"
#include "input/pages.h"
#include "base/xalloc.h"
#include "input/ytree.h"

#include <errno.h>
#include <glob.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <utf8proc.h>

#define MAX_TRACKS_LISTED 10

/* ------------------------------------------------------------------ */
/* A set of ids (open addressing), for uniqueness and track lookup      */

typedef struct IdSlot {
    const char *key;    /* NULL: empty */
    size_t index;
} IdSlot;

typedef struct IdSet {
    IdSlot *v;
    size_t cap, n;      /* cap: a power of two */
} IdSet;

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603u;     /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static IdSlot *idset_slot(const IdSet *set, const char *key)
{
    size_t mask = set->cap - 1, i = (size_t)hash_str(key) & mask;
    while (set->v[i].key && strcmp(set->v[i].key, key) != 0)
        i = (i + 1) & mask;
    return &set->v[i];
}

static void idset_grow(IdSet *set)
{
    IdSet bigger = { xcalloc(set->cap ? set->cap * 2 : 64,
                             sizeof *set->v), set->cap ? set->cap * 2 : 64,
                     set->n };
    for (size_t i = 0; i < set->cap; i++)
        if (set->v[i].key)
            *idset_slot(&bigger, set->v[i].key) = set->v[i];
    free(set->v);
    *set = bigger;
}

/* The index stored for key, or SIZE_MAX after storing index for it. */
static size_t idset_put(IdSet *set, const char *key, size_t index)
{
    if (2 * (set->n + 1) > set->cap)
        idset_grow(set);
    IdSlot *s = idset_slot(set, key);
    if (s->key)
        return s->index;
    s->key = key;
    s->index = index;
    set->n++;
    return SIZE_MAX;
}

static size_t idset_get(const IdSet *set, const char *key)
{
    if (!set->cap)
        return SIZE_MAX;
    const IdSlot *s = idset_slot(set, key);
    return s->key ? s->index : SIZE_MAX;
}

/* ------------------------------------------------------------------ */
/* Loading state                                                       */

typedef struct Loader {
    Arena *a;
    Diags *d;
    Programme *p;
    IdSet tracks;
    IdSet session_ids;
    Session *sessions;      /* heap while growing; copied to the arena */
    size_t nsessions, cap;
    char *open[LOADER_MAX_INCLUDE_DEPTH + 1];   /* real paths being read */
    size_t nopen;
    size_t depth;           /* of includes: 0 in the main file */
    uintmax_t input_size;   /* bytes of every file read so far */
    InputFile *inputs;      /* heap while growing; copied to the arena */
    size_t ninputs, inputs_cap;
} Loader;

/* Remember a regular file read, so that no output overwrites it. */
static void add_input(Loader *ld, const char *name, FileId id)
{
    if (!id.dev && !id.ino)
        return;
    if (ld->ninputs == ld->inputs_cap) {
        ld->inputs_cap = ld->inputs_cap ? 2 * ld->inputs_cap : 8;
        ld->inputs = xreallocarray(ld->inputs, ld->inputs_cap,
                                   sizeof *ld->inputs);
    }
    ld->inputs[ld->ninputs].name = name;
    ld->inputs[ld->ninputs++].id = id;
}

static SchemaCtx top_ctx(const Loader *ld)
{
    SchemaCtx c = { ld->a, ld->d, "", NULL };
    return c;
}

/* ------------------------------------------------------------------ */
/* Tracks                                                              */

static void read_tracks(Loader *ld, const YNode *list)
{
    Programme *p = ld->p;
    SchemaCtx top = top_ctx(ld);
    if (list->kind != YNODE_SEQ) {
        schema_error(&top, list->loc, "tracks", "expected a list, got %s",
                     schema_kind(list));
        return;
    }
    p->tracks = arena_array(ld->a, list->nitems, sizeof *p->tracks);
    for (size_t i = 0; i < list->nitems; i++) {
        char path[SCHEMA_PATH_SIZE];
        SchemaCtx c = schema_sub(&top, "tracks", i, path, sizeof path);
        if (!schema_is_map(&c, list->items[i], NULL))
            continue;
        Track *t = &p->tracks[p->ntracks];
        schema_track(&c, list->items[i], t);
        if (!t->id.s)
            continue;
        size_t first = idset_put(&ld->tracks, t->id.s, p->ntracks);
        if (first != SIZE_MAX) {
            schema_error(&c, t->id.loc, "id", "duplicate track id '%s'",
                         t->id.s);
            diag_note(ld->d, p->tracks[first].id.loc, "first defined here");
        }
        p->ntracks++;
    }
}

/* "unknown track 'x' (known: a, b, c)", the list cut when long. */
static void unknown_track(Loader *ld, const SchemaCtx *c, const Str *id)
{
    const Programme *p = ld->p;
    if (p->ntracks == 0) {
        schema_error(c, id->loc, "track", "unknown track '%s' (the programme "
                     "defines no tracks)", id->s);
        return;
    }
    size_t len = 0, shown = 0, distinct = ld->tracks.n;
    for (size_t i = 0; i < p->ntracks; i++)
        len += p->tracks[i].id.len + 2;
    char *known = xmalloc(len + 32);
    size_t o = 0;
    for (size_t i = 0; i < p->ntracks && shown < MAX_TRACKS_LISTED; i++) {
        if (idset_get(&ld->tracks, p->tracks[i].id.s) != i)
            continue;   /* a duplicate, reported already */
        o += (size_t)sprintf(known + o, "%s%s", shown++ ? ", " : "",
                             p->tracks[i].id.s);
    }
    if (shown < distinct)
        sprintf(known + o, ", ... %zu in all", distinct);
    schema_error(c, id->loc, "track", "unknown track '%s' (known: %s)",
                 id->s, known);
    free(known);
}

/* ------------------------------------------------------------------ */
/* Sessions                                                            */

static void check_session(Loader *ld, const SchemaCtx *c, Session *s)
{
    const Programme *p = ld->p;
    if (s->track_id.s) {
        size_t t = idset_get(&ld->tracks, s->track_id.s);
        if (t == SIZE_MAX)
            unknown_track(ld, c, &s->track_id);
        else
            s->track = &p->tracks[t];
    }
    if (s->date.y && p->from.y && p->to.y) {
        Date d = s->date, f = p->from, t = p->to;
        long dv = d.y * 10000L + d.m * 100 + d.d;
        if (dv < f.y * 10000L + f.m * 100 + f.d
            || dv > t.y * 10000L + t.m * 100 + t.d)
            schema_warn(c, s->date_loc, "date", "%04d-%02d-%02d is outside "
                        "the programme dates (%04d-%02d-%02d to "
                        "%04d-%02d-%02d)", d.y, d.m, d.d, f.y, f.m, f.d,
                        t.y, t.m, t.d);
    }
    if (s->id.s) {
        size_t first = idset_put(&ld->session_ids, s->id.s, s->index);
        if (first != SIZE_MAX) {
            SchemaCtx noid = *c;
            noid.sid = NULL;
            schema_error(&noid, s->id.loc, "id", "duplicate session id '%s'",
                         s->id.s);
            diag_note(ld->d, ld->sessions[first].id.loc,
                      "first defined here");
        }
    }
}

/* One session mapping at path (e.g. "sessions[3]"). */
static void add_session(Loader *ld, const YNode *map, const char *path)
{
    SchemaCtx c = top_ctx(ld);
    c.path = path;
    if (!schema_is_map(&c, map, NULL))
        return;
    if (ld->nsessions == ld->cap) {
        ld->cap = ld->cap ? ld->cap * 2 : 64;
        ld->sessions = xreallocarray(ld->sessions, ld->cap,
                                     sizeof *ld->sessions);
    }
    Session *s = &ld->sessions[ld->nsessions];
    memset(s, 0, sizeof *s);
    s->index = ld->nsessions++;
    schema_session(&c, map, s);
    check_session(ld, &c, s);
}

/* ------------------------------------------------------------------ */
/* Includes                                                            */

static void read_entries(Loader *ld, const YNode *list, const char *dir);
static void read_entry(Loader *ld, const YNode *item, const char *path,
                       const char *dir);

static bool has_glob_chars(const char *s)
{
    return strpbrk(s, "*?[") != NULL;
}

/* The directory part of path ("a/b.yaml" → "a"), NULL for none. */
static char *dir_of(Arena *a, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return NULL;
    return arena_strndup(a, path, slash == path ? 1 : (size_t)(slash - path));
}

/* dir/name (heap), with dir's glob characters escaped when for_glob so
 * that only the include's own pattern matches. */
static char *join_path(const char *dir, const char *name, bool for_glob)
{
    if (!dir || name[0] == '/')
        return xstrdup(name);
    size_t n = strlen(dir), m = strlen(name);
    char *out = xmalloc(2 * n + m + 2), *o = out;
    for (const char *p = dir; *p; p++) {
        if (for_glob && strchr("*?[\\", *p))
            *o++ = '\\';
        *o++ = *p;
    }
    if (o > out && o[-1] != '/')
        *o++ = '/';
    memcpy(o, name, m + 1);
    return out;
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Files a glob pattern names, in byte order (glob(3) sorts by locale).
 * Returns the count; *out is a heap array of heap strings (caller frees
 * both); reports at the pattern and returns 0 when nothing matches. */
static size_t glob_files(const SchemaCtx *c, const Str *pat, const char *dir,
                         char ***out)
{
    char *pattern = join_path(dir, pat->s, true);
    glob_t g;
    memset(&g, 0, sizeof g);
    int r = glob(pattern, GLOB_NOSORT, NULL, &g);
    free(pattern);
    *out = NULL;
    if (r != 0 || g.gl_pathc == 0) {
        char *shown = join_path(dir, pat->s, false);
        if (r == GLOB_NOMATCH || r == 0)
            schema_error(c, pat->loc, "include", "no file matches '%s'",
                         shown);
        else
            schema_error(c, pat->loc, "include", "cannot read '%s': %s",
                         shown, r == GLOB_NOSPACE ? "out of memory"
                                                  : "read error");
        free(shown);
        globfree(&g);
        return 0;
    }
    size_t n = g.gl_pathc;
    *out = xmalloc(n * sizeof **out);
    for (size_t i = 0; i < n; i++)
        (*out)[i] = xstrdup(g.gl_pathv[i]);
    globfree(&g);
    qsort(*out, n, sizeof **out, cmp_str);
    return n;
}

/* True when file can be included from where c points: it exists, is not
 * a directory, is not already being read. *real gets its real path. */
static bool can_include(Loader *ld, const SchemaCtx *c, const Str *at,
                        const char *file, char **real)
{
    struct stat st;
    *real = NULL;
    if (stat(file, &st) != 0) {
        schema_error(c, at->loc, "include", "cannot read '%s': %s", file,
                     strerror(errno));
        return false;
    }
    if (S_ISDIR(st.st_mode)) {
        schema_error(c, at->loc, "include", "'%s' is a directory", file);
        return false;
    }
    *real = realpath(file, NULL);
    if (!*real) {
        schema_error(c, at->loc, "include", "cannot read '%s': %s", file,
                     strerror(errno));
        return false;
    }
    for (size_t i = 0; i < ld->nopen; i++)
        if (strcmp(ld->open[i], *real) == 0) {
            schema_error(c, at->loc, "include", "include cycle: '%s' is "
                         "already being read", file);
            free(*real);
            *real = NULL;
            return false;
        }
    if (ld->depth >= LOADER_MAX_INCLUDE_DEPTH) {
        schema_error(c, at->loc, "include", "includes nested deeper than %d "
                     "levels", LOADER_MAX_INCLUDE_DEPTH);
        free(*real);
        *real = NULL;
        return false;
    }
    /* The per-file limit (ytree) does not bound many includes, or one file
     * included a thousand times: count them all. */
    if (S_ISREG(st.st_mode)) {
        if ((uintmax_t)st.st_size > LOADER_MAX_INPUT_SIZE - ld->input_size) {
            schema_error(c, at->loc, "include", "'%s' (%jd bytes) would bring "
                         "the programme and its includes over %u MiB", file,
                         (intmax_t)st.st_size,
                         LOADER_MAX_INPUT_SIZE / (1024 * 1024));
            free(*real);
            *real = NULL;
            return false;
        }
        ld->input_size += (uintmax_t)st.st_size;
        FileId id = { (unsigned long long)st.st_dev,
                      (unsigned long long)st.st_ino };
        add_input(ld, arena_strdup(ld->a, file), id);
    }
    return true;
}

/* Reads one included file: a session mapping (named "session" in
 * messages) or a list of them (named "sessions[i]", i its place in that
 * file's list). */
static void include_file(Loader *ld, const SchemaCtx *c, const Str *at,
                         const char *path)
{
    char *real;
    if (!can_include(ld, c, at, path, &real))
        return;
    ld->open[ld->nopen++] = real;
    ld->depth++;
    Arena nodes;        /* the file's tree, freed once its sessions are read */
    arena_init(&nodes);
    const YNode *root = ytree_load_file(&nodes, ld->a, path, ld->d);
    const char *file = root ? root->loc.file : NULL;
    char *dir = file ? dir_of(ld->a, file) : NULL;
    if (root && root->kind == YNODE_SEQ)
        read_entries(ld, root, dir);
    else if (root && root->kind == YNODE_MAP)
        read_entry(ld, root, "session", dir);
    else if (root)
        diag_error(ld->d, root->loc, NULL, "expected a session (a mapping) "
                   "or a list of sessions, got %s", schema_kind(root));
    arena_free(&nodes);
    free(ld->open[--ld->nopen]);
    ld->depth--;
}

static void read_include(Loader *ld, const YNode *map, const char *path,
                         const char *dir)
{
    static const char *const include_keys[] = { "include", NULL };
    SchemaCtx c = top_ctx(ld);
    c.path = path;
    schema_check_keys(&c, map, include_keys);
    Str pat;
    if (!schema_text(&c, map, "include", true, &pat))
        return;
    if (!has_glob_chars(pat.s)) {
        char *file = join_path(dir, pat.s, false);
        include_file(ld, &c, &pat, arena_strdup(ld->a, file));
        free(file);
        return;
    }
    char **files;
    size_t n = glob_files(&c, &pat, dir, &files);
    for (size_t i = 0; i < n; i++) {
        include_file(ld, &c, &pat, arena_strdup(ld->a, files[i]));
        free(files[i]);
    }
    free(files);
}

static void read_entry(Loader *ld, const YNode *item, const char *path,
                       const char *dir)
{
    if (item->kind == YNODE_MAP && ytree_get(item, "include"))
        read_include(ld, item, path, dir);
    else
        add_session(ld, item, path);
}

static void read_entries(Loader *ld, const YNode *list, const char *dir)
{
    for (size_t i = 0; i < list->nitems; i++) {
        char path[SCHEMA_PATH_SIZE];
        snprintf(path, sizeof path, "sessions[%zu]", i);
        read_entry(ld, list->items[i], path, dir);
    }
}

/* ------------------------------------------------------------------ */
/* The whole programme                                                 */

static void read_top(Loader *ld, const YNode *root, const char *dir)
{
    static const char *const top_keys[] = {
        "programme", "tracks", "sessions", "pages", NULL
    };
    SchemaCtx c = top_ctx(ld);
    if (root->kind != YNODE_MAP) {
        diag_error(ld->d, root->loc, NULL, "expected a mapping with "
                   "programme and sessions, got %s", schema_kind(root));
        return;
    }
    schema_check_keys(&c, root, top_keys);
    const YNode *prog = ytree_get(root, "programme");
    if (!prog || ytree_is_null(prog)) {
        schema_error(&c, root->loc, "programme", "missing");
    } else if (schema_is_map(&c, prog, "programme")) {
        char path[SCHEMA_PATH_SIZE];
        SchemaCtx pc = schema_sub(&c, "programme", SIZE_MAX, path,
                                  sizeof path);
        schema_programme(&pc, prog, ld->p);
        const YNode *cover = ytree_get(prog, "cover");
        if (cover && !ytree_is_null(cover))
            schema_cover(&pc, cover, ld->p);
    }
    const YNode *tracks = ytree_get(root, "tracks");
    if (tracks && !ytree_is_null(tracks))
        read_tracks(ld, tracks);
    const YNode *pages = ytree_get(root, "pages");
    if (pages && !ytree_is_null(pages))
        schema_pages(&c, pages, ld->p);
    const YNode *sessions = ytree_get(root, "sessions");
    if (!sessions || ytree_is_null(sessions))
        schema_error(&c, root->loc, "sessions", "missing");
    else if (sessions->kind != YNODE_SEQ)
        schema_error(&c, sessions->loc, "sessions", "expected a list, got %s",
                     schema_kind(sessions));
    else
        read_entries(ld, sessions, dir);
}

/* real: the main file's real path (heap, taken over), or NULL; id: the
 * file read (or imported from), {0, 0} for none. */
static const Programme *load(Arena *a, const char *name, const YNode *root,
                             char *real, FileId id, size_t size, Diags *d,
                             size_t errors0)
{
    Programme *p = arena_alloc(a, sizeof *p);
    p->path = arena_strdup(a, name);
    Loader ld;
    memset(&ld, 0, sizeof ld);
    ld.a = a;
    ld.d = d;
    ld.p = p;
    ld.input_size = size;
    if (real)
        ld.open[ld.nopen++] = real;
    add_input(&ld, p->path, id);
    const char *dir = real ? dir_of(a, name) : NULL;
    read_top(&ld, root, dir);
    p->inputs = arena_array(a, ld.ninputs, sizeof *p->inputs);
    if (ld.ninputs)
        memcpy(p->inputs, ld.inputs, ld.ninputs * sizeof *p->inputs);
    p->ninputs = ld.ninputs;
    free(ld.inputs);
    p->sessions = arena_array(a, ld.nsessions, sizeof *p->sessions);
    if (ld.nsessions)
        memcpy(p->sessions, ld.sessions, ld.nsessions * sizeof *p->sessions);
    p->nsessions = ld.nsessions;
    free(ld.sessions);
    free(ld.tracks.v);
    free(ld.session_ids.v);
    while (ld.nopen)
        free(ld.open[--ld.nopen]);
    return d->nerrors > errors0 ? NULL : p;
}

const Programme *programme_load(Arena *a, const char *path, Diags *d)
{
    InFile f;
    if (infile_read(arena_strdup(a, path), LOADER_MAX_INPUT_SIZE, &f, d)
        != INFILE_OK)
        return NULL;
    return programme_load_infile(a, &f, true, d);
}

/* The tree is read into an arena of its own and freed once the Programme
 * is built: the model keeps the values' text (in a, ytree.h) and their
 * locations, never a node.  The file's bytes, when taken, go as soon as
 * the tree is built (docs/performance.md, Loading). */
const Programme *programme_load_infile(Arena *a, InFile *f, bool take,
                                       Diags *d)
{
    size_t errors0 = d->nerrors;
    Arena nodes;
    arena_init(&nodes);
    const YNode *root = ytree_load_buffer(&nodes, a, f->name, f->bytes,
                                          f->len, d);
    InFile read = *f;       /* its path, identity and size */
    read.bytes = NULL;
    if (take)
        infile_free(f);
    const Programme *p = NULL;
    /* A file is known by its real path, for include cycles and relative
     * includes; standard input (and an import) by neither. */
    char *real = NULL;
    if (root && read.path && !(real = realpath(read.path, NULL)))
        diag_error(d, srcloc(root->loc.file, 0, 0), NULL,
                   "cannot resolve the path: %s", strerror(errno));
    else if (root)
        p = load(a, root->loc.file, root, real, read.id, read.len, d,
                 errors0);
    arena_free(&nodes);
    return p;
}

const Programme *programme_load_buffer(Arena *a, const char *name,
                                       const char *bytes, size_t len,
                                       Diags *d)
{
    InFile f = { NULL, name, (char *)bytes, len, { 0, 0 } };
    return programme_load_infile(a, &f, false, d);
}

/* ------------------------------------------------------------------ */
/* Roles                                                               */

/* Role words for the moderator or chair, folded: lower case, no accents. */
static const char *const moderator_words[] = {
    "moderator", "moderatrice", "moderateur", "moderador", "moderadora",
    "moderatorin", "chair", "chairperson", "chairman", "chairwoman", NULL
};

bool speaker_is_moderator(const Speaker *s)
{
    if (!s || !s->role.s)
        return false;
    utf8proc_uint8_t *folded = NULL;
    utf8proc_ssize_t n = utf8proc_map(
        (const utf8proc_uint8_t *)s->role.s, (utf8proc_ssize_t)s->role.len,
        &folded, UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK
                 | UTF8PROC_STABLE);
    if (n < 0)
        return false;
    const char *f = (const char *)folded;
    while (*f == ' ')
        f++;
    size_t len = strlen(f);
    while (len && f[len - 1] == ' ')
        len--;
    bool found = false;
    for (size_t i = 0; moderator_words[i] && !found; i++)
        found = strlen(moderator_words[i]) == len
                && memcmp(moderator_words[i], f, len) == 0;
    free(folded);
    return found;
}
