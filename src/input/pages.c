/* pages — see pages.h. */
#include "input/pages.h"
#include "input/image.h"
#include "input/markdown.h"
#include "input/scalar.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const page_keys[] = {
    "title", "place", "text", "images", "logos", NULL
};
static const char *const image_keys[] = { "file", "caption", "width", NULL };
static const char *const cover_keys[] = { "image", "logo", NULL };

/* The directory of the file a node is in, or NULL for the current one. */
static const char *dir_of_node(Arena *a, const YNode *n)
{
    const char *f = n->loc.file;
    const char *slash = f ? strrchr(f, '/') : NULL;
    if (!slash)
        return NULL;
    return arena_strndup(a, f, slash == f ? 1 : (size_t)(slash - f));
}

/* Read the file named by img->file, relative to the file of node n:
 * decoded once, so a bad image stops the build where it is named. */
static void check_image(const SchemaCtx *c, const YNode *n, const char *key,
                        Image *img)
{
    const char *dir = dir_of_node(c->a, n);
    img->path = dir && img->file.s[0] != '/'
                    ? arena_printf(c->a, "%s/%s", dir, img->file.s)
                    : img->file.s;
    ImageData d;
    char err[512];
    if (!image_decode(img->path, &d, err, sizeof err)) {
        schema_error(c, img->file.loc, key, "%s", err);
        img->path = NULL;
        return;
    }
    img->px_w = d.w;
    img->px_h = d.h;
    image_free(&d);
}

/* An image: a file name, or { file, caption, width }. */
static bool read_image(const SchemaCtx *c, const YNode *n, const char *key,
                       Image *img)
{
    memset(img, 0, sizeof *img);
    img->loc = n->loc;
    if (n->kind == YNODE_SCALAR) {
        if (!schema_text_node(c, n, key, true, &img->file))
            return false;
        check_image(c, n, key, img);
        return img->path != NULL;
    }
    char path[SCHEMA_PATH_SIZE];
    SchemaCtx sub = schema_sub(c, key, SIZE_MAX, path, sizeof path);
    if (!schema_is_map(c, n, key))
        return false;
    schema_check_keys(&sub, n, image_keys);
    if (!schema_text(&sub, n, "file", true, &img->file))
        return false;
    schema_text(&sub, n, "caption", false, &img->caption);
    Str w;
    if (schema_text(&sub, n, "width", false, &w)
        && (!parse_length(w.s, &img->width) || img->width <= 0))
        schema_error(&sub, w.loc, "width", "expected a length such as 60mm, "
                     "2in or 150pt, got '%s'", w.s);
    check_image(&sub, ytree_get(n, "file"), "file", img);
    return img->path != NULL;
}

/* A list of images under key (each a file or a mapping). */
static Image *read_images(const SchemaCtx *c, const YNode *map,
                          const char *key, size_t *n)
{
    *n = 0;
    const YNode *v = ytree_get(map, key);
    if (!v || ytree_is_null(v))
        return NULL;
    if (v->kind != YNODE_SEQ) {
        schema_error(c, v->loc, key, "expected a list, got %s", schema_kind(v));
        return NULL;
    }
    Image *out = arena_array(c->a, v->nitems ? v->nitems : 1, sizeof *out);
    for (size_t i = 0; i < v->nitems; i++) {
        char item[64];
        snprintf(item, sizeof item, "%s[%zu]", key, i);
        if (read_image(c, v->items[i], item, &out[*n]))
            (*n)++;
    }
    return out;
}

static void read_page(const SchemaCtx *c, const YNode *map, FreePage *pg)
{
    pg->loc = map->loc;
    schema_check_keys(c, map, page_keys);
    schema_text(c, map, "title", true, &pg->title);
    Str place;
    if (schema_text(c, map, "place", false, &place)) {
        if (strcmp(place.s, "back") == 0)
            pg->back = true;
        else if (strcmp(place.s, "front") != 0)
            schema_error(c, place.loc, "place", "expected front or back, got "
                         "'%s'", place.s);
    }
    Str text;
    if (schema_text(c, map, "text", false, &text)) {
        const YNode *tn = ytree_get(map, "text");
        char field[SCHEMA_PATH_SIZE];
        snprintf(field, sizeof field, "%s.text", c->path);
        MdSource src = { tn->loc.file, tn->text_loc.line, tn->text_loc.col,
                         field };
        /* the reader sees the node's text as libyaml gave it (make_str
         * trimmed only leading blank lines, which text_loc skips) */
        pg->nblocks = md_read(c->a, text.s, &src, c->d, &pg->blocks);
    }
    pg->images = read_images(c, map, "images", &pg->nimages);
    pg->logos = read_images(c, map, "logos", &pg->nlogos);
    if (!text.s && !pg->nimages && !pg->nlogos && !ytree_get(map, "images")
        && !ytree_get(map, "logos"))
        schema_error(c, map->loc, NULL, "needs text, images or logos");
}

void schema_pages(const SchemaCtx *c, const YNode *list, Programme *p)
{
    if (list->kind != YNODE_SEQ) {
        schema_error(c, list->loc, "pages", "expected a list, got %s",
                     schema_kind(list));
        return;
    }
    p->pages = arena_array(c->a, list->nitems ? list->nitems : 1,
                           sizeof *p->pages);
    for (size_t i = 0; i < list->nitems; i++) {
        char path[SCHEMA_PATH_SIZE];
        SchemaCtx sub = schema_sub(c, "pages", i, path, sizeof path);
        if (schema_is_map(&sub, list->items[i], NULL))
            read_page(&sub, list->items[i], &p->pages[p->npages++]);
    }
}

void schema_cover(const SchemaCtx *c, const YNode *map, Programme *p)
{
    if (!schema_is_map(c, map, "cover"))
        return;
    char path[SCHEMA_PATH_SIZE];
    SchemaCtx sub = schema_sub(c, "cover", SIZE_MAX, path, sizeof path);
    schema_check_keys(&sub, map, cover_keys);
    const YNode *im = ytree_get(map, "image"), *lo = ytree_get(map, "logo");
    if (im && !ytree_is_null(im))
        read_image(&sub, im, "image", &p->cover);
    if (lo && !ytree_is_null(lo))
        read_image(&sub, lo, "logo", &p->logo);
}
