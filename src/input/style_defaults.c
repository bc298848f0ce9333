/* style_defaults — the built-in look (the a5-booklet layout's values), from
 * which every layout file starts.  See style.h. */
#include "input/style.h"

#include <stdio.h>
#include <string.h>

#define MM (72.0 / 25.4)

static Color gray(double g)
{
    Color c = { COLOR_GRAY, { g, 0, 0, 0 } };
    return c;
}

static Color rgb(int r, int g, int b)
{
    Color c = { COLOR_RGB, { r / 255.0, g / 255.0, b / 255.0, 0 } };
    return c;
}

static TextStyle ts(Family f, bool bold, bool italic, double size,
                    double leading, Align align)
{
    TextStyle t = { 0 };
    t.family = f;
    t.bold = bold;
    t.italic = italic;
    t.size = size;
    t.leading = leading;
    t.color = gray(0);
    t.align = align;
    return t;
}

void style_emphasis(TextStyle *t, const bool *set)
{
    static const StyleId id[3] = { ST_BODY_BOLD, ST_BODY_ITALIC, ST_BODY_BOLD_ITALIC };
    for (int k = 0; k < 3; k++) {
        if (set && set[id[k]])
            continue;
        t[id[k]] = t[ST_BODY];
        t[id[k]].bold = k != 1;
        t[id[k]].italic = k != 0;
    }
}

