package io.gannet;

/**
 * libzmq-style error names carried by {@link GannetException}, so that people who know
 * ZeroMQ recognise the condition at once.
 */
public enum ErrorCode {
    /** The socket's state machine does not allow this operation now (e.g. REQ recv before send). */
    EFSM,
    /** A ROUTER with {@code ROUTER_MANDATORY} was given a routing id it does not know. */
    EHOSTUNREACH,
    /** An argument is invalid: a malformed endpoint, a bad option value. */
    EINVAL,
    /** The operation is not supported by this socket type, or the option not by the Java platform. */
    ENOTSUP,
    /** No transport for the endpoint's scheme is available. */
    EPROTONOSUPPORT,
    /** The two socket types cannot talk to each other (e.g. PUSH to PUSH). */
    ENOCOMPATPROTO,
    /** The address is already in use. */
    EADDRINUSE,
    /** The address is not available on this machine. */
    EADDRNOTAVAIL,
    /** The endpoint was not bound or connected by this socket, or an ipc path's directory does not exist. */
    ENOENT,
    /** The context was closed. */
    ETERM,
    /** The socket was closed. */
    ENOTSOCK,
    /** The blocking call was interrupted. */
    EINTR,
    /** The context reached its maximum number of sockets. */
    EMFILE,
    /** A socket was used by two threads at once. */
    EBUSY
}
