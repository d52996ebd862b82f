/*
 * Shared helpers for Gannet's libzmq perf tools (our own small programs, written for the
 * comparison; they accept the same arguments and print the same lines as libzmq's perf
 * tools, so the comparison script parses one format for libzmq, Gannet and JeroMQ).
 *
 * Each tool: <endpoint> <message-size> <count> [warm-up-count]. Exit status 1 on any error,
 * with a message. With the environment variable PERF_CURVE=1 every socket uses CURVE with
 * the fixed benchmark keys below (the binding side is the server), on both sides of a pair. The optional warm-up (our addition; 0 when absent, as libzmq's tools take
 * three arguments) is that many messages or round trips sent and received untimed before
 * the measured ones, so that JIT-compiled libraries are measured compiled. Both sides of a
 * pair must be given the same warm-up.
 */
#ifndef GANNET_PERF_COMMON_H
#define GANNET_PERF_COMMON_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zmq.h>

struct perf_args {
    const char *endpoint;
    size_t size;
    long count;
    long warmup;
};

/* Prints what failed with zmq's error text and exits. */
static inline void perf_fail(const char *what)
{
    fprintf(stderr, "%s failed: %s\n", what, zmq_strerror(zmq_errno()));
    exit(1);
}

/* Parses the three or four arguments or prints the usage line and exits. */
static inline struct perf_args perf_parse(int argc, char **argv, const char *role, const char *count_name)
{
    struct perf_args a;
    char *end1 = NULL;
    char *end2 = NULL;
    char *end3 = "";
    if (argc != 4 && argc != 5) {
        printf("usage: %s <%s> <message-size> <%s> [warm-up-count]\n", argv[0], role, count_name);
        exit(1);
    }
    a.endpoint = argv[1];
    a.size = (size_t) strtoul(argv[2], &end1, 10);
    a.count = strtol(argv[3], &end2, 10);
    a.warmup = argc == 5 ? strtol(argv[4], &end3, 10) : 0;
    if (*end1 != '\0' || *end2 != '\0' || *end3 != '\0' || a.count < 1 || a.warmup < 0) {
        printf("usage: %s <%s> <message-size> <%s> [warm-up-count]\n", argv[0], role, count_name);
        exit(1);
    }
    return a;
}

/* Benchmark-only CURVE keys, shared with the Java tools (io.gannet.benchmarks.lib.CurveKeys).
 * Public in the source: never use them for anything but measuring. */
#define PERF_SERVER_PUBLIC "wzV{zc$9-juIv%{iwbMpim@/UQPbla9VY>[E8f?N"
#define PERF_SERVER_SECRET "Cysm-5GCw)-dDzU&F*gz}s*.7Ynr7TFI{r!6+$xD"
#define PERF_CLIENT_PUBLIC "j=mQzlJ.pQf5V>a>?$u.MuWPx)!@4L.PIWBM7oVD"
#define PERF_CLIENT_SECRET "2&#B8GxM^KWJBeUzFp^1fhe?KF!eAb9dk:mx=WzB"

/* True when PERF_CURVE asks for CURVE. */
static inline int perf_curve_wanted(void)
{
    const char *v = getenv("PERF_CURVE");
    return v != NULL && *v != '\0' && strcmp(v, "0") != 0;
}

/* Makes socket a CURVE server or client when PERF_CURVE asks for it; call before bind/connect. */
static inline void perf_security(void *socket, int as_server)
{
    int on = 1;
    if (!perf_curve_wanted())
        return;
    if (as_server) {
        if (zmq_setsockopt(socket, ZMQ_CURVE_SERVER, &on, sizeof on) != 0
            || zmq_setsockopt(socket, ZMQ_CURVE_SECRETKEY, PERF_SERVER_SECRET, 40) != 0)
            perf_fail("zmq_setsockopt(CURVE server)");
    } else if (zmq_setsockopt(socket, ZMQ_CURVE_SERVERKEY, PERF_SERVER_PUBLIC, 40) != 0
               || zmq_setsockopt(socket, ZMQ_CURVE_PUBLICKEY, PERF_CLIENT_PUBLIC, 40) != 0
               || zmq_setsockopt(socket, ZMQ_CURVE_SECRETKEY, PERF_CLIENT_SECRET, 40) != 0) {
        perf_fail("zmq_setsockopt(CURVE client)");
    }
}

/* Monotonic clock in microseconds. */
static inline double perf_now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double) ts.tv_sec * 1e6 + (double) ts.tv_nsec / 1e3;
}

/* Receives one message into msg and checks its size; exits on error. */
static inline void perf_recv_sized(void *socket, zmq_msg_t *msg, size_t size)
{
    if (zmq_msg_recv(msg, socket, 0) < 0)
        perf_fail("zmq_msg_recv");
    if (zmq_msg_size(msg) != size) {
        printf("message of incorrect size received\n");
        exit(1);
    }
}

#endif
