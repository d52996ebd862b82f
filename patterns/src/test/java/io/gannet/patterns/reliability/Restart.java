package io.gannet.patterns.reliability;

import static io.gannet.testing.TestSupport.await;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.gannet.ErrorCode;
import io.gannet.GannetException;

/** Restarts a broker on the endpoints its closed predecessor held, once the endpoints are free again. */
final class Restart {
    private Restart() {
    }

    static <T> T untilBound(Supplier<T> create) {
        AtomicReference<T> made = new AtomicReference<>();
        await("the endpoints are free to bind again", () -> {
            try {
                made.set(create.get());
                return true;
            } catch (GannetException e) {
                if (e.code() != ErrorCode.EADDRINUSE) {
                    throw e;
                }
                return false;
            }
        });
        return made.get();
    }
}
