package org.thymus.core.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows a run's progress: on a terminal, one line rewritten in place every half second; otherwise
 * (a log file, a pipe) a plain line every {@code plainIntervalSeconds}. Each line gives the
 * fraction done, throughput, recent loss, learning rate and the time left.
 */
public final class ProgressReporter implements AutoCloseable {
    private final TrainingProgress progress;
    private final PrintStream out;
    private final String unitName;
    private final boolean terminal;
    private final long intervalMillis;
    private final Thread thread;
    private volatile boolean stopped;
    private double lastLossSum;
    private long lastLossCount;

    /**
     * @param unitName what the units are, for the throughput ("words", "edges")
     * @param terminal rewrite one line in place (true) or print plain lines (false)
     */
    public ProgressReporter(TrainingProgress progress, PrintStream out, String unitName,
                            boolean terminal, double plainIntervalSeconds) {
        this.progress = progress;
        this.out = out;
        this.unitName = unitName;
        this.terminal = terminal;
        this.intervalMillis = terminal ? 500 : Math.max(100, (long) (plainIntervalSeconds * 1000));
        this.thread = new Thread(this::loop, "thymus-progress");
        this.thread.setDaemon(true);
    }

    /** True when standard output is an interactive terminal (not a file or a pipe). */
    public static boolean stdoutIsTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Console.isTerminal() exists from JDK 22; we compile for 21, so look it up.
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a non-null console means a terminal
        }
    }

    public ProgressReporter start() {
        thread.start();
        return this;
    }

    private void loop() {
        while (!stopped) {
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
            if (!stopped) {
                print(false);
            }
        }
    }

    /** The status line as it is now. */
    public String line() {
        long done = progress.unitsDone();
        long total = progress.totalUnits();
        double seconds = progress.elapsedSeconds();
        double rate = seconds > 0 ? done / seconds : 0;
        double lossSum = progress.lossSum();
        long lossCount = progress.lossCount();
        double recentLoss = lossCount > lastLossCount
                ? (lossSum - lastLossSum) / (lossCount - lastLossCount) : Double.NaN;
        lastLossSum = lossSum;
        lastLossCount = lossCount;
        double fraction = Math.min(1.0, done / (double) total);
        double eta = rate > 0 ? (total - done) / rate : Double.NaN;
        return String.format(Locale.ROOT, "%5.1f%%  %s %s/s  loss %.4f  lr %.6f  elapsed %s  eta %s",
                100 * fraction, human(rate), unitName, recentLoss, progress.learningRate(),
                clock(seconds), clock(eta));
    }

    private synchronized void print(boolean last) {
        String line = line();
        if (terminal) {
            out.print("\r" + line + "\u001b[K" + (last ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Stops the reporter and prints the final line. */
    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        print(true);
    }

    static String human(double value) {
        if (value >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", value / 1e6);
        }
        if (value >= 1e3) {
            return String.format(Locale.ROOT, "%.1fk", value / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", value);
    }

    static String clock(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "--:--";
        }
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }
}
