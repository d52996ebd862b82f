package io.gannet.patterns.delivery;

import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Runs a task on a producer's or consumer's loop thread and waits for its result: the loop owns
 * the sockets and the state, so an application thread hands work over instead of sharing it.
 */
final class LoopCall {
    private LoopCall() {
    }

    /** Queues {@code task} for the loop, wakes it, and returns the task's result or rethrows its failure. */
    static <T> T run(Queue<Runnable> commands, Links links, Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        commands.add(() -> {
            try {
                result.complete(task.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        links.wakeup();
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
