/* Latency client: connects REQ, makes <count> round trips, prints half the mean round trip. */
#include "perf_common.h"

int main(int argc, char **argv)
{
    struct perf_args a = perf_parse(argc, argv, "connect-to", "roundtrip-count");
    void *ctx = zmq_ctx_new();
    void *req = zmq_socket(ctx, ZMQ_REQ);
    zmq_msg_t msg;
    double start, elapsed_us;
    long i;

    if (req == NULL)
        perf_fail("zmq_socket");
    if (zmq_connect(req, a.endpoint) != 0)
        perf_fail("zmq_connect");
    zmq_msg_init(&msg);
    start = perf_now_us();
    for (i = 0; i < a.count; i++) {
        zmq_msg_close(&msg);
        if (zmq_msg_init_size(&msg, a.size) != 0)
            perf_fail("zmq_msg_init_size");
        memset(zmq_msg_data(&msg), 0, a.size);
        if (zmq_msg_send(&msg, req, 0) < 0)
            perf_fail("zmq_msg_send");
        perf_recv_sized(req, &msg, a.size);
    }
    elapsed_us = perf_now_us() - start;
    zmq_msg_close(&msg);

    printf("message size: %d [B]\n", (int) a.size);
    printf("roundtrip count: %d\n", (int) a.count);
    printf("average latency: %.3f [us]\n", elapsed_us / ((double) a.count * 2));

    zmq_close(req);
    zmq_ctx_term(ctx);
    return 0;
}
