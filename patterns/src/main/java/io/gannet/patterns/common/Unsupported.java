package io.gannet.patterns.common;

import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.SocketType;

/** The errors for operations a socket type does not have (PUSH cannot receive, PULL cannot send). */
public final class Unsupported {
    private Unsupported() {
    }

    public static GannetException cannotSend(SocketType type) {
        return new GannetException(ErrorCode.ENOTSUP, type + " sockets cannot send");
    }

    public static GannetException cannotReceive(SocketType type) {
        return new GannetException(ErrorCode.ENOTSUP, type + " sockets cannot receive");
    }
}
