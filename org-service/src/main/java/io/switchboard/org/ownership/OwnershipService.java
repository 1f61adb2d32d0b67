package io.switchboard.org.ownership;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.access.BuiltInRole;
import io.switchboard.events.access.Permission;
import io.switchboard.events.notification.EmailRequested;
import io.switchboard.events.org.OwnershipTransferRequested;
import io.switchboard.events.org.OwnershipTransferred;
import io.switchboard.messaging.change.Actor;
import io.switchboard.messaging.change.AuditEntry;
import io.switchboard.messaging.change.Change;
import io.switchboard.messaging.change.PendingEvent;
import io.switchboard.org.access.FreshAuthentication;
import io.switchboard.org.access.Member;
import io.switchboard.org.access.Members;
import io.switchboard.org.access.Transition;
import io.switchboard.org.organization.OrgWrites;
import io.switchboard.org.organization.Organization;
import io.switchboard.web.Caller;
import io.switchboard.web.ProblemException;
import io.switchboard.web.ProblemTypes;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Primary ownership moves in two steps: the primary owner asks (with a fresh sign-in), the target accepts
 * within 7 days. The previous owner stays OWNER (co-owner) or steps down to ADMIN, as they chose.
 */
@Service
class OwnershipService {

    private final OrgWrites writes;
    private final Members members;
    private final Transfers transfers;
    private final Clock clock;
    private final String publicUrl;

    OwnershipService(OrgWrites writes, Members members, Transfers transfers, Clock clock,
                     @Value("${switchboard.public-url:http://localhost:8080}") String publicUrl) {
        this.writes = writes;
        this.members = members;
        this.transfers = transfers;
        this.clock = clock;
        this.publicUrl = publicUrl;
    }

    /** {@code signedInAt}: the token's auth_time (fresh sign-in), checked once the caller is known to be the primary owner. */
    Mono<Transfer> request(UUID orgId, Caller caller, Instant signedInAt, TransferRequest request) {
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        return writes.asMember(orgId, caller, Permission.OWNERSHIP_MANAGE, (org, owner) -> {
            if (!org.primaryOwnerId().equals(caller.userId())) {
                return Mono.error(ProblemException.forbidden("Only the primary owner can transfer primary ownership."));
            }
            FreshAuthentication.require(signedInAt, clock);
            if (request.toUserId().equals(caller.userId())) {
                return Mono.error(invalid("toUserId", "is you"));
            }
            Transfer transfer = Transfer.request(orgId, caller.userId(), request.toUserId(), request.stepDown(), now);
            return members.find(orgId, request.toUserId()).filter(Member::isActive)
                    .switchIfEmpty(Mono.error(() -> invalid("toUserId", "is not an active member of this organization")))
                    .flatMap(target -> transfers.cancelExpired(orgId, now).then(transfers.insert(transfer))
                            .thenReturn(requested(org, owner, target, transfer)));
        });
    }

    private Change<Transfer> requested(Organization org, Member owner, Member target, Transfer transfer) {
        return new Change<>(transfer, List.of(
                PendingEvent.of(EventCatalog.EMAIL_REQUESTED, transferMail(org.name(), owner, target, transfer)),
                PendingEvent.of(EventCatalog.OWNERSHIP_TRANSFER_REQUESTED, new OwnershipTransferRequested(org.id(), transfer.id(),
                        transfer.fromUserId(), transfer.toUserId(), transfer.expiresAt()))),
                List.of(new AuditEntry("ownership.transfer-requested", "user:" + transfer.toUserId(), Map.of(),
                        Map.of("transferId", transfer.id().toString(), "stepDown", transfer.stepDown()))));
    }

