/* Throughput sender: connects PUSH, sends warm-up + <count> messages, lingers until all are out. */
#include "perf_common.h"

int main(int argc, char **argv)
{
    struct perf_args a = perf_parse(argc, argv, "connect-to", "message-count");
    void *ctx = zmq_ctx_new();
    void *push = zmq_socket(ctx, ZMQ_PUSH);
    zmq_msg_t msg;
    long i;

    if (push == NULL)
        perf_fail("zmq_socket");
    perf_security(push, 0);
    if (zmq_connect(push, a.endpoint) != 0)
        perf_fail("zmq_connect");
    for (i = 0; i < a.warmup + a.count; i++) {
        /* A fresh message each time, as an application would build one. */
        if (zmq_msg_init_size(&msg, a.size) != 0)
            perf_fail("zmq_msg_init_size");
        memset(zmq_msg_data(&msg), 0, a.size);
        if (zmq_msg_send(&msg, push, 0) < 0)
            perf_fail("zmq_msg_send");
    }
    zmq_close(push);   /* default linger is infinite: returns once everything is queued */
    zmq_ctx_term(ctx); /* waits until the queued messages are written */
    return 0;
}
