/* fuzz_loader — libFuzzer harness for the programme loader: bytes →
 * ytree (UTF-8 check, libyaml events, guards) → schema → cross-record
 * checks.  Every diagnostic is also formatted, since diag_format runs on
 * every message a user sees.
 */
#include "fuzz_common.h"

#include "base/arena.h"
#include "base/diag.h"
#include "input/loader.h"

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
    diags_init(&d, NULL);   /* kept, never printed */
    (void)programme_load_buffer(&a, "fuzz.yaml", (const char *)data, size, &d);
    char buf[512];
    for (size_t i = 0; i < d.n; i++)
        diag_format(&d.items[i], buf, sizeof buf);
    arena_free(&a);
    diags_fini(&d);
    return 0;
}
