package io.gannet.patterns.delivery;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The acknowledged-delivery protocol's commands (docs/acknowledged-delivery-protocol.md).
 * Every message is a list of frames whose first frame names the command in ASCII; numbers
 * travel as decimal ASCII so that any ZeroMQ binding can speak it without a codec.
 *
 * <pre>
 * consumer -> producer   READY   instance-id  prefetch
 *                        ACK     msg-id [msg-id ...]
 *                        REJECT  msg-id  requeue("1"|"0")  reason
 *                        HB
 * producer -> consumer   HELLO   instance-id
 *                        DELIVER msg-id  delivery-count  body  [header-name header-value ...]
 *                        HB
 * </pre>
 */
final class Wire {
    static final String READY = "READY";
    static final String ACK = "ACK";
    static final String REJECT = "REJECT";
    static final String HB = "HB";
    static final String HELLO = "HELLO";
    static final String DELIVER = "DELIVER";

    private Wire() {
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] frame) {
        return new String(frame, StandardCharsets.UTF_8);
    }

    static List<byte[]> ready(String instanceId, int prefetch) {
        return List.of(ascii(READY), ascii(instanceId), ascii(Integer.toString(prefetch)));
    }

    static List<byte[]> hello(String instanceId) {
        return List.of(ascii(HELLO), ascii(instanceId));
    }

    static List<byte[]> heartbeat() {
        return List.of(ascii(HB));
    }

    static List<byte[]> reject(String id, boolean requeue, String reason) {
        return List.of(ascii(REJECT), ascii(id), ascii(requeue ? "1" : "0"), ascii(reason));
    }

    static List<byte[]> acks(List<String> ids) {
        List<byte[]> frames = new ArrayList<>(ids.size() + 1);
        frames.add(ascii(ACK));
        for (String id : ids) {
            frames.add(ascii(id));
        }
        return frames;
    }

    static List<byte[]> deliver(String id, int deliveryCount, byte[] body, Map<String, String> headers) {
        List<byte[]> frames = new ArrayList<>(4 + 2 * headers.size());
        frames.add(ascii(DELIVER));
        frames.add(ascii(id));
        frames.add(ascii(Integer.toString(deliveryCount)));
        frames.add(body);
        for (Map.Entry<String, String> h : headers.entrySet()) {
            frames.add(ascii(h.getKey()));
            frames.add(ascii(h.getValue()));
        }
        return frames;
    }

    /** Headers of a DELIVER (frames 4..); null when they do not come in name/value pairs. */
    static Map<String, String> headers(List<byte[]> frames, int from) {
        if ((frames.size() - from) % 2 != 0) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = from; i < frames.size(); i += 2) {
            headers.put(text(frames.get(i)), text(frames.get(i + 1)));
        }
        return headers;
    }

    /** A non-negative decimal number, or -1 when the frame is not one (bad input, not a crash). */
    static int number(byte[] frame) {
        if (frame.length == 0 || frame.length > 9) {
            return -1;
        }
        int n = 0;
        for (byte b : frame) {
            if (b < '0' || b > '9') {
                return -1;
            }
            n = n * 10 + (b - '0');
        }
        return n;
    }
}
