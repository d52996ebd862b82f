package io.gannet.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The examples over real tcp connections, and with a real libzmq peer. */
class NetworkExamplesTest {
    private static final String ANY_PORT = "tcp://127.0.0.1:*";

    @Test
    void helloWorldWorksOverTcp() {
        String out = ExampleRun.output(HelloWorld::main, ANY_PORT, "3");
        assertTrue(out.contains("client received reply 3: World"), out);
    }

    @Test
    void divideAndConquerWorksOverTcp() {
        String out = ExampleRun.output(DivideAndConquer::main, ANY_PORT, ANY_PORT, "30", "3");
        assertTrue(out.contains("sink: received 30 results"), out);
    }

    @Test
    void protobufWorksOverTcp() {
        String out = ExampleRun.output(ProtobufMessages::main, ANY_PORT, "100");
        assertTrue(out.contains("received 100 orders"), out);
    }

    @Test
    void slowJoinerOverTcp() {
        String out = ExampleRun.output(SlowJoiner::main, ANY_PORT, ANY_PORT, "100");
        assertTrue(out.contains("synchronised start: the subscriber received 100 of 100 messages"), out);
    }

    @Test
    void monitorReportsTheConnectionLifecycle() {
        String out = ExampleRun.output(MonitorExample::main, ANY_PORT);
        assertTrue(out.contains("server received: hello"), out);
        for (String line : new String[] {"server: LISTENING", "server: ACCEPTED", "server: HANDSHAKE_SUCCEEDED",
                "server: DISCONNECTED", "client: CONNECTED", "client: HANDSHAKE_SUCCEEDED",
                "client: MONITOR_STOPPED"}) {
            assertTrue(out.contains(line), line + " missing from\n" + out);
        }
    }

    @Test
    void pythonPeerAnswersThroughLibzmq() {
        String out = ExampleRun.output(PythonPeer::main, "3", "/usr/bin/python3");
        assertTrue(out.contains("reply: HELLO FROM GANNET 3 (pyzmq "), out);
        assertTrue(Pattern.compile("libzmq 4\\.\\d+\\.\\d+\\)").matcher(out).find(), out);
        assertTrue(out.contains("python peer exited with status 0"), out);
    }
}
