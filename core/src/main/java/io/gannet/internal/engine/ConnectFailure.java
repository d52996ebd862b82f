package io.gannet.internal.engine;

import java.net.ConnectException;
import java.nio.file.FileSystemException;

/**
 * What a failed connect attempt means, for RECONNECT_STOP and for the detail of the monitor's
 * CONNECT_RETRIED and CLOSED events. Stateless.
 */
final class ConnectFailure {
    private ConnectFailure() {
    }

    /**
     * Whether nothing listens at the address (ECONNREFUSED): Java reports it as a
     * {@link ConnectException} whose message is the operating system's "Connection refused";
     * a timeout is a ConnectException too, so the message decides.
     */
    static boolean isRefused(Throwable e) {
        return e instanceof ConnectException && String.valueOf(e.getMessage()).toLowerCase().contains("refused");
    }

    /** One line for a user: the reason a transport gave (e.g. a missing ipc directory), or the error. */
    static String describe(Throwable e) {
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
