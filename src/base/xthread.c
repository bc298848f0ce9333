#include "base/xthread.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void xthread_check(int rc, const char *what)
{
    if (rc == 0)
        return;
    fprintf(stderr, "livret: internal error: %s: %s\n", what, strerror(rc));
    abort();
}

void xlock(pthread_mutex_t *mu)
{
    xthread_check(pthread_mutex_lock(mu), "pthread_mutex_lock");
}

void xunlock(pthread_mutex_t *mu)
{
    xthread_check(pthread_mutex_unlock(mu), "pthread_mutex_unlock");
}

void xwait(pthread_cond_t *cv, pthread_mutex_t *mu)
{
    xthread_check(pthread_cond_wait(cv, mu), "pthread_cond_wait");
}

void xbroadcast(pthread_cond_t *cv)
{
    xthread_check(pthread_cond_broadcast(cv), "pthread_cond_broadcast");
}
