package io.gannet.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProxyAndPollerExamplesTest {
    @Test
    void pollerReadsBothSocketsInOneThread() {
        String out = ExampleRun.output(PollerExample::main, ExampleRun.inproc("tasks"), ExampleRun.inproc("weather"), "25");
        assertTrue(out.contains("one thread received 25 tasks and 25 weather updates from two sockets"), out);
    }

    @Test
    void multithreadedServerAnswersEveryRequest() {
        String out = ExampleRun.output(MultithreadedServer::main, ExampleRun.inproc("mt"), "3", "12");
        assertTrue(out.contains("client: request 12 handled by worker-"), out);
        assertTrue(out.contains("server: 12 requests served by"), out);
    }

    @Test
    void loadBalancingBrokerServesEveryClient() {
        String out = ExampleRun.output(LoadBalancingBroker::main,
                ExampleRun.inproc("front"), ExampleRun.inproc("back"), "6", "2");
        for (int i = 1; i <= 6; i++) {
            assertTrue(out.contains("client-" + i + ": OK from worker-"), out);
        }
        assertTrue(out.contains("broker: 6 requests load-balanced over 2 workers"), out);
    }

    @Test
    void proxyForwardsAndCapturesEverything() {
        String out = ExampleRun.output(ProxyWithCapture::main, ExampleRun.inproc("xsub"), ExampleRun.inproc("xpub"), "8");
        assertTrue(out.contains("subscriber: received 8 of 8 news messages"), out);
        assertTrue(out.contains("capture: saw 8 data message(s), 1 subscription(s)"), out);
    }
}
