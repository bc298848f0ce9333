/* xthread — POSIX thread calls that abort on failure.
 *
 * The mutexes and conditions of livret's worker threads (pdf/drawer,
 * pdf/squeeze) have default attributes and are never locked twice, so a
 * call that fails is a bug: like xalloc, say so in one line and stop
 * (abort, for a core).  Callers never test the result.
 */
#ifndef LIVRET_XTHREAD_H
#define LIVRET_XTHREAD_H

#include <pthread.h>

/* rc: what a pthread_* call returned; what: the call, for the message. */
void xthread_check(int rc, const char *what);
void xlock(pthread_mutex_t *mu);
void xunlock(pthread_mutex_t *mu);
void xwait(pthread_cond_t *cv, pthread_mutex_t *mu);
void xbroadcast(pthread_cond_t *cv);

#endif
