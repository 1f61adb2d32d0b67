package io.switchboard.notification.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sender against a raw-socket push "service" that answers with a head announcing a huge body, or a chunked one,
 * and then streams without end: the send still answers with the status (and Retry-After), and stops reading.
 */
class WebPushSenderTest {

    private static final byte[] BLOCK = new byte[16 * 1024];

    private ServerSocket server;
    private WebPushSender sender;
    private final AtomicLong written = new AtomicLong();
    private final CompletableFuture<Throwable> serverEnded = new CompletableFuture<>();

    @BeforeEach
    void start() throws Exception {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        PushProperties defaults = PushPropertiesTest.defaults(null);
        // a long send timeout: only reading the status and not the body makes the send answer with the status
        sender = new WebPushSender(new PushProperties(null, defaults.subject(), List.of("127.0.0.1"), defaults.ttl(), defaults.highUrgencyTtl(),
                defaults.poll(), defaults.firstRetry(), defaults.maxRetry(), defaults.maxRetryAfter(), defaults.maxAttempts(),
                defaults.concurrency(), Duration.ofSeconds(5), Duration.ofSeconds(60), defaults.fanOutBatch()));
    }

    @AfterEach
    void stop() throws Exception {
        sender.destroy();
        server.close();
    }

    private void answerForever(String head) {
        Thread.ofVirtual().start(() -> {
            try (Socket socket = server.accept()) {
                readRequestHead(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                boolean chunked = head.contains("chunked");
                while (true) {
                    if (chunked) {
                        out.write((Integer.toHexString(BLOCK.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write(BLOCK);
                    if (chunked) {
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    written.addAndGet(BLOCK.length);
                }
            } catch (Throwable t) {
                serverEnded.complete(t);
            }
        });
    }

    private static void readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("request ended early");
            }
            matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
        }
        // the body (the encrypted push) is not needed; it stays unread in the socket buffer
    }

    private PushResult sendOne() {
        P256.RawKeyPair vapid = P256.generate();
        PushMessage message = new PushMessage("http://127.0.0.1:" + server.getLocalPort() + "/push/abc", P256.generate().publicKeyBase64Url(),
                P256.base64Url(new byte[16]), "{\"title\":\"t\"}".getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(5), "high", "conversation-1");
        return sender.send(message, vapid).block(Duration.ofSeconds(90));
    }

    @Test
    void anAnswerAnnouncingAHugeBodyAndStreamingWithoutEnd_givesItsStatus_andTheSenderStopsReading() throws Exception {
        answerForever("HTTP/1.1 201 Created\r\nContent-Length: 2000000000\r\nContent-Type: application/octet-stream\r\n\r\n");

        PushResult result = sendOne();

        assertThat(result.status()).isEqualTo(201);
        assertThat(result.outcome()).isEqualTo(PushResult.Outcome.SENT);
        // the sender closed the connection instead of reading on: the server's endless writing ends in an error
        assertThat(serverEnded.get(60, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
    }

    @Test
    void anEndlessChunkedAnswer_withRetryAfter_givesItsStatusAndRetryAfter() throws Exception {
        answerForever("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 42\r\nTransfer-Encoding: chunked\r\n\r\n");

        PushResult result = sendOne();

        assertThat(result.status()).isEqualTo(429);
        assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(42));
        assertThat(result.outcome()).isEqualTo(PushResult.Outcome.RETRY);
        assertThat(serverEnded.get(60, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
    }

    @Test
    void anOrdinaryAnswer_withASmallBody_isReadToTheEnd() {
        Thread.ofVirtual().start(() -> {
            try (Socket socket = server.accept()) {
                readRequestHead(socket.getInputStream());
                socket.getOutputStream().write("HTTP/1.1 410 Gone\r\nContent-Length: 5\r\n\r\ngone!".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                Thread.sleep(2000);
            } catch (Exception ignored) {
                // the test judges the sender's result
            }
        });

        PushResult result = sendOne();

        assertThat(result.status()).isEqualTo(410);
        assertThat(result.outcome()).isEqualTo(PushResult.Outcome.GONE);
    }
}
