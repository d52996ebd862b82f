package io.gannet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PubSubExamplesTest {
    @Test
    void weatherSubscribersSeeOnlyTheirZipCode() {
        String out = ExampleRun.output(WeatherUpdates::main, ExampleRun.inproc("weather"), "50");
        for (String zip : new String[] {"10001", "10005", "10009"}) {
            assertTrue(out.contains("subscriber " + zip + ": 50 updates"), out);
        }
        assertEquals(3, out.split(", 0 for other zip codes", -1).length - 1, out);
        assertTrue(out.contains("publisher: done"), out);
    }

    @Test
    void slowJoinerMissesMessagesUnlessTheStartIsSynchronised() {
        String out = ExampleRun.output(SlowJoiner::main,
                ExampleRun.inproc("naive"), ExampleRun.inproc("synced"), "100");
        Matcher naive = Pattern.compile("naive start: the subscriber received (\\d+) of 100").matcher(out);
        assertTrue(naive.find(), out);
        // The first message is published before the subscriber exists, so at least it is lost.
        assertTrue(Integer.parseInt(naive.group(1)) < 100, out);
        assertTrue(out.contains("synchronised start: the subscriber received 100 of 100 messages"), out);
    }
}
