/* Latency echo server: binds REP and sends each of warm-up + <count> requests straight back. */
#include "perf_common.h"

int main(int argc, char **argv)
{
    struct perf_args a = perf_parse(argc, argv, "bind-to", "roundtrip-count");
    void *ctx = zmq_ctx_new();
    void *rep = zmq_socket(ctx, ZMQ_REP);
    zmq_msg_t msg;
    long i;

    if (rep == NULL)
        perf_fail("zmq_socket");
    perf_security(rep, 1);
    if (zmq_bind(rep, a.endpoint) != 0)
        perf_fail("zmq_bind");
    zmq_msg_init(&msg);
    for (i = 0; i < a.warmup + a.count; i++) {
        perf_recv_sized(rep, &msg, a.size);
        if (zmq_msg_send(&msg, rep, 0) < 0) /* sending moves the content out of msg */
            perf_fail("zmq_msg_send");
    }
    zmq_msg_close(&msg);
    zmq_close(rep);
    zmq_ctx_term(ctx);
    return 0;
}
