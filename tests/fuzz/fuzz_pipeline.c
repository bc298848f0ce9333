/* fuzz_pipeline — libFuzzer harness for the whole pipeline down to the
 * text backend: load → booklet_layout (story, para, hyphenation, fonts,
 * paginate, front-matter fixed point) → dump_string.  No PDF and no file
 * is written; the PDF backend is exercised by the test suite.
 *
 * Inputs are capped (see tests/fuzz/run.sh: -max_len) because a long
 * programme is slow to lay out and tells the fuzzer nothing new per
 * second; size limits are tested by tests/suite_limits.sh instead.
 */
#include "fuzz_common.h"

#include "base/arena.h"
#include "layout/booklet.h"
#include "base/diag.h"
#include "display/dump.h"
#include "input/loader.h"

#include <stdlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_set_datadir();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Arena a;
    arena_init(&a);
    Diags d;
    diags_init(&d, NULL);
    const Programme *p = programme_load_buffer(&a, "fuzz.yaml",
                                               (const char *)data, size, &d);
    if (p) {
        BookletOptions o = { .timestamp = -1 };   /* defaults */
        BookletStats st;
        const DocList *doc = booklet_layout(p, &o, &a, &d, &st);
        if (doc)
            free(dump_string(doc));
    }
    arena_free(&a);
    diags_fini(&d);
    return 0;
}
