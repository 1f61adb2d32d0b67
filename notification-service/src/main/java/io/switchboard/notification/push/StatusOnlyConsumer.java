package io.switchboard.notification.push;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.http.Header;
import org.apache.http.HttpEntity;
import org.apache.http.HttpResponse;
import org.apache.http.entity.ContentType;
import org.apache.http.message.BasicHttpResponse;
import org.apache.http.nio.ContentDecoder;
import org.apache.http.nio.IOControl;
import org.apache.http.nio.protocol.AbstractAsyncResponseConsumer;
import org.apache.http.protocol.HttpContext;

/**
 * Keeps only what a push answer means to us, the status line and Retry-After, and never the body: whatever
 * Content-Length the endpoint announces, nothing is reserved for it; what arrives is read into one fixed 1 KB
 * buffer and dropped, and after {@link #MAX_BODY} bytes the exchange is abandoned (the connection is closed, not
 * reused). The head, once received, stays available through {@link #head()} even when the body then fails.
 */
final class StatusOnlyConsumer extends AbstractAsyncResponseConsumer<HttpResponse> {

    static final int MAX_BODY = 8 * 1024;

    /** Thrown when the endpoint sends more body than we read; the head is known by then. */
    static final class BodyTooLong extends IOException {
        BodyTooLong() {
            super("push service answer body longer than " + MAX_BODY + " bytes; not read");
        }
    }

    private final ByteBuffer scratch = ByteBuffer.allocate(1024);
    private volatile HttpResponse head;
    private long bodyBytes;

    /** The status line and Retry-After as received; null until the head arrived. */
    HttpResponse head() {
        return head;
    }

    @Override
    protected void onResponseReceived(HttpResponse response) {
        BasicHttpResponse kept = new BasicHttpResponse(response.getStatusLine());
        Header retryAfter = response.getFirstHeader("Retry-After");
        if (retryAfter != null) {
            kept.addHeader(retryAfter);
        }
        head = kept;
    }

    @Override
    protected void onEntityEnclosed(HttpEntity entity, ContentType contentType) {
        // nothing: the announced length is not trusted and nothing is reserved for it
    }

    @Override
    protected void onContentReceived(ContentDecoder decoder, IOControl ioControl) throws IOException {
        int read;
        do {
            scratch.clear();
            read = decoder.read(scratch);
            if (read > 0) {
                bodyBytes += read;
                if (bodyBytes > MAX_BODY) {
                    ioControl.shutdown();
                    throw new BodyTooLong();
                }
            }
        } while (read > 0);
    }

    @Override
    protected HttpResponse buildResult(HttpContext context) {
        return head;
    }

    @Override
    protected void releaseResources() {
        // one fixed buffer, nothing to release
    }
}
