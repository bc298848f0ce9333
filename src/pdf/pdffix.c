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
