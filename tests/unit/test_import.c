/* test_import — the import helpers that are not seen whole from the
 * command line: HTML references, the words an unknown element must hold
 * to be warned about, excerpts (issue 12). */
#include "harness.h"
#include "import/draft.h"
#include "import/entities.h"

#include <stdlib.h>

static const char *decoded(const char *s)
{
    static char buf[256];
    snprintf(buf, sizeof buf, "%s", s);
    entities_decode(buf, strlen(buf));
    return buf;
}

TEST(references)
{
    CHECK_STR(decoded("Rock&#x27; em"), "Rock' em");
    CHECK_STR(decoded("R&amp;D &quot;live&quot;"), "R&D \"live\"");
    CHECK_STR(decoded("Siobh&aacute;n &#233;t&#xE9;"), "Siobhán été");
    CHECK_STR(decoded("&amp;amp;"), "&amp;");          /* once only */
    CHECK_STR(decoded("a&nbsp;b"), "a\xC2\xA0" "b");
    CHECK_STR(decoded("&#x1F600;"), "\xF0\x9F\x98\x80");
    /* left as written: unknown names, no ';', nothing printable */
    CHECK_STR(decoded("&foo; & &amp &#;"), "&foo; & &amp &#;");
    CHECK_STR(decoded("&#0; &#7; &#xD800; &#x110000; &#x80;"),
              "&#0; &#7; &#xD800; &#x110000; &#x80;");
    CHECK_STR(decoded("AT&T"), "AT&T");
    char s[] = "x&lt;y";
    CHECK_INT(entities_decode(s, strlen(s)), 3);
}

TEST(words)
{
    CHECK(import_is_text("Lena Vogt"));
    CHECK(import_is_text("Zoë"));
    CHECK(import_is_text("\xE5\x90\x8D"));
    CHECK(!import_is_text("true"));
    CHECK(!import_is_text("False"));
    CHECK(!import_is_text("42"));
    CHECK(!import_is_text("2025-01-01 10:00"));
    CHECK(!import_is_text(NULL));
}

TEST(excerpts)
{
    Arena a;
    arena_init(&a);
    CHECK_STR(import_excerpt(&a, "short", 40), "short");
    CHECK_STR(import_excerpt(&a, "ééééé", 3), "ééé\xE2\x80\xA6");
    arena_free(&a);
}

int main(void)
{
    RUN(references);
    RUN(words);
    RUN(excerpts);
    return harness_done();
}
