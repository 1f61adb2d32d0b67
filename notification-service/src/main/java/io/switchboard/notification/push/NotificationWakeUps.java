package io.switchboard.notification.push;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.switchboard.notification.postgres.DirectConnections;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * {@code LISTEN notification_created} on a dedicated connection (not one of the pool's), so that a notification
 * committed by any instance wakes this instance's {@link PushDeliveryLoop} at once. A lost connection is opened
 * again (with backoff), and the loop is woken on every (re)connect, since notifications may have been missed
 * meanwhile; the loop's slow poll covers the gaps besides.
 */
@Component
class NotificationWakeUps implements SmartLifecycle {

    static final String CHANNEL = "notification_created";
    private static final Logger log = LoggerFactory.getLogger(NotificationWakeUps.class);

    private final ConnectionFactory connectionFactory;
    private final PushDeliveryLoop loop;
    private volatile Disposable listening;

    NotificationWakeUps(ConnectionFactory connectionFactory, PushDeliveryLoop loop) {
        this.connectionFactory = connectionFactory;
        this.loop = loop;
    }

    @Override
    public void start() {
        ConnectionFactory direct = DirectConnections.unwrap(connectionFactory);
        listening = Flux.usingWhen(Mono.from(direct.create()),
                        connection -> listen(connection),
                        connection -> Mono.from(connection.close()).onErrorResume(e -> Mono.empty()))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(10))
                        .doBeforeRetry(signal -> log.warn("push: LISTEN {} connection lost, reconnecting: {}", CHANNEL,
                                LogText.safe(String.valueOf(signal.failure())))))
                .subscribe(notification -> loop.wake(),
                        e -> log.error("push: LISTEN {} ended: {}", CHANNEL, LogText.safe(e.toString())));
    }

    private Flux<Object> listen(Connection connection) {
        if (!(connection instanceof PostgresqlConnection postgres)) {
            return Flux.error(new IllegalStateException("LISTEN needs a PostgreSQL connection, not " + connection.getClass().getName()));
        }
        return postgres.createStatement("LISTEN " + CHANNEL).execute()
                .flatMap(result -> result.getRowsUpdated())
                .then(Mono.fromRunnable(() -> {
                    log.info("push: listening for {}", CHANNEL);
                    loop.wake();
                }))
                .thenMany(postgres.getNotifications().map(notification -> (Object) notification))
                // the notification stream completes when the connection closes: make that a retry
                .concatWith(Mono.error(new IllegalStateException("connection closed")));
    }

    @Override
    public void stop() {
        Disposable current = listening;
        listening = null;
        if (current != null) {
            current.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return listening != null;
    }
}
