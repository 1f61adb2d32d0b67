package io.switchboard.testing;

import java.nio.file.Path;

/** The JDK this JVM runs on; child JVMs use the same one. */
public final class Jdk {

    private Jdk() {
    }

    public static Path home() {
        return Path.of(System.getProperty("java.home"));
    }

    public static String javaExecutable() {
        return home().resolve("bin").resolve("java").toString();
    }
}
