package io.switchboard.testing.push;

import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;

/**
 * A subscribed device: what a browser's {@code PushManager.subscribe()} creates. It holds the subscription's
 * P-256 key pair and auth secret (so the test push service can decrypt what is sent to it), the pushes it
 * received, in arrival order, and every attempt to reach it.
 *
 * <p>Thread-safe. The await methods block the calling (test) thread until the condition holds or the timeout
 * passes, then fail with an {@link AssertionError} that lists what did arrive.
 */
public final class PushDevice {

    private final String id;
    private final String endpoint;
    private final KeyPair keys;
    private final byte[] authSecret;
    private final String applicationServerKey;

    private final List<ReceivedPush> received = new ArrayList<>();
    private final List<PushAttempt> attempts = new ArrayList<>();
    private final Deque<PushAnswer> scripted = new ArrayDeque<>();
    private PushAnswer standing;

    PushDevice(String id, String endpoint, KeyPair keys, byte[] authSecret, String applicationServerKey) {
        this.id = id;
        this.endpoint = endpoint;
        this.keys = keys;
        this.authSecret = authSecret.clone();
        this.applicationServerKey = applicationServerKey;
    }

    // ---- the subscription, as PushSubscription.toJSON() gives it ----

    /** The endpoint URL: unique per device, under the push service's origin. */
    public String endpoint() {
        return endpoint;
    }

    /** The subscription's public key: base64url (no padding) of the uncompressed P-256 point. */
    public String p256dh() {
        return WebPushCrypto.base64Url(WebPushCrypto.encode(publicKey()));
    }

    /** The 16-byte auth secret, base64url (no padding). */
    public String auth() {
        return WebPushCrypto.base64Url(authSecret);
    }

    /** {@code {"endpoint":"…","expirationTime":null,"keys":{"p256dh":"…","auth":"…"}}} */
    public String subscriptionJson() {
        return "{\"endpoint\":\"" + endpoint + "\",\"expirationTime\":null,\"keys\":{\"p256dh\":\"" + p256dh()
                + "\",\"auth\":\"" + auth() + "\"}}";
    }

    /**
     * The VAPID public key this subscription was created with ({@code applicationServerKey}), base64url, or
     * {@code null} when any key is accepted.
     */
    public String applicationServerKey() {
        return applicationServerKey;
    }

    public ECPublicKey publicKey() {
        return (ECPublicKey) keys.getPublic();
    }

    public ECPrivateKey privateKey() {
        return (ECPrivateKey) keys.getPrivate();
    }

    public byte[] authSecret() {
        return authSecret.clone();
    }

    String id() {
        return id;
    }

    // ---- behaviour switches ----

    /** Answers every following request with {@code answer} (until changed); {@code accept()} restores normal. */
    public synchronized PushDevice answerAlways(PushAnswer answer) {
        standing = answer;
        return this;
    }

    /** Answers the next {@code count} requests to this device with {@code answer}, then as before. */
    public synchronized PushDevice answerNext(int count, PushAnswer answer) {
        for (int i = 0; i < count; i++) {
            scripted.addLast(answer);
        }
        return this;
    }

    /** The user unsubscribed (or the subscription expired): every following request gets 410 Gone. */
    public PushDevice unsubscribe() {
        return answerAlways(PushAnswer.gone());
    }

    /** Drops scripted answers and the standing answer: back to 201 after checks. */
    public synchronized PushDevice resetAnswers() {
        scripted.clear();
        standing = null;
        return this;
    }

    synchronized PushAnswer takeScripted() {
        return scripted.pollFirst();
    }

    synchronized PushAnswer standingAnswer() {
        return standing;
    }

    // ---- what arrived ----

    /** Delivered pushes in arrival order. */
    public synchronized List<ReceivedPush> received() {
        return List.copyOf(received);
    }

    /** The decrypted texts of the delivered pushes, in arrival order. */
    public synchronized List<String> texts() {
        return received.stream().map(ReceivedPush::text).toList();
    }

    /** Every request that reached this device's endpoint, in arrival order, however it was answered. */
    public synchronized List<PushAttempt> attempts() {
        return List.copyOf(attempts);
    }

    /** Requests rejected by a check (VAPID, headers, encryption), with the reason. */
    public synchronized List<PushAttempt> rejected() {
        return attempts.stream().filter(a -> a.outcome() == PushAttempt.Outcome.REJECTED).toList();
    }

    /**
     * Waits until at least {@code count} pushes were delivered and returns all delivered so far.
     *
     * @throws AssertionError after {@code timeout}, listing what arrived
     */
    public List<ReceivedPush> awaitPushes(int count, Duration timeout) {
        awaitCondition(() -> received.size() >= count, timeout, "at least " + count + " delivered push(es)");
        return received();
    }

    /** Waits for one delivered push matching {@code condition} and returns it. */
    public ReceivedPush awaitPush(Predicate<ReceivedPush> condition, Duration timeout) {
        awaitCondition(() -> received.stream().anyMatch(condition), timeout, "a delivered push matching the condition");
        synchronized (this) {
            return received.stream().filter(condition).findFirst().orElseThrow();
        }
    }

    /** Waits until at least {@code count} requests reached this endpoint (delivered, refused or rejected). */
    public List<PushAttempt> awaitAttempts(int count, Duration timeout) {
        awaitCondition(() -> attempts.size() >= count, timeout, "at least " + count + " attempt(s)");
        return attempts();
    }

    /**
     * Asserts that no more than {@code count} pushes are delivered during {@code period}: fails as soon as one
     * more arrives, otherwise returns after the period. For "exactly once" and "never reaches this device".
     */
    public void assertNoMorePushesThan(int count, Duration period) {
        long deadline = System.nanoTime() + period.toNanos();
        synchronized (this) {
            while (true) {
                if (received.size() > count) {
                    throw new AssertionError("expected at most " + count + " delivered push(es) at " + endpoint
                            + " but got " + received.size() + ": " + received);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                waitNanos(left);
            }
        }
    }

    private void awaitCondition(java.util.function.BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("waited " + timeout + " for " + what + " at " + endpoint
                            + "; delivered: " + received + "; attempts: " + attempts);
                }
                waitNanos(left);
            }
        }
    }

    private void waitNanos(long nanos) {
        try {
            wait(Math.max(1, nanos / 1_000_000), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for pushes at " + endpoint, e);
        }
    }

    synchronized void record(PushAttempt attempt, ReceivedPush push) {
        attempts.add(attempt);
        if (push != null) {
            received.add(push);
        }
        notifyAll();
    }

    @Override
    public String toString() {
        return "PushDevice[" + endpoint + "]";
    }
}
