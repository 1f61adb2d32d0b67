package io.switchboard.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Small helpers over {@link ProcessHandle}: resident memory, start times, ending processes. */
final class Processes {

    private Processes() {
    }

    /** Resident set size in kB: VmRSS from /proc (Linux), else {@code ps} (macOS); 0 when unknown. */
    static long rssKb(ProcessHandle process) {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        try {
            if (Files.exists(Path.of("/proc/self/status"))) {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
                return 0;
            }
            Process ps = new ProcessBuilder("ps", "-o", "rss=", "-p", Long.toString(process.pid())).start();
            String out = new String(ps.getInputStream().readAllBytes()).trim();
            return out.isEmpty() ? 0 : Long.parseLong(out);
        } catch (IOException | NumberFormatException e) {
            return 0; // the process ended meanwhile
        }
    }

    static long rssKb(Collection<ProcessHandle> processes) {
        return processes.stream().mapToLong(Processes::rssKb).sum();
    }

    /** Start time in epoch millis (0 when unknown): with the pid, it tells a left-over process from a new one. */
    static long startMillis(ProcessHandle process) {
        return process.info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
    }

    /** SIGTERM to all, up to {@code grace} for them to end, then SIGKILL to what is left. */
    static void terminate(Collection<ProcessHandle> processes, Duration grace) {
        List<ProcessHandle> alive = processes.stream().filter(ProcessHandle::isAlive).toList();
        alive.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle p : alive) {
            try {
                p.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception timeoutOrInterrupt) {
                p.destroyForcibly();
            }
        }
        alive.forEach(ProcessHandle::destroyForcibly);
    }
}
