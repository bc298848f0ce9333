/* import_frab — frab / Pentabarf schedule.xml (read with libxml2).
 *
 *   schedule
 *     conference: title subtitle venue city start end time_zone_name
 *     tracks/track (FOSDEM; optional color attribute)
 *     day[@date]/room[@name]/event[@id]: date start duration room title
 *       subtitle track type language abstract description
 *       persons/person  links/link[@href]  attachments/attachment[@href]
 *
 * Diagnostics name elements by XPath-like paths with 1-based indices
 * (/schedule/day[1]/room[2]/event[3]/title).  libxml2 gives element lines
 * but no columns: the column is where "<name" starts on that line.
 */
#include "import/readers.h"
#include "input/scalar.h"

#include "import/markup.h"
#include "base/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

typedef struct Frab {
    ImportDraft *dr;
    Diags *d;
    const char *bytes;
    size_t len;
    size_t *lines;      /* byte offset of each line start; lines[0] = line 1 */
    size_t nlines;
} Frab;

/* Code points from the start of line `line` to byte offset `byte_col`
 * (1-based) — diagnostics count characters, libxml2 counts bytes. */
static int cp_col(const Frab *f, int line, int byte_col)
{
    if (line < 1 || (size_t)line > f->nlines || byte_col < 1)
        return byte_col;
    size_t start = f->lines[line - 1];
    int col = 1;
    for (size_t i = start; i < f->len && i < start + (size_t)byte_col - 1; i++)
        if (((unsigned char)f->bytes[i] & 0xC0) != 0x80)
            col++;
    return col;
}

static SrcLoc node_loc(const Frab *f, const xmlNode *n)
{
    long line = xmlGetLineNo(n);
    if (line < 1 || (size_t)line > f->nlines)
        return srcloc(f->dr->file, line > 0 ? (int)line : 0, 0);
    /* the first "<name" on the line */
    size_t start = f->lines[line - 1];
    size_t end = (size_t)line < f->nlines ? f->lines[line] : f->len;
    size_t nl = strlen((const char *)n->name);
    for (size_t i = start; i + nl + 1 <= end; i++)
        if (f->bytes[i] == '<' && memcmp(f->bytes + i + 1, n->name, nl) == 0)
            return srcloc(f->dr->file, (int)line,
                          cp_col(f, (int)line, (int)(i - start + 1)));
    return srcloc(f->dr->file, (int)line, 1);
}

static void on_xml_error(void *ctx, const xmlError *e)
{
    Frab *f = ctx;
    if (!e || e->level == XML_ERR_WARNING)
        return;
    char msg[512];
    snprintf(msg, sizeof msg, "%s", e->message ? e->message : "XML error");
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        msg[--n] = '\0';
    diag_error(f->d, srcloc(f->dr->file, e->line, cp_col(f, e->line, e->int2)),
               NULL, "%s", msg);
}

/* libxml2 2.9 passes a non-const xmlError to structured handlers. */
static void on_xml_error_cb(void *ctx, xmlErrorPtr e)
{
    on_xml_error(ctx, e);
}

static bool is_el(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE
           && strcmp((const char *)n->name, name) == 0;
}

static xmlNode *child(const xmlNode *n, const char *name)
{
    for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (is_el(c, name))
            return c;
    return NULL;
}

/* The text of an element, in the arena; NULL when absent. */
static const char *text(Frab *f, const xmlNode *n)
{
    if (!n)
        return NULL;
    xmlChar *s = xmlNodeGetContent(n);
    if (!s)
        return NULL;
    const char *r = arena_strdup(f->dr->a, (const char *)s);
    xmlFree(s);
    return r;
}

static const char *child_text(Frab *f, const xmlNode *n, const char *name)
{
    return text(f, child(n, name));
}

static const char *child_line(Frab *f, const xmlNode *n, const char *name)
{
    return import_line(f->dr->a, child_text(f, n, name));
}

static const char *attr(Frab *f, const xmlNode *n, const char *name)
{
    xmlChar *s = xmlGetProp(n, (const xmlChar *)name);
    if (!s)
        return NULL;
    const char *r = import_line(f->dr->a, (const char *)s);
    xmlFree(s);
    return r;
}

