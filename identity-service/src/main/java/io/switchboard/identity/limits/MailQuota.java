package io.switchboard.identity.limits;

import io.switchboard.web.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The {@code sent_mails} table: every mail identity-service asked for on someone's behalf, counted against
 * {@link MailLimits}. Call {@link #require} and {@link #record} in the transaction that appends the mail.
 */
@Component
public class MailQuota {

    private final DatabaseClient db;
    private final MailLimits limits;
    private final Clock clock;

    MailQuota(DatabaseClient db, MailLimitProperties properties, Clock clock) {
        this.db = db;
        this.limits = new MailLimits(properties);
        this.clock = clock;
    }

    /** Refuses with 429 and Retry-After when one more mail would break a limit. {@code orgId} and {@code sender} may be null. */
    public Mono<Void> require(UUID orgId, UUID sender, String recipient) {
        Instant now = Instant.now(clock);
        Instant since = now.minus(MailLimits.WINDOW);
        return Mono.zip(usage("org_id", orgId, since), usage("sender", sender, since), usage("recipient", recipient, since))
                .flatMap(usages -> limits.check(new MailLimits.Counts(orgId == null ? null : usages.getT1(),
                                sender == null ? null : usages.getT2(), usages.getT3()), now)
                        .map(refusal -> Mono.<Void>error(ProblemException.tooManyRequests(refusal.type(), refusal.detail(), refusal.retryAfter())))
                        .orElse(Mono.empty()));
    }

    public Mono<Void> requireResend(Instant lastResentAt) {
        return limits.checkResend(lastResentAt, Instant.now(clock))
                .map(refusal -> Mono.<Void>error(ProblemException.tooManyRequests(refusal.type(), refusal.detail(), refusal.retryAfter())))
                .orElse(Mono.empty());
    }

    public Mono<Void> record(UUID orgId, UUID sender, String recipient, String kind) {
        var insert = db.sql("insert into sent_mails (org_id, sender, recipient, kind, sent_at) values (:org, :sender, :recipient, :kind, :at)")
                .bind("recipient", recipient.toLowerCase(java.util.Locale.ROOT))
                .bind("kind", kind)
                .bind("at", Instant.now(clock).truncatedTo(ChronoUnit.MICROS));
        insert = orgId == null ? insert.bindNull("org", UUID.class) : insert.bind("org", orgId);
        insert = sender == null ? insert.bindNull("sender", UUID.class) : insert.bind("sender", sender);
        return insert.fetch().rowsUpdated().then();
    }

    private Mono<MailLimits.Usage> usage(String column, Object key, Instant since) {
        if (key == null) {
            return Mono.just(MailLimits.Usage.NONE);
        }
        Object value = key instanceof String text ? text.toLowerCase(java.util.Locale.ROOT) : key;
        return db.sql("select count(*) as n, min(sent_at) as oldest from sent_mails where " + column + " = :key and sent_at > :since")
                .bind("key", value).bind("since", since)
                .map(row -> new MailLimits.Usage(row.get("n", Long.class), row.get("oldest", Instant.class)))
                .one()
                .defaultIfEmpty(MailLimits.Usage.NONE);
    }
}
