package io.gannet.internal.zmtp.mechanism;

import io.gannet.SocketType;
import io.gannet.internal.zmtp.HandshakeError;
import io.gannet.internal.zmtp.Metadata;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import io.netty.buffer.UnpooledByteBufAllocator;

/**
 * Wraps a PLAIN or CURVE server for fuzzing, with an honest client beside it and a ZAP
 * handler the fuzzer plays, so inputs get past the boxes and the ZAP exchange:
 *
 * <ul>
 * <li>A peer command starting with {@value #HONEST} is the honest client's next command
 *     (HELLO, INITIATE...), with the rest of the input XORed into it from offset
 *     {@code rest[0]} on, so the fuzzer damages valid commands as deep as it likes.</li>
 * <li>A peer command starting with {@value #ZAP} is the handler's reply to the pending ZAP
 *     request: {@code rest[0] % 4} picks 200, 300, 400 or 500, the remaining bytes are the
 *     reply's metadata frame (ZMTP properties).</li>
 * <li>Any other command reaches the server unchanged.</li>
 * </ul>
 * Everything the server sends goes to the honest client as well.
 */
final class HonestClientAndZap implements Mechanism {
    static final int HONEST = 0xFF;
    static final int ZAP = 0xFE;
    private static final String[] STATUS = {"200", "300", "400", "500"};

    private final Mechanism server;
    private final Mechanism client;
    private final List<List<byte[]>> requests = new ArrayList<>();
    private final ByteBufAllocator alloc = UnpooledByteBufAllocator.DEFAULT;

    HonestClientAndZap(Mechanism server, Mechanism honestClient) {
        this.server = server;
        this.client = honestClient;
        server.zapClient(new ZapClient() {
            @Override
            public boolean request(List<byte[]> frames) {
                requests.add(frames);
                return true;
            }

            @Override
            public String peerAddress() {
                return "127.0.0.1";
            }
        });
    }

    static HonestClientAndZap plain(HandshakeConfig config) {
        return new HonestClientAndZap(new PlainServerMechanism(config, "fuzz"), new PlainClientMechanism(
                HandshakeConfig.of(SocketType.REQ), ascii("admin"), ascii("secret")));
    }

    static HonestClientAndZap curve(HandshakeConfig config) {
        return new HonestClientAndZap(
                new CurveServerMechanism(config, "fuzz", SealingCurveServer.SERVER_PUBLIC, SealingCurveServer.SERVER_SECRET.clone()),
                new CurveClientMechanism(HandshakeConfig.of(SocketType.REQ), SealingCurveServer.SERVER_PUBLIC,
                        SealingCurveServer.CLIENT_PUBLIC, SealingCurveServer.CLIENT_SECRET.clone()));
    }

    @Override
    public ByteBuf nextCommand(ByteBufAllocator out) {
        ByteBuf c = server.nextCommand(out);
        if (c != null && client.status() == Status.HANDSHAKING) {
            client.processCommand(c.duplicate());
        }
        return c;
    }

    @Override
    public Status processCommand(ByteBuf body) {
        int marker = body.readableBytes() == 0 ? -1 : body.getUnsignedByte(body.readerIndex());
        if (marker == ZAP) {
            return zapReply(body);
        }
        if (marker != HONEST) {
            return server.processCommand(body);
        }
        ByteBuf honest = client.nextCommand(alloc);
        if (honest == null) {
            return server.processCommand(body);
        }
        try {
            int rest = body.readableBytes() - 1;
            if (rest > 0 && honest.readableBytes() > 0) {
                int at = body.getUnsignedByte(body.readerIndex() + 1) % honest.readableBytes();
                for (int i = 2; i <= rest && at < honest.readableBytes(); i++, at++) {
                    int idx = honest.readerIndex() + at;
                    honest.setByte(idx, honest.getByte(idx) ^ body.getByte(body.readerIndex() + i));
                }
            }
            return server.processCommand(honest);
        } finally {
            honest.release();
        }
    }

    private Status zapReply(ByteBuf body) {
        if (requests.isEmpty()) {
            return server.processCommand(body);
        }
        List<byte[]> request = requests.remove(0);
        int pick = body.readableBytes() > 1 ? body.getUnsignedByte(body.readerIndex() + 1) % 4 : 0;
        byte[] metadata = new byte[Math.max(0, body.readableBytes() - 2)];
        body.getBytes(body.readerIndex() + Math.min(2, body.readableBytes()), metadata);
        List<byte[]> reply = new ArrayList<>();
        reply.add(new byte[0]);
        reply.add(ascii("1.0"));
        reply.add(request.size() > 2 ? request.get(2) : ascii("1"));
        reply.add(ascii(STATUS[pick]));
        reply.add(ascii("text"));
        reply.add(ascii("user"));
        reply.add(metadata);
        return server.zapReply(reply, true);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String name() {
        return server.name();
    }

    @Override
    public boolean asServer() {
        return true;
    }

    @Override
    public Status status() {
        return server.status();
    }

    @Override
    public HandshakeError error() {
        return server.error();
    }

    @Override
    public Metadata peerMetadata() {
        return server.peerMetadata();
    }

    @Override
    public SocketType peerSocketType() {
        return server.peerSocketType();
    }
}
