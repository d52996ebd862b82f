/* Handshake rate client: for each of warm-up + <count> connections, makes a REQ socket,
 * connects, makes one round trip of <size> bytes (so the handshake is complete) and closes
 * it; times the last <count>. Pair it with local_lat given warm-up + count round trips:
 * each connection is one of its round trips. With PERF_CURVE=1 each connection is a full
 * CURVE handshake (HELLO, WELCOME, INITIATE, READY) and a ZAP-less server. */
#include "perf_common.h"

static void one_connection(void *ctx, const struct perf_args *a)
{
    void *req = zmq_socket(ctx, ZMQ_REQ);
    zmq_msg_t msg;
    int zero = 0;

    if (req == NULL)
        perf_fail("zmq_socket");
    perf_security(req, 0);
    zmq_setsockopt(req, ZMQ_LINGER, &zero, sizeof zero);
    if (zmq_connect(req, a->endpoint) != 0)
        perf_fail("zmq_connect");
    if (zmq_msg_init_size(&msg, a->size) != 0)
        perf_fail("zmq_msg_init_size");
    memset(zmq_msg_data(&msg), 0, a->size);
    if (zmq_msg_send(&msg, req, 0) < 0)
        perf_fail("zmq_msg_send");
    perf_recv_sized(req, &msg, a->size);
    zmq_msg_close(&msg);
    zmq_close(req);
}

int main(int argc, char **argv)
{
    struct perf_args a = perf_parse(argc, argv, "connect-to", "connection-count");
    void *ctx = zmq_ctx_new();
    double start, elapsed_us;
    long i;

    for (i = 0; i < a.warmup; i++)
        one_connection(ctx, &a);
    start = perf_now_us();
    for (i = 0; i < a.count; i++)
        one_connection(ctx, &a);
    elapsed_us = perf_now_us() - start;
    if (elapsed_us < 1)
        elapsed_us = 1;
    printf("message size: %d [B]\n", (int) a.size);
    printf("connection count: %d\n", (int) a.count);
    printf("handshake rate: %d [connections/s]\n", (int) ((double) a.count / elapsed_us * 1e6));
    zmq_ctx_term(ctx);
    return 0;
}
