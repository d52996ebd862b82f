package io.gannet.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AcknowledgedDeliveryExampleTest {
    @Test
    void everyOrderIsConfirmedAndThePoisonOneDeadLettered() {
        String out = ExampleRun.output(AcknowledgedDelivery::main, "tcp://127.0.0.1:*", "50");
        assertTrue(out.contains("dead letter: order-7 rejected (cannot process order order 7)"), out);
        assertTrue(out.contains("confirms: 49 acknowledged, 1 dead-lettered"), out);
        assertTrue(out.contains("consumers processed 49 orders"), out);
    }
}
