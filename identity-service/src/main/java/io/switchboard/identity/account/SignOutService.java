package io.switchboard.identity.account;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.identity.SessionEnded;
import io.switchboard.identity.keycloak.KeycloakAccounts;
import io.switchboard.messaging.Outbox;
import io.switchboard.web.Caller;
import io.switchboard.web.ProblemException;
import io.switchboard.web.ProblemTypes;
import java.net.URI;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Signing out of one device: {@code identity.session.ended} (the token's {@code sid}, hashed) is committed to the
 * outbox first, so the gateway starts refusing the session's tokens and notification-service drops its pushes and
 * streams whatever happens next; then the Keycloak session is ended, so its refresh token stops working. If Keycloak
 * fails, the event stands and the caller gets 503 problem+json of type session-not-ended: signing out again (the
 * gateway lets the sign-out of an ended session through) ends it. A token without {@code sid} (a service's own
 * token) has no session to end: nothing is published and the answer is 204 all the same.
 */
@Service
class SignOutService {

    static final URI SESSION_NOT_ENDED = ProblemTypes.of("session-not-ended");
    private static final Logger log = LoggerFactory.getLogger(SignOutService.class);

    private final Outbox outbox;
    private final KeycloakAccounts accounts;
    private final Clock clock;
    private final TransactionalOperator tx;

    SignOutService(Outbox outbox, KeycloakAccounts accounts, Clock clock, ReactiveTransactionManager transactionManager) {
        this.outbox = outbox;
        this.accounts = accounts;
        this.clock = clock;
        this.tx = TransactionalOperator.create(transactionManager);
    }

    Mono<Void> signOut(Caller caller, String deviceId) {
        String sid = caller.sessionId();
        if (sid == null || sid.isBlank()) {
            return Mono.empty();
        }
        String device = deviceId == null || deviceId.isBlank() ? null : deviceId.strip();
        SessionEnded ended = new SessionEnded(caller.userId(), SessionEnded.hashOf(sid), device, clock.instant());
        return tx.transactional(outbox.append(EventCatalog.SESSION_ENDED, caller.userId(), caller.userId().toString(), ended))
                .then(Mono.defer(() -> accounts.endSession(sid).onErrorMap(failure -> !(failure instanceof ProblemException), failure -> {
                    // neither the sid nor the failure's text (which may quote the admin URL holding it) goes to the log
                    log.warn("sign-out of session {} published, but Keycloak did not end it: {}", ended.sessionHash(),
                            failure.getClass().getSimpleName());
                    return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, SESSION_NOT_ENDED,
                            "You are signed out of Switchboard on this device, but the sign-in service could not end the session just now. "
                                    + "Sign out again to finish.");
                })));
    }
}
