package org.thymus.core.concurrent;

import java.util.function.IntConsumer;

/** Runs one body on {@code threads} threads (worker 0 on the caller) and waits for all of them. */
public final class Parallel {
    private Parallel() {
    }

    /**
     * Calls {@code body.accept(worker)} for each worker in {@code [0, threads)}, concurrently; the
     * workers share their work through a counter of their own. The first failure is rethrown after
     * every worker has stopped.
     */
    public static void run(int threads, IntConsumer body) {
        if (threads <= 1) {
            body.accept(0);
            return;
        }
        Throwable[] failures = new Throwable[threads];
        Thread[] workers = new Thread[threads - 1];
        for (int w = 1; w < threads; w++) {
            int worker = w;
            workers[w - 1] = Thread.ofPlatform().name("thymus-parallel-" + w).daemon().start(() -> {
                try {
                    body.accept(worker);
                } catch (Throwable t) {
                    failures[worker] = t;
                }
            });
        }
        try {
            body.accept(0);
        } catch (Throwable t) {
            failures[0] = t;
        }
        boolean interrupted = false;
        for (Thread t : workers) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        for (Throwable t : failures) {
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }
    }
}
