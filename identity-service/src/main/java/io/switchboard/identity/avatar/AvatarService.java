package io.switchboard.identity.avatar;

import io.switchboard.events.access.GrantRules;
import io.switchboard.identity.invitation.InviterRights;
import io.switchboard.membership.MembershipProjection;
import io.switchboard.web.Caller;
import io.switchboard.web.ProblemException;
import io.switchboard.web.ProblemTypes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Profile images: who may see and change whose, and storing our re-encoding of an upload (decoded on a small
 * scheduler of its own, {@value #DECODE_THREADS} threads and at most {@value #DECODE_QUEUE} waiting uploads, never on an
 * event-loop thread; beyond that 503; one transaction per write). No event is published: nothing
 * consumes one (the image is fetched from this service when shown).
 */
@Service
class AvatarService implements DisposableBean {

    /** Decodes at once: each may hold tens of MB (native for a JPEG) and a core. */
    static final int DECODE_THREADS = 2;
    /** Uploads waiting for a decoding thread; one more is answered 503. */
    static final int DECODE_QUEUE = 16;

    /** A caller's own membership, possibly created a moment ago. */
    private static final Duration MEMBERSHIP_GRACE = Duration.ofMillis(1500);
    /**
     * A member just created by "Add user": identity-service publishes the acceptance, org-service answers with the
     * membership event, and only then does the projection know them. The image is usually sent right after.
     */
    private static final Duration NEW_MEMBER_GRACE = Duration.ofSeconds(5);

    /** What a write answers. */
    record AvatarView(UUID userId, String etag, Instant updatedAt) {
    }

    private final Avatars avatars;
    private final MembershipProjection memberships;
    private final InviterRights rights;
    private final Clock clock;
    private final TransactionalOperator tx;
    private final Scheduler decoding;

    @Autowired
    AvatarService(Avatars avatars, MembershipProjection memberships, InviterRights rights, Clock clock,
                  ReactiveTransactionManager transactionManager) {
        this(avatars, memberships, rights, clock, transactionManager,
                Schedulers.newBoundedElastic(DECODE_THREADS, DECODE_QUEUE, "avatar-decode"));
    }

    AvatarService(Avatars avatars, MembershipProjection memberships, InviterRights rights, Clock clock,
                  ReactiveTransactionManager transactionManager, Scheduler decoding) {
        this.decoding = decoding;
        this.avatars = avatars;
        this.memberships = memberships;
        this.rights = rights;
        this.clock = clock;
        this.tx = TransactionalOperator.create(transactionManager);
    }

    @Override
    public void destroy() {
        decoding.dispose();
    }

    /**
     * Re-encodes the upload on the decoding scheduler and stores it as {@code userId}'s image; 503 (Retry-After 10)
     * when that scheduler's threads are busy and its queue is full.
     */
    Mono<AvatarView> store(UUID userId, AvatarImages.Format format, byte[] upload) {
        return Mono.fromCallable(() -> AvatarImages.normalize(upload, format))
                .subscribeOn(decoding)
                .onErrorMap(AvatarImages.Refused.class, AvatarService::problem)
                .onErrorMap(RejectedExecutionException.class, busy -> new ProblemException(HttpStatus.SERVICE_UNAVAILABLE,
                        ProblemTypes.of("service-busy"), "Too many images are being processed right now; try again in a few seconds.",
                        Map.of(), Map.of("Retry-After", "10")))
                .flatMap(image -> {
                    Instant now = Instant.now(clock);
                    return tx.transactional(avatars.put(userId, image.png(), image.etag(), now))
                            .thenReturn(new AvatarView(userId, image.etag(), now));
                });
    }

    Mono<Void> remove(UUID userId) {
        return tx.transactional(avatars.delete(userId)).then();
    }

    /** The stored image, or 404. */
    Mono<Avatars.Avatar> image(UUID userId) {
        return avatars.find(userId).switchIfEmpty(Mono.error(() -> ProblemException.notFound("profile image")));
    }

    /**
     * {@code userId}'s image as a member of {@code orgId} sees it: the caller must be an active member and
     * {@code userId} a member (active or deactivated); otherwise 404, as for no image.
     */
    Mono<Avatars.Avatar> memberImage(UUID orgId, Caller caller, UUID userId) {
        return memberships.awaitMembership(orgId, caller.userId(), MEMBERSHIP_GRACE)
                .filter(MembershipProjection.Membership::isActive)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("organization " + orgId)))
                .flatMap(mine -> memberships.find(orgId, userId).filter(AvatarService::isMember)
                        .map(member -> image(userId))
                        .orElseGet(() -> Mono.error(ProblemException.notFound("member " + userId))));
    }

    /**
     * Passes when the caller may set or remove {@code userId}'s image in {@code orgId}: they may add users to the org
     * (members.invite; 404 for a non-member, 403 without the right, as for POST /api/orgs/{orgId}/users), {@code userId}
     * is a member there (404 otherwise), the caller may give that member's role (no editing someone above you), and
     * the member is in no other org (403 avatar-managed-by-member: {@link #requireNotManagedElsewhere}); one's own
     * image always.
     */
    Mono<Void> requireMayEdit(UUID orgId, Caller caller, UUID userId) {
        return rights.inviter(orgId, caller).flatMap(inviter -> memberships.awaitMembership(orgId, userId, NEW_MEMBER_GRACE)
                .filter(AvatarService::isMember)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("member " + userId)))
                .doOnNext(member -> {
                    if (!userId.equals(caller.userId()) && GrantRules.refusal(inviter.role(), inviter.permissions(), member.role(),
                            memberships.permissionsOf(orgId, member.role()), inviter.managersMayInviteManagers()).isPresent()) {
                        throw ProblemException.forbidden("Your role does not allow changing the image of a member whose role is "
                                + member.role() + ".");
                    }
                    requireNotManagedElsewhere(orgId, caller.userId(), userId, memberships.orgsOf(userId));
                }))
                .then();
    }

    /**
     * There is one image per account, shown in every org its person belongs to: someone else's image may be set or
     * removed from {@code orgId} only while that person is a member (not REMOVED) of no other org; otherwise 403
     * avatar-managed-by-member (they change it themselves). One's own image always.
     *
     * @param theirOrgs the orgs {@code userId} is still in ({@link MembershipProjection#orgsOf})
     */
    static void requireNotManagedElsewhere(UUID orgId, UUID callerId, UUID userId, java.util.Set<UUID> theirOrgs) {
        if (userId.equals(callerId)) {
            return;
        }
        boolean elsewhere = theirOrgs.stream().anyMatch(org -> !org.equals(orgId));
        if (elsewhere) {
            throw new ProblemException(HttpStatus.FORBIDDEN, ProblemTypes.of("avatar-managed-by-member"),
                    "This person is also a member of another organization, where their profile image is shown too; "
                            + "only they can change or remove it.");
        }
    }

    private static boolean isMember(MembershipProjection.Membership membership) {
        return membership.status() != MembershipProjection.Status.REMOVED;
    }

    static ProblemException problem(AvatarImages.Refused refused) {
        return switch (refused.reason()) {
            case UNSUPPORTED_TYPE -> new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ProblemTypes.of("unsupported-image-type"), refused.getMessage(),
                    Map.of("accepted", java.util.List.of("image/png", "image/jpeg", "image/webp")));
            case TOO_LARGE -> new ProblemException(HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.of("image-too-large"), refused.getMessage(),
                    Map.of("maxBytes", AvatarImages.MAX_BYTES));
            case DIMENSIONS_TOO_LARGE -> new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.of("image-dimensions-too-large"), refused.getMessage(),
                    Map.of("maxWidth", AvatarImages.MAX_SIDE, "maxHeight", AvatarImages.MAX_SIDE));
            case NOT_READABLE -> new ProblemException(HttpStatus.BAD_REQUEST, "invalid-image", refused.getMessage());
            case TOO_COSTLY -> new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.of("image-too-complex"), refused.getMessage(),
                    Map.of("maxProgressiveWidth", AvatarImages.MAX_PROGRESSIVE_SIDE, "maxProgressiveHeight", AvatarImages.MAX_PROGRESSIVE_SIDE,
                            "maxScans", AvatarImages.MAX_JPEG_SCANS));
        };
    }
}
