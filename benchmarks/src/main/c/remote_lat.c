/* Latency client: connects REQ, makes the warm-up round trips, then times <count> round trips;
 * prints half the mean round trip (as libzmq's remote_lat does) and the round trip's p50 and
 * p99 (our addition, so that the comparison can use percentiles as JMH does). */
#include "perf_common.h"

/* One request of <size> zero bytes and its reply, reusing msg. */
static void round_trip(void *req, zmq_msg_t *msg, size_t size)
{
    zmq_msg_close(msg);
    if (zmq_msg_init_size(msg, size) != 0)
        perf_fail("zmq_msg_init_size");
    memset(zmq_msg_data(msg), 0, size);
    if (zmq_msg_send(msg, req, 0) < 0)
        perf_fail("zmq_msg_send");
    perf_recv_sized(req, msg, size);
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *) a;
    double y = *(const double *) b;
    return (x > y) - (x < y);
}

/* Index of the p-th percentile (nearest rank) in a sorted array of n values. */
static long percentile_index(long n, int p)
{
    long rank = (n * p + 99) / 100;
    return rank < 1 ? 0 : rank - 1;
}

int main(int argc, char **argv)
{
    struct perf_args a = perf_parse(argc, argv, "connect-to", "roundtrip-count");
    void *ctx = zmq_ctx_new();
    void *req = zmq_socket(ctx, ZMQ_REQ);
    zmq_msg_t msg;
    double start, elapsed_us, t0;
    double *trips = malloc(sizeof(double) * (size_t) a.count);
    long i;

    if (req == NULL)
        perf_fail("zmq_socket");
    perf_security(req, 0);
    if (zmq_connect(req, a.endpoint) != 0)
        perf_fail("zmq_connect");
    if (trips == NULL)
        perf_fail("malloc");
    zmq_msg_init(&msg);
    for (i = 0; i < a.warmup; i++)
        round_trip(req, &msg, a.size);
    start = perf_now_us();
    for (i = 0; i < a.count; i++) {
        t0 = perf_now_us();
        round_trip(req, &msg, a.size);
        trips[i] = perf_now_us() - t0;
    }
    elapsed_us = perf_now_us() - start;
    qsort(trips, (size_t) a.count, sizeof(double), compare_doubles);
    zmq_msg_close(&msg);

    printf("message size: %d [B]\n", (int) a.size);
    printf("roundtrip count: %d\n", (int) a.count);
    printf("average latency: %.3f [us]\n", elapsed_us / ((double) a.count * 2));
    printf("p50 roundtrip: %.3f [us]\n", trips[percentile_index(a.count, 50)]);
    printf("p99 roundtrip: %.3f [us]\n", trips[percentile_index(a.count, 99)]);
    free(trips);

    zmq_close(req);
    zmq_ctx_term(ctx);
    return 0;
}
