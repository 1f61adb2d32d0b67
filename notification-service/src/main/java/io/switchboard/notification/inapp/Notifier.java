package io.switchboard.notification.inapp;

import io.switchboard.events.org.MemberRoleChanged;
import io.switchboard.events.org.OwnershipTransferRequested;
import io.switchboard.events.portal.AvailabilityChanged;
import io.switchboard.events.routing.CustomerRepliedToAssignee;
import io.switchboard.events.routing.LeadAssigned;
import io.switchboard.events.routing.WorkAssigned;
import io.switchboard.events.routing.WorkUnassigned;
import io.switchboard.notification.push.PushSubscriptions;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Events that concern a person become their notifications ({@link Texts} words them, {@link NotificationStore}
 * stores them as the person's preferences say). Runs inside the transaction of the event's inbox row.
 */
@Component
class Notifier {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final NotificationStore store;
    private final Directory directory;
    private final RemovalMail removalMail;
    private final LiveStreams streams;
    private final PushSubscriptions subscriptions;
    private final Clock clock = Clock.systemUTC();

    Notifier(NotificationStore store, Directory directory, RemovalMail removalMail, LiveStreams streams, PushSubscriptions subscriptions) {
        this.store = store;
        this.directory = directory;
        this.removalMail = removalMail;
        this.streams = streams;
        this.subscriptions = subscriptions;
    }

    Mono<Void> conversationAssigned(UUID eventId, WorkAssigned e) {
        return Mono.zip(name(directory.portalName(e.orgId(), e.portalId())), name(directory.personName(e.orgId(), e.assigneeId())))
                .flatMap(names -> store(eventId, Texts.conversationAssigned(e, names.getT1().orElse(null), names.getT2().orElse(null))));
    }

    Mono<Void> leadAssigned(UUID eventId, LeadAssigned e) {
        return Mono.zip(name(directory.portalName(e.orgId(), e.portalId())), name(directory.personName(e.orgId(), e.assigneeId())))
                .flatMap(names -> store(eventId, Texts.leadAssigned(e, names.getT1().orElse(null), names.getT2().orElse(null))));
    }

    Mono<Void> customerReplied(UUID eventId, CustomerRepliedToAssignee e) {
        if (e.assigneeId() == null) {
            return Mono.empty();
        }
        return name(directory.portalName(e.orgId(), e.portalId()))
                .flatMap(portal -> store(eventId, Texts.customerReplied(e, portal.orElse(null)).stream().toList()));
    }

    Mono<Void> takenBack(UUID eventId, WorkUnassigned e) {
        return name(directory.portalName(e.orgId(), e.portalId()))
                .flatMap(portal -> store(eventId, Texts.takenBack(e, portal.orElse(null)).stream().toList()));
    }

    Mono<Void> availabilityChanged(UUID eventId, AvailabilityChanged e) {
        if (e.changedBy() == null || e.changedBy().equals(e.userId())) {
            return Mono.empty();
        }
        return Mono.zip(name(directory.portalName(e.orgId(), e.portalId())), name(directory.personName(e.orgId(), e.changedBy())))
                .flatMap(names -> store(eventId, Texts.availabilityChanged(e, names.getT1().orElse(null), names.getT2().orElse(null))
                        .stream().toList()));
    }

    Mono<Void> roleChanged(UUID eventId, MemberRoleChanged e) {
        return name(directory.orgName(e.orgId())).flatMap(org -> store(eventId, List.of(Texts.roleChanged(e, org.orElse(null)))));
    }

    Mono<Void> ownershipOffered(UUID eventId, OwnershipTransferRequested e) {
        return Mono.zip(name(directory.orgName(e.orgId())), name(directory.personName(e.orgId(), e.fromUserId())))
                .flatMap(names -> store(eventId, List.of(Texts.ownershipOffered(e, names.getT1().orElse(null), names.getT2().orElse(null)))));
    }

    /**
     * The person's notification and mail, their push subscriptions of the org deleted, and the close of their
     * streams of the org announced to every instance; the caller closes this instance's after the commit.
     */
    Mono<Void> memberGone(UUID eventId, UUID orgId, UUID userId, boolean deactivated) {
        return Mono.zip(name(directory.orgName(orgId)), name(directory.personName(orgId, userId)), name(directory.email(orgId, userId)))
                .flatMap(known -> {
                    String org = known.getT1().orElse(null);
                    Mono<Void> mail = known.getT3()
                            .map(email -> removalMail.enqueue(eventId, orgId, userId, deactivated, email, org, known.getT2().orElse(null)).then())
                            .orElseGet(() -> {
                                log.info("no email known for member {} of org {}: no {} mail", userId, orgId, deactivated ? "deactivation" : "removal");
                                return Mono.empty();
                            });
                    return store(eventId, List.of(Texts.removed(orgId, userId, deactivated, org)))
                            .then(mail)
                            .then(subscriptions.deleteForMember(orgId, userId))
                            .then(streams.announceMemberGone(orgId, userId));
                });
    }

    private Mono<Void> store(UUID eventId, Collection<Draft> drafts) {
        return Flux.fromIterable(inLockOrder(drafts)).concatMap(draft -> store.add(draft, eventId, clock.instant())).then();
    }

    /**
     * The drafts in the order of their people's advisory lock keys ({@link NotificationStore#lockKey}), so that two
     * instances writing the same two people's notifications (a reassignment) take the locks in the same order and
     * cannot deadlock. Stable: one person's drafts keep their order.
     */
    static List<Draft> inLockOrder(Collection<Draft> drafts) {
        return drafts.stream().sorted(java.util.Comparator.comparingLong(draft -> NotificationStore.lockKey(draft.userId()))).toList();
    }

    private static Mono<Optional<String>> name(Mono<String> lookup) {
        return lookup.map(Optional::of).defaultIfEmpty(Optional.empty());
    }
}
