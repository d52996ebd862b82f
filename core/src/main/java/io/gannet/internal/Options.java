package io.gannet.internal;

import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.spi.OptionSource;

/** A socket's option values, one array slot per {@link SocketOption}; owned by the socket's thread. */
final class Options implements OptionSource {
    private final Object[] values = new Object[SocketOption.all().size()];

    @Override
    public <T> T option(SocketOption<T> option) {
        Object v = values[option.index()];
        return v == null ? option.defaultValue() : option.type().cast(v);
    }

    /**
     * Checks that {@code option} applies to a socket of {@code type} and that {@code value}
     * is valid for it; returns the value to store. Throws {@code EINVAL} saying why not.
     */
    static <T> T checked(SocketType type, SocketOption<T> option, T value) {
        if (!option.appliesTo().contains(type)) {
            throw new GannetException(ErrorCode.EINVAL, option.name() + " does not apply to a " + type
                    + " socket (it applies to " + option.appliesTo() + ")");
        }
        return option.validate(value);
    }

    /** The value for {@code getsockopt}: throws {@code EINVAL} if write-only; arrays are copies. */
    <T> T read(SocketOption<T> option) {
        if (!option.isReadable()) {
            throw new GannetException(ErrorCode.EINVAL, option.name() + " is write-only");
        }
        T v = option(option);
        return v instanceof byte[] ? option.type().cast(((byte[]) v).clone()) : v;
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
