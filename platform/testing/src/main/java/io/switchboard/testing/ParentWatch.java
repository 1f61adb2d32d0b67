package io.switchboard.testing;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Entry point of every child JVM we start: runs the real main class, and halts the JVM as soon as the
 * parent process is gone, so that a killed test JVM or launcher leaves no broker or service behind.
 * Usage: {@code ParentWatch <parentPid> <mainClass> [args...]}.
 */
public final class ParentWatch {

    private ParentWatch() {
    }

    public static void main(String[] args) throws Exception {
        long parentPid = Long.parseLong(args[0]);
        ProcessHandle.of(parentPid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> {
                    System.err.println("parent process " + parentPid + " ended: stopping");
                    System.exit(0);
                }),
                () -> System.exit(0));
        Method main = Class.forName(args[1]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    }
}
