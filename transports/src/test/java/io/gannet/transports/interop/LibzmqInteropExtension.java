package io.gannet.transports.interop;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 side of {@link LibzmqInterop}: requires the peer before the class, hands each
 * test its own {@link LibzmqPeers} (closed by JUnit after the test, as a store resource),
 * and prints the peers' transcripts when a test fails.
 */
public final class LibzmqInteropExtension
        implements BeforeAllCallback, ParameterResolver, AfterTestExecutionCallback {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(LibzmqInteropExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        LibzmqAvailability.require();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LibzmqPeers.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return peers(context);
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        LibzmqPeers peers = context.getStore(NAMESPACE).get(LibzmqPeers.class, LibzmqPeers.class);
        if (peers != null && context.getExecutionException().isPresent()) {
            System.err.println("libzmq peers of failed test " + context.getDisplayName() + ":\n"
                    + peers.describeAll());
        }
    }

    private static LibzmqPeers peers(ExtensionContext context) {
        return context.getStore(NAMESPACE)
                .getOrComputeIfAbsent(LibzmqPeers.class, key -> new LibzmqPeers(), LibzmqPeers.class);
    }
}
