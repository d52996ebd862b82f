package io.gannet.internal.engine;

import io.gannet.CurveKeyPair;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.internal.ZapConnector;
import io.gannet.internal.zmtp.Metadata;
import io.gannet.internal.zmtp.mechanism.HandshakeConfig;
import io.gannet.internal.zmtp.mechanism.SecurityConfig;
import io.gannet.spi.OptionSource;
import io.gannet.spi.SocketTraits;

/**
 * The options of one bind or connect, read on the socket's thread when the endpoint was made
 * and carried to the I/O thread, which never reads a socket's live options. Immutable.
 */
final class EndpointConfig {
    final SocketType type;
    /** What the socket type's provider says core must know about it. */
    final SocketTraits traits;
    final OptionSource options;
    final int sndHwm;
    final int rcvHwm;
    final boolean conflate;
    final boolean immediate;
    final int reconnectIvl;
    final int reconnectIvlMax;
    final int connectTimeout;
    final int handshakeIvl;
    final int heartbeatIvl;
    final int heartbeatTtlDeciseconds;
    final int heartbeatTimeout;
    final long maxMsgSize;
    final HandshakeConfig handshake;
    /** The security mechanism options; chooses each connection's mechanism. */
    final SecurityConfig security;
    /** RECONNECT_STOP flags. */
    final int reconnectStop;
    /** ROUTER_NOTIFY flags (0 for socket types it does not apply to). */
    final int routerNotify;
    /** CONNECT_ROUTING_ID taken by this connect: the id the socket gives its peer; null if none. */
    final byte[] connectRoutingId;
    /** The engine every connection of this endpoint runs: raw bytes or ZMTP, as the traits say. */
    final Engine.Factory engines;
    /** The way to the context's ZAP handler; null when there is no context (tests). */
    final ZapConnector zap;

    EndpointConfig(SocketType type, SocketTraits traits, OptionSource o) {
        this(type, traits, o, null);
    }

    EndpointConfig(SocketType type, SocketTraits traits, OptionSource o, ZapConnector zap) {
        this.type = type;
        this.traits = traits;
        this.options = o;
        this.sndHwm = o.option(SocketOption.SNDHWM);
        this.rcvHwm = o.option(SocketOption.RCVHWM);
        this.conflate = o.option(SocketOption.CONFLATE);
        this.immediate = o.option(SocketOption.IMMEDIATE);
        this.reconnectIvl = o.option(SocketOption.RECONNECT_IVL);
        this.reconnectIvlMax = o.option(SocketOption.RECONNECT_IVL_MAX);
        this.connectTimeout = o.option(SocketOption.CONNECT_TIMEOUT);
        this.handshakeIvl = o.option(SocketOption.HANDSHAKE_IVL);
        this.heartbeatIvl = o.option(SocketOption.HEARTBEAT_IVL);
        this.heartbeatTtlDeciseconds = Math.min(0xFFFF, o.option(SocketOption.HEARTBEAT_TTL) / 100);
        int timeout = o.option(SocketOption.HEARTBEAT_TIMEOUT);
        this.heartbeatTimeout = timeout < 0 ? heartbeatIvl : timeout;
        this.maxMsgSize = o.option(SocketOption.MAXMSGSIZE);
        byte[] id = o.option(SocketOption.ROUTING_ID);
        this.handshake = new HandshakeConfig(type, id == null || id.length == 0 ? null : id, Metadata.EMPTY);
        this.security = SecurityConfig.builder()
                .plainClient(o.option(SocketOption.PLAIN_USERNAME), o.option(SocketOption.PLAIN_PASSWORD))
                .plainServer(o.option(SocketOption.PLAIN_SERVER))
                .curveServerKey(rawKey(o.option(SocketOption.CURVE_SERVERKEY)))
                .curveKeys(rawKey(o.option(SocketOption.CURVE_PUBLICKEY)), rawKey(o.option(SocketOption.CURVE_SECRETKEY)))
                .curveServer(o.option(SocketOption.CURVE_SERVER))
                .zapDomain(o.option(SocketOption.ZAP_DOMAIN))
                .build();
        this.zap = zap;
        this.reconnectStop = o.option(SocketOption.RECONNECT_STOP);
        this.routerNotify = o.option(SocketOption.ROUTER_NOTIFY);
        byte[] connectId = o.option(SocketOption.CONNECT_ROUTING_ID);
        this.connectRoutingId = connectId == null || connectId.length == 0 ? null : connectId;
        this.engines = traits.rawBytes() ? RawEngine::new : ZmtpEngine::new;
    }

    private static byte[] rawKey(byte[] key) {
        return key == null ? null : CurveKeyPair.toRawKey(key);
    }

    /**
     * Whether a connecting socket's pipe exists before the connection and survives
     * reconnects (libzmq: unless IMMEDIATE, and except for raw-byte sockets and those whose
     * pipes need the peer's identity, unless CONNECT_ROUTING_ID gave it: sends to that id
     * then queue at once).
     */
    boolean keepsPipeAcrossConnections() {
        return !immediate && !traits.rawBytes() && (!traits.pipeNeedsPeerId() || connectRoutingId != null);
    }

    /** Whether RECONNECT_STOP has {@code flag}. */
    boolean stopsReconnecting(int flag) {
        return (reconnectStop & flag) != 0;
    }

    /** Whether ROUTER_NOTIFY has {@code flag}. */
    boolean notifies(int flag) {
        return (routerNotify & flag) != 0;
    }

    /** Whether subscriptions travel on connections of this socket type. */
    boolean carriesSubscriptions() {
        return traits.carriesSubscriptions();
    }

    /** Whether this socket type sends subscriptions upstream (SUB, XSUB). */
    boolean sendsSubscriptions() {
        return traits.subscriptions() == SocketTraits.Subscriptions.SENDS;
    }
}
