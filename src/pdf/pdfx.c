#include "pdf/pdfx.h"

#include <string.h>

/* Declared nowhere in 2.3.0's headers, exported by the library. */
HPDF_STATUS HPDF_AddIntent(HPDF_Doc pdf, HPDF_OutputIntent intent);

static HPDF_Array shared_box(HPDF_Doc pdf, const double b[4])
{
    HPDF_Box box = { (HPDF_REAL)b[0], (HPDF_REAL)b[1], (HPDF_REAL)b[2],
                     (HPDF_REAL)b[3] };
    HPDF_Array a = HPDF_Box_Array_New(pdf->mmgr, box);
    /* (the xref frees a on failure) */
    return a && HPDF_Xref_Add(pdf->xref, a) == HPDF_OK ? a : NULL;
}

HPDF_STATUS pdfx_boxes(HPDF_Doc pdf, const DocList *doc, HPDF_Array *trim,
                       HPDF_Array *bleed)
{
    *trim = *bleed = NULL;
    if (doc->trim[2] <= 0)
        return HPDF_OK;
    if (!(*trim = shared_box(pdf, doc->trim)) ||
        !(*bleed = shared_box(pdf, doc->bleed)))
        return HPDF_Error_GetCode(&pdf->error) != HPDF_OK
            ? HPDF_Error_GetCode(&pdf->error) : HPDF_FAILD_TO_ALLOC_MEM;
    return HPDF_OK;
}

static HPDF_STATUS ascii(HPDF_Doc pdf, HPDF_Dict d, const char *key,
                         const char *value)
{
    HPDF_String s = HPDF_String_New(pdf->mmgr, value, NULL);
    return s ? HPDF_Dict_Add(d, key, s) : HPDF_FAILD_TO_ALLOC_MEM;
}

/* A deterministic file identifier: MD5 of what makes this document this
 * document (title, date, condition, pages and their contents' sizes). */
static HPDF_STATUS set_id(HPDF_Doc pdf, const DocList *doc)
{
    struct HPDF_MD5Context md5;
    HPDF_BYTE key[HPDF_MD5_KEY_LEN];
    HPDF_MD5Init(&md5);
    const char *parts[] = { "livret", doc->title ? doc->title : "",
                            doc->pdfx, doc->output_condition };
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
        HPDF_MD5Update(&md5, (const HPDF_BYTE *)parts[i],
                       (HPDF_UINT32)strlen(parts[i]));
    /* unsigned: the running hash wraps by design */
    unsigned long long facts[3] = { (unsigned long long)doc->timestamp,
                                    (unsigned long long)doc->npages, 0 };
    for (size_t i = 0; i < doc->npages; i++)
        facts[2] = facts[2] * 31u + (unsigned long long)doc->pages[i].nitems;
    HPDF_MD5Update(&md5, (const HPDF_BYTE *)facts, sizeof facts);
    HPDF_MD5Final(key, &md5);
    HPDF_Array id = HPDF_Array_New(pdf->mmgr);
    if (!id)
        return HPDF_FAILD_TO_ALLOC_MEM;
    HPDF_STATUS st = HPDF_Dict_Add(pdf->trailer, "ID", id);
    for (int i = 0; i < 2 && st == HPDF_OK; i++) {
        HPDF_Binary b = HPDF_Binary_New(pdf->mmgr, key, HPDF_MD5_KEY_LEN);
        st = b ? HPDF_Array_Add(id, b) : HPDF_FAILD_TO_ALLOC_MEM;
    }
    return st;
}

static HPDF_STATUS output_intent(HPDF_Doc pdf, const DocList *doc)
{
    HPDF_Dict oi = HPDF_Dict_New(pdf->mmgr);
    if (!oi)
        return HPDF_FAILD_TO_ALLOC_MEM;
    HPDF_STATUS st = HPDF_Xref_Add(pdf->xref, oi);
    if (st == HPDF_OK)
        st = HPDF_Dict_AddName(oi, "Type", "OutputIntent");
    if (st == HPDF_OK)
        st = HPDF_Dict_AddName(oi, "S", "GTS_PDFX");
    if (st == HPDF_OK)
        st = ascii(pdf, oi, "OutputConditionIdentifier", doc->output_condition);
    if (st == HPDF_OK)
        st = ascii(pdf, oi, "OutputCondition", doc->output_condition);
    if (st == HPDF_OK)
        st = ascii(pdf, oi, "RegistryName", "http://www.color.org");
    if (st == HPDF_OK && doc->icc_path) {
        HPDF_OutputIntent icc = HPDF_LoadIccProfileFromFile(pdf, doc->icc_path, 4);
        if (!icc)
            return HPDF_GetError(pdf) ? HPDF_GetError(pdf) : HPDF_FILE_IO_ERROR;
        /* libharu leaves the profile uncompressed (guide/print.md §5) */
        icc->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
        st = HPDF_Dict_Add(oi, "DestOutputProfile", icc);
    }
    return st == HPDF_OK ? HPDF_AddIntent(pdf, oi) : st;
}

HPDF_STATUS pdfx_document(HPDF_Doc pdf, const DocList *doc)
{
    if (!doc->pdfx)
        return HPDF_OK;
    /* Info exists once any attribute is set (the title always is). */
    if (!pdf->info)
        return HPDF_INVALID_DOCUMENT;
    HPDF_STATUS st = ascii(pdf, pdf->info, "GTS_PDFXVersion", doc->pdfx);
    if (st == HPDF_OK)
        st = ascii(pdf, pdf->info, "GTS_PDFXConformance", doc->pdfx);
    if (st == HPDF_OK)
        st = HPDF_Dict_AddName(pdf->info, "Trapped", "False");
    if (st == HPDF_OK)
        st = output_intent(pdf, doc);
    if (st == HPDF_OK)
        st = set_id(pdf, doc);
    if (st == HPDF_OK)
        pdf->pdf_version = HPDF_VER_13;
    return st;
}
