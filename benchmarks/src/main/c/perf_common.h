/*
 * Shared helpers for Gannet's libzmq perf tools (our own small programs, written for the
 * comparison; they accept the same arguments and print the same lines as libzmq's perf
 * tools, so the comparison script parses one format for libzmq, Gannet and JeroMQ).
 *
 * Each tool: <endpoint> <message-size> <count> [warm-up-count]. Exit status 1 on any error,
 * with a message. The optional warm-up (our addition; 0 when absent, as libzmq's tools take
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
