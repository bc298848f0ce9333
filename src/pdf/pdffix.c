#include "pdf/pdffix.h"

#include <string.h>

/* ------------------------------------------------------------------ */
/* Context and errors                                                   */
/* ------------------------------------------------------------------ */

void pdffix_init(PdfFix *fx)
{
    memset(fx, 0, sizeof *fx);
}

void pdffix_fini(PdfFix *fx)
{
    memset(fx, 0, sizeof *fx);
}

void pdffix_on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user)
{
    PdfFix *fx = user;
    if (fx && !fx->error_no) {
        fx->error_no = error_no;
        fx->detail_no = detail_no;
    }
}

/* ------------------------------------------------------------------ */
/* Pages, destinations and catalog                                     */
/* ------------------------------------------------------------------ */

void pdffix_page_done(HPDF_Page page)
{
    HPDF_PageAttr pa = page->attr;
    if (pa->contents && pa->stream && pa->stream->size == 0)
        pa->contents->filter = HPDF_STREAM_FILTER_NONE;
    /* (Page_BeforeWrite and Page_OnFree take a page without one.) */
    while (pa->gstate)
        pa->gstate = HPDF_GState_Free(page->mmgr, pa->gstate);
}

typedef struct Link {
    HPDF_REAL rect[4];          /* left bottom right top, as libharu's */
    const HPDF_Obj_Header *dest, *page, *border;
} Link;

static HPDF_STATUS write_ref(HPDF_Stream out, const char *key,
                             const HPDF_Obj_Header *obj)
{
    HPDF_STATUS ret = HPDF_Stream_WriteStr(out, key);
    if (ret == HPDF_OK)
        ret = HPDF_Stream_WriteUInt(out, obj->obj_id & 0x00FFFFFF);
    if (ret == HPDF_OK)
        ret = HPDF_Stream_WriteChar(out, ' ');
    if (ret == HPDF_OK)
        ret = HPDF_Stream_WriteUInt(out, obj->gen_no);
    return ret == HPDF_OK ? HPDF_Stream_WriteStr(out, " R\012") : ret;
}

/* The entries HPDF_LinkAnnot_New, AddAnnotation and a /Border would
 * have made, in their order and libharu's number format. */
static HPDF_STATUS write_link(HPDF_Dict dict, HPDF_Stream out)
{
    const Link *l = dict->attr;
    HPDF_STATUS ret = HPDF_Stream_WriteStr(out, "/Rect [ ");
    for (int i = 0; i < 4 && ret == HPDF_OK; i++) {
        ret = HPDF_Stream_WriteReal(out, l->rect[i]);
        if (ret == HPDF_OK)
            ret = HPDF_Stream_WriteChar(out, ' ');
    }
    if (ret == HPDF_OK)
        ret = HPDF_Stream_WriteStr(out, "]\012/Type /Annot\012/Subtype /Link\012");
    if (ret == HPDF_OK)
        ret = write_ref(out, "/Dest ", l->dest);
    if (ret == HPDF_OK)
        ret = write_ref(out, "/P ", l->page);
    if (ret == HPDF_OK && l->border)
        ret = write_ref(out, "/Border ", l->border);
    return ret;
}

static void free_link(HPDF_Dict dict)
{
    HPDF_FreeMem(dict->mmgr, dict->attr);
    dict->attr = NULL;
}

