package io.gannet.internal;

import io.gannet.SocketOption;
import io.gannet.spi.OptionSource;

/** A socket's option values, one array slot per {@link SocketOption}; owned by the socket's thread. */
final class Options implements OptionSource {
    private final Object[] values = new Object[SocketOption.all().size()];

    @Override
    public <T> T option(SocketOption<T> option) {
        Object v = values[option.index()];
        return v == null ? option.defaultValue() : option.type().cast(v);
    }

    <T> void store(SocketOption<T> option, T value) {
        values[option.index()] = value instanceof byte[] ? ((byte[]) value).clone() : value;
    }

    /** A frozen copy, for I/O threads that read options while the socket goes on changing its own. */
    Options snapshot() {
        Options copy = new Options();
        System.arraycopy(values, 0, copy.values, 0, values.length);
        return copy;
    }
}
