/* import — format detection, the table of readers and the entry point.
 * See import.h.  The readers (frab_xml.c, json.c) know only the draft
 * (draft.h); this file knows them through the table below. */
#include "import/import.h"
#include "import/draft.h"
#include "import/readers.h"
#include "import/yamlout.h"
#include "import/srcmap.h"
#include "input/loader.h"
#include "input/ytree.h"
#include "base/infile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Detection                                                           */

static const char *skip_ws(const char *p, const char *end)
{
    if (end - p >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
    return p;
}

static bool has(const char *bytes, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++)
        if (bytes[i] == needle[0] && memcmp(bytes + i, needle, n) == 0)
            return true;
    return false;
}

ImportFormat import_detect(const char *bytes, size_t len)
{
    const char *end = bytes + len;
    const char *p = skip_ws(bytes, end);
    if (p < end && *p == '<')
        /* XML: the root element of frab and pentabarf exports */
        return has(bytes, len < 4096 ? len : 4096, "<schedule") ? IMPORT_FRAB_XML
                                                                : IMPORT_NONE;
    if (p >= end || (*p != '{' && *p != '['))
        return IMPORT_NONE;
    /* JSON.  A livret programme has a "programme" key; frab JSON nests a
     * "conference" in "schedule"; a pretalx export carries submissions
     * with "slots" (or "submission_type").  Looking at the bytes is
     * enough to choose, and parsing then reports the real problems. */
    if (has(bytes, len, "\"programme\""))
        return IMPORT_NONE;
    if (has(bytes, len, "\"conference\"") && has(bytes, len, "\"schedule\""))
        return IMPORT_FRAB_JSON;
    if (has(bytes, len, "\"slots\"") || has(bytes, len, "\"submission_type\""))
        return IMPORT_PRETALX;
    return IMPORT_NONE;
}

bool import_format_parse(const char *name, ImportFormat *out)
{
    if (strcmp(name, "frab-xml") == 0 || strcmp(name, "frab") == 0
        || strcmp(name, "pentabarf") == 0)
        *out = IMPORT_FRAB_XML;
    else if (strcmp(name, "frab-json") == 0)
        *out = IMPORT_FRAB_JSON;
    else if (strcmp(name, "pretalx") == 0)
        *out = IMPORT_PRETALX;
    else
        return false;
    return true;
}

const char *import_format_name(ImportFormat f)
{
    switch (f) {
    case IMPORT_FRAB_XML: return "frab-xml";
    case IMPORT_FRAB_JSON: return "frab-json";
    case IMPORT_PRETALX: return "pretalx";
    case IMPORT_NONE: break;
    }
    return "livret";
}

/* ------------------------------------------------------------------ */
/* The readers                                                         */

typedef struct Reader {
    ImportFormat format;
    bool (*read)(ImportDraft *dr, char *bytes, size_t len, Diags *d);
} Reader;

static const Reader readers[] = {
    { IMPORT_FRAB_XML, import_frab_xml },
    { IMPORT_FRAB_JSON, import_frab_json },
    { IMPORT_PRETALX, import_pretalx },
};

static const Reader *reader_for(ImportFormat f)
{
    for (size_t i = 0; i < sizeof readers / sizeof readers[0]; i++)
        if (readers[i].format == f)
            return &readers[i];
    return NULL;
}

char *import_file(Arena *a, const char *path, ImportFormat f, Diags *d,
                  size_t *len, bool *io_error)
{
    InFile in;
    InFileStatus st = infile_read(arena_strdup(a, path), YTREE_MAX_FILE_SIZE,
                                  &in, d);
    *io_error = st == INFILE_IO_ERROR;
    if (st != INFILE_OK)
        return NULL;
    char *yaml = import_bytes(a, in.name, in.bytes, in.len, f, d, len);
    infile_free(&in);
    return yaml;
}

char *import_bytes(Arena *a, const char *name, char *bytes, size_t n,
                   ImportFormat f, Diags *d, size_t *len)
{
    if (f == IMPORT_NONE)
        f = import_detect(bytes, n);
    ImportDraft dr;
    import_draft_init(&dr, a, name);
    size_t errors0 = d->nerrors;
    const Reader *r = reader_for(f);
    bool ok = false;
    if (r) {
        ok = r->read(&dr, bytes, n, d);
    } else {
        diag_error(d, srcloc(dr.file, 0, 0), NULL,
                   "not a schedule this version can import (frab XML, frab "
                   "JSON or pretalx JSON)");
    }
    if (!ok || d->nerrors > errors0)
        return NULL;
    import_finish(&dr, d);
    char *yaml = yamlout_programme(a, &dr.p, name, import_format_name(f), len);
    /* From here on, messages about the YAML (the loader's, and the later
     * stages' about its values) point at the export. */
    const char *yname = arena_printf(a, "%s (imported)", name);
    d->remap = srcmap_remap;
    d->remap_ctx = srcmap_new(a, &dr, yname, yaml, *len);
    /* Check what is written: YAML that `build` would refuse is not
     * handed out.  Its messages are given only when it is refused, since
     * `build` loads it again (and reports its warnings then). */
    Diags check;
    diags_init(&check, NULL);
    check.remap = d->remap;
    check.remap_ctx = d->remap_ctx;
    programme_load_buffer(a, yname, yaml, *len, &check);
    bool refused = check.nerrors > 0;
    for (size_t i = 0; refused && i < check.n; i++) {
        const Diag *g = &check.items[i];
        if (g->level == DIAG_ERROR)
            diag_error(d, g->loc, g->field, "%s", g->message);
        else if (g->level == DIAG_WARNING)
            diag_warn(d, g->loc, g->field, "%s", g->message);
        else
            diag_note(d, g->loc, "%s", g->message);
    }
    diags_fini(&check);
    return refused ? NULL : yaml;
}
