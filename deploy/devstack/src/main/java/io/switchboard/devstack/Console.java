package io.switchboard.devstack;

import java.nio.file.Path;
import java.util.Locale;

/** Progress lines with the seconds since the launcher started, and paths shown relative to the repository. */
final class Console {

    private final long t0 = System.nanoTime();
    private final Path root;

    Console(Path root) {
        this.root = root;
    }

    double elapsed() {
        return (System.nanoTime() - t0) / 1e9;
    }

    void say(String line) {
        System.out.printf(Locale.ROOT, "[%5.1fs] %s%n", elapsed(), line);
    }

    String rel(Path path) {
        return path == null ? "-" : path.startsWith(root) ? root.relativize(path).toString() : path.toString();
    }

    static String oneDecimal(double seconds) {
        return String.format(Locale.ROOT, "%.1f", seconds);
    }

    static String firstLine(String message) {
        return message == null ? "(no message)" : message.lines().findFirst().orElse("");
    }
}
