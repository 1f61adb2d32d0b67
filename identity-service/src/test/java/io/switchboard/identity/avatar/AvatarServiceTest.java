package io.switchboard.identity.avatar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.switchboard.events.access.BuiltInRole;
import io.switchboard.identity.invitation.InviterRights;
import io.switchboard.membership.MembershipProjection;
import io.switchboard.membership.MembershipProjection.Membership;
import io.switchboard.membership.MembershipProjection.Status;
import io.switchboard.web.Caller;
import io.switchboard.web.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.ReactiveTransaction;
import org.springframework.transaction.ReactiveTransactionManager;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** The service's rules with its collaborators replaced: where decoding runs, and who may change whose image. */
class AvatarServiceTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final Caller MANAGER = new Caller(UUID.randomUUID(), "max@acme.test", "Max", null);

    private final Avatars avatars = mock(Avatars.class);
    private final MembershipProjection memberships = mock(MembershipProjection.class);
    private final InviterRights rights = mock(InviterRights.class);
    private AvatarService service;

    private final ReactiveTransactionManager transactions = mock(ReactiveTransactionManager.class);

    @BeforeEach
    void setUp() {
        when(transactions.getReactiveTransaction(any())).thenReturn(Mono.just(mock(ReactiveTransaction.class)));
        when(transactions.commit(any())).thenReturn(Mono.empty());
        when(transactions.rollback(any())).thenReturn(Mono.empty());
        service = new AvatarService(avatars, memberships, rights, Clock.fixed(Instant.parse("2026-12-04T08:00:00Z"), ZoneOffset.UTC), transactions);
        when(rights.inviter(ORG, MANAGER)).thenReturn(Mono.just(
                new InviterRights.Inviter(MANAGER, "MANAGER", BuiltInRole.MANAGER.permissions(), false)));
    }

    @Test
    void store_decodesOffTheEventLoop_onItsOwnScheduler_andStoresOurPng() {
        AtomicReference<String> thread = new AtomicReference<>();
        AtomicReference<byte[]> stored = new AtomicReference<>();
        UUID user = UUID.randomUUID();
        when(avatars.put(eq(user), any(), any(), any())).thenAnswer(call -> {
            thread.set(Thread.currentThread().getName());
            stored.set(call.getArgument(1));
            return Mono.empty();
        });
        StepVerifier.create(service.store(user, AvatarImages.Format.PNG, TestImages.redBlue(500, 300, "png")))
                .assertNext(view -> assertThat(view.etag()).matches("\"[0-9a-f]{32}\""))
                .verifyComplete();
        assertThat(thread.get()).startsWith("avatar-decode");
        assertThat(stored.get()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    }

    @Test
    void store_whenTheDecodingThreadsAreBusyAndTheQueueIsFull_is503_andStoresNothing() throws InterruptedException {
        Scheduler small = Schedulers.newBoundedElastic(1, 1, "avatar-decode-test");
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        try {
            AvatarService busy = new AvatarService(avatars, memberships, rights, Clock.systemUTC(), transactions, small);
            small.schedule(() -> {
                running.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            small.schedule(() -> { }); // the one queued task
            StepVerifier.create(busy.store(UUID.randomUUID(), AvatarImages.Format.PNG, TestImages.redBlue(20, 20, "png")))
                    .expectErrorSatisfies(e -> {
                        status(e, HttpStatus.SERVICE_UNAVAILABLE);
                        assertThat(((ProblemException) e).type().toString()).endsWith("/service-busy");
                    })
                    .verify();
            verify(avatars, never()).put(any(), any(), any(), any());
        } finally {
            release.countDown();
            small.dispose();
        }
    }

    @Test
    void destroy_disposesTheDecodingScheduler() {
        Scheduler own = Schedulers.newBoundedElastic(1, 1, "avatar-decode-test");
        new AvatarService(avatars, memberships, rights, Clock.systemUTC(), transactions, own).destroy();
        assertThat(own.isDisposed()).isTrue();
    }

    @Test
    void store_refusedUpload_isAProblem_andStoresNothing() {
        StepVerifier.create(service.store(UUID.randomUUID(), AvatarImages.Format.PNG, TestImages.pngBomb(20_000)))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(ProblemException.class);
                    assertThat(((ProblemException) e).status()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(((ProblemException) e).type().toString()).endsWith("/image-dimensions-too-large");
                })
                .verify();
        verify(avatars, never()).put(any(), any(), any(), any());
    }

    @Test
    void aManager_mayEditAnAgentsImage_andTheirOwn_butNotAnAdminsOrAnOwners() {
        UUID agent = member("AGENT", Status.ACTIVE);
        UUID admin = member("ADMIN", Status.ACTIVE);
        UUID owner = member("OWNER", Status.ACTIVE);
        when(memberships.awaitMembership(eq(ORG), eq(MANAGER.userId()), any()))
                .thenReturn(Mono.just(new Membership(ORG, MANAGER.userId(), "MANAGER", Status.ACTIVE)));

        StepVerifier.create(service.requireMayEdit(ORG, MANAGER, agent)).verifyComplete();
        StepVerifier.create(service.requireMayEdit(ORG, MANAGER, MANAGER.userId())).verifyComplete();
        StepVerifier.create(service.requireMayEdit(ORG, MANAGER, admin)).expectErrorSatisfies(e -> status(e, HttpStatus.FORBIDDEN)).verify();
        StepVerifier.create(service.requireMayEdit(ORG, MANAGER, owner)).expectErrorSatisfies(e -> status(e, HttpStatus.FORBIDDEN)).verify();

        // the agent joins another org too: from then on only they change their image
        when(memberships.orgsOf(agent)).thenReturn(java.util.Set.of(ORG, UUID.randomUUID()));
        StepVerifier.create(service.requireMayEdit(ORG, MANAGER, agent)).expectErrorSatisfies(e -> status(e, HttpStatus.FORBIDDEN)).verify();
    }

    @Test
    void aRemovedMember_orSomeoneElse_is404() {
        UUID removed = member("AGENT", Status.REMOVED);
        UUID stranger = UUID.randomUUID();
        when(memberships.awaitMembership(eq(ORG), eq(stranger), any())).thenReturn(Mono.empty());
        when(memberships.find(ORG, stranger)).thenReturn(Optional.empty());

        StepVerifier.create(service.requireMayEdit(ORG, MANAGER, removed)).expectErrorSatisfies(e -> status(e, HttpStatus.NOT_FOUND)).verify();
        StepVerifier.create(service.requireMayEdit(ORG, MANAGER, stranger)).expectErrorSatisfies(e -> status(e, HttpStatus.NOT_FOUND)).verify();

        when(memberships.awaitMembership(eq(ORG), eq(MANAGER.userId()), any()))
                .thenReturn(Mono.just(new Membership(ORG, MANAGER.userId(), "MANAGER", Status.ACTIVE)));
        StepVerifier.create(service.memberImage(ORG, MANAGER, stranger)).expectErrorSatisfies(e -> status(e, HttpStatus.NOT_FOUND)).verify();
        StepVerifier.create(service.memberImage(ORG, MANAGER, removed)).expectErrorSatisfies(e -> status(e, HttpStatus.NOT_FOUND)).verify();
        verify(avatars, never()).find(any());
    }

    @Test
    void aDeactivatedCaller_seesNoMembersImages() {
        UUID agent = member("AGENT", Status.ACTIVE);
        when(memberships.awaitMembership(eq(ORG), eq(MANAGER.userId()), any()))
                .thenReturn(Mono.just(new Membership(ORG, MANAGER.userId(), "MANAGER", Status.DEACTIVATED)));
        StepVerifier.create(service.memberImage(ORG, MANAGER, agent)).expectErrorSatisfies(e -> status(e, HttpStatus.NOT_FOUND)).verify();
        verify(avatars, never()).find(any());
    }

    @Test
    void someoneWhoIsAMemberOfAnotherOrg_managesTheirOwnImage_unlessRemovedThere() {
        UUID person = UUID.randomUUID();
        UUID otherOrg = UUID.randomUUID();
        Membership here = new Membership(ORG, person, "AGENT", Status.ACTIVE);

        // only this org (or removed elsewhere): an admin here may
        AvatarService.requireNotManagedElsewhere(ORG, MANAGER.userId(), person, java.util.Set.of(here.orgId()));

        // still in another org (active or deactivated: MembershipProjection.orgsOf): 403 avatar-managed-by-member
        {
            var theirs = java.util.Set.of(ORG, otherOrg);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> AvatarService.requireNotManagedElsewhere(ORG, MANAGER.userId(), person, theirs))
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN);
                        assertThat(e.type().toString()).endsWith("/avatar-managed-by-member");
                    });
            // the person themselves always may
            AvatarService.requireNotManagedElsewhere(ORG, person, person, theirs);
        }
    }

    @Test
    void requireMayEdit_anAgentAlsoInAnotherOrg_is403ForTheManager_butNotForThemselves() {
        UUID agent = member("AGENT", Status.ACTIVE);
        when(memberships.orgsOf(agent)).thenReturn(java.util.Set.of(ORG, UUID.randomUUID()));
        StepVerifier.create(service.requireMayEdit(ORG, MANAGER, agent))
                .expectErrorSatisfies(e -> {
                    status(e, HttpStatus.FORBIDDEN);
                    assertThat(((ProblemException) e).type().toString()).endsWith("/avatar-managed-by-member");
                })
                .verify();

        when(memberships.orgsOf(agent)).thenReturn(java.util.Set.of(ORG));
        StepVerifier.create(service.requireMayEdit(ORG, MANAGER, agent)).verifyComplete();
    }

    private UUID member(String role, Status status) {
        UUID user = UUID.randomUUID();
        Membership membership = new Membership(ORG, user, role, status);
        when(memberships.awaitMembership(eq(ORG), eq(user), any())).thenReturn(Mono.just(membership));
        when(memberships.find(ORG, user)).thenReturn(Optional.of(membership));
        when(memberships.permissionsOf(eq(ORG), eq(role))).thenReturn(BuiltInRole.byName(role).orElseThrow().permissions());
        return user;
    }

    private static void status(Throwable e, HttpStatus expected) {
        assertThat(e).isInstanceOf(ProblemException.class);
        assertThat(((ProblemException) e).status()).isEqualTo(expected);
    }
}
