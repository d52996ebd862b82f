package io.gannet.spi;

import io.gannet.SocketOption;

/** Read access to a socket's current option values. */
public interface OptionSource {
    /** The current value of {@code option}. */
    <T> T option(SocketOption<T> option);
}
