package io.gannet.auth;

import java.lang.reflect.Method;

/**
 * Makes the handler's thread: a virtual thread where the JDK has them (21+), found by
 * reflection because the code is compiled for Java 17; a daemon platform thread otherwise.
 */
final class Threads {
    private Threads() {
    }

    static Thread newThread(String name, Runnable task) {
        try {
            Method ofVirtual = Thread.class.getMethod("ofVirtual");
            Object builder = ofVirtual.invoke(null);
            Method named = builder.getClass().getMethod("name", String.class);
            named.setAccessible(true);
            builder = named.invoke(builder, name);
            Method unstarted = builder.getClass().getMethod("unstarted", Runnable.class);
            unstarted.setAccessible(true);
            return (Thread) unstarted.invoke(builder, task);
        } catch (ReflectiveOperationException | RuntimeException e) {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            return t;
        }
    }
}
