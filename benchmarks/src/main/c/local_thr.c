/* Throughput receiver: binds PULL, takes the warm-up messages, then times <count> messages
 * from the first one on. */
#include "perf_common.h"

int main(int argc, char **argv)
{
    struct perf_args a = perf_parse(argc, argv, "bind-to", "message-count");
    void *ctx = zmq_ctx_new();
    void *pull = zmq_socket(ctx, ZMQ_PULL);
    zmq_msg_t msg;
    double start, elapsed_us;
    unsigned long throughput;
    long i;

    if (pull == NULL)
        perf_fail("zmq_socket");
    perf_security(pull, 1);
    if (zmq_bind(pull, a.endpoint) != 0)
        perf_fail("zmq_bind");
    zmq_msg_init(&msg);
    for (i = 0; i < a.warmup; i++)
        perf_recv_sized(pull, &msg, a.size);
    perf_recv_sized(pull, &msg, a.size);
    start = perf_now_us();
    for (i = 1; i < a.count; i++)
        perf_recv_sized(pull, &msg, a.size);
    elapsed_us = perf_now_us() - start;
    if (elapsed_us < 1)
        elapsed_us = 1;
    zmq_msg_close(&msg);

    throughput = (unsigned long) ((double) a.count / elapsed_us * 1e6);
    printf("message size: %d [B]\n", (int) a.size);
    printf("message count: %d\n", (int) a.count);
    printf("mean throughput: %d [msg/s]\n", (int) throughput);
    printf("mean throughput: %.3f [Mb/s]\n", (double) throughput * (double) a.size * 8 / 1e6);

    zmq_close(pull);
    zmq_ctx_term(ctx);
    return 0;
}
