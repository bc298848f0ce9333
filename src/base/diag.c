#include "base/diag.h"
#include "base/xalloc.h"

#include <stdlib.h>
#include <string.h>

void diags_init(Diags *d, FILE *out)
{
    memset(d, 0, sizeof *d);
    d->out = out;
    d->max_errors = 200;
}

void diags_fini(Diags *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free((char *)d->items[i].loc.file);     /* our copy */
        free(d->items[i].field);
        free(d->items[i].message);
    }
    free(d->items);
    memset(d, 0, sizeof *d);
}

static const char *level_name(DiagLevel l)
{
    switch (l) {
    case DIAG_ERROR: return "error";
    case DIAG_WARNING: return "warning";
    case DIAG_NOTE: return "note";
    }
    return "error";
}

void diag_format(const Diag *g, char *buf, size_t size)
{
    char where[1024];
    if (!g->loc.file)
        snprintf(where, sizeof where, "livret");
    else if (g->loc.line <= 0)
        snprintf(where, sizeof where, "%s", g->loc.file);
    else if (g->loc.col <= 0)
        snprintf(where, sizeof where, "%s:%d", g->loc.file, g->loc.line);
    else
        snprintf(where, sizeof where, "%s:%d:%d", g->loc.file, g->loc.line,
                 g->loc.col);
    if (g->field)
        snprintf(buf, size, "%s: %s: %s: %s", where, level_name(g->level),
                 g->field, g->message);
    else
        snprintf(buf, size, "%s: %s: %s", where, level_name(g->level),
                 g->message);
}

void diag_report(Diags *d, DiagLevel level, SrcLoc loc, const char *field,
                 const char *fmt, va_list ap)
{
    if (level == DIAG_ERROR) {
        d->nerrors++;
        if (d->nerrors > d->max_errors) {
            if (d->nerrors == d->max_errors + 1 && d->out)
                fprintf(d->out, "livret: error: too many errors; "
                                "further ones are not shown\n");
            return;
        }
    } else if (level == DIAG_WARNING) {
        d->nwarnings++;
    }
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 16;
        d->items = xreallocarray(d->items, d->cap, sizeof *d->items);
    }
    char fbuf[512];
    if (d->remap)
        field = d->remap(d->remap_ctx, &loc, field, fbuf, sizeof fbuf);
    Diag *g = &d->items[d->n++];
    g->level = level;
    g->loc = loc;
    g->loc.file = loc.file ? xstrdup(loc.file) : NULL;
    g->field = field ? xstrdup(field) : NULL;
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    g->message = xmalloc(n > 0 ? (size_t)n + 1 : 1);
    vsnprintf(g->message, n > 0 ? (size_t)n + 1 : 1, fmt, ap);
    if (d->out) {
        char line[4096];
        diag_format(g, line, sizeof line);
        fprintf(d->out, "%s\n", line);
    }
}

void diag_error(Diags *d, SrcLoc loc, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_report(d, DIAG_ERROR, loc, field, fmt, ap);
    va_end(ap);
}

void diag_warn(Diags *d, SrcLoc loc, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_report(d, DIAG_WARNING, loc, field, fmt, ap);
    va_end(ap);
}

static void report(Diags *d, DiagLevel level, SrcLoc loc, const char *field,
                   const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void report(Diags *d, DiagLevel level, SrcLoc loc, const char *field,
                   const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_report(d, level, loc, field, fmt, ap);
    va_end(ap);
}

void diags_relay(Diags *to, const Diags *from)
{
    for (size_t i = 0; i < from->n; i++) {
        const Diag *g = &from->items[i];
        report(to, g->level, g->loc, g->field, "%s", g->message);
    }
}

void diag_note(Diags *d, SrcLoc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_report(d, DIAG_NOTE, loc, NULL, fmt, ap);
    va_end(ap);
}
