package org.thymus.core.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Lock-free parallel SGD in the Hogwild style (Recht et al. 2011), as word2vec.c and gensim do
 * it: workers update the shared tables without locks. One reader thread turns the input into
 * chunks (decompression and parsing overlap with training); each worker takes whole chunks from
 * a small bounded queue, so memory stays flat for any input size.
 *
 * <p>With one worker, chunks are processed in input order: a run with a fixed seed is
 * reproducible. With more, the interleaving (and so the result) varies slightly from run to run.
 */
public final class HogwildTrainer {

    /** Produces chunks of work in order; called from the reader thread only. */
    @FunctionalInterface
    public interface ChunkSource<C> {
        /** The next chunk, or null when the input is exhausted. */
        C next() throws IOException;
    }

    /** Processes chunks; one instance per thread, so it may keep scratch buffers and an RNG. */
    @FunctionalInterface
    public interface Worker<C> {
        void process(C chunk);
    }

    private HogwildTrainer() {
    }

    /**
     * Takes chunks from {@code sources} in turn until all are exhausted: several parts of an input
     * advance together, as when each thread of word2vec.c or gensim reads its own part of the corpus.
     */
    public static <C> ChunkSource<C> roundRobin(List<? extends ChunkSource<C>> sources) {
        List<ChunkSource<C>> live = new ArrayList<>(sources);
        return new ChunkSource<>() {
            private int turn;

            @Override
            public C next() throws IOException {
                while (!live.isEmpty()) {
                    turn %= live.size();
                    C chunk = live.get(turn).next();
                    if (chunk != null) {
                        turn++;
                        return chunk;
                    }
                    live.remove(turn);
                }
                return null;
            }
        };
    }

    /**
     * Runs {@code threads} workers over every chunk of {@code source} and returns when all are
     * processed. A failure in the reader or in any worker stops the run and is rethrown here.
     */
    public static <C> void run(int threads, ChunkSource<C> source, IntFunction<Worker<C>> workerFactory) {
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be > 0, got " + threads);
        }
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(2 * threads + 2);
        Object endOfInput = new Object();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Worker<C> worker = workerFactory.apply(t);
            Thread thread = new Thread(() -> work(worker, queue, endOfInput, failure), "thymus-worker-" + t);
            thread.setDaemon(true);
            workers.add(thread);
            thread.start();
        }
        try {
            C chunk;
            while (failure.get() == null && (chunk = source.next()) != null) {
                queue.put(chunk);
            }
        } catch (IOException e) {
            failure.compareAndSet(null, new UncheckedIOException(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, e);
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
        } finally {
            for (int t = 0; t < threads; t++) {
                putUninterruptibly(queue, endOfInput, failure);
            }
        }
        for (Thread thread : workers) {
            joinUninterruptibly(thread);
        }
        Throwable error = failure.get();
        if (error instanceof RuntimeException e) {
            throw e;
        }
        if (error instanceof Error e) {
            throw e;
        }
        if (error != null) {
            throw new IllegalStateException("training interrupted", error);
        }
    }

    @SuppressWarnings("unchecked")
    private static <C> void work(Worker<C> worker, BlockingQueue<Object> queue, Object end,
                                 AtomicReference<Throwable> failure) {
        try {
            while (true) {
                Object item = queue.take();
                if (item == end) {
                    return;
                }
                if (failure.get() == null) {
                    worker.process((C) item);
                }
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
            // Keep draining so the reader never blocks on a full queue.
            drain(queue, end);
        }
    }

    private static void drain(BlockingQueue<Object> queue, Object end) {
        try {
            while (queue.take() != end) {
                // discard
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void putUninterruptibly(BlockingQueue<Object> queue, Object item,
                                           AtomicReference<Throwable> failure) {
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(item);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                failure.compareAndSet(null, e);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
