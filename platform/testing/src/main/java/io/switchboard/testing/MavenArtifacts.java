package io.switchboard.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Server distributions fetched from Maven Central into the local Maven repository, unpacked once into
 * {@code ~/.cache/switchboard}, and reused by every later test run and devstack start.
 */
public final class MavenArtifacts {

    private static final String CENTRAL = System.getProperty("switchboard.maven.central", "https://repo.maven.apache.org/maven2");

    private MavenArtifacts() {
    }

    public static Path cacheDir() {
        return Path.of(System.getProperty("user.home"), ".cache", "switchboard");
    }

    static Path localRepository() {
        String configured = System.getProperty("switchboard.maven.repo");
        return configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** The artifact file in the local repository, downloaded from Maven Central when missing. */
    public static Path resolve(String groupId, String artifactId, String version, String extension) {
        String relative = groupId.replace('.', '/') + "/" + artifactId + "/" + version + "/" + artifactId + "-" + version + "." + extension;
        Path file = localRepository().resolve(relative);
        if (Files.exists(file)) {
            return file;
        }
        try {
            Files.createDirectories(file.getParent());
            Path partial = Files.createTempFile(file.getParent(), artifactId, ".part");
            System.out.println("downloading " + artifactId + " " + version + " from Maven Central (once; cached in " + file.getParent() + ")");
            HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(20)).build();
            HttpResponse<Path> response = client.send(HttpRequest.newBuilder(URI.create(CENTRAL + "/" + relative)).build(),
                    HttpResponse.BodyHandlers.ofFile(partial));
            if (response.statusCode() != 200) {
                Files.deleteIfExists(partial);
                throw new IllegalStateException("Maven Central answered " + response.statusCode() + " for " + relative);
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException("could not download " + relative + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Unpacks the zip once into the cache; later calls return the same folder. The zip's single top-level
     * folder is the answer. Concurrent JVMs wait on a file lock; a half-written unpack never becomes visible.
     */
    public static Path unpackOnce(Path zip, String name) {
        Path target = cacheDir().resolve(name);
        try {
            Files.createDirectories(cacheDir());
            try (FileChannel lock = FileChannel.open(cacheDir().resolve(name + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 var ignored = lock.lock()) {
                if (Files.isDirectory(target)) {
                    return target;
                }
                Path staging = Files.createTempDirectory(cacheDir(), name + ".unpacking");
                Path top = unzip(zip, staging);
                try {
                    Files.move(top, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException raced) {
                    // another process finished first; its copy is as good as ours
                }
                deleteTree(staging);
                return target;
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not unpack " + zip + ": " + e.getMessage(), e);
        }
    }

    private static Path unzip(Path zip, Path into) throws IOException {
        Path top = null;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path out = into.resolve(entry.getName()).normalize();
                if (!out.startsWith(into)) {
                    throw new IOException("zip entry outside target: " + entry.getName());
                }
                if (top == null) {
                    top = into.resolve(into.relativize(out).getName(0));
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    if (entry.getName().endsWith(".sh")) {
                        out.toFile().setExecutable(true);
                    }
                }
            }
        }
        if (top == null) {
            throw new IOException("empty zip " + zip);
        }
        return top;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
