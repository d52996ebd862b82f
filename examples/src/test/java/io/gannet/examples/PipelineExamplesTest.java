package io.gannet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PipelineExamplesTest {
    @Test
    void divideAndConquerCollectsEveryResult() {
        String out = ExampleRun.output(DivideAndConquer::main,
                ExampleRun.inproc("tasks"), ExampleRun.inproc("results"), "40", "3");
        assertTrue(out.contains("ventilator: sent 40 tasks"), out);
        assertTrue(out.contains("sink: received 40 results"), out);
        Matcher m = Pattern.compile("sink: worker-\\d did (\\d+) tasks").matcher(out);
        int total = 0;
        while (m.find()) {
            total += Integer.parseInt(m.group(1));
        }
        assertEquals(40, total, out);
    }

    @Test
    void protobufOrdersArriveDecoded() {
        String out = ExampleRun.output(ProtobufMessages::main, ExampleRun.inproc("orders"), "300");
        assertTrue(out.contains("received 300 orders"), out);
        // Orders 3, 6, ... are sells: quantities 10*i.
        long sold = 0;
        long bought = 0;
        for (int i = 1; i <= 300; i++) {
            if (i % 3 == 0) {
                sold += 10L * i;
            } else {
                bought += 10L * i;
            }
        }
        assertTrue(out.contains("bought " + bought + ", sold " + sold), out);
        assertTrue(out.contains("last order: id=300 symbol=GNT side=SELL quantity=3000 price=103.00"), out);
    }
}
