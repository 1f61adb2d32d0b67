package io.switchboard.routing.onboarding;

import static io.switchboard.messaging.change.AuditEntry.fields;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.routing.ProfileUpdated;
import io.switchboard.events.routing.RoutingSetup;
import io.switchboard.messaging.change.AuditEntry;
import io.switchboard.messaging.change.Change;
import io.switchboard.messaging.change.PendingEvent;
import io.switchboard.routing.clients.ClientService;
import io.switchboard.routing.portals.Portals;
import io.switchboard.routing.profiles.RoutingProfile;
import io.switchboard.routing.shared.Channel;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applies the routing setup a member was invited (or created) with, when org.member.joined arrives, and keeps
 * their given team memberships until they are in the team's portal. Every method runs inside an
 * {@link io.switchboard.routing.change.OrgWrites} write (the caller's), so the profile, the teams, the events and
 * the audit lines commit together with the membership; the caller drains the queues in the same write.
 *
 * <p>What the invitation named but the organization does not have (clients that do not exist or were deleted,
 * teams that do not exist or were deleted) is skipped and logged: identity-service can check only the shape.
 */
@Service
public class OnboardingService {

    private static final Logger log = LoggerFactory.getLogger(OnboardingService.class);

    private final Onboardings onboardings;
    private final ClientService clients;
    private final Portals portals;
    private final Clock clock;

    OnboardingService(Onboardings onboardings, ClientService clients, Portals portals, Clock clock) {
        this.onboardings = onboardings;
        this.clients = clients;
        this.portals = portals;
        this.clock = clock;
    }

    /**
     * The member joined with {@code setup} (null: nothing to do): their profile is set when the setup names
     * channels (routing.profile.updated and an audit line, unless it is what they have), and they join the named
     * teams of the portals they join with ({@code portalIds}; none named: the default portal), at once where they
     * are already in the team's portal, else once they are (pending). A team of another portal is skipped: an
     * invitation (a MANAGER's, say) cannot reach into a portal its invitee does not join.
     */
    public Mono<Change<Void>> joined(UUID orgId, UUID userId, List<UUID> portalIds, RoutingSetup setup, UUID by) {
        if (setup == null || setup.setsNothing()) {
            return Mono.just(Change.none(null));
        }
        Mono<Set<UUID>> joining = portalIds != null && !portalIds.isEmpty() ? Mono.just(Set.copyOf(portalIds))
                : portals.defaultPortal(orgId).map(Set::of).defaultIfEmpty(Set.of());
        return profile(orgId, userId, setup, by).flatMap(profiled -> joining.flatMap(allowed -> teams(orgId, userId, setup, allowed)).map(profiled::then));
    }

    /** The member is now in {@code portalId}: their pending memberships of its teams become team memberships. */
    public Mono<Change<Void>> joinedPortal(UUID orgId, UUID portalId, UUID userId) {
        return onboardings.movePending(orgId, portalId, userId)
                .map(teamId -> teamAdded(teamId, portalId, userId))
                .collectList()
                .map(OnboardingService::audited);
    }

    /** The member left the organization: their pending team memberships go. */
    public Mono<Change<Void>> left(UUID orgId, UUID userId) {
        return onboardings.dropPending(orgId, userId).thenReturn(Change.none(null));
    }

    /** The member's pending team memberships (tests and diagnostics). */
    public Flux<UUID> pendingTeams(UUID orgId, UUID userId) {
        return onboardings.pendingTeams(orgId, userId);
    }

    private Mono<Change<Void>> profile(UUID orgId, UUID userId, RoutingSetup setup, UUID by) {
        if (setup.channels().isEmpty()) {
            return Mono.just(Change.none(null));
        }
        return clients.existing(orgId, setup.clients().keySet()).flatMap(known -> {
            RoutingProfile wanted = profileOf(setup, known);
            setup.clients().keySet().stream().filter(id -> !known.contains(id)).forEach(id ->
                    log.info("org {}: member {} joined with client {}, which is no client of the organization: skipped", orgId, userId, id));
            return onboardings.profile(orgId, userId).flatMap(before -> before.equals(wanted) ? Mono.just(Change.<Void>none(null))
                    : onboardings.replaceProfile(orgId, userId, wanted).thenReturn(profileChanged(orgId, userId, before, wanted, by, now())));
        });
    }

    private Mono<Change<Void>> teams(UUID orgId, UUID userId, RoutingSetup setup, Set<UUID> joiningPortals) {
        List<UUID> named = setup.distinctTeams();
        return onboardings.liveTeams(orgId, named).filter(team -> joiningPortals.contains(team.portalId())).collectList().flatMap(live -> {
            Set<UUID> found = live.stream().map(Onboardings.TeamRef::teamId).collect(java.util.stream.Collectors.toSet());
            named.stream().filter(id -> !found.contains(id)).forEach(id ->
                    log.info("org {}: member {} joined with team {}, which is no team of the portals they join: skipped", orgId, userId, id));
            return Flux.fromIterable(live)
                    .concatMap(team -> onboardings.inPortal(orgId, team.portalId(), userId).flatMap(inPortal -> inPortal
                            ? onboardings.addTeamMember(orgId, team.teamId(), userId)
                                    .map(added -> added ? List.of(teamAdded(team.teamId(), team.portalId(), userId)) : List.<AuditEntry>of())
                            : onboardings.addPending(orgId, team.teamId(), userId).thenReturn(List.<AuditEntry>of())))
                    .flatMapIterable(entries -> entries)
                    .collectList()
                    .map(OnboardingService::audited);
        });
    }

    /**
     * The profile a setup gives: its channels and capacities, and of its clients those that are {@code known}
     * (clients of the organization, not deleted), each on the setup's channels that the profile allows; a client
     * left with no channel is left out.
     */
    static RoutingProfile profileOf(RoutingSetup setup, Set<UUID> known) {
        Map<String, Integer> channels = new LinkedHashMap<>();
        setup.channels().forEach((channel, capacity) -> {
            if (Channel.isKnown(channel) && capacity != null && capacity >= 0 && capacity <= RoutingProfile.MAX_CAPACITY) {
                channels.put(channel, capacity);
            }
        });
        Map<UUID, List<String>> handled = new LinkedHashMap<>();
        setup.clients().forEach((client, list) -> {
            List<String> on = list.stream().filter(channels::containsKey).distinct().toList();
            if (known.contains(client) && !on.isEmpty()) {
                handled.put(client, on);
            }
        });
        return new RoutingProfile(channels, handled);
    }

    static Change<Void> profileChanged(UUID orgId, UUID userId, RoutingProfile before, RoutingProfile after, UUID by, Instant at) {
        return Change.of(null,
                PendingEvent.of(EventCatalog.ROUTING_PROFILE_UPDATED, new ProfileUpdated(orgId, userId, List.copyOf(after.channels().keySet()),
                        after.channels(), after.clients(), by, at)),
                new AuditEntry("routing.profile.updated", "user:" + userId, auditState(before), withSource(auditState(after))));
    }

    private static Map<String, Object> auditState(RoutingProfile profile) {
        Map<String, Object> clientChannels = new LinkedHashMap<>();
        profile.clients().forEach((id, list) -> clientChannels.put(id.toString(), list));
        return fields("channels", profile.channels(), "clients", clientChannels);
    }

    private static Map<String, Object> withSource(Map<String, Object> state) {
        state.put("source", "invitation");
        return state;
    }

    private static AuditEntry teamAdded(UUID teamId, UUID portalId, UUID userId) {
        return new AuditEntry("team.member.added", "team:" + teamId, Map.of(), fields("teamId", teamId, "portalId", portalId, "userId", userId,
                "source", "invitation"));
    }

    private static Change<Void> audited(List<AuditEntry> entries) {
        Change<Void> change = Change.none(null);
        for (AuditEntry entry : entries) {
            change = change.and(entry);
        }
        return change;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