    /** The pending transfer, for the owners and for its target. */
    Mono<Transfer> pending(UUID orgId, Caller caller) {
        return members.requireActive(orgId, caller.userId())
                .flatMap(me -> transfers.findPending(orgId)
                        .filter(t -> me.can(Permission.OWNERSHIP_MANAGE) || t.toUserId().equals(caller.userId())))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("pending ownership transfer")));
    }

    Mono<Void> cancel(UUID orgId, Caller caller) {
        return writes.asMember(orgId, caller, Permission.OWNERSHIP_MANAGE, (org, owner) -> transfers.findPending(orgId)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("pending ownership transfer")))
                .flatMap(transfer -> {
                    Transfer cancelled = transfer.cancel();
                    return transfers.saveStatus(cancelled).thenReturn(new Change<Void>(null, List.of(),
                            List.of(new AuditEntry("ownership.transfer-cancelled", "user:" + transfer.toUserId(),
                                    Map.of("status", transfer.status().name()), Map.of("status", cancelled.status().name())))));
                }));
    }

    Mono<Transfer> accept(UUID orgId, Caller caller) {
        Instant now = Instant.now(clock);
        return writes.as(orgId, Actor.user(caller.userId()), org -> transfers.findPending(orgId)
                .filter(t -> t.toUserId().equals(caller.userId()))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("pending ownership transfer")))
                .flatMap(transfer -> {
                    Transfer accepted = transfer.accept(now);
                    return members.requireActive(orgId, caller.userId())
                            .zipWith(members.find(orgId, transfer.fromUserId()))
                            .flatMap(people -> handOver(org, accepted, people.getT1(), people.getT2()));
                }));
    }

    /** The target becomes OWNER and primary owner; the previous one stays OWNER or steps down to ADMIN. */
    private Mono<Change<Transfer>> handOver(Organization org, Transfer accepted, Member target, Member previous) {
        String owner = BuiltInRole.OWNER.name();
        String previousRole = accepted.stepDown() ? BuiltInRole.ADMIN.name() : owner;
        Optional<Transition> targetBecomesOwner = target.changeRole(owner, BuiltInRole.OWNER.permissions());
        Optional<Transition> previousRoleChange = previous.isActive()
                ? previous.changeRole(previousRole, BuiltInRole.valueOf(previousRole).permissions()) : Optional.empty();
        List<PendingEvent<?>> events = new ArrayList<>();
        Mono<Void> roles = Mono.empty();
        for (Optional<Transition> change : List.of(targetBecomesOwner, previousRoleChange)) {
            if (change.isPresent()) {
                events.add(change.get().event());
                roles = roles.then(members.save(change.get().after()));
            }
        }
        events.add(PendingEvent.of(EventCatalog.OWNERSHIP_TRANSFERRED,
                new OwnershipTransferred(org.id(), accepted.id(), accepted.fromUserId(), target.userId(), previousRole)));
        AuditEntry audit = new AuditEntry("ownership.transferred", "org:" + org.id(),
                Map.of("primaryOwnerId", accepted.fromUserId().toString(), "previousOwnerRole", previous.role(), "targetRole", target.role()),
                Map.of("primaryOwnerId", target.userId().toString(), "previousOwnerRole", previousRole, "targetRole", owner));
        return roles.then(writes.movePrimaryOwner(org, target.userId()))
                .then(transfers.saveStatus(accepted))
                .thenReturn(new Change<>(accepted, events, List.of(audit)));
    }

    /** Tells the target, who must accept in the app; the mail itself changes nothing. */
    private EmailRequested transferMail(String orgName, Member from, Member to, Transfer transfer) {
        String fromName = from.displayName() == null || from.displayName().isBlank() ? "The primary owner" : from.displayName();
        String link = publicUrl + "/orgs/" + transfer.orgId() + "/ownership-transfer";
        String subject = fromName + " wants to make you the primary owner of " + orgName;
        String text = fromName + " asked to transfer the primary ownership of " + orgName + " on Switchboard to you.\n"
                + "Review and accept it here: " + link + "\nThe request expires on " + transfer.expiresAt() + ".\n";
        String html = "<p>" + escape(fromName) + " asked to transfer the primary ownership of <b>" + escape(orgName)
                + "</b> on Switchboard to you.</p><p><a href=\"" + escape(link) + "\">Review and accept</a></p><p>The request expires on "
                + transfer.expiresAt() + ".</p>";
        return new EmailRequested(transfer.orgId(), UUID.randomUUID(), "ownership-transfer", to.email(), subject, text, html);
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "The request has invalid fields.",
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }
}
