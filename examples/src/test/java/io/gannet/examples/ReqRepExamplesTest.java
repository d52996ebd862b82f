package io.gannet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReqRepExamplesTest {
    @Test
    void helloWorldGetsAReplyToEveryRequest() {
        String out = ExampleRun.output(HelloWorld::main, ExampleRun.inproc("hello"), "4");
        assertEquals(4, out.split("server received: Hello", -1).length - 1, out);
        for (int i = 1; i <= 4; i++) {
            assertTrue(out.contains("client received reply " + i + ": World"), out);
        }
    }

    @Test
    void asyncServerRoutesEveryReplyToItsClient() {
        String out = ExampleRun.output(AsyncServer::main, ExampleRun.inproc("async"), "3", "4");
        assertTrue(out.contains("server: served 12 requests from 3 clients"), out);
        for (int c = 1; c <= 3; c++) {
            assertTrue(out.contains("client-" + c + ": sent 4 requests at once, got 4 acks and 4 results"), out);
        }
    }
}
