package io.switchboard.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A temporary folder a server keeps its data in. Once the server has stopped, its data goes and the log
 * files at the folder's top stay: a Kafka broker's segments and Keycloak's database are megabytes a run,
 * while the logs are what one reads after a failure.
 */
final class ScratchFolder {

    private ScratchFolder() {
    }

    static void clearKeepingLogs(Path folder) {
        try (Stream<Path> tree = Files.walk(folder)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                boolean topLevelLog = folder.equals(path.getParent()) && path.getFileName().toString().endsWith(".log");
                if (!path.equals(folder) && !topLevelLog) {
                    Files.deleteIfExists(path);
                }
            }
        } catch (IOException e) {
            // a file still held by a process that has not quite ended: what is left stays, as it did before
        }
    }
}
