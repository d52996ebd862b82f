package io.gannet.internal;

import io.gannet.Msg;
import io.gannet.internal.zmtp.Metadata;

import java.util.function.BiConsumer;

/**
 * The internal way to attach a connection's properties to a received {@link Msg} without a
 * public setter: {@code Msg} registers its setter here when its class initialises (every
 * caller holds a {@code Msg}, so it has). Stateless after that; any thread.
 */
public final class MsgProperties {
    private static volatile BiConsumer<Msg, Metadata> setter;

    private MsgProperties() {
    }

    /** Called once, by {@code Msg}'s static initialiser. */
    public static void register(BiConsumer<Msg, Metadata> s) {
        setter = s;
    }

    /** Gives {@code msg} the properties of the connection it came from (null: none). */
    static void attach(Msg msg, Metadata properties) {
        setter.accept(msg, properties);
    }
}
