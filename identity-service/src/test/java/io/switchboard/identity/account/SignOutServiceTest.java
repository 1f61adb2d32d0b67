package io.switchboard.identity.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.identity.SessionEnded;
import io.switchboard.identity.keycloak.KeycloakAccounts;
import io.switchboard.messaging.Outbox;
import io.switchboard.web.Caller;
import io.switchboard.web.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.ReactiveTransaction;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The order and failure rules of signing out, with the outbox and Keycloak replaced. */
class SignOutServiceTest {

    private static final Instant NOW = Instant.parse("2026-12-04T09:15:00.100Z");
    private static final UUID DANA = UUID.fromString("0b9f3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d");

    private final Outbox outbox = mock(Outbox.class);
    private final KeycloakAccounts accounts = mock(KeycloakAccounts.class);
    private final AtomicReference<String> transaction = new AtomicReference<>("none");
    private final SignOutService service = new SignOutService(outbox, accounts, Clock.fixed(NOW, ZoneOffset.UTC), new RecordingTransactions());

    @Test
    void theEventIsCommittedFirst_withTheHashedSid_thenTheKeycloakSessionEnds() {
        // both Monos check the transaction's state when they run (subscribed), as the real ones do their work
        when(outbox.append(eq(EventCatalog.SESSION_ENDED), eq(DANA), anyString(), any())).thenReturn(Mono.fromRunnable(() ->
                assertThat(transaction.get()).as("appended inside a transaction").isEqualTo("open")));
        when(accounts.endSession("sid-123")).thenReturn(Mono.fromRunnable(() ->
                assertThat(transaction.get()).as("Keycloak is asked after the commit").isEqualTo("committed")));

        StepVerifier.create(service.signOut(new Caller(DANA, "dana@acme.test", "Dana", "sid-123"), " dana-phone ")).verifyComplete();

        ArgumentCaptor<SessionEnded> data = ArgumentCaptor.forClass(SessionEnded.class);
        var order = inOrder(outbox, accounts);
        order.verify(outbox).append(eq(EventCatalog.SESSION_ENDED), eq(DANA), eq(DANA.toString()), data.capture());
        order.verify(accounts).endSession("sid-123");
        assertThat(data.getValue()).isEqualTo(new SessionEnded(DANA, SessionEnded.hashOf("sid-123"), "dana-phone", NOW));
        assertThat(data.getValue().sessionHash()).doesNotContain("sid-123");
    }

    @Test
    void aKeycloakFailure_answers503SessionNotEnded_andTheEventStands() {
        when(outbox.append(eq(EventCatalog.SESSION_ENDED), eq(DANA), anyString(), any())).thenReturn(Mono.empty());
        when(accounts.endSession("sid-123")).thenReturn(Mono.error(new IllegalStateException("connection refused to /sessions/sid-123")));

        StepVerifier.create(service.signOut(new Caller(DANA, "dana@acme.test", "Dana", "sid-123"), null))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(ProblemException.class);
                    ProblemException problem = (ProblemException) error;
                    assertThat(problem.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(problem.type()).isEqualTo(SignOutService.SESSION_NOT_ENDED);
                    assertThat(problem.getMessage()).doesNotContain("sid-123");
                })
                .verify();
        assertThat(transaction.get()).as("the event's transaction committed").isEqualTo("committed");
    }

    @Test
    void anOutboxFailure_leavesTheKeycloakSessionAlone() {
        when(outbox.append(eq(EventCatalog.SESSION_ENDED), eq(DANA), anyString(), any())).thenReturn(Mono.error(new IllegalStateException("db down")));

        StepVerifier.create(service.signOut(new Caller(DANA, "dana@acme.test", "Dana", "sid-123"), null)).verifyError(IllegalStateException.class);
        verify(accounts, never()).endSession(any());
        assertThat(transaction.get()).isEqualTo("rolled back");
    }

    @Test
    void aTokenWithoutSid_publishesNothing_andEndsNothing() {
        StepVerifier.create(service.signOut(new Caller(DANA, "dana@acme.test", "Dana", null), "dana-phone")).verifyComplete();
        verifyNoInteractions(outbox, accounts);
    }

    /** Records whether the work ran inside an open transaction and how it ended. */
    private final class RecordingTransactions implements ReactiveTransactionManager {
        @Override
        public Mono<ReactiveTransaction> getReactiveTransaction(TransactionDefinition definition) {
            return Mono.fromSupplier(() -> {
                transaction.set("open");
                ReactiveTransaction tx = mock(ReactiveTransaction.class);
                when(tx.isNewTransaction()).thenReturn(true);
                return tx;
            });
        }

        @Override
        public Mono<Void> commit(ReactiveTransaction status) {
            return Mono.fromRunnable(() -> transaction.set("committed"));
        }

        @Override
        public Mono<Void> rollback(ReactiveTransaction status) {
            return Mono.fromRunnable(() -> transaction.set("rolled back"));
        }
    }
}