static void read_conference(Frab *f, const xmlNode *root)
{
    Programme *p = &f->dr->p;
    const xmlNode *c = child(root, "conference");
    if (!c) {
        diag_error(f->d, node_loc(f, root), "/schedule/conference",
                   "missing: the schedule has no <conference>");
        return;
    }
    p->title = str_of(child_line(f, c, "title"));
    if (!p->title.s)
        diag_error(f->d, node_loc(f, c), "/schedule/conference/title",
                   "missing: the conference has no title");
    const char *sub = child_line(f, c, "subtitle");
    const char *venue = child_line(f, c, "venue");
    const char *city = child_line(f, c, "city");
    /* The cover's second line: the subtitle, else where it takes place. */
    if (sub)
        p->subtitle = str_of(sub);
    else if (venue && city)
        p->subtitle = str_of(arena_printf(f->dr->a, "%s, %s", venue, city));
    else if (venue || city)
        p->subtitle = str_of(venue ? venue : city);
    const char *from = child_line(f, c, "start");
    const char *to = child_line(f, c, "end");
    Date d1 = {0}, d2 = {0};
    /* start/end may be dates or date-times */
    if (from && strlen(from) >= 10) {
        char s[11];
        memcpy(s, from, 10);
        s[10] = '\0';
        if (!parse_date(s, &d1))
            diag_error(f->d, node_loc(f, child(c, "start")),
                       "/schedule/conference/start",
                       "\"%s\" is not a date (YYYY-MM-DD)", from);
    }
    if (to && strlen(to) >= 10) {
        char s[11];
        memcpy(s, to, 10);
        s[10] = '\0';
        if (!parse_date(s, &d2))
            diag_error(f->d, node_loc(f, child(c, "end")),
                       "/schedule/conference/end",
                       "\"%s\" is not a date (YYYY-MM-DD)", to);
    }
    if (d1.y && d2.y) {
        p->from = d1;
        p->to = d2;
    }
    p->timezone = str_of(child_line(f, c, "time_zone_name"));
}

/* Where the child element name of n starts, else dflt. */
static SrcLoc child_loc(const Frab *f, const xmlNode *n, const char *name,
                        SrcLoc dflt)
{
    const xmlNode *c = child(n, name);
    return c ? node_loc(f, c) : dflt;
}

/* The children of <event> that frab, Pentabarf and their descendants
 * write; the others are not read. */
static const char *const event_elements[] = {
    "date", "start", "duration", "room", "slug", "url", "title", "subtitle",
    "track", "type", "language", "abstract", "description", "logo",
    "persons", "links", "attachments", "recording", "feedback_url",
    "video_download_url", "id", "guid", "do_not_record", "answers",
    "origin_url", "conf_url", NULL
};

/* An element nobody reads but that carries text (a list of speakers under
 * another name, a second abstract) would be lost without a word: name it,
 * and where it is. */
/* The text of n, its child elements' texts joined by ", " (a list of
 * names reads as one). */
static const char *list_text(Frab *f, const xmlNode *n)
{
    const char *out = NULL;
    bool elements = false;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        elements = true;
        const char *t = import_line(f->dr->a, text(f, c));
        if (t)
            out = out ? arena_printf(f->dr->a, "%s, %s", out, t) : t;
    }
    return elements ? out : import_line(f->dr->a, text(f, n));
}

static void unknown_children(Frab *f, const xmlNode *ev, const char *path,
                             const char *const *names, const char *what)
{
    for (const xmlNode *c = ev ? ev->children : NULL; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        bool known = false;
        for (int i = 0; names[i] && !known; i++)
            known = strcmp((const char *)c->name, names[i]) == 0;
        const char *t = known ? NULL : list_text(f, c);
        if (import_is_text(t))
            diag_warn(f->d, node_loc(f, c),
                      arena_printf(f->dr->a, "%s/%s", path,
                                   (const char *)c->name),
                      "<%s> is not a frab element %s; its text (\"%s\") "
                      "is not imported", (const char *)c->name, what,
                      import_excerpt(f->dr->a, t, 40));
    }
}

/* frab's own links that every event carries (FOSDEM's chat rooms and
 * feedback form): not documents of the talk. */
static bool boilerplate_link(const char *title, const char *url,
                             const char *feedback)
{
    if (feedback && url && strcmp(url, feedback) == 0)
        return true;
    return title && (strncmp(title, "Chat room", 9) == 0
                     || strcmp(title, "Submit Feedback") == 0);
}

