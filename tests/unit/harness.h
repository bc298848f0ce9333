/* harness — a tiny unit-test harness (cmark api_test shape).
 *
 *   TEST(name) { CHECK(x == 1); CHECK_STR(got, "want"); }
 *   int main(void) { RUN(name); return harness_done(); }
 *
 * Each failed check prints "FAIL file:line: expression"; harness_done()
 * prints "N passed, N failed" (counting checks) and returns the exit
 * status.  tests/run.sh adds the counts of every binary.
 */
#ifndef LIVRET_HARNESS_H
#define LIVRET_HARNESS_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int harness_pass, harness_fail;
static const char *harness_test = "";

#define TEST(name) static void name(void)
#define RUN(name) (harness_test = #name, name())

#define CHECK(cond) do { \
    if (cond) harness_pass++; \
    else { harness_fail++; \
        printf("FAIL %s:%d: %s: %s\n", __FILE__, __LINE__, harness_test, #cond); } \
} while (0)

#define CHECK_STR(got, want) do { \
    const char *g_ = (got), *w_ = (want); \
    if (g_ && w_ && strcmp(g_, w_) == 0) harness_pass++; \
    else { harness_fail++; \
        printf("FAIL %s:%d: %s: %s\n   got: %s\n  want: %s\n", __FILE__, __LINE__, \
               harness_test, #got, g_ ? g_ : "(null)", w_ ? w_ : "(null)"); } \
} while (0)

#define CHECK_INT(got, want) do { \
    long long g_ = (long long)(got), w_ = (long long)(want); \
    if (g_ == w_) harness_pass++; \
    else { harness_fail++; \
        printf("FAIL %s:%d: %s: %s = %lld, want %lld\n", __FILE__, __LINE__, \
               harness_test, #got, g_, w_); } \
} while (0)

#define CHECK_NEAR(got, want, eps) do { \
    double g_ = (got), w_ = (want); \
    if (fabs(g_ - w_) <= (eps)) harness_pass++; \
    else { harness_fail++; \
        printf("FAIL %s:%d: %s: %s = %g, want %g\n", __FILE__, __LINE__, \
               harness_test, #got, g_, w_); } \
} while (0)

static inline int harness_done(void)
{
    printf("%d passed, %d failed\n", harness_pass, harness_fail);
    return harness_fail ? 1 : 0;
}

#endif