void style_defaults(Style *s)
{
    memset(s, 0, sizeof *s);
    s->name = "a5-booklet";
    s->path = "(built-in)";
    s->page_width = 148 * MM;
    s->page_height = 210 * MM;
    s->margin_top = 17 * MM;
    s->margin_bottom = 25.5 * MM;
    s->margin_inner = 18 * MM;
    s->margin_outer = 14 * MM;
    s->head_offset = 10 * MM;
    s->foot_offset = 10 * MM;

    static const char *const files[NFAMILIES][NFACES] = {
        { "NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf",
          "NotoSerif-Italic.ttf", "NotoSerif-BoldItalic.ttf" },
        { "NotoSans-Regular.ttf", "NotoSans-Bold.ttf",
          "NotoSans-Italic.ttf", "NotoSans-BoldItalic.ttf" },
        { "DejaVuSansMono.ttf", "DejaVuSansMono.ttf",
          "DejaVuSansMono.ttf", "DejaVuSansMono.ttf" },
    };
    memcpy(s->face, files, sizeof files);
    /* Symbola last: outline emoji above U+FFFF and symbols (⌚). */
    static const char *fb[] = { "DejaVuSans.ttf", "DroidSansFallbackFull.ttf",
                                "Symbola.ttf" };
    static const char *fbb[] = { "DejaVuSans-Bold.ttf", "DroidSansFallbackFull.ttf",
                                 "Symbola.ttf" };
    s->fallback = fb;
    s->nfallback = 3;
    /* Scripts Noto Serif and Noto Sans lack, from fonts-noto-core and
     * fonts-noto-cjk (found with fontconfig; tools/deps.sh installs
     * them).  One Pan-CJK face for Han and kana: HarfBuzz's locl with the
     * text's language picks the Chinese, Japanese or Korean forms. */
    static const struct ScriptFont sf[] = {
        { "Arab", "Noto Naskh Arabic", "Noto Sans Arabic" },
        { "Hebr", "Noto Serif Hebrew", "Noto Sans Hebrew" },
        { "Deva", "Noto Serif Devanagari", "Noto Sans Devanagari" },
        { "Beng", "Noto Serif Bengali", "Noto Sans Bengali" },
        { "Guru", "Noto Serif Gurmukhi", "Noto Sans Gurmukhi" },
        { "Gujr", "Noto Serif Gujarati", "Noto Sans Gujarati" },
        { "Orya", "Noto Sans Oriya", "Noto Sans Oriya" },
        { "Taml", "Noto Serif Tamil", "Noto Sans Tamil" },
        { "Telu", "Noto Serif Telugu", "Noto Sans Telugu" },
        { "Knda", "Noto Serif Kannada", "Noto Sans Kannada" },
        { "Mlym", "Noto Serif Malayalam", "Noto Sans Malayalam" },
        { "Sinh", "Noto Serif Sinhala", "Noto Sans Sinhala" },
        { "Thai", "Noto Serif Thai", "Noto Sans Thai" },
        { "Laoo", "Noto Serif Lao", "Noto Sans Lao" },
        { "Khmr", "Noto Serif Khmer", "Noto Sans Khmer" },
        { "Mymr", "Noto Serif Myanmar", "Noto Sans Myanmar" },
        { "Tibt", "Noto Serif Tibetan", "Noto Serif Tibetan" },
        { "Ethi", "Noto Serif Ethiopic", "Noto Sans Ethiopic" },
        { "Geor", "Noto Serif Georgian", "Noto Sans Georgian" },
        { "Armn", "Noto Serif Armenian", "Noto Sans Armenian" },
        { "Syrc", "Noto Sans Syriac", "Noto Sans Syriac" },
        { "Thaa", "Noto Sans Thaana", "Noto Sans Thaana" },
        { "Hani", "Noto Serif CJK JP", "Noto Sans CJK JP" },
        { "Hira", "Noto Serif CJK JP", "Noto Sans CJK JP" },
        { "Kana", "Noto Serif CJK JP", "Noto Sans CJK JP" },
        { "Bopo", "Noto Serif CJK TC", "Noto Sans CJK TC" },
        { "Hang", "Noto Serif CJK KR", "Noto Sans CJK KR" },
    };
    memcpy(s->scripts, sf, sizeof sf);
    s->nscripts = (int)(sizeof sf / sizeof sf[0]);
    s->fallback_bold = fbb;
    s->nfallback_bold = 3;

    TextStyle *t = s->text;
    t[ST_BODY] = ts(FAMILY_SERIF, false, false, 9.5, 12.5, ALIGN_JUSTIFY);
    t[ST_BODY].hyphenate = true;
    t[ST_BODY].space_after = 4;
    t[ST_SUMMARY] = t[ST_BODY];
    t[ST_SUMMARY].italic = false;
    t[ST_TITLE] = ts(FAMILY_SANS, true, false, 14, 17, ALIGN_LEFT);
    t[ST_TITLE].space_before = 6;
    t[ST_TITLE].space_after = 6;
    t[ST_BAND] = ts(FAMILY_SANS, true, false, 7.5, 9, ALIGN_LEFT);
    t[ST_BAND].color = gray(1);
    t[ST_META_LABEL] = ts(FAMILY_SANS, true, false, 8, 10.5, ALIGN_LEFT);
    t[ST_META_LABEL].color = gray(0.3);
    t[ST_META] = ts(FAMILY_SANS, false, false, 8, 10.5, ALIGN_LEFT);
    t[ST_HEADING] = ts(FAMILY_SANS, true, false, 9.5, 12, ALIGN_LEFT);
    t[ST_HEADING].space_before = 8;
    t[ST_HEADING].space_after = 3;
    t[ST_ITEM] = t[ST_BODY];
    t[ST_ITEM].space_after = 2;
    t[ST_SPEAKER_NAME] = ts(FAMILY_SANS, true, false, 9, 11.5, ALIGN_LEFT);
    t[ST_SPEAKER_NAME].space_before = 3;
    t[ST_SPEAKER_DETAIL] = ts(FAMILY_SANS, false, false, 8, 10, ALIGN_LEFT);
    t[ST_SPEAKER_DETAIL].color = gray(0.25);
    t[ST_ROLE] = ts(FAMILY_SANS, false, true, 8, 10, ALIGN_LEFT);
    t[ST_ROLE].color = gray(0.25);
    t[ST_DOCUMENT] = ts(FAMILY_SANS, false, false, 8.5, 11, ALIGN_LEFT);
    t[ST_DOCUMENT].space_before = 2;
    t[ST_URL] = ts(FAMILY_SANS, false, false, 7.5, 9.5, ALIGN_LEFT);
    t[ST_URL].color = rgb(0x1a, 0x4f, 0x8a);
    t[ST_DAY] = ts(FAMILY_SANS, true, false, 16, 20, ALIGN_LEFT);
    t[ST_DAY].space_after = 10;
    t[ST_TOC_TITLE] = ts(FAMILY_SANS, true, false, 18, 22, ALIGN_LEFT);
    t[ST_TOC_TITLE].space_after = 10;
    t[ST_TOC_DAY] = ts(FAMILY_SANS, true, false, 10, 13, ALIGN_LEFT);
    t[ST_TOC_DAY].space_before = 8;
    t[ST_TOC_DAY].space_after = 2;
    t[ST_TOC_ENTRY] = ts(FAMILY_SERIF, false, false, 8.5, 11, ALIGN_LEFT);
    t[ST_TOC_ENTRY].space_after = 1.5;
    t[ST_TOC_PAGE] = ts(FAMILY_SERIF, false, false, 8.5, 11, ALIGN_RIGHT);
    t[ST_HEAD] = ts(FAMILY_SANS, false, false, 7.5, 9, ALIGN_LEFT);
    t[ST_HEAD].color = gray(0.3);
    t[ST_FOLIO] = ts(FAMILY_SANS, false, false, 8.5, 10, ALIGN_LEFT);
    t[ST_COVER_TITLE] = ts(FAMILY_SANS, true, false, 24, 29, ALIGN_LEFT);
    t[ST_COVER_SUBTITLE] = ts(FAMILY_SANS, false, false, 13, 17, ALIGN_LEFT);
    t[ST_COVER_SUBTITLE].space_before = 8;
    t[ST_COVER_META] = ts(FAMILY_SANS, false, false, 10, 13, ALIGN_LEFT);
    t[ST_COVER_META].space_before = 4;
    t[ST_INDEX_ENTRY] = ts(FAMILY_SERIF, false, false, 8.5, 10.5, ALIGN_LEFT);
    t[ST_INDEX_ENTRY].space_after = 0.5;
    t[ST_INDEX_PAGE] = ts(FAMILY_SERIF, false, false, 8.5, 10.5, ALIGN_LEFT);
    t[ST_INDEX_MOD] = ts(FAMILY_SERIF, false, true, 8.5, 10.5, ALIGN_LEFT);
    t[ST_GRID_HEAD] = ts(FAMILY_SANS, true, false, 6.5, 7.5, ALIGN_LEFT);
    t[ST_GRID_CELL] = ts(FAMILY_SANS, false, false, 6.5, 7.5, ALIGN_LEFT);
    t[ST_GRID_TIME] = ts(FAMILY_SANS, false, false, 6.5, 7.5, ALIGN_LEFT);
    t[ST_CAPTION] = ts(FAMILY_SANS, false, true, 7.5, 10, ALIGN_LEFT);
    t[ST_CAPTION].color = gray(0.25);
    t[ST_CAPTION].space_before = 3;
    t[ST_CAPTION].space_after = 8;
    style_emphasis(t, NULL);

    s->session_new_page = true;
    s->fields = FIELD_ALL;
    s->facing = true;
    s->title_page = true;
    s->toc = true;
    s->indexes = true;
    s->bleed = 3 * MM;
    s->crop_marks = true;
    s->mark_offset = 3 * MM;
    s->mark_length = 6 * MM;
    s->signature = 4;
    s->notes_pages = true;
    s->creep = 0;
    s->safe_zone = 5 * MM;
    s->output_condition = "FOGRA39";
    s->grid = true;
    s->day_tabs = true;
    s->session_gap = 18;
    s->band_height = 13;
    s->rule_width = 0.5;
    s->band_color = rgb(0x3d, 0x4f, 0x63);
    s->rule_color = gray(0.6);
    s->widows = 2;
    s->orphans = 2;
    s->list_indent = 14;
    s->speaker_indent = 0;

    /* typography: TeX's defaults where TeX has one (tolerance 200 ≈ ratio
     * 1.26, pretolerance 100 = ratio 1) */
    s->typo.first_fit = false;
    s->typo.ragged = false;
    s->typo.ragged_below = 0;
    s->typo.ragged_stretch = 24;
    s->typo.pretolerance = 1;
    s->typo.tolerance = 2;
    s->typo.emergency_stretch = 6;
    s->typo.line_penalty = 10;
    s->typo.hyphen_penalty = 50;
    s->typo.double_hyphen_demerits = 10000;
    /* a tail is taken over a line judged looser than ratio 1.63 (gaps
     * of about 1.8 spaces): (10 + 100·1.63³)² ≈ 200,000 */
    s->typo.final_hyphen_demerits = 200000;
    s->typo.adj_demerits = 10000;
    s->typo.hyphen_ladder_demerits = 1000000;
    s->typo.expansion = 0.02;
    s->typo.tracking = 0.015;
    s->typo.protrusion = true;
    s->typo.space_stretch = 0.5;
    s->typo.space_shrink = 1.0 / 3;
    s->typo.kerning = true;
    s->typo.french_spacing = true;
    /* The language's own marks by default (issue 16); `marks: as-written`
     * turns these off. */
    s->typo.french_insert = true;
    s->typo.guillemet_narrow = true;
    s->typo.smart_quotes = true;
    s->typo.dashes = true;
    /* Left/right fragment minimums (house rules: fr and en keep 3 letters
     * after a hyphen, es 2); a language not listed keeps 2/2. */
    static const struct { const char *l; int a, b; } hm[] = {
        { "fr", 2, 3 }, { "en", 2, 3 }, { "es", 2, 2 }, { "de", 2, 2 },
        { "pl", 2, 2 }, { "it", 2, 2 }, { "pt", 2, 3 }, { "nl", 2, 2 } };
    for (size_t i = 0; i < sizeof hm / sizeof hm[0]; i++) {
        snprintf(s->typo.hyphen_min[i].lang, 8, "%s", hm[i].l);
        s->typo.hyphen_min[i].left = hm[i].a;
        s->typo.hyphen_min[i].right = hm[i].b;
    }
    s->typo.nhyphen_min = (int)(sizeof hm / sizeof hm[0]);
}

/* ---------------------------------------------------------------------
 * Data directory
 */
