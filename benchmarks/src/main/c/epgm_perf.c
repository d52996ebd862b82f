/*
 * libzmq's side of benchmarks/epgm-compare.sh: one epgm:// PUB or SUB, run inside a network
 * namespace. The Java twin is io.gannet.benchmarks.epgm.EpgmPerf (same arguments, same output).
 *
 *   epgm_perf pub <endpoint> <size> <count> <rate-kbit/s> <interval-us>
 *   epgm_perf sub <endpoint> <size> <count> <rate-kbit/s> <interval-us>
 *
 * Every message is <size> bytes (at least 16) and starts with its sequence number and the
 * CLOCK_MONOTONIC time it was sent (8 bytes each, host order): the namespaces share one
 * clock, so the subscriber measures one-way latency. The publisher sends <count> messages,
 * one per <interval-us> (0: as fast as the socket takes them), then a few end markers
 * (sequence ~0) until told to stop by end of stdin. The subscriber prints
 *   RESULT msgs=N lost=L seconds=S rate=R p50=us p99=us p999=us max=us cpu=ticks
 * (rate in messages per second from the first to the last message, latencies in
 * microseconds; cpu = utime+stime of this process from /proc/self/stat, counted from the
 * first message on, so start-up is left out). The publisher prints RESULT cpu=ticks when it
 * exits, counted from "go".
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zmq.h>

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t) ts.tv_sec * 1000000000ull + (uint64_t) ts.tv_nsec;
}

static long cpu_ticks(void)
{
    char buf[1024];
    FILE *f = fopen("/proc/self/stat", "r");
    if (f == NULL || fgets(buf, sizeof buf, f) == NULL) {
        return -1;
    }
    fclose(f);
    char *p = strrchr(buf, ')') + 2;
    long utime = 0, stime = 0;
    /* After ") ": state is field 3; utime and stime are fields 14 and 15. */
    for (int field = 3; field <= 15 && p != NULL; field++) {
        if (field == 14) {
            utime = strtol(p, NULL, 10);
        } else if (field == 15) {
            stime = strtol(p, NULL, 10);
        }
        p = strchr(p, ' ');
        if (p != NULL) {
            p++;
        }
    }
    return utime + stime;
}

static void fail(const char *what)
{
    printf("ERROR %s: %s\n", what, zmq_strerror(zmq_errno()));
    exit(1);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *) a, y = *(const uint64_t *) b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc != 7) {
        fprintf(stderr, "usage: %s pub|sub <endpoint> <size> <count> <rate-kbit/s> <interval-us>\n", argv[0]);
        return 2;
    }
    int pub = strcmp(argv[1], "pub") == 0;
    size_t size = (size_t) atol(argv[3]);
    long count = atol(argv[4]);
    int rate = atoi(argv[5]);
    long interval_us = atol(argv[6]);
    if (size < 16) {
        size = 16;
    }
    void *ctx = zmq_ctx_new();
    void *s = zmq_socket(ctx, pub ? ZMQ_PUB : ZMQ_SUB);
    int zero = 0, ivl = 10000, buf = 4 * 1024 * 1024;
    zmq_setsockopt(s, ZMQ_RATE, &rate, sizeof rate);
    zmq_setsockopt(s, ZMQ_RECOVERY_IVL, &ivl, sizeof ivl);
    zmq_setsockopt(s, ZMQ_SNDHWM, &zero, sizeof zero);
    zmq_setsockopt(s, ZMQ_RCVHWM, &zero, sizeof zero);
    zmq_setsockopt(s, ZMQ_LINGER, &zero, sizeof zero);
    zmq_setsockopt(s, ZMQ_SNDBUF, &buf, sizeof buf);
    zmq_setsockopt(s, ZMQ_RCVBUF, &buf, sizeof buf);
    if (!pub) {
        zmq_setsockopt(s, ZMQ_SUBSCRIBE, "", 0);
    }
    if (zmq_connect(s, argv[2]) != 0) {
        fail("connect");
    }
    printf("READY\n");
    fflush(stdout);
    char *msg = calloc(1, size);
    if (pub) {
        char line[64];
        if (fgets(line, sizeof line, stdin) == NULL) { /* "go" */
            return 1;
        }
        long cpu_at_go = cpu_ticks();
        uint64_t start = now_ns();
        for (long i = 0; i < count; i++) {
            if (interval_us > 0) {
                uint64_t due = start + (uint64_t) i * (uint64_t) interval_us * 1000ull;
                while (now_ns() < due) {
                    /* spin: sleeping would add the scheduler's wake-up latency to every message */
                }
            }
            uint64_t seq = (uint64_t) i, t = now_ns();
            memcpy(msg, &seq, 8);
            memcpy(msg + 8, &t, 8);
            if (zmq_send(s, msg, size, 0) < 0) {
                fail("send");
            }
        }
        printf("SENT-ALL %ld\n", count);
        fflush(stdout);
        while (fgets(line, sizeof line, stdin) != NULL) {
            /* stay up to answer NAKs until the runner closes stdin */
        }
        printf("RESULT cpu=%ld\n", cpu_ticks() - cpu_at_go);
    } else {
        uint64_t *lat = calloc((size_t) count, sizeof(uint64_t));
        long got = 0;
        uint64_t first = 0, last = 0, max_seq = 0;
        long cpu_at_first = 0;
        int timeout = 15000;
        zmq_setsockopt(s, ZMQ_RCVTIMEO, &timeout, sizeof timeout);
        while (got < count) {
            int n = zmq_recv(s, msg, size, 0);
            if (n < 0) {
                break; /* nothing for 15 s: report what came */
            }
            uint64_t seq, t, arrived = now_ns();
            memcpy(&seq, msg, 8);
            memcpy(&t, msg + 8, 8);
            if (seq >= (uint64_t) count) {
                continue;
            }
            if (got == 0) {
                first = arrived;
                cpu_at_first = cpu_ticks();
            }
            last = arrived;
            lat[got++] = arrived - t;
            if (seq > max_seq) {
                max_seq = seq;
            }
        }
        qsort(lat, (size_t) got, sizeof(uint64_t), cmp_u64);
        double secs = (double) (last - first) / 1e9;
        printf("RESULT msgs=%ld lost=%ld seconds=%.3f rate=%.0f p50=%.1f p99=%.1f p999=%.1f max=%.1f cpu=%ld\n",
               got, count - got, secs, got > 1 ? (double) (got - 1) / secs : 0.0,
               got ? (double) lat[got / 2] / 1e3 : 0.0, got ? (double) lat[(long) (got * 0.99)] / 1e3 : 0.0,
               got ? (double) lat[(long) (got * 0.999)] / 1e3 : 0.0, got ? (double) lat[got - 1] / 1e3 : 0.0,
               cpu_ticks() - cpu_at_first);
    }
    fflush(stdout);
    zmq_close(s);
    zmq_ctx_term(ctx);
    return 0;
}
