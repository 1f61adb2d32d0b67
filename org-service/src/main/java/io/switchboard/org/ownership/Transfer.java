package io.switchboard.org.ownership;

import io.switchboard.web.ProblemException;
import io.switchboard.web.ProblemTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** A request to make {@code toUserId} the primary owner, valid 7 days; its transitions check its state. */
public record Transfer(UUID id, UUID orgId, UUID fromUserId, UUID toUserId, boolean stepDown, TransferStatus status, Instant createdAt,
                       Instant expiresAt) {

    static final Duration VALIDITY = Duration.ofDays(7);

    static Transfer request(UUID orgId, UUID from, UUID to, boolean stepDown, Instant now) {
        return new Transfer(UUID.randomUUID(), orgId, from, to, stepDown, TransferStatus.PENDING, now, now.plus(VALIDITY));
    }

    Transfer accept(Instant now) {
        if (status != TransferStatus.PENDING) {
            throw ProblemException.notFound("pending ownership transfer");
        }
        if (!expiresAt.isAfter(now)) {
            throw new ProblemException(HttpStatus.GONE, ProblemTypes.of("transfer-expired"), "This ownership transfer expired on " + expiresAt + ".");
        }
        return withStatus(TransferStatus.ACCEPTED);
    }

    Transfer cancel() {
        if (status != TransferStatus.PENDING) {
            throw ProblemException.notFound("pending ownership transfer");
        }
        return withStatus(TransferStatus.CANCELLED);
    }

    private Transfer withStatus(TransferStatus newStatus) {
        return new Transfer(id, orgId, fromUserId, toUserId, stepDown, newStatus, createdAt, expiresAt);
    }
}
