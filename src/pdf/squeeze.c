#include "pdf/squeeze.h"
#include "base/xthread.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libdeflate.h>

/* libdeflate's 6 gives about zlib's default ratio at a fraction of its
 * time. */
#define SQUEEZE_LEVEL 6

typedef struct Job {
    unsigned char *raw;     /* given, until compressed */
    size_t len;
    unsigned char *out;     /* the zlib stream, until taken */
    size_t outlen;
    bool done;
} Job;

struct Squeeze {
    pthread_t worker;
    pthread_mutex_t mu;
    pthread_cond_t cv;      /* a stream given, a stream done, closing */
    Job *jobs;              /* grown (under the lock) as streams come */
    size_t cap;
    size_t given;           /* jobs[0, given) have their input */
    size_t next;            /* the next job to compress */
    bool closing, stopping, failed;
};

/* Deflate raw[0..len) into *out, *outlen; false if it cannot (no
 * compressor, no memory). */
static bool deflate_raw(struct libdeflate_compressor *c,
                        const unsigned char *raw, size_t len,
                        unsigned char **out, size_t *outlen)
{
    *out = NULL;
    *outlen = 0;
    if (!len)
        return true;
    if (!c)
        return false;
    size_t bound = libdeflate_zlib_compress_bound(c, len);
    unsigned char *buf = malloc(bound);
    if (!buf)
        return false;
    size_t n = libdeflate_zlib_compress(c, raw, len, buf, bound);
    if (!n) {                   /* cannot happen within the bound */
        free(buf);
        return false;
    }
    *out = buf;
    *outlen = n;
    return true;
}

/* Compress given jobs in order until closing and none is left, or
 * stopping.  Holds the lock only to take a job and to mark it done; the
 * job is read and written by index under the lock, since squeeze_give
 * may move the array to grow it meanwhile. */
static void run(Squeeze *q)
{
    struct libdeflate_compressor *c =
        libdeflate_alloc_compressor(SQUEEZE_LEVEL);
    xlock(&q->mu);
    for (;;) {
        while (q->next >= q->given && !q->closing && !q->stopping)
            xwait(&q->cv, &q->mu);
        if (q->stopping || q->next >= q->given)
            break;
        size_t i = q->next++;
        unsigned char *raw = q->jobs[i].raw, *out;
        size_t len = q->jobs[i].len, outlen;
        q->jobs[i].raw = NULL;
        xunlock(&q->mu);
        bool ok = deflate_raw(c, raw, len, &out, &outlen);
        free(raw);
        xlock(&q->mu);
        if (!ok)
            q->failed = true;
        q->jobs[i].out = out;
        q->jobs[i].outlen = outlen;
        q->jobs[i].done = true;
        xbroadcast(&q->cv);
    }
    xunlock(&q->mu);
    libdeflate_free_compressor(c);
}

static void *worker(void *arg)
{
    run(arg);
    return NULL;
}

Squeeze *squeeze_new(void)
{
    Squeeze *q = calloc(1, sizeof *q);
    if (!q)
        return NULL;
    q->cap = 64;
    q->jobs = calloc(q->cap, sizeof *q->jobs);
    int rc = q->jobs ? pthread_mutex_init(&q->mu, NULL) : ENOMEM;
    if (rc) {
        free(q->jobs);
        free(q);
        errno = rc;
        return NULL;
    }
    rc = pthread_cond_init(&q->cv, NULL);
    if (!rc) {
        rc = pthread_create(&q->worker, NULL, worker, q);
        if (rc)
            xthread_check(pthread_cond_destroy(&q->cv), "pthread_cond_destroy");
    }
    if (rc) {
        xthread_check(pthread_mutex_destroy(&q->mu), "pthread_mutex_destroy");
        free(q->jobs);
        free(q);
        errno = rc;
        return NULL;
    }
    return q;
}

bool squeeze_give(Squeeze *q, size_t i, unsigned char *raw, size_t len)
{
    xlock(&q->mu);
    bool ok = i == q->given && !q->closing;
    if (ok && i == q->cap) {
        Job *more = realloc(q->jobs, 2 * q->cap * sizeof *more);
        ok = more != NULL;
        if (ok) {
            memset(more + q->cap, 0, q->cap * sizeof *more);
            q->jobs = more;
            q->cap *= 2;
        }
    }
    if (ok) {
        q->jobs[i].raw = raw;
        q->jobs[i].len = len;
        q->given++;
        xbroadcast(&q->cv);
    }
    xunlock(&q->mu);
    if (!ok)
        free(raw);
    return ok;
}

bool squeeze_take(Squeeze *q, size_t i, bool wait, unsigned char **out,
                  size_t *outlen)
{
    *out = NULL;
    *outlen = 0;
    xlock(&q->mu);
    if (i >= q->given) {
        xunlock(&q->mu);
        return false;
    }
    while (wait && !q->jobs[i].done)
        xwait(&q->cv, &q->mu);
    bool done = q->jobs[i].done;
    if (done) {
        *out = q->jobs[i].out;
        *outlen = q->jobs[i].outlen;
        q->jobs[i].out = NULL;
    }
    xunlock(&q->mu);
    return done;
}

void squeeze_close(Squeeze *q)
{
    xlock(&q->mu);
    q->closing = true;
    xbroadcast(&q->cv);
    xunlock(&q->mu);
    run(q);
}

bool squeeze_failed(Squeeze *q)
{
    xlock(&q->mu);
    bool failed = q->failed;
    xunlock(&q->mu);
    return failed;
}

void squeeze_free(Squeeze *q)
{
    if (!q)
        return;
    xlock(&q->mu);
    q->stopping = true;
    xbroadcast(&q->cv);
    xunlock(&q->mu);
    xthread_check(pthread_join(q->worker, NULL), "pthread_join");
    for (size_t i = 0; i < q->given; i++) {
        free(q->jobs[i].raw);
        free(q->jobs[i].out);
    }
    xthread_check(pthread_cond_destroy(&q->cv), "pthread_cond_destroy");
    xthread_check(pthread_mutex_destroy(&q->mu), "pthread_mutex_destroy");
    free(q->jobs);
    free(q);
}
