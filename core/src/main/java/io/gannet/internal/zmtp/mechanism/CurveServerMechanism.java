package io.gannet.internal.zmtp.mechanism;

import io.gannet.internal.crypto.CryptoBox;
import io.gannet.internal.crypto.X25519;
import io.gannet.internal.zmtp.Commands;
import io.gannet.internal.zmtp.FrameHandler;
import io.gannet.internal.zmtp.HandshakeError;
import io.gannet.internal.zmtp.Metadata;
import io.gannet.internal.zmtp.ProtocolError;
import io.gannet.internal.zmtp.ZmtpViolation;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The server side of CURVE (RFC 26, CurveZMQ RFC 25), byte for byte as libzmq 4.3 runs it.
 * S/s are our long-term keys, S'/s' short-term ones made per connection, C the client's
 * long-term public key, C' its short-term one, t a cookie key made fresh for each connection
 * (libzmq 4.3 makes one per WELCOME); Box[x](A-&gt;B) is {@link CryptoBox}, SecretBox[x](t)
 * the same with t as the key.
 *
 * <pre>
 *  HELLO    | 0x05 "HELLO" | 1 0 | 72 zeros | C' | nonce8 | Box[64 zeros](C'-&gt;S)       | 200 bytes
 *  WELCOME  | 0x07 "WELCOME" | nonce16 | Box[S' + cookie](S-&gt;C')                       | 168 bytes
 *             cookie = cnonce16 + SecretBox[C' + s'](t), nonce "COOKIE--" + cnonce16 (96 bytes)
 *  INITIATE | 0x08 "INITIATE" | cookie | nonce8 | Box[C + vnonce16 + vouch + metadata](C'-&gt;S')
 *             vouch = Box[C' + S](C-&gt;S'), nonce "VOUCH---" + vnonce16          (257 bytes or more)
 *  READY    | 0x05 "READY" | nonce8 | Box[metadata](S'-&gt;C')
 * </pre>
 *
 * <pre>
 *  WAIT_HELLO ─HELLO─► send WELCOME ─► WAIT_INITIATE ─INITIATE─► ZAP request ─200─► send READY ─► READY
 *                                                        └─ no ZAP handler: send READY (libzmq's default)
 *  ZAP 300/400/500: ERROR (auth; an ERROR command to the client for 400 and 500)
 *  a wrong size, version or padding: MALFORMED_HELLO / MALFORMED_INITIATE; a box that does not
 *  open, a cookie not ours: CRYPTOGRAPHIC; a vouch for other keys: KEY_EXCHANGE
 * </pre>
 *
 * Comparisons of secret or authenticating bytes take constant time. This connection's copy
 * of s is wiped once the HELLO box key is made, that key once WELCOME is sealed, t when
 * INITIATE's cookie is opened, s' once INITIATE is checked; the session key when the
 * handshake fails or the connection ends.
 * One instance per connection, owned by the engine's I/O thread.
 */
public final class CurveServerMechanism extends ZapServerMechanism {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] HELLO = Commands.name("HELLO");
    private static final byte[] WELCOME = Commands.name("WELCOME");
    private static final byte[] INITIATE = Commands.name("INITIATE");
    private static final byte[] READY = Commands.name("READY");
    static final int HELLO_SIZE = 200;
    static final int MIN_INITIATE_SIZE = 257;
    private static final int KEY = 32;

    private enum Step { WAIT_HELLO, SEND_WELCOME, WAIT_INITIATE, WAIT_ZAP, SEND_READY, DONE }

    private final byte[] publicKey;
    private byte[] secretKey;
    private final byte[] shortPublic;
    private byte[] shortSecret;
    private byte[] clientShortPublic;
    /** beforenm(C', s): the HELLO and WELCOME boxes. */
    private byte[] helloKey;
    private byte[] cookieKey;
    /** beforenm(C', s'): INITIATE, READY and every MESSAGE. */
    private byte[] precomputed;
    private long peerNonce;
    private CurveTraffic traffic;
    private Step step = Step.WAIT_HELLO;

    /**
     * @param publicKey our long-term public key S
     * @param secretKey our long-term secret key s (copied; the copy is wiped after use)
     */
    public CurveServerMechanism(HandshakeConfig config, String zapDomain, byte[] publicKey, byte[] secretKey) {
        super(config, zapDomain);
        this.publicKey = publicKey.clone();
        this.secretKey = secretKey.clone();
        this.shortSecret = X25519.newSecretKey();
        this.shortPublic = X25519.publicKey(shortSecret);
    }

    @Override
    public String name() {
        return CurveClientMechanism.NAME;
    }

    @Override
    ByteBuf handshakeCommand(ByteBufAllocator alloc) {
        if (step == Step.SEND_WELCOME) {
            step = Step.WAIT_INITIATE;
            return welcome(alloc);
        }
        if (step == Step.SEND_READY) {
            step = Step.DONE;
            ByteBuf ready = ready(alloc);
            status = Status.READY;
            return ready;
        }
        return null;
    }

    @Override
    public Status processCommand(ByteBuf body) {
        if (status != Status.HANDSHAKING) {
            return status;
        }
        if (!Commands.isWellFormed(body)) {
            return fail(HandshakeError.of(ProtocolError.MALFORMED_COMMAND,
                    "malformed command of " + body.readableBytes() + " bytes during CURVE handshake"));
        }
        if (step == Step.WAIT_HELLO && Commands.hasName(body, HELLO)) {
            return onHello(body);
        }
        if (step == Step.WAIT_INITIATE && Commands.hasName(body, INITIATE)) {
            return onInitiate(body);
        }
        if (step == Step.WAIT_ZAP) {
            return commandWhileWaiting();
        }
        return fail(HandshakeError.of(ProtocolError.UNEXPECTED_COMMAND,
                "unexpected command " + Commands.nameOf(body) + " during CURVE handshake"));
    }

    // ---- HELLO and WELCOME ------------------------------------------------------------------

    private Status onHello(ByteBuf body) {
        if (body.readableBytes() != HELLO_SIZE) {
            return fail(HandshakeError.of(ProtocolError.MALFORMED_HELLO,
                    "CURVE HELLO of " + body.readableBytes() + " bytes, not " + HELLO_SIZE));
        }
        int at = Commands.dataIndex(body);
        if (body.getByte(at) != 1 || body.getByte(at + 1) != 0) {
            return fail(HandshakeError.of(ProtocolError.MALFORMED_HELLO, "CURVE HELLO version "
                    + body.getUnsignedByte(at) + "." + body.getUnsignedByte(at + 1) + ", not 1.0"));
        }
        for (int i = 0; i < 72; i++) {
            if (body.getByte(at + 2 + i) != 0) {
                return fail(HandshakeError.of(ProtocolError.MALFORMED_HELLO, "CURVE HELLO padding is not zeros"));
            }
        }
        clientShortPublic = new byte[KEY];
        body.getBytes(at + 74, clientShortPublic);
        long n = body.getLong(at + 106);
        byte[] box = new byte[80];
        body.getBytes(at + 114, box);
        try {
            helloKey = CryptoBox.beforenm(clientShortPublic, secretKey);
        } catch (IllegalArgumentException e) {
            return fail(HandshakeError.of(ProtocolError.CRYPTOGRAPHIC, "CURVE HELLO key refused: " + e.getMessage()));
        } finally {
            wipe(secretKey); // s serves this one box key (HELLO in, WELCOME out)
        }
        byte[] plain = CryptoBox.open(helloKey, CurveTraffic.longNonce("CurveZMQHELLO---", n), box);
        if (plain == null) {
            return fail(HandshakeError.of(ProtocolError.CRYPTOGRAPHIC,
                    "CURVE HELLO does not open: the client does not know our public key"));
        }
        peerNonce = n;
        step = Step.SEND_WELCOME;
        return status;
    }

    private ByteBuf welcome(ByteBufAllocator alloc) {
        cookieKey = new byte[KEY];
        RANDOM.nextBytes(cookieKey);
        byte[] cookieNonce = new byte[16];
        RANDOM.nextBytes(cookieNonce);
        byte[] cookiePlain = new byte[2 * KEY];
        System.arraycopy(clientShortPublic, 0, cookiePlain, 0, KEY);
        System.arraycopy(shortSecret, 0, cookiePlain, KEY, KEY);
        byte[] cookieBox = CryptoBox.seal(cookieKey, CurveTraffic.longNonce("COOKIE--", cookieNonce, 0), cookiePlain);
        wipe(cookiePlain);

        byte[] plain = new byte[KEY + 16 + cookieBox.length];
        System.arraycopy(shortPublic, 0, plain, 0, KEY);
        System.arraycopy(cookieNonce, 0, plain, KEY, 16);
        System.arraycopy(cookieBox, 0, plain, KEY + 16, cookieBox.length);
        byte[] welcomeNonce = new byte[16];
        RANDOM.nextBytes(welcomeNonce);
        byte[] box = CryptoBox.seal(helloKey, CurveTraffic.longNonce("WELCOME-", welcomeNonce, 0), plain);
        wipe(helloKey);
        helloKey = null;
        ByteBuf body = Commands.allocate(alloc, WELCOME, 16 + box.length);
        body.writeBytes(welcomeNonce).writeBytes(box);
        return body;
    }

    // ---- INITIATE ---------------------------------------------------------------------------

    private Status onInitiate(ByteBuf body) {
        if (body.readableBytes() < MIN_INITIATE_SIZE) {
            return fail(HandshakeError.of(ProtocolError.MALFORMED_INITIATE,
                    "CURVE INITIATE of " + body.readableBytes() + " bytes, under " + MIN_INITIATE_SIZE));
        }
        int at = Commands.dataIndex(body);
        HandshakeError cookieRefused = checkCookie(body, at);
        if (cookieRefused != null) {
            return fail(cookieRefused);
        }
        long n = body.getLong(at + 96);
        byte[] box = new byte[Commands.dataLength(body) - 104];
        body.getBytes(at + 104, box);
        try {
            precomputed = CryptoBox.beforenm(clientShortPublic, shortSecret);
        } catch (IllegalArgumentException e) {
            return fail(HandshakeError.of(ProtocolError.CRYPTOGRAPHIC, "CURVE client short-term key refused"));
        }
        byte[] plain = CryptoBox.open(precomputed, CurveTraffic.longNonce("CurveZMQINITIATE", n), box);
        if (plain == null) {
            return fail(HandshakeError.of(ProtocolError.CRYPTOGRAPHIC, "CURVE INITIATE does not open"));
        }
        byte[] clientKey = Arrays.copyOfRange(plain, 0, KEY);
        HandshakeError vouchRefused = checkVouch(plain, clientKey);
        wipe(shortSecret);
        shortSecret = null;
        if (vouchRefused != null) {
            return fail(vouchRefused);
        }
        Metadata metadata;
        try {
            metadata = Metadata.parse(Unpooled.wrappedBuffer(plain), 128, plain.length - 128,
                    ProtocolError.MALFORMED_INITIATE);
        } catch (ZmtpViolation e) {
            return fail(e.toHandshakeError());
        }
        HandshakeError typeRefused = PeerMetadataCheck.check(metadata, config.socketType());
        if (typeRefused != null) {
            return fail(typeRefused);
        }
        peer = metadata;
        peerNonce = n;
        // libzmq 4.3 without ZAP_ENFORCE_DOMAIN: no handler bound, no authentication (Stonehouse).
        step = zap.ask(CurveClientMechanism.NAME, clientKey) ? Step.WAIT_ZAP : Step.SEND_READY;
        return status;
    }

    /** Opens the cookie with this connection's t and checks it holds C' and s'; t is wiped after. */
    private HandshakeError checkCookie(ByteBuf body, int at) {
        byte[] cookieNonce = new byte[16];
        body.getBytes(at, cookieNonce);
        byte[] cookieBox = new byte[80];
        body.getBytes(at + 16, cookieBox);
        byte[] cookie = cookieKey == null ? null
                : CryptoBox.open(cookieKey, CurveTraffic.longNonce("COOKIE--", cookieNonce, 0), cookieBox);
        wipe(cookieKey);
        cookieKey = null;
        if (cookie == null) {
            return HandshakeError.of(ProtocolError.CRYPTOGRAPHIC, "CURVE INITIATE cookie does not open with this connection's key");
        }
        byte[] expected = new byte[2 * KEY];
        System.arraycopy(clientShortPublic, 0, expected, 0, KEY);
        System.arraycopy(shortSecret, 0, expected, KEY, KEY);
        boolean same = MessageDigest.isEqual(cookie, expected);
        wipe(cookie);
        wipe(expected);
        return same ? null : HandshakeError.of(ProtocolError.CRYPTOGRAPHIC, "CURVE INITIATE cookie is not this connection's");
    }

    /** Opens the vouch with C and s' and checks it names C' and S. */
    private HandshakeError checkVouch(byte[] plain, byte[] clientKey) {
        byte[] vouchBox = Arrays.copyOfRange(plain, 48, 128);
        byte[] vouchKey;
        try {
            vouchKey = CryptoBox.beforenm(clientKey, shortSecret);
        } catch (IllegalArgumentException e) {
            return HandshakeError.of(ProtocolError.CRYPTOGRAPHIC, "CURVE client long-term key refused");
        }
        byte[] vouch = CryptoBox.open(vouchKey, CurveTraffic.longNonce("VOUCH---", plain, KEY), vouchBox);
        wipe(vouchKey);
        if (vouch == null) {
            return HandshakeError.of(ProtocolError.CRYPTOGRAPHIC, "CURVE INITIATE vouch does not open");
        }
        boolean names = MessageDigest.isEqual(Arrays.copyOfRange(vouch, 0, KEY), clientShortPublic)
                & MessageDigest.isEqual(Arrays.copyOfRange(vouch, KEY, 2 * KEY), publicKey);
        return names ? null : HandshakeError.of(ProtocolError.KEY_EXCHANGE, "CURVE vouch names other keys");
    }

    @Override
    void zapAllowed() {
        step = Step.SEND_READY;
    }

    private ByteBuf ready(ByteBufAllocator alloc) {
        Metadata md = config.metadata();
        byte[] plain = new byte[md.encodedSize()];
        ByteBuf mdBuf = Unpooled.wrappedBuffer(plain);
        mdBuf.writerIndex(0);
        md.writeTo(mdBuf);
        long n = 1;
        byte[] box = CryptoBox.seal(precomputed, CurveTraffic.longNonce("CurveZMQREADY---", n), plain);
        ByteBuf body = Commands.allocate(alloc, READY, 8 + box.length);
        body.writeLong(n).writeBytes(box);
        traffic = new CurveTraffic(precomputed, false, n + 1, peerNonce);
        wipe(precomputed); // the traffic keeps only its two subkeys
        return body;
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
        wipeSecrets();
    }

    @Override
    void wipeSecrets() {
        wipe(secretKey);
        wipe(shortSecret);
        wipe(helloKey);
        wipe(cookieKey);
        if (traffic != null) {
            traffic.wipe();
        }
        wipe(precomputed);
    }

    private static void wipe(byte[] b) {
        if (b != null) {
            Arrays.fill(b, (byte) 0);
        }
    }
}
