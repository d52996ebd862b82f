package io.gannet.patterns.delivery;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
 *
 * <p>The batch feature (a consumer names it in READY's optional third frame; the producer
 * answers GRANTED) adds packed forms, one frame for many messages ({@link Packed}):
 * <pre>
 * consumer -> producer   ACKS     packed-ids
 * producer -> consumer   GRANTED  prefetch
 *                        DELIVERS packed-deliveries
 * </pre>
 */
final class Wire {
    static final String READY = "READY";
    static final String ACK = "ACK";
    static final String REJECT = "REJECT";
    static final String HB = "HB";
    static final String HELLO = "HELLO";
    static final String DELIVER = "DELIVER";
    static final String ACKS = "ACKS";
    static final String GRANTED = "GRANTED";
    static final String DELIVERS = "DELIVERS";
    /** The feature a consumer names in READY to receive DELIVERS and send ACKS. */
    static final String BATCH = "batch";
    private static final byte[] DELIVERS_FRAME = ascii(DELIVERS);
    private static final byte[] ACKS_FRAME = ascii(ACKS);

    private Wire() {
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] frame) {
        return new String(frame, StandardCharsets.UTF_8);
    }

    static List<byte[]> ready(String instanceId, int prefetch) {
        return List.of(ascii(READY), ascii(instanceId), ascii(Integer.toString(prefetch)), ascii(BATCH));
    }

    static List<byte[]> granted(int prefetch) {
        return List.of(ascii(GRANTED), ascii(Integer.toString(prefetch)));
    }

    static List<byte[]> delivers(byte[] packed) {
        return List.of(DELIVERS_FRAME, packed);
    }

    static List<byte[]> packedAcks(List<byte[]> ids) {
        return List.of(ACKS_FRAME, Packed.ids(ids));
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

    static List<byte[]> acks(List<byte[]> ids) {
        List<byte[]> frames = new ArrayList<>(ids.size() + 1);
        frames.add(ascii(ACK));
        frames.addAll(ids);
        return frames;
    }

    static List<byte[]> deliver(Entry e) {
        List<byte[]> frames = new ArrayList<>(4 + e.headerBytes.length);
        frames.add(ascii(DELIVER));
        frames.add(e.idBytes);
        frames.add(ascii(Integer.toString(e.deliveries)));
        frames.add(e.body);
        frames.addAll(Arrays.asList(e.headerBytes));
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
