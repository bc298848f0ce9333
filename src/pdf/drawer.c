#include "pdf/drawer.h"
#include "base/xalloc.h"
#include "base/xthread.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Queued {
    Page page;
    const DocList *frame;
    bool front;
} Queued;

struct Drawer {
    DrawFn draw;
    void *ctx;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;          /* a page queued, a page done, closing */
    Queued *queue;              /* [head, tail) waiting */
    size_t head, tail, cap;
    size_t given, finished;
    bool closing, failed;
    DocList **frames;           /* the frames' copies, the drawer's own */
    size_t nframes;
};

static void *run(void *arg)
{
    Drawer *q = arg;
    xlock(&q->mu);
    for (;;) {
        while (q->head == q->tail && !q->closing && !q->failed)
            xwait(&q->cv, &q->mu);
        if (q->failed || q->head == q->tail)
            break;
        Queued job = q->queue[q->head++];
        xunlock(&q->mu);
        bool ok = q->draw(q->ctx, &job.page, job.frame, job.front);
        xlock(&q->mu);
        q->finished++;
        q->failed |= !ok;
        xbroadcast(&q->cv);
    }
    xunlock(&q->mu);
    return NULL;
}

Drawer *drawer_new(DrawFn draw, void *ctx, int *err)
{
    Drawer *q = xcalloc(1, sizeof *q);
    q->draw = draw;
    q->ctx = ctx;
    int rc = pthread_mutex_init(&q->mu, NULL);
    if (!rc && (rc = pthread_cond_init(&q->cv, NULL)) != 0)
        xthread_check(pthread_mutex_destroy(&q->mu), "pthread_mutex_destroy");
    if (!rc && (rc = pthread_create(&q->thread, NULL, run, q)) != 0) {
        xthread_check(pthread_cond_destroy(&q->cv), "pthread_cond_destroy");
        xthread_check(pthread_mutex_destroy(&q->mu), "pthread_mutex_destroy");
    }
    if (rc) {
        free(q);
        *err = rc;
        return NULL;
    }
    return q;
}

/* The drawer's own copy of a frame: page size, boxes and its fonts'
 * files.  A frame like the last one is not copied again. */
static const DocList *keep_frame(Drawer *q, const DocList *f)
{
    const DocList *last = q->nframes ? q->frames[q->nframes - 1] : NULL;
    if (last && last->nfonts == f->nfonts && last->width == f->width &&
        last->height == f->height &&
        memcmp(last->trim, f->trim, sizeof f->trim) == 0 &&
        memcmp(last->bleed, f->bleed, sizeof f->bleed) == 0)
        return last;
    DocList *c = xcalloc(1, sizeof *c);
    c->width = f->width;
    c->height = f->height;
    memcpy(c->trim, f->trim, sizeof c->trim);
    memcpy(c->bleed, f->bleed, sizeof c->bleed);
    FontRef *fonts = xcalloc(f->nfonts ? f->nfonts : 1, sizeof *fonts);
    for (size_t i = 0; i < f->nfonts; i++) {
        fonts[i] = f->fonts[i];
        fonts[i].path = f->fonts[i].path ? xstrdup(f->fonts[i].path) : NULL;
        fonts[i].name = f->fonts[i].name ? xstrdup(f->fonts[i].name) : NULL;
    }
    c->fonts = fonts;
    c->nfonts = f->nfonts;
    q->frames = xreallocarray(q->frames, q->nframes + 1, sizeof *q->frames);
    q->frames[q->nframes++] = c;
    return c;
}

bool drawer_give(Drawer *q, const DocList *frame, const Page *pages,
                 size_t n, bool front)
{
    /* (frames are only read by the thread through queued pages, which
     * hold the lock's happens-before) */
    const DocList *f = keep_frame(q, frame);
    xlock(&q->mu);
    bool ok = !q->failed;
    if (ok && q->tail + n > q->cap) {
        if (q->head) {          /* the drawn ones make room */
            memmove(q->queue, q->queue + q->head,
                    (q->tail - q->head) * sizeof *q->queue);
            q->tail -= q->head;
            q->head = 0;
        }
        if (q->tail + n > q->cap) {
            q->cap = 2 * (q->tail + n);
            q->queue = xreallocarray(q->queue, q->cap, sizeof *q->queue);
        }
    }
    for (size_t i = 0; ok && i < n; i++)
        q->queue[q->tail++] = (Queued){ pages[i], f, front };
    if (ok)
        q->given += n;
    xbroadcast(&q->cv);
    xunlock(&q->mu);
    return ok;
}

size_t drawer_done(Drawer *q, size_t at_least)
{
    xlock(&q->mu);
    if (at_least > q->given)
        at_least = q->given;
    while (q->finished < at_least && !q->failed)
        xwait(&q->cv, &q->mu);
    size_t n = q->failed ? q->given : q->finished;
    xunlock(&q->mu);
    return n;
}

bool drawer_close(Drawer *q, bool stop)
{
    if (!q)
        return true;
    xlock(&q->mu);
    q->closing = true;
    q->failed |= stop;
    xbroadcast(&q->cv);
    xunlock(&q->mu);
    xthread_check(pthread_join(q->thread, NULL), "pthread_join");
    bool ok = !q->failed;
    xthread_check(pthread_cond_destroy(&q->cv), "pthread_cond_destroy");
    xthread_check(pthread_mutex_destroy(&q->mu), "pthread_mutex_destroy");
    for (size_t i = 0; i < q->nframes; i++) {
        for (size_t k = 0; k < q->frames[i]->nfonts; k++) {
            free((char *)q->frames[i]->fonts[k].path);
            free((char *)q->frames[i]->fonts[k].name);
        }
        free(q->frames[i]->fonts);
        free(q->frames[i]);
    }
    free(q->frames);
    free(q->queue);
    free(q);
    return ok;
}
