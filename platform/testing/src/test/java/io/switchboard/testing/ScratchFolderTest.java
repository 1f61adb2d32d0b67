package io.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchFolderTest {

    @TempDir
    Path folder;

    @Test
    void clearing_keepsTheTopLevelLogs_andDeletesTheData() throws IOException {
        Files.writeString(folder.resolve("kafka.log"), "started");
        Files.writeString(folder.resolve("server.properties"), "port=1");
        Path segments = Files.createDirectories(folder.resolve("logs/topic-0"));
        Files.writeString(segments.resolve("00000000000000000000.log"), "records");
        Files.writeString(folder.resolve("keycloakdb.mv.db"), "rows");

        ScratchFolder.clearKeepingLogs(folder);

        try (Stream<Path> left = Files.walk(folder)) {
            assertThat(left.filter(path -> !path.equals(folder)).map(folder::relativize).map(Path::toString))
                    .containsExactly("kafka.log");
        }
    }

    @Test
    void clearing_aFolderThatIsGone_doesNothing() {
        ScratchFolder.clearKeepingLogs(folder.resolve("never-made"));
        assertThat(folder.resolve("never-made")).doesNotExist();
    }
}
