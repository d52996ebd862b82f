package io.gannet.internal.zmtp.mechanism;

import io.gannet.internal.crypto.CryptoBox;
import io.gannet.internal.crypto.X25519;
import io.gannet.internal.zmtp.Commands;
import io.gannet.internal.zmtp.Metadata;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import io.gannet.internal.zmtp.HandshakeError;

/**
 * Wraps a CURVE client for fuzzing and plays a server that encrypts what the fuzzer writes,
 * so that inputs get past the boxes into the WELCOME and READY parsers. A peer command whose
 * first byte is {@value #SEAL} is not passed on as is: the rest is the plaintext of the next
 * server command, sealed with the right keys and nonce.
 *
 * <ul>
 * <li>Before our INITIATE: a WELCOME. Plaintext byte 0, bit 0 set: the server short-term key
 *     is {@link #SERVER_SHORT} (whose secret we know), else the next 32 bytes are it (a low
 *     order point, say); then the 96-byte cookie, padded with zeros.</li>
 * <li>After our INITIATE: a READY. Bytes 0-7 the short nonce, then the metadata.</li>
 * </ul>
 * Every other command reaches the client unchanged, so raw hostile commands are fuzzed too.
 */
final class SealingCurveServer implements Mechanism {
    static final int SEAL = 0xFF;
    static final byte[] SERVER_SECRET = fill(1);
    static final byte[] SERVER_PUBLIC = X25519.publicKey(SERVER_SECRET);
    static final byte[] CLIENT_SECRET = fill(2);
    static final byte[] CLIENT_PUBLIC = X25519.publicKey(CLIENT_SECRET);
    private static final byte[] SERVER_SHORT_SECRET = fill(3);
    static final byte[] SERVER_SHORT = X25519.publicKey(SERVER_SHORT_SECRET);
    private static final byte[] HELLO = Commands.name("HELLO");
    private static final byte[] INITIATE = Commands.name("INITIATE");

    private final Mechanism client;
    private byte[] clientShort;
    private boolean initiated;

    SealingCurveServer(HandshakeConfig config) {
        this.client = new CurveClientMechanism(config, SERVER_PUBLIC, CLIENT_PUBLIC, CLIENT_SECRET.clone());
    }

    private static byte[] fill(int seed) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) (0x40 + seed));
        return k;
    }

    @Override
    public ByteBuf nextCommand(ByteBufAllocator alloc) {
        ByteBuf c = client.nextCommand(alloc);
        if (c != null && Commands.hasName(c, HELLO) && c.readableBytes() >= 80 + 32) {
            clientShort = new byte[32];
            c.getBytes(c.readerIndex() + 80, clientShort);
        }
        if (c != null && Commands.hasName(c, INITIATE)) {
            initiated = true;
        }
        return c;
    }

    @Override
    public Status processCommand(ByteBuf body) {
        if (body.readableBytes() == 0 || body.getUnsignedByte(body.readerIndex()) != SEAL || clientShort == null) {
            return client.processCommand(body);
        }
        byte[] plain = new byte[body.readableBytes() - 1];
        body.getBytes(body.readerIndex() + 1, plain);
        ByteBuf sealed = initiated ? ready(plain) : welcome(plain);
        try {
            return client.processCommand(sealed);
        } finally {
            sealed.release();
        }
    }

    private ByteBuf welcome(byte[] in) {
        byte[] plain = new byte[128];
        boolean knownKey = in.length > 0 && (in[0] & 1) != 0;
        int from = 1;
        if (knownKey) {
            System.arraycopy(SERVER_SHORT, 0, plain, 0, 32);
        } else {
            from += copy(in, from, plain, 0, 32);
        }
        copy(in, from, plain, 32, 96);
        byte[] nonce16 = new byte[16];
        byte[] key = CryptoBox.beforenm(clientShort, SERVER_SECRET);
        byte[] box = CryptoBox.seal(key, concat("WELCOME-".getBytes(StandardCharsets.US_ASCII), nonce16), plain);
        return command("WELCOME", concat(nonce16, box));
    }

    private ByteBuf ready(byte[] in) {
        byte[] nonce8 = new byte[8];
        int from = copy(in, 0, nonce8, 0, 8);
        byte[] metadata = Arrays.copyOfRange(in, from, in.length);
        byte[] key = CryptoBox.beforenm(clientShort, SERVER_SHORT_SECRET);
        byte[] box = CryptoBox.seal(key, concat("CurveZMQREADY---".getBytes(StandardCharsets.US_ASCII), nonce8), metadata);
        return command("READY", concat(nonce8, box));
    }

    /** Copies up to {@code n} bytes of {@code in} from {@code from}; returns how many it copied. */
    private static int copy(byte[] in, int from, byte[] out, int at, int n) {
        int k = Math.max(0, Math.min(n, in.length - from));
        System.arraycopy(in, Math.min(from, in.length), out, at, k);
        return k;
    }

    private static ByteBuf command(String name, byte[] data) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        return Unpooled.buffer(1 + n.length + data.length).writeByte(n.length).writeBytes(n).writeBytes(data);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    public String name() {
        return client.name();
    }

    @Override
    public boolean asServer() {
        return false;
    }

    @Override
    public Status status() {
        return client.status();
    }

    @Override
    public HandshakeError error() {
        return client.error();
    }

    @Override
    public Metadata peerMetadata() {
        return client.peerMetadata();
    }
}
