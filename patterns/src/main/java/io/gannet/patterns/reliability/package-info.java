/**
 * The ZeroMQ Guide's reliable request-reply patterns (chapter 4) as library classes, built
 * only on Gannet's public sockets.
 *
 * <ul>
 *   <li>{@link io.gannet.patterns.reliability.LazyPirateClient}: a REQ client that waits a
 *       bounded time for each reply, resends on a fresh socket, and gives up after a number
 *       of attempts; {@link io.gannet.patterns.reliability.SimplePirateQueue} and
 *       {@link io.gannet.patterns.reliability.SimplePirateWorker}: a least-recently-used
 *       queue of workers between such clients and REQ workers.</li>
 *   <li>{@link io.gannet.patterns.reliability.ParanoidPirateQueue} and
 *       {@link io.gannet.patterns.reliability.ParanoidPirateWorker}: the same queue with
 *       heartbeats both ways, worker expiry and worker reconnection with back-off
 *       (ZeroMQ RFC 6, PPP).</li>
 *   <li>{@link io.gannet.patterns.reliability.MajordomoBroker},
 *       {@link io.gannet.patterns.reliability.MajordomoWorker} and
 *       {@link io.gannet.patterns.reliability.MajordomoClient}: service-oriented
 *       request-reply through a broker (ZeroMQ RFC 7, MDP/0.1, with the {@code mmi.service}
 *       query of RFC 8).</li>
 *   <li>{@link io.gannet.patterns.reliability.FreelanceClient} and
 *       {@link io.gannet.patterns.reliability.FreelanceServer}: brokerless request-reply
 *       over several servers with pings and fail-over (the Guide's Freelance model 3).</li>
 * </ul>
 *
 * <p>Every heartbeat interval, timeout and back-off is a {@link java.time.Duration} the
 * caller may set, so a test can run the failure cases in milliseconds. Message bodies are
 * lists of byte arrays (one per frame): these classes copy frames in and out and never hand
 * the caller a buffer to release.
 *
 * <p>Threads: a client or worker belongs to the thread that calls it, like a socket. A
 * queue, broker or server runs its own thread from {@code start()} until {@code close()}.
 */
package io.gannet.patterns.reliability;
