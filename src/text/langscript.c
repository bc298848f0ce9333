#include "text/langscript.h"

#include <string.h>
#include <unicode/uloc.h>
#include <unicode/uscript.h>

bool lang_script(const char *tag, char script[5])
{
    script[0] = '\0';
    if (!tag || !*tag)
        return false;
    /* The last answer is kept: a programme asks about the same one or two
     * tags for every paragraph. */
    static _Thread_local char last_tag[32], last_script[5];
    static _Thread_local bool last_ok;
    size_t n = strlen(tag);
    if (n < sizeof last_tag && strcmp(tag, last_tag) == 0) {
        memcpy(script, last_script, sizeof last_script);
        return last_ok;
    }
    char loc[ULOC_FULLNAME_CAPACITY], full[ULOC_FULLNAME_CAPACITY];
    char s[ULOC_SCRIPT_CAPACITY];
    UErrorCode e = U_ZERO_ERROR;
    bool ok = false;
    uloc_forLanguageTag(tag, loc, sizeof loc, NULL, &e);
    if (U_SUCCESS(e) && e != U_STRING_NOT_TERMINATED_WARNING && loc[0]) {
        uloc_addLikelySubtags(loc, full, sizeof full, &e);
        if (U_SUCCESS(e) && e != U_STRING_NOT_TERMINATED_WARNING) {
            int32_t k = uloc_getScript(full, s, sizeof s, &e);
            ok = U_SUCCESS(e) && e != U_STRING_NOT_TERMINATED_WARNING && k == 4;
            if (ok)
                memcpy(script, s, 5);
        }
    }
    if (n < sizeof last_tag) {
        memcpy(last_tag, tag, n + 1);
        memcpy(last_script, script, sizeof last_script);
        last_ok = ok;
    }
    return ok;
}

bool lang_script_rtl(const char *tag)
{
    char s[5];
    if (!lang_script(tag, s))
        return false;
    UErrorCode e = U_ZERO_ERROR;
    UScriptCode c;
    int32_t n = uscript_getCode(s, &c, 1, &e);
    return U_SUCCESS(e) && n == 1 && uscript_isRightToLeft(c);
}