static void read_event(Frab *f, const xmlNode *ev, const char *path,
                       Date day, const char *room_name)
{
    ImportDraft *dr = f->dr;
    Arena *a = dr->a;
    SrcLoc loc = node_loc(f, ev);
    const char *id = attr(f, ev, "id");
    if (!id)
        id = child_line(f, ev, "id");   /* Pentabarf writes it as a child */
    const char *title = child_line(f, ev, "title");
    Session *s = import_add_session(dr);
    s->loc = loc;
    const char *guid = attr(f, ev, "guid");
    if (!guid)
        guid = child_line(f, ev, "guid");
    /* without an id, the guid is the event's key */
    s->id = str_of(id ? arena_printf(a, "E%s", id) : guid);
    import_label(dr, s, id ? id : guid, title);
    /* every message about the event names it */
    const char *who = dr->labels[s->index] ? dr->labels[s->index]
                                           : "an event without id or title";
    if (!id && !guid)
        diag_error(f->d, loc, path, "missing: the event has no id attribute "
                   "and no guid (%s)", who);
    if (!title)
        diag_error(f->d, loc, arena_printf(a, "%s/title", path),
                   "missing: the event has no title (%s)", who);
    const char *subtitle = child_line(f, ev, "subtitle");
    s->title = str_of(title && subtitle
                          ? arena_printf(a, "%s — %s", title, subtitle) : title);
    s->title.loc = child_loc(f, ev, "title", loc);
    s->date_loc = child_loc(f, ev, "date", loc);
    s->start_loc = child_loc(f, ev, "start", s->date_loc);
    s->end_loc = child_loc(f, ev, "duration", loc);
    s->type = str_of(import_type_label(a, child_text(f, ev, "type")));

    /* When: <date> is the full local date-time with its UTC offset; old
     * exports have only the day's date and <start>. */
    const char *when = child_line(f, ev, "date");
    const char *start = child_line(f, ev, "start");
    int off = IMPORT_NO_OFFSET, minutes = -1;
    size_t errors0 = f->d->nerrors;
    if (when && strlen(when) > 10) {
        if (!import_datetime(when, &s->date, &minutes, &off))
            diag_error(f->d, node_loc(f, child(ev, "date")),
                       arena_printf(a, "%s/date", path),
                       "\"%s\" is not a date and time "
                       "(YYYY-MM-DDTHH:MM:SS+HH:MM) (%s)", when, who);
    } else {
        s->date = day;
        if (start && !parse_time(start, &minutes))
            diag_error(f->d, node_loc(f, child(ev, "start")),
                       arena_printf(a, "%s/start", path),
                       "\"%s\" is not a time (HH:MM) (%s)", start, who);
        if (!day.y)
            diag_error(f->d, loc, arena_printf(a, "%s/date", path),
                       "missing: neither the event nor its day has a date "
                       "(%s)", who);
    }
    if (minutes < 0 && f->d->nerrors == errors0)
        diag_error(f->d, loc, arena_printf(a, "%s/start", path),
                   "missing: the event has no start time (%s)", who);
    s->start = minutes;
    dr->offsets[s->index] = off;
    const char *dur = child_line(f, ev, "duration");
    int len;
    if (dur && minutes >= 0) {
        if (import_duration(dur, &len))
            s->end = minutes + len > minutes ? minutes + len : -1;
        else
            diag_error(f->d, node_loc(f, child(ev, "duration")),
                       arena_printf(a, "%s/duration", path),
                       "\"%s\" is not a duration (HH:MM) (%s)", dur, who);
    }
    const char *room = child_line(f, ev, "room");
    s->venue = str_of(room ? room : room_name);
    s->venue.loc = child_loc(f, ev, "room", ev->parent ? node_loc(f, ev->parent)
                                                       : loc);

    const char *track = child_text(f, ev, "track");
    const Track *t = import_track(dr, track, NULL, loc, f->d);
    if (t)
        s->track_id = t->id;
    const char *lang = child_line(f, ev, "language");
    if (import_is_lang(lang))
        s->language = str_of(lang);

    import_text(dr, s, child_text(f, ev, "abstract"),
                child_text(f, ev, "description"));

    for (const xmlNode *pn = child(child(ev, "persons"), "person"); pn;
         pn = pn->next)
        if (is_el(pn, "person")) {
            Speaker *sp = import_add_speaker(dr, s, text(f, pn));
            if (sp)
                sp->loc = node_loc(f, pn);
        }
    s->summary.loc = child_loc(f, ev, "abstract", loc);
    static const char *const person[] = { "person", NULL };
    static const char *const link[] = { "link", NULL };
    static const char *const attachment[] = { "attachment", NULL };
    unknown_children(f, ev, path, event_elements, "of <event>");
    unknown_children(f, child(ev, "persons"),
                     arena_printf(a, "%s/persons", path), person,
                     "of <persons>");
    unknown_children(f, child(ev, "links"), arena_printf(a, "%s/links", path),
                     link, "of <links>");
    unknown_children(f, child(ev, "attachments"),
                     arena_printf(a, "%s/attachments", path), attachment,
                     "of <attachments>");

    const char *feedback = child_line(f, ev, "feedback_url");
    /* attachments (slides) first: they are the talk's own documents */
    const char *lists[2][2] = { { "attachments", "attachment" },
                                { "links", "link" } };
    for (int k = 0; k < 2; k++)
        for (const xmlNode *ln = child(child(ev, lists[k][0]), lists[k][1]);
             ln; ln = ln->next) {
            if (!is_el(ln, lists[k][1]))
                continue;
            const char *url = attr(f, ln, "href");
            const char *lt = import_line(a, text(f, ln));
            if (!boilerplate_link(lt, url, feedback))
                import_add_document(dr, s, lt, url);
        }
}

