/* PUB/SUB fan-out in one process: one PUB, <subscribers> SUB sockets each received on a
 * thread of its own, one context (so one I/O thread, libzmq's default). The Java twin is
 * io.gannet.benchmarks.perf.FanoutThr: same arguments, same protocol, same output lines.
 *
 *   fanout_thr <inproc|tcp> <subscribers> <message-size> <message-count> [window] [rounds]
 *
 * window > 0: the publisher sends in batches of <window> and starts a batch only once every
 * subscriber has received all but the last batch (HWM 10 x window), so nothing can be
 * dropped: the rate is what every subscriber received. window 0: the publisher sends as
 * fast as PUB takes messages at the default HWM, and the lines show what was dropped.
 *
 * Messages of exactly <message-size> bytes are data; an empty one is the join probe; one of
 * size + 1 + r ends round r (sent until every subscriber has seen it, as PUB may drop it);
 * size + 1000 tells the subscribers to leave. Per round it prints the publishing rate, the
 * delivered rate (median and slowest subscriber: messages received over the time from the
 * first send to that subscriber's last receive) and the messages subscribers missed. */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zmq.h>

#define QUIT_OFFSET 1000

struct sub {
    pthread_t thread;
    void *socket;
    atomic_long received;     /* data messages of the current round */
    atomic_int joined;
    atomic_int rounds_done;   /* rounds whose end marker it saw */
    long round_received;      /* results of the last round, valid once rounds_done moved */
    double round_last_us;
    char pad[64];
};

static void *ctx;
static size_t size;

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static void fail(const char *what)
{
    fprintf(stderr, "%s failed: %s\n", what, zmq_strerror(zmq_errno()));
    exit(1);
}

static void *subscriber(void *arg)
{
    struct sub *s = arg;
    zmq_msg_t msg;
    double last = 0;
    int round = 0;
    zmq_msg_init(&msg);
    for (;;) {
        if (zmq_msg_recv(&msg, s->socket, 0) < 0)
            fail("zmq_msg_recv");
        size_t n = zmq_msg_size(&msg);
        if (n == size) {
            atomic_fetch_add_explicit(&s->received, 1, memory_order_release);
            last = now_us();
        } else if (n == 0) {
            atomic_store(&s->joined, 1);
        } else if (n == size + 1 + (size_t) round) {
            s->round_received = atomic_load(&s->received);
            s->round_last_us = last;
            atomic_store(&s->received, 0);
            round++;
            atomic_store(&s->rounds_done, round);
        } else if (n == size + QUIT_OFFSET) {
            break;
        }
    }
    zmq_msg_close(&msg);
    return NULL;
}

static void send_size(void *pub, size_t n, const char *payload)
{
    if (zmq_send(pub, payload, n, 0) < 0)
        fail("zmq_send");
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *) a, y = *(const double *) b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc < 5 || argc > 7) {
        printf("usage: %s <inproc|tcp> <subscribers> <message-size> <message-count> [window] [rounds]\n", argv[0]);
        return 1;
    }
    const char *transport = argv[1];
    int subs = atoi(argv[2]);
    size = (size_t) atol(argv[3]);
    long count = atol(argv[4]);
    long window = argc > 5 ? atol(argv[5]) : 1000;
    int rounds = argc > 6 ? atoi(argv[6]) : 1;
    if (subs < 1 || size < 1 || count < 1 || window < 0 || rounds < 1 || rounds > 900) {
        fprintf(stderr, "bad arguments\n");
        return 1;
    }
    char *payload = calloc(size + QUIT_OFFSET, 1);
    ctx = zmq_ctx_new();
    void *pub = zmq_socket(ctx, ZMQ_PUB);
    int hwm = window > 0 ? (int) (window * 10) : 1000;
    zmq_setsockopt(pub, ZMQ_SNDHWM, &hwm, sizeof hwm);
    char endpoint[256];
    if (strcmp(transport, "inproc") == 0) {
        snprintf(endpoint, sizeof endpoint, "inproc://fanout-%d", (int) getpid());
        if (zmq_bind(pub, endpoint) != 0)
            fail("zmq_bind");
    } else {
        size_t len = sizeof endpoint;
        if (zmq_bind(pub, "tcp://127.0.0.1:*") != 0)
            fail("zmq_bind");
        zmq_getsockopt(pub, ZMQ_LAST_ENDPOINT, endpoint, &len);
    }

    struct sub *s = calloc((size_t) subs, sizeof *s);
    for (int i = 0; i < subs; i++) {
        s[i].socket = zmq_socket(ctx, ZMQ_SUB);
        zmq_setsockopt(s[i].socket, ZMQ_RCVHWM, &hwm, sizeof hwm);
        zmq_setsockopt(s[i].socket, ZMQ_SUBSCRIBE, "", 0);
        if (zmq_connect(s[i].socket, endpoint) != 0)
            fail("zmq_connect");
        pthread_create(&s[i].thread, NULL, subscriber, &s[i]);
    }
    for (int joined = 0; joined < subs;) {
        send_size(pub, 0, payload);
        usleep(1000);
        joined = 0;
        for (int i = 0; i < subs; i++)
            joined += atomic_load(&s[i].joined);
    }

    double *rates = calloc((size_t) subs, sizeof *rates);
    printf("subscribers: %d\nmessage size: %d [B]\nmessage count: %ld\nwindow: %ld\n", subs, (int) size, count, window);
    for (int r = 0; r < rounds; r++) {
        double start = now_us();
        for (long k = 0; k < count; k++) {
            if (window > 0 && k % window == 0 && k >= 2 * window) {
                for (int i = 0; i < subs; i++)
                    while (atomic_load_explicit(&s[i].received, memory_order_acquire) < k - window)
                        usleep(20);
            }
            send_size(pub, size, payload);
        }
        double published = now_us();
        for (int done = 0; done < subs;) {
            send_size(pub, size + 1 + (size_t) r, payload);
            usleep(200);
            done = 0;
            for (int i = 0; i < subs; i++)
                done += atomic_load(&s[i].rounds_done) > r;
        }
        long dropped = 0;
        for (int i = 0; i < subs; i++) {
            double took = s[i].round_last_us - start;
            dropped += count - s[i].round_received;
            rates[i] = took > 0 ? s[i].round_received / took * 1e6 : 0;
        }
        qsort(rates, (size_t) subs, sizeof *rates, cmp_double);
        printf("round %d: published %.0f [msg/s] delivered median %.0f slowest %.0f [msg/s per subscriber] dropped %ld\n",
               r, count / (published - start) * 1e6, rates[subs / 2], rates[0], dropped);
        fflush(stdout);
    }
    char *exited = calloc((size_t) subs, 1);
    for (int left = subs; left > 0;) {
        send_size(pub, size + QUIT_OFFSET, payload);
        usleep(1000);
        left = 0;
        for (int i = 0; i < subs; i++) {
            if (!exited[i] && pthread_tryjoin_np(s[i].thread, NULL) == 0)
                exited[i] = 1;
            left += !exited[i];
        }
    }
    for (int i = 0; i < subs; i++)
        zmq_close(s[i].socket);
    zmq_close(pub);
    zmq_ctx_term(ctx);
    return 0;
}
