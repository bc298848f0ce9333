/* replay — runs a fuzz harness on files without libFuzzer, so that the
 * inputs that once crashed it (tests/fuzz/regressions/) are replayed by
 * `make check` with the ordinary compiler, and under ASan and valgrind by
 * `make asan` and `make valgrind`.  Linked with one harness; prints
 * "ok FILE" per input and exits 0, or dies the way the crash would.
 */
#include "fuzz_common.h"

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    LLVMFuzzerInitialize(&argc, &argv);
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            perror(argv[i]);
            return 2;
        }
        size_t cap = 4096, n = 0;
        unsigned char *buf = malloc(cap);
        size_t got;
        while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
            n += got;
            if (n == cap) {
                unsigned char *nb = realloc(buf, cap *= 2);
                if (!nb)
                    free(buf);
                buf = nb;
            }
        }
        fclose(f);
        if (!buf) {
            fprintf(stderr, "%s: out of memory\n", argv[i]);
            return 2;
        }
        LLVMFuzzerTestOneInput(buf, n);
        free(buf);
        printf("ok %s\n", argv[i]);
    }
    return 0;
}
