/* fuzz_common.h — set-up shared by the libFuzzer harnesses and their
 * replay driver (replay.c).
 *
 * The harnesses must be silent and must not touch the filesystem beyond
 * reading fonts, layouts and dictionaries: diagnostics go to a Diags with
 * out = NULL (kept, never printed), and nothing is written.  Fonts and
 * layouts are found through LIVRET_DATADIR; when the caller did not set it,
 * the repository the harness was built from is used (FUZZ_SRCDIR, passed
 * by the Makefile), so `./build-fuzz/fuzz_pipeline` works from anywhere.
 */
#ifndef LIVRET_FUZZ_COMMON_H
#define LIVRET_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#ifndef FUZZ_SRCDIR
#define FUZZ_SRCDIR "."
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static inline void fuzz_set_datadir(void)
{
    /* overwrite = 0: an explicit LIVRET_DATADIR wins. */
    setenv("LIVRET_DATADIR", FUZZ_SRCDIR, 0);
}

#endif