static void read_days(Frab *f, const xmlNode *root)
{
    Arena *a = f->dr->a;
    /* the declared tracks first, in their order (FOSDEM lists them) */
    for (const xmlNode *t = child(child(root, "tracks"), "track"); t;
         t = t->next)
        if (is_el(t, "track")) {
            import_track(f->dr, text(f, t), attr(f, t, "color"),
                         node_loc(f, t), f->d);
            f->dr->tracks_declared = true;
        }
    int di = 0;
    for (const xmlNode *day = root->children; day; day = day->next) {
        if (!is_el(day, "day"))
            continue;
        di++;
        Date date = {0};
        const char *ds = attr(f, day, "date");
        if (ds && !parse_date(ds, &date))
            diag_error(f->d, node_loc(f, day),
                       arena_printf(a, "/schedule/day[%d]/@date", di),
                       "\"%s\" is not a date (YYYY-MM-DD)", ds);
        int ri = 0;
        for (const xmlNode *room = day->children; room; room = room->next) {
            if (!is_el(room, "room"))
                continue;
            ri++;
            const char *rname = attr(f, room, "name");
            int ei = 0;
            for (const xmlNode *ev = room->children; ev; ev = ev->next) {
                if (!is_el(ev, "event"))
                    continue;
                ei++;
                read_event(f, ev,
                           arena_printf(a, "/schedule/day[%d]/room[%d]/event[%d]",
                                        di, ri, ei),
                           date, rname);
            }
        }
    }
}

bool import_frab_xml(ImportDraft *dr, char *bytes, size_t len, Diags *d)
{
    Frab f = { .dr = dr, .d = d, .bytes = bytes, .len = len };
    size_t cap = 1024;
    f.lines = xmalloc(cap * sizeof *f.lines);
    f.lines[f.nlines++] = 0;
    for (size_t i = 0; i < len; i++)
        if (bytes[i] == '\n') {
            if (f.nlines == cap) {
                cap *= 2;
                f.lines = xreallocarray(f.lines, cap, sizeof *f.lines);
            }
            f.lines[f.nlines++] = i + 1;
        }
    size_t errors0 = d->nerrors;
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        diag_error(d, srcloc(dr->file, 0, 0), NULL,
                   "cannot start the XML parser (out of memory)");
        free(f.lines);
        return false;
    }
    /* Errors go to our handler (with line and column) while this file is
     * parsed.  NONET and no NOENT: the file cannot make us fetch anything
     * or expand external entities. */
    xmlSetStructuredErrorFunc(&f, on_xml_error_cb);
    xmlDocPtr doc = len > 0x7fffffff ? NULL
                    : xmlCtxtReadMemory(ctxt, bytes, (int)len, dr->file, NULL,
                                        XML_PARSE_NONET);
    xmlSetStructuredErrorFunc(NULL, NULL);
    if (!doc && d->nerrors == errors0)
        diag_error(d, srcloc(dr->file, 0, 0), NULL, "not a readable XML file");
    bool ok = false;
    if (doc && d->nerrors == errors0) {
        xmlNode *root = xmlDocGetRootElement(doc);
        if (!root || !is_el(root, "schedule")) {
            diag_error(d, root ? node_loc(&f, root) : srcloc(dr->file, 0, 0),
                       NULL, "not a frab schedule: the root element is <%s>, "
                       "not <schedule>", root ? (const char *)root->name : "");
        } else {
            read_conference(&f, root);
            read_days(&f, root);
            ok = d->nerrors == errors0;
        }
    }
    if (doc)
        xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    free(f.lines);
    return ok;
}
