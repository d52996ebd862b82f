package io.gannet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A typed socket option, named as libzmq names it ({@code ZMQ_SNDHWM} is {@link #SNDHWM}).
 * Each key carries its value type, its default, a validation rule and the socket types it
 * applies to, so a wrong value or a wrong socket type fails at {@link Socket#set}.
 *
 * <p>Times are in milliseconds and sizes in bytes or messages, as in libzmq, so values can be
 * carried over from C or Python code unchanged.
 *
 * @param <T> the value type
 */
public final class SocketOption<T> {
    private static final List<SocketOption<?>> ALL = new ArrayList<>();

    /** {@link #RECONNECT_STOP} flag: stop when a connect attempt is refused. */
    public static final int RECONNECT_STOP_CONN_REFUSED = 0x1;
    /** {@link #RECONNECT_STOP} flag: stop when a connection ends before its handshake completed. */
    public static final int RECONNECT_STOP_HANDSHAKE_FAILED = 0x2;
    /** {@link #RECONNECT_STOP} flag: after {@code disconnect()}, no new connection for what is still queued. */
    public static final int RECONNECT_STOP_AFTER_DISCONNECT = 0x4;
    /** {@link #ROUTER_NOTIFY} flag: notify when a peer connects. */
    public static final int NOTIFY_CONNECT = 1;
    /** {@link #ROUTER_NOTIFY} flag: notify when a peer disconnects. */
    public static final int NOTIFY_DISCONNECT = 2;

    private static final Set<SocketType> ANY = Collections.unmodifiableSet(EnumSet.allOf(SocketType.class));
    private static final Predicate<Integer> NON_NEGATIVE = v -> v >= 0;
    private static final Predicate<Integer> MINUS_ONE_OR_MORE = v -> v >= -1;
    private static final Predicate<Object> ANY_VALUE = v -> true;

    // ---- queues and timing -------------------------------------------------------------
    /** High-water mark for outbound messages, per peer; 0 means no limit. Default 1000. */
    public static final SocketOption<Integer> SNDHWM = intOpt("SNDHWM", 1000, NON_NEGATIVE, ANY, true);
    /** High-water mark for inbound messages, per peer; 0 means no limit. Default 1000. */
    public static final SocketOption<Integer> RCVHWM = intOpt("RCVHWM", 1000, NON_NEGATIVE, ANY, true);
    /**
     * How long (ms) a closed socket keeps trying to deliver queued messages, also to peers not
     * connected yet; 0 drops them at close, -1 keeps them while the context lives (its close
     * waits up to the context's linger limit, 30 s by default). Default -1. What is still unsent
     * then is dropped and counted ({@link Socket#droppedMessages()}).
     */
    public static final SocketOption<Integer> LINGER = intOpt("LINGER", -1, MINUS_ONE_OR_MORE, ANY, true);
    /** Timeout (ms) of a blocking send; -1 blocks forever, 0 never blocks. Default -1. */
    public static final SocketOption<Integer> SNDTIMEO = intOpt("SNDTIMEO", -1, MINUS_ONE_OR_MORE, ANY, true);
    /** Timeout (ms) of a blocking receive; -1 blocks forever, 0 never blocks. Default -1. */
    public static final SocketOption<Integer> RCVTIMEO = intOpt("RCVTIMEO", -1, MINUS_ONE_OR_MORE, ANY, true);
    /** Queue messages only to completed connections (no queue for a peer still connecting). Default false. */
    public static final SocketOption<Boolean> IMMEDIATE = boolOpt("IMMEDIATE", false, ANY);
    /** Keep only the last message in each queue (single-part messages only). Default false. */
    public static final SocketOption<Boolean> CONFLATE = boolOpt("CONFLATE", false,
            EnumSet.of(SocketType.PUSH, SocketType.PULL, SocketType.PUB, SocketType.SUB, SocketType.DEALER));
    /** This socket's routing id (1 to 255 bytes, not starting with a zero byte), sent to peers. */
    public static final SocketOption<byte[]> ROUTING_ID = new SocketOption<>("ROUTING_ID", byte[].class, null,
            v -> v.length >= 1 && v.length <= 255 && v[0] != 0, ANY, true, false,
            "routing id announced to peers, 1-255 bytes, first byte not zero");

    // ---- SUB / XSUB ---------------------------------------------------------------------
    /**
     * Subscribes to messages starting with the given prefix (empty: all). Write-only. On an
     * XPUB with {@link #XPUB_MANUAL}: subscribes the peer the last received subscription came from.
     */
    public static final SocketOption<byte[]> SUBSCRIBE = new SocketOption<>("SUBSCRIBE", byte[].class, null,
            ANY_VALUE::test, EnumSet.of(SocketType.SUB, SocketType.XPUB), false, true, "adds a topic prefix subscription");
    /**
     * Removes one earlier subscription to the given prefix. Write-only. On an XPUB with
     * {@link #XPUB_MANUAL}: unsubscribes the peer the last received subscription came from.
     */
    public static final SocketOption<byte[]> UNSUBSCRIBE = new SocketOption<>("UNSUBSCRIBE", byte[].class, null,
            ANY_VALUE::test, EnumSet.of(SocketType.SUB, SocketType.XPUB), false, true,
            "removes one topic prefix subscription");

    // ---- XPUB / PUB ---------------------------------------------------------------------
    /** XPUB passes every subscription upstream, not only new ones. Default false. */
    public static final SocketOption<Boolean> XPUB_VERBOSE = boolOpt("XPUB_VERBOSE", false, EnumSet.of(SocketType.XPUB));
    /** XPUB passes every subscription and unsubscription upstream. Default false. */
    public static final SocketOption<Boolean> XPUB_VERBOSER = boolOpt("XPUB_VERBOSER", false, EnumSet.of(SocketType.XPUB));
    /** XPUB leaves subscription bookkeeping to the application (which sets SUBSCRIBE itself). Default false. */
    public static final SocketOption<Boolean> XPUB_MANUAL = boolOpt("XPUB_MANUAL", false, EnumSet.of(SocketType.XPUB));
    /** A message XPUB sends to each new subscriber. Default none. */
    public static final SocketOption<byte[]> XPUB_WELCOME_MSG = new SocketOption<>("XPUB_WELCOME_MSG", byte[].class,
            null, ANY_VALUE::test, EnumSet.of(SocketType.XPUB), true, false, "message sent to each new subscriber");
    /** XPUB blocks (or fails with would-block) at the HWM instead of dropping. Default false. */
    public static final SocketOption<Boolean> XPUB_NODROP = boolOpt("XPUB_NODROP", false,
            EnumSet.of(SocketType.XPUB, SocketType.PUB));
    /** PUB/SUB/XPUB match messages that do NOT start with a subscribed prefix. Default false. */
    public static final SocketOption<Boolean> INVERT_MATCHING = boolOpt("INVERT_MATCHING", false,
            EnumSet.of(SocketType.PUB, SocketType.SUB, SocketType.XPUB));

    // ---- ROUTER / REQ -------------------------------------------------------------------
    /** ROUTER fails with EHOSTUNREACH (instead of dropping) for unknown routing ids, and blocks at the HWM. */
    public static final SocketOption<Boolean> ROUTER_MANDATORY = boolOpt("ROUTER_MANDATORY", false,
            EnumSet.of(SocketType.ROUTER));
    /** A new peer with a routing id already in use takes it over (the old connection is closed). */
    public static final SocketOption<Boolean> ROUTER_HANDOVER = boolOpt("ROUTER_HANDOVER", false,
            EnumSet.of(SocketType.ROUTER));
    /** Send an empty message to each new peer when it connects. */
    public static final SocketOption<Boolean> PROBE_ROUTER = boolOpt("PROBE_ROUTER", false,
            EnumSet.of(SocketType.ROUTER, SocketType.DEALER, SocketType.REQ));
    /**
     * ROUTER delivers a message of its routing id and an empty frame when a peer connects
     * ({@link #NOTIFY_CONNECT}), when it disconnects ({@link #NOTIFY_DISCONNECT}), or both
     * (OR-ed), as libzmq's ZMQ_ROUTER_NOTIFY does: tcp and ipc connections only, counted from a
     * completed handshake. Default 0 (none).
     */
    public static final SocketOption<Integer> ROUTER_NOTIFY = intOpt("ROUTER_NOTIFY", 0,
            v -> v >= 0 && v <= (NOTIFY_CONNECT | NOTIFY_DISCONNECT), EnumSet.of(SocketType.ROUTER), true);
    /**
     * The routing id a ROUTER or STREAM socket gives the peer of its next {@code connect()}
     * (1 to 255 bytes, not starting with a zero byte), instead of the id the peer announces or
     * one made up: messages can be sent to that id at once and wait for the connection. Applies
     * to that one connect only (it is cleared by it); write-only. Each connection needs an id
     * no other peer of the socket holds.
     */
    public static final SocketOption<byte[]> CONNECT_ROUTING_ID = new SocketOption<>("CONNECT_ROUTING_ID",
            byte[].class, null, v -> v.length >= 1 && v.length <= 255 && v[0] != 0,
            EnumSet.of(SocketType.ROUTER, SocketType.STREAM), false, false,
            "routing id for the next connect, 1-255 bytes, first byte not zero");
    /** REQ prefixes requests with a request id and accepts only the matching reply. */
    public static final SocketOption<Boolean> REQ_CORRELATE = boolOpt("REQ_CORRELATE", false, EnumSet.of(SocketType.REQ));
    /** REQ may send a new request without waiting for the reply (the old reply is then discarded). */
    public static final SocketOption<Boolean> REQ_RELAXED = boolOpt("REQ_RELAXED", false, EnumSet.of(SocketType.REQ));

    // ---- STREAM ---------------------------------------------------------------------------
    /**
     * STREAM delivers a routing id with an empty data frame when a connection opens and when
     * it closes (libzmq's ZMQ_STREAM_NOTIFY). Default true.
     */
    public static final SocketOption<Boolean> STREAM_NOTIFY = boolOpt("STREAM_NOTIFY", true,
            EnumSet.of(SocketType.STREAM));

    // ---- connections (transports) ----------------------------------------------------------
    /** Initial reconnect interval (ms); -1 disables reconnection. Default 100. */
    public static final SocketOption<Integer> RECONNECT_IVL = intOpt("RECONNECT_IVL", 100, MINUS_ONE_OR_MORE, ANY, true);
    /** Upper bound (ms) of the exponential reconnect back-off; 0 means no back-off. Default 0. */
    public static final SocketOption<Integer> RECONNECT_IVL_MAX = intOpt("RECONNECT_IVL_MAX", 0, NON_NEGATIVE, ANY, true);
    /** Timeout (ms) of an outgoing connection attempt; 0 uses the operating system's. Default 0. */
    public static final SocketOption<Integer> CONNECT_TIMEOUT = intOpt("CONNECT_TIMEOUT", 0, NON_NEGATIVE, ANY, true);
    /** Maximum time (ms) for the ZMTP handshake; 0 disables. Default 30000. */
    public static final SocketOption<Integer> HANDSHAKE_IVL = intOpt("HANDSHAKE_IVL", 30_000, NON_NEGATIVE, ANY, true);
    /** Interval (ms) between ZMTP PINGs (none to ZMTP 3.0 peers, which have no PING); 0 disables heartbeats. Default 0. */
    public static final SocketOption<Integer> HEARTBEAT_IVL = intOpt("HEARTBEAT_IVL", 0, NON_NEGATIVE, ANY, true);
    /** TTL (ms) announced in PINGs; stored in deciseconds as libzmq does (max 6,553,599). Default 0. */
    public static final SocketOption<Integer> HEARTBEAT_TTL = intOpt("HEARTBEAT_TTL", 0,
            v -> v >= 0 && v <= 6_553_599, ANY, true);
    /** Time (ms) without traffic after a PING before the connection is closed; -1 uses HEARTBEAT_IVL. */
    public static final SocketOption<Integer> HEARTBEAT_TIMEOUT = intOpt("HEARTBEAT_TIMEOUT", -1, MINUS_ONE_OR_MORE, ANY, true);
    /** Largest inbound message (bytes) accepted; -1 means no limit. Larger ones close the connection. */
    public static final SocketOption<Long> MAXMSGSIZE = new SocketOption<>("MAXMSGSIZE", Long.class, -1L,
            v -> v >= -1, ANY, true, false, "largest inbound message in bytes, -1 no limit");
    /** Listen backlog of bound tcp and ipc endpoints. Default 100. */
    public static final SocketOption<Integer> BACKLOG = intOpt("BACKLOG", 100, NON_NEGATIVE, ANY, true);
    /** Kernel send buffer size (bytes) of tcp, ipc, udp and epgm channels; -1 leaves the operating system's default. */
    public static final SocketOption<Integer> SNDBUF = intOpt("SNDBUF", -1, MINUS_ONE_OR_MORE, ANY, true);
    /** Kernel receive buffer size (bytes) of tcp, ipc, udp and epgm channels; -1 leaves the operating system's default. */
    public static final SocketOption<Integer> RCVBUF = intOpt("RCVBUF", -1, MINUS_ONE_OR_MORE, ANY, true);
    /** TCP keepalive: -1 system default, 0 off, 1 on. */
    public static final SocketOption<Integer> TCP_KEEPALIVE = intOpt("TCP_KEEPALIVE", -1, v -> v >= -1 && v <= 1, ANY, true);
    /** TCP keepalive idle time (s); -1 system default. */
    public static final SocketOption<Integer> TCP_KEEPALIVE_IDLE = intOpt("TCP_KEEPALIVE_IDLE", -1, MINUS_ONE_OR_MORE, ANY, true);
    /** TCP keepalive probe count; -1 system default. */
    public static final SocketOption<Integer> TCP_KEEPALIVE_CNT = intOpt("TCP_KEEPALIVE_CNT", -1, MINUS_ONE_OR_MORE, ANY, true);
    /** TCP keepalive probe interval (s); -1 system default. */
    public static final SocketOption<Integer> TCP_KEEPALIVE_INTVL = intOpt("TCP_KEEPALIVE_INTVL", -1, MINUS_ONE_OR_MORE, ANY, true);
    /**
     * When to stop reconnecting, OR-ed flags as in libzmq: {@link #RECONNECT_STOP_CONN_REFUSED}
     * (a connect attempt is refused: nothing listens there), {@link #RECONNECT_STOP_HANDSHAKE_FAILED}
     * (a connection closes or times out before the ZMTP handshake completes: not a ZeroMQ
     * peer; consider a short HANDSHAKE_IVL) and {@link #RECONNECT_STOP_AFTER_DISCONNECT} (after
     * {@code disconnect()}, messages still queued for the endpoint wait for no new connection).
     * A stopped endpoint emits CLOSED and lets its queued messages go. Default 0 (never stop).
     */
    public static final SocketOption<Integer> RECONNECT_STOP = intOpt("RECONNECT_STOP", 0,
            v -> (v & ~(RECONNECT_STOP_CONN_REFUSED | RECONNECT_STOP_HANDSHAKE_FAILED
                    | RECONNECT_STOP_AFTER_DISCONNECT)) == 0, ANY, true);
    /**
     * IP type of service (DSCP and ECN bits of the IP header) of tcp connections, both
     * connected and accepted ({@code IP_TOS}; the traffic class on IPv6). Default 0.
     */
    public static final SocketOption<Integer> TOS = intOpt("TOS", 0, v -> v >= 0 && v <= 255, ANY, true);
    /**
     * Not available in Java: libzmq sets Linux's {@code TCP_USER_TIMEOUT} (ms before an
     * unacknowledged retransmission drops the connection), which neither {@code java.net} nor
     * {@code jdk.net.ExtendedSocketOptions} offers (JDK 17 to 25). Setting it fails with
     * {@code ENOTSUP}; HEARTBEAT_IVL and HEARTBEAT_TIMEOUT detect a dead peer instead.
     */
    public static final SocketOption<Integer> TCP_MAXRT = unsupported("TCP_MAXRT", Integer.class, 0,
            "Java has no TCP_USER_TIMEOUT socket option (java.net and jdk.net.ExtendedSocketOptions lack it); "
                    + "use HEARTBEAT_IVL and HEARTBEAT_TIMEOUT to drop dead peers");
    /**
     * Not available in Java: libzmq binds its sockets to a network device with Linux's
     * {@code SO_BINDTODEVICE}, which Java has no API for. Setting it fails with {@code ENOTSUP};
     * binding to an interface's address ({@code tcp://eth0:5555}) or a source address
     * ({@code tcp://10.0.0.2:0;host:5555}) chooses the local address, not the device.
     */
    public static final SocketOption<String> BINDTODEVICE = unsupported("BINDTODEVICE", String.class, null,
            "Java has no SO_BINDTODEVICE socket option; bind to the interface's address, "
                    + "or connect from a source address (tcp://source:0;host:port)");
    /** Enable IPv6 on the socket (dual-stack binds and IPv6 host names). Default false. */
    public static final SocketOption<Boolean> IPV6 = boolOpt("IPV6", false, ANY);

    // ---- multicast (epgm://) ---------------------------------------------------------------------
    /**
     * epgm: the largest rate, in kilobits per second, at which a publisher sends data
     * (original data and repairs, with their PGM headers); a publisher that has more waits, and
     * its queue backs up to SNDHWM (a PUB then drops, counted). Default 100.
     */
    public static final SocketOption<Integer> RATE = intOpt("RATE", 100, v -> v > 0, ANY, true);
    /**
     * epgm: how long (ms) a publisher keeps sent data to repair what subscribers lost; a
     * subscriber that misses data older than this reports the loss and resynchronises at the next
     * message. With {@link #RATE} it sizes the transmit window. At least 1. Default 10000.
     */
    public static final SocketOption<Integer> RECOVERY_IVL = intOpt("RECOVERY_IVL", 10_000, v -> v > 0, ANY, true);
    /**
     * epgm: the time-to-live (IP multicast hops) of the packets a socket sends, 1 to 255; the
     * default 1 keeps them on the local network. Default 1.
     */
    public static final SocketOption<Integer> MULTICAST_HOPS = intOpt("MULTICAST_HOPS", 1,
            v -> v >= 1 && v <= 255, ANY, true);
    /**
     * epgm: the largest packet (bytes, IP and UDP headers included) a socket sends; messages
     * are cut into packets of this size. Use the same value on every member of a group, at most
     * the network's MTU. 128 to 65535. Default 1500.
     */
    public static final SocketOption<Integer> MULTICAST_MAXTPDU = intOpt("MULTICAST_MAXTPDU", 1500,
            v -> v >= 128 && v <= 65_535, ANY, true);
    /**
     * epgm: whether the packets a socket sends to a group are also delivered to subscribers on
     * the sending host ({@code IP_MULTICAST_LOOP}). libzmq's option default is true, but libzmq
     * turns loopback off for its own epgm sockets; Gannet applies the option. Default true.
     */
    public static final SocketOption<Boolean> MULTICAST_LOOP = boolOpt("MULTICAST_LOOP", true, ANY);

    // ---- security (RFC 24 PLAIN) ------------------------------------------------------------
    /**
     * PLAIN client: the user name (1-255 bytes) sent to the server, which checks it through its
     * ZAP handler. Setting it makes the socket a PLAIN client. Sent in clear text. Default none.
     */
    public static final SocketOption<byte[]> PLAIN_USERNAME = new SocketOption<>("PLAIN_USERNAME", byte[].class, null,
            v -> v.length >= 1 && v.length <= 255, ANY, true, false, "PLAIN user name, 1-255 bytes");
    /**
     * PLAIN client: the password (0-255 bytes) sent with {@link #PLAIN_USERNAME}, in clear text.
     * Default none (an empty password).
     */
    public static final SocketOption<byte[]> PLAIN_PASSWORD = new SocketOption<>("PLAIN_PASSWORD", byte[].class, null,
            v -> v.length <= 255, ANY, true, false, "PLAIN password, 0-255 bytes");

    /**
     * PLAIN server: this socket checks each connecting PLAIN client's user name and password
     * through the ZAP handler bound at {@code inproc://zeromq.zap.01} in the same context. As
     * in libzmq 4.3, a PLAIN server without a ZAP handler refuses every client
     * ({@link SocketEvent#HANDSHAKE_FAILED_NO_DETAIL}). Default false.
     */
    public static final SocketOption<Boolean> PLAIN_SERVER = boolOpt("PLAIN_SERVER", false, ANY);

    // ---- security (RFC 26 CURVE) -------------------------------------------------------------
    /**
     * CURVE client: the server's public key, 32 bytes or its 40-character Z85 form. Setting it
     * makes the socket a CURVE client: traffic is encrypted and the server must hold the
     * matching secret key. Default none.
     */
    public static final SocketOption<byte[]> CURVE_SERVERKEY = new SocketOption<>("CURVE_SERVERKEY", byte[].class, null,
            SocketOption::isCurveKey, ANY, true, false, "32 bytes, or 40 characters of Z85");
    /**
     * CURVE: this socket's long-term public key, 32 bytes or 40 characters of Z85. A client
     * without one uses {@link #CURVE_SECRETKEY}'s, or a new random pair. Default none.
     */
    public static final SocketOption<byte[]> CURVE_PUBLICKEY = new SocketOption<>("CURVE_PUBLICKEY", byte[].class, null,
            SocketOption::isCurveKey, ANY, true, false, "32 bytes, or 40 characters of Z85");
    /**
     * CURVE: this socket's long-term secret key, 32 bytes or 40 characters of Z85. Write-only:
     * {@link Socket#get} does not return it. Default none.
     */
    public static final SocketOption<byte[]> CURVE_SECRETKEY = new SocketOption<>("CURVE_SECRETKEY", byte[].class, null,
            SocketOption::isCurveKey, ANY, false, false, "32 bytes, or 40 characters of Z85");

    /**
     * CURVE server: this socket holds the long-term key pair ({@link #CURVE_SECRETKEY}, its
     * public key derived if not given) that clients name with {@link #CURVE_SERVERKEY}; every
     * connection is encrypted. A ZAP handler bound at {@code inproc://zeromq.zap.01} in the same
     * context, if any, decides which client keys may connect; without one every client that
     * knows the server key is accepted (libzmq 4.3's default). Default false.
     */
    public static final SocketOption<Boolean> CURVE_SERVER = boolOpt("CURVE_SERVER", false, ANY);

    // ---- security (RFC 27 ZAP) ---------------------------------------------------------------
    /**
     * The ZAP domain sent to the ZAP handler with every authentication request of this socket
     * (RFC 27), up to 255 characters. With the NULL mechanism, setting it makes the socket ask
     * the handler about every connection, if a handler is bound (libzmq 4.3). Default empty.
     */
    public static final SocketOption<String> ZAP_DOMAIN = new SocketOption<>("ZAP_DOMAIN", String.class, "",
            v -> v.length() <= 255, ANY, true, false, "ZAP domain, 0-255 characters");

    private final String name;
    private final Class<T> type;
    private final T defaultValue;
    private final Predicate<T> validator;
    private final Set<SocketType> appliesTo;
    private final boolean readable;
    private final boolean writeOnlyAction;
    private final String doc;
    /** Why the option cannot be set on the Java platform; null for every supported option. */
    private final String unsupported;
    private final int index;

    private SocketOption(String name, Class<T> type, T defaultValue, Predicate<T> validator,
                         Set<SocketType> appliesTo, boolean readable, boolean writeOnlyAction, String doc) {
        this(name, type, defaultValue, validator, appliesTo, readable, writeOnlyAction, doc, null);
    }

    private SocketOption(String name, Class<T> type, T defaultValue, Predicate<T> validator,
                         Set<SocketType> appliesTo, boolean readable, boolean writeOnlyAction, String doc,
                         String unsupported) {
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.validator = validator;
        this.appliesTo = appliesTo;
        this.readable = readable;
        this.writeOnlyAction = writeOnlyAction;
        this.doc = doc;
        this.unsupported = unsupported;
        synchronized (ALL) {
            this.index = ALL.size();
            ALL.add(this);
        }
    }

    private static SocketOption<Integer> intOpt(String name, int def, Predicate<Integer> valid,
                                                Set<SocketType> types, boolean readable) {
        return new SocketOption<>(name, Integer.class, def, valid, types, readable, false, null);
    }

    private static SocketOption<Boolean> boolOpt(String name, boolean def, Set<SocketType> types) {
        return new SocketOption<>(name, Boolean.class, def, v -> true, types, true, false, null);
    }

    private static boolean isCurveKey(byte[] key) {
        try {
            CurveKeyPair.toRawKey(key);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A libzmq option Java cannot provide: readable (its default), but setting it fails with ENOTSUP. */
    private static <T> SocketOption<T> unsupported(String name, Class<T> type, T def, String why) {
        return new SocketOption<>(name, type, def, v -> true, ANY, true, false, null, why);
    }

    /** libzmq's name of the option, without the {@code ZMQ_} prefix. */
    public String name() {
        return name;
    }

    /** The Java type of the value. */
    public Class<T> type() {
        return type;
    }

    /** The value a new socket has; null where libzmq has none (e.g. ROUTING_ID). */
    public T defaultValue() {
        return defaultValue;
    }

    /** The socket types this option applies to. */
    public Set<SocketType> appliesTo() {
        return Collections.unmodifiableSet(appliesTo);
    }

    /** Whether {@link Socket#get} can read it (write-only actions such as SUBSCRIBE cannot be read). */
    public boolean isReadable() {
        return readable;
    }

    /** True for options that are actions rather than stored values (SUBSCRIBE, UNSUBSCRIBE). */
    public boolean isAction() {
        return writeOnlyAction;
    }

    /** A dense index, 0..{@link #all()}.size()-1, for array-backed option storage. */
    public int index() {
        return index;
    }

    /**
     * Whether Gannet can apply this option. A few libzmq options need operating-system calls
     * that Java does not offer ({@link #TCP_MAXRT}, {@link #BINDTODEVICE}); they exist so that
     * code ported from libzmq fails with a reason rather than at compile time, and setting one
     * throws {@link GannetException} {@code ENOTSUP}.
     */
    public boolean isSupported() {
        return unsupported == null;
    }

    /** Why this option is not available in Java; null when {@link #isSupported()}. */
    public String unsupportedReason() {
        return unsupported;
    }

    /**
     * Checks a value for this option; throws {@link GannetException} with {@code EINVAL} when it
     * is null, of the wrong type or out of range, and returns it typed otherwise. An option
     * that is not {@linkplain #isSupported() supported} fails with {@code ENOTSUP} whatever the value.
     */
    public T validate(Object value) {
        if (unsupported != null) {
            throw new GannetException(ErrorCode.ENOTSUP, name + " is not available in Java: " + unsupported);
        }
        if (value == null) {
            throw new GannetException(ErrorCode.EINVAL, name + " does not take null");
        }
        if (!type.isInstance(value)) {
            throw new GannetException(ErrorCode.EINVAL, name + " takes a " + type.getSimpleName()
                    + ", not a " + value.getClass().getSimpleName());
        }
        T typed = type.cast(value);
        if (!validator.test(typed)) {
            throw new GannetException(ErrorCode.EINVAL, name + " does not accept " + describe(typed)
                    + (doc != null ? " (" + doc + ")" : ""));
        }
        return typed;
    }

    private static String describe(Object value) {
        return value instanceof byte[] ? ((byte[]) value).length + " bytes" : String.valueOf(value);
    }

    /** Every option, in declaration order. */
    public static List<SocketOption<?>> all() {
        synchronized (ALL) {
            return List.copyOf(ALL);
        }
    }

    /** Looks an option up by its libzmq name (with or without {@code ZMQ_}); null if none. */
    public static SocketOption<?> byName(String name) {
        String n = name.startsWith("ZMQ_") ? name.substring(4) : name;
        for (SocketOption<?> o : all()) {
            if (o.name.equalsIgnoreCase(n)) {
                return o;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return name;
    }
}