HPDF_STATUS pdffix_link(HPDF_Page page, HPDF_Rect rect, HPDF_Destination dst,
                        HPDF_Array border)
{
    if (!dst || !(dst->header.obj_id & HPDF_OTYPE_INDIRECT) ||
        (border && !(border->header.obj_id & HPDF_OTYPE_INDIRECT)))
        return HPDF_SetError(page->error, HPDF_INVALID_OBJECT, 0);
    HPDF_Dict a = HPDF_Dict_New(page->mmgr);
    if (!a)
        return HPDF_Error_GetCode(page->error);
    Link *l = HPDF_GetMem(page->mmgr, sizeof *l);
    if (!l) {
        HPDF_Dict_Free(a);
        return HPDF_Error_GetCode(page->error);
    }
    HPDF_REAL bottom = rect.bottom < rect.top ? rect.bottom : rect.top;
    HPDF_REAL top = rect.bottom < rect.top ? rect.top : rect.bottom;
    *l = (Link){ { rect.left, bottom, rect.right, top },
                 &dst->header, &page->header,
                 border ? &border->header : NULL };
    a->attr = l;
    a->free_fn = free_link;
    a->write_fn = write_link;
    a->header.obj_class |= HPDF_OSUBCLASS_ANNOTATION;
    /* (the xref frees a on failure, and owns it after) */
    HPDF_STATUS ret = HPDF_Xref_Add(((HPDF_PageAttr)page->attr)->xref, a);
    if (ret != HPDF_OK)
        return ret;
    HPDF_Array annots = HPDF_Dict_GetItem(page, "Annots", HPDF_OCLASS_ARRAY);
    if (!annots) {
        if (!(annots = HPDF_Array_New(page->mmgr)))
            return HPDF_Error_GetCode(page->error);
        if ((ret = HPDF_Dict_Add(page, "Annots", annots)) != HPDF_OK)
            return ret;
    }
    return HPDF_Array_Add(annots, a);
}

static HPDF_STATUS write_flate(HPDF_Dict dict, HPDF_Stream out)
{
    (void)dict;
    return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

HPDF_STATUS pdffix_deflated(HPDF_Dict dict)
{
    if (!dict->stream || (dict->write_fn && dict->write_fn != write_flate))
        return HPDF_INVALID_OBJECT;
    dict->filter = HPDF_STREAM_FILTER_NONE;
    dict->write_fn = write_flate;
    return HPDF_OK;
}

HPDF_STATUS pdffix_dest_top(HPDF_Destination dst, HPDF_REAL top)
{
    HPDF_Page page = HPDF_Array_GetItem(dst, 0, HPDF_OCLASS_DICT);
    if (!page)
        return HPDF_Error_GetCode(dst->error);
    HPDF_Array_Clear(dst);      /* frees the proxy, not the page */
    HPDF_STATUS ret = HPDF_Array_Add(dst, page);
    if (ret == HPDF_OK)
        ret = HPDF_Array_AddName(dst, "XYZ");
    if (ret == HPDF_OK)
        ret = HPDF_Array_Add(dst, HPDF_Null_New(dst->mmgr));
    if (ret == HPDF_OK)
        ret = HPDF_Array_AddReal(dst, top);
    if (ret == HPDF_OK)
        ret = HPDF_Array_Add(dst, HPDF_Null_New(dst->mmgr));
    return ret;
}

HPDF_STATUS pdffix_catalog(HPDF_Doc pdf, const char *lang, bool rtl)
{
    HPDF_Dict cat = pdf->catalog;
    HPDF_STATUS ret = HPDF_OK;
    if (lang)
        ret = HPDF_Dict_Add(cat, "Lang", HPDF_String_New(pdf->mmgr, lang,
                                                         NULL));
    if (ret != HPDF_OK)
        return ret;
    HPDF_Dict vp = HPDF_Dict_GetItem(cat, "ViewerPreferences",
                                     HPDF_OCLASS_DICT);
    if (!vp) {
        vp = HPDF_Dict_New(pdf->mmgr);
        if (!vp)
            return HPDF_Error_GetCode(&pdf->error);
        if ((ret = HPDF_Dict_Add(cat, "ViewerPreferences", vp)) != HPDF_OK)
            return ret;
    }
    if (rtl && (ret = HPDF_Dict_AddName(vp, "Direction", "R2L")) != HPDF_OK)
        return ret;
    return HPDF_Dict_AddBoolean(vp, "DisplayDocTitle", HPDF_TRUE);
}
