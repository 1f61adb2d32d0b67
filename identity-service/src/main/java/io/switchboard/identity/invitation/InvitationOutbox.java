package io.switchboard.identity.invitation;

import io.switchboard.events.EventCatalog;
import io.switchboard.identity.limits.MailQuota;
import io.switchboard.identity.organization.Organizations;
import io.switchboard.messaging.Outbox;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Appends what an invitation's transitions raise, and its mails, to the outbox. Call inside the transaction
 * that stores the transition.
 */
@Component
class InvitationOutbox {

    private final Outbox outbox;
    private final Organizations organizations;
    private final MailQuota quota;
    private final InvitationProperties properties;

    InvitationOutbox(Outbox outbox, Organizations organizations, MailQuota quota, InvitationProperties properties) {
        this.outbox = outbox;
        this.organizations = organizations;
        this.quota = quota;
        this.properties = properties;
    }

    Mono<Void> append(Invitation.Change change, String actor) {
        return Flux.fromIterable(change.events())
                .concatMap(event -> appendOne(event, change.invitation().orgId(), actor))
                .then();
    }

    private <T extends Record> Mono<Void> appendOne(Invitation.Event<T> event, UUID orgId, String actor) {
        return outbox.append(event.type(), orgId, actor, event.data()).then();
    }

    /** The invitation mail with a link holding {@code token}, counted against {@code sender}'s and the org's limits. */
    Mono<Void> mail(Invitation invitation, String token, UUID sender, String senderName) {
        String link = properties.publicUrl() + "/invite/" + token;
        return organizations.name(invitation.orgId()).defaultIfEmpty("")
                .flatMap(orgName -> outbox.append(EventCatalog.EMAIL_REQUESTED, invitation.orgId(), sender.toString(),
                        InvitationMail.render(invitation.orgId(), invitation.email(), orgName, senderName, invitation.role(), link,
                                invitation.expiresAt())))
                .then(quota.record(invitation.orgId(), sender, invitation.email(), "invitation"));
    }
}
