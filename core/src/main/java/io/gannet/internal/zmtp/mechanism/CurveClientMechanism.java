package io.gannet.internal.zmtp.mechanism;

import io.gannet.internal.crypto.CryptoBox;
import io.gannet.internal.crypto.X25519;
import io.gannet.internal.zmtp.CommandName;
import io.gannet.internal.zmtp.Commands;
import io.gannet.internal.zmtp.FrameHandler;
import io.gannet.internal.zmtp.HandshakeError;
import io.gannet.internal.zmtp.Metadata;
import io.gannet.internal.zmtp.ProtocolError;
import io.gannet.internal.zmtp.ZmtpViolation;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.security.SecureRandom;
import java.util.Arrays;


/**
 * The client side of CURVE (RFC 26, CurveZMQ RFC 25), as libzmq speaks it. C/c are our
 * long-term keys, C'/c' short-term ones made per connection, S the server's long-term
 * public key, S' its short-term one; Box[x](A-&gt;B) is {@link CryptoBox} from a's secret to B.
 *
 * <pre>
 *  HELLO    | 0x05 "HELLO" | 1 0 | 72 zeros | C' | nonce8 | Box[64 zeros](C'-&gt;S)       | 200 bytes
 *  WELCOME  | 0x07 "WELCOME" | nonce16 | Box[S' + cookie(96)](S-&gt;C')                  | 168 bytes
 *  INITIATE | 0x08 "INITIATE" | cookie | nonce8 | Box[C + vnonce16 + vouch + metadata](C'-&gt;S')
 *             vouch = Box[C' + S](C-&gt;S') with nonce "VOUCH---" + vnonce16
 *  READY    | 0x05 "READY" | nonce8 | Box[metadata](S'-&gt;C')
 *  MESSAGE  | 0x07 "MESSAGE" | nonce8 | Box[flags + frame](C'-&gt;S' or S'-&gt;C')
 *             flags: 1 MORE, 2 COMMAND; long nonces "CurveZMQMESSAGEC" / "CurveZMQMESSAGES" + nonce8
 * </pre>
 *
 * Short nonces count up from 1 in each direction; a received one must be above the last
 * (a replay or reordering is refused). c' is wiped once the short-term key is precomputed,
 * c once the vouch is sealed. One instance per connection, owned by the engine's I/O thread.
 */
public final class CurveClientMechanism extends HandshakeOutcome {
    /** The mechanism name in the greeting. */
    public static final String NAME = "CURVE";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] HELLO = Commands.name("HELLO");
    private static final byte[] WELCOME = Commands.name("WELCOME");
    private static final byte[] INITIATE = Commands.name("INITIATE");
    private static final int WELCOME_SIZE = 168;
    private static final int COOKIE_LENGTH = 96;

    private enum Step { SEND_HELLO, WAIT_WELCOME, SEND_INITIATE, WAIT_READY, DONE, FAILED }

    private final HandshakeConfig config;
    private final byte[] serverKey;
    private final byte[] publicKey;
    private byte[] secretKey;
    private final byte[] shortPublic;
    private byte[] shortSecret;
    private byte[] serverShortPublic;
    private byte[] cookie;
    /** beforenm(S, c'): seals HELLO and opens WELCOME (made once, wiped once WELCOME is open). */
    private byte[] helloKey;
    /** Key of every box between C' and S' (beforenm(S', c')). */
    private byte[] precomputed;
    private long nonce = 1;
    /** MESSAGE framing once READY is in; null before. */
    private CurveTraffic traffic;

    private Step step = Step.SEND_HELLO;

    /**
     * @param serverKey the server's long-term public key, 32 bytes
     * @param publicKey our long-term public key
     * @param secretKey our long-term secret key (copied; wiped after use)
     */
    public CurveClientMechanism(HandshakeConfig config, byte[] serverKey, byte[] publicKey, byte[] secretKey) {
        this.config = config;
        this.serverKey = serverKey.clone();
        this.publicKey = publicKey.clone();
        this.secretKey = secretKey.clone();
        this.shortSecret = X25519.newSecretKey();
        this.shortPublic = X25519.publicKey(shortSecret);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean asServer() {
        return false;
    }

    @Override
    public ByteBuf nextCommand(ByteBufAllocator alloc) {
        if (step == Step.SEND_HELLO) {
            step = Step.WAIT_WELCOME;
            return hello(alloc);
        }
        if (step == Step.SEND_INITIATE) {
            step = Step.WAIT_READY;
            return initiate(alloc);
        }
        return null;
    }

    private ByteBuf hello(ByteBufAllocator alloc) {
        helloKey = CryptoBox.beforenm(serverKey, shortSecret);
        long n = nonce++;
        byte[] box = CryptoBox.seal(helloKey, CurveTraffic.longNonce("CurveZMQHELLO---", n), new byte[64]);
        ByteBuf body = Commands.allocate(alloc, HELLO, 2 + 72 + 32 + 8 + box.length);
        body.writeByte(1).writeByte(0).writeZero(72).writeBytes(shortPublic).writeLong(n).writeBytes(box);
        return body;
    }

    private ByteBuf initiate(ByteBufAllocator alloc) {
        byte[] vouchNonce = new byte[16];
        RANDOM.nextBytes(vouchNonce);
        byte[] vouchKey = CryptoBox.beforenm(serverShortPublic, secretKey);
        wipe(secretKey);
        secretKey = null;
        byte[] vouchPlain = new byte[64];
        System.arraycopy(shortPublic, 0, vouchPlain, 0, 32);
        System.arraycopy(serverKey, 0, vouchPlain, 32, 32);
        byte[] vouch = CryptoBox.seal(vouchKey, CurveTraffic.longNonce("VOUCH---", vouchNonce, 0), vouchPlain);
        wipe(vouchKey);

        Metadata md = config.metadata();
        byte[] plain = new byte[32 + 16 + vouch.length + md.encodedSize()];
        System.arraycopy(publicKey, 0, plain, 0, 32);
        System.arraycopy(vouchNonce, 0, plain, 32, 16);
        System.arraycopy(vouch, 0, plain, 48, vouch.length);
        ByteBuf mdBuf = Unpooled.wrappedBuffer(plain, 48 + vouch.length, md.encodedSize());
        mdBuf.writerIndex(0);
        md.writeTo(mdBuf);
        long n = nonce++;
        byte[] box = CryptoBox.seal(precomputed, CurveTraffic.longNonce("CurveZMQINITIATE", n), plain);
        ByteBuf body = Commands.allocate(alloc, INITIATE, COOKIE_LENGTH + 8 + box.length);
        body.writeBytes(cookie).writeLong(n).writeBytes(box);
        wipe(cookie);
        return body;
    }

    @Override
    public Status processCommand(ByteBuf body) {
        if (status != Status.HANDSHAKING) {
            return status;
        }
        boolean waiting = step == Step.WAIT_WELCOME || step == Step.WAIT_READY;
        HandshakeError refused = clientRefusal(body, waiting, "CURVE");
        if (refused != null) {
            return fail(refused);
        }
        if (step == Step.WAIT_WELCOME && Commands.hasName(body, WELCOME)) {
            return onWelcome(body);
        }
        if (step == Step.WAIT_READY && CommandName.READY.matches(body)) {
            return onReady(body);
        }
        return fail(HandshakeError.of(ProtocolError.UNEXPECTED_COMMAND,
                "unexpected command " + Commands.nameOf(body) + " during CURVE handshake"));
    }

    private Status onWelcome(ByteBuf body) {
        if (body.readableBytes() != WELCOME_SIZE) {
            return fail(HandshakeError.of(ProtocolError.MALFORMED_WELCOME,
                    "CURVE WELCOME of " + body.readableBytes() + " bytes, not " + WELCOME_SIZE));
        }
        int at = Commands.dataIndex(body);
        byte[] nonce16 = new byte[16];
        body.getBytes(at, nonce16);
        byte[] box = new byte[144];
        body.getBytes(at + 16, box);
        byte[] plain = CryptoBox.open(helloKey, CurveTraffic.longNonce("WELCOME-", nonce16, 0), box);
        wipe(helloKey);
        helloKey = null;
        if (plain == null) {
            return fail(HandshakeError.of(ProtocolError.CRYPTOGRAPHIC, "CURVE WELCOME does not open with the server key"));
        }
        serverShortPublic = Arrays.copyOfRange(plain, 0, 32);
        cookie = Arrays.copyOfRange(plain, 32, 32 + COOKIE_LENGTH);
        try {
            precomputed = CryptoBox.beforenm(serverShortPublic, shortSecret);
        } catch (IllegalArgumentException e) {
            return fail(HandshakeError.of(ProtocolError.KEY_EXCHANGE, "CURVE server short-term key refused: " + e.getMessage()));
        }
        wipe(shortSecret);
        shortSecret = null;
        step = Step.SEND_INITIATE;
        return status;
    }

    private Status onReady(ByteBuf body) {
        int at = Commands.dataIndex(body);
        int length = Commands.dataLength(body);
        if (length < 8 + CryptoBox.TAG_LENGTH) {
            return fail(HandshakeError.of(ProtocolError.MALFORMED_READY, "CURVE READY of " + length + " data bytes"));
        }
        long n = body.getLong(at);
        byte[] box = new byte[length - 8];
        body.getBytes(at + 8, box);
        byte[] plain = CryptoBox.open(precomputed, CurveTraffic.longNonce("CurveZMQREADY---", n), box);
        if (plain == null) {
            return fail(HandshakeError.of(ProtocolError.CRYPTOGRAPHIC, "CURVE READY does not open"));
        }
        Metadata metadata;
        try {
            metadata = Metadata.parse(Unpooled.wrappedBuffer(plain), 0, plain.length,
                    ProtocolError.MALFORMED_READY);
        } catch (ZmtpViolation e) {
            return fail(e.toHandshakeError());
        }
        HandshakeError refused = PeerMetadataCheck.check(metadata, config.socketType());
        if (refused != null) {
            return fail(refused);
        }
        traffic = new CurveTraffic(precomputed, true, nonce, n);
        wipe(precomputed); // the traffic keeps only its two subkeys
        peer = metadata;
        step = Step.DONE;
        status = Status.READY;
        return status;
    }

    // ---- traffic ----------------------------------------------------------------------------

    @Override
    public boolean wrapsTraffic() {
        return true;
    }

    @Override
    public ByteBuf encode(ByteBuf body, boolean more, ByteBufAllocator alloc) {
        return traffic.seal(body, more ? 1 : 0, alloc);
    }

    @Override
    public ByteBuf encodeCommand(ByteBuf body, ByteBufAllocator alloc) {
        return traffic.seal(body, 2, alloc);
    }

    @Override
    public boolean decode(ByteBuf body, boolean more, FrameHandler out) {
        if (traffic == null) {
            body.release();
            return false;
        }
        boolean ok = traffic.open(body, out);
        if (!ok && traffic.error() != null && status != Status.ERROR) {
            fail(traffic.error());
        }
        return ok;
    }

    @Override
    public void destroy() {
        wipe(secretKey);
        wipe(shortSecret);
        wipe(helloKey);
        if (traffic != null) {
            traffic.wipe();
        }
        wipe(precomputed);
    }

    // ---- state ------------------------------------------------------------------------------

    private Status fail(HandshakeError why) {
        error = why;
        step = Step.FAILED;
        status = Status.ERROR;
        peer = Metadata.EMPTY;
        wipe(secretKey);
        wipe(shortSecret);
        wipe(helloKey);
        if (traffic != null) {
            traffic.wipe();
        }
        wipe(precomputed);
        return status;
    }

    private static void wipe(byte[] b) {
        if (b != null) {
            Arrays.fill(b, (byte) 0);
        }
    }
}
