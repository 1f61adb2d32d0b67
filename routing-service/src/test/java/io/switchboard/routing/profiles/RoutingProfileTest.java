package io.switchboard.routing.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.routing.ProfileUpdated;
import io.switchboard.messaging.change.Change;
import io.switchboard.web.ProblemException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class RoutingProfileTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final UUID USER = UUID.randomUUID();
    private static final UUID ADMIN = UUID.randomUUID();
    private static final UUID ACME = UUID.randomUUID();
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void aValidProfile_keepsChannelsInCatalogOrder_andClientChannelsAmongTheAllowedOnes() {
        Map<String, Integer> channels = new LinkedHashMap<>();
        channels.put("LIVE_CHAT", 2);
        channels.put("SMS", 3);

        RoutingProfile profile = RoutingProfile.checked(channels, Map.of(ACME.toString(), List.of("LIVE_CHAT", "SMS", "SMS")));

        assertThat(profile.channels()).containsExactly(Map.entry("SMS", 3), Map.entry("LIVE_CHAT", 2));
        assertThat(profile.clients()).containsExactly(Map.entry(ACME, List.of("SMS", "LIVE_CHAT")));
    }

    @Test
    void capacities0And100_areAccepted_minus1And101_andMissing_areRefusedNamingTheChannel() {
        assertThat(RoutingProfile.checked(Map.of("SMS", 0, "EMAIL", 100), null).channels()).containsEntry("SMS", 0).containsEntry("EMAIL", 100);

        assertThatThrownBy(() -> RoutingProfile.checked(Map.of("SMS", -1), null)).satisfies(e -> assertInvalid(e, "channels.SMS"));
        assertThatThrownBy(() -> RoutingProfile.checked(Map.of("FACEBOOK", 101), null)).satisfies(e -> assertInvalid(e, "channels.FACEBOOK"));
        Map<String, Integer> missing = new LinkedHashMap<>();
        missing.put("SMS", null);
        assertThatThrownBy(() -> RoutingProfile.checked(missing, null)).satisfies(e -> assertInvalid(e, "channels.SMS"));
    }

    @Test
    void unknownChannel_isRefusedNamingIt() {
        assertThatThrownBy(() -> RoutingProfile.checked(Map.of("FAX", 1), null)).satisfies(e -> assertInvalid(e, "channels.FAX"));
        assertThatThrownBy(() -> RoutingProfile.checked(Map.of("sms", 1), null)).satisfies(e -> assertInvalid(e, "channels.sms"));
    }

    @Test
    void aClientChannelOutsideTheAllowedOnes_isRefusedNamingItsIndex() {
        assertThatThrownBy(() -> RoutingProfile.checked(Map.of("SMS", 3), Map.of(ACME.toString(), List.of("SMS", "EMAIL"))))
                .satisfies(e -> assertInvalid(e, "clients." + ACME + "[1]"));
        assertThatThrownBy(() -> RoutingProfile.checked(Map.of("SMS", 3), Map.of(ACME.toString(), List.of("PIGEON"))))
                .satisfies(e -> assertInvalid(e, "clients." + ACME + "[0]"));
    }

    @Test
    void aClientKeyThatIsNoId_isRefusedNamingIt_andUnknownClientsAreNamedToo() {
        assertThatThrownBy(() -> RoutingProfile.checked(Map.of("SMS", 3), Map.of("acme", List.of("SMS"))))
                .satisfies(e -> assertInvalid(e, "clients.acme"));

        RoutingProfile profile = RoutingProfile.checked(Map.of("SMS", 3), Map.of(ACME.toString(), List.of("SMS")));
        profile.requireKnownClients(Set.of(ACME));
        assertThatThrownBy(() -> profile.requireKnownClients(Set.of())).satisfies(e -> assertInvalid(e, "clients." + ACME));
    }

    @Test
    void everyFieldAtFault_isNamed() {
        assertThatThrownBy(() -> RoutingProfile.checked(Map.of("FAX", 1, "SMS", 500), Map.of(ACME.toString(), List.of("EMAIL"))))
                .satisfies(e -> assertInvalid(e, "channels.FAX", "channels.SMS", "clients." + ACME + "[0]"));
    }

    @Test
    void aClientWithNoChannels_isNoGrant() {
        assertThat(RoutingProfile.checked(Map.of("SMS", 3), Map.of(ACME.toString(), List.of())).clients()).isEmpty();
    }

    @Test
    void replacing_raisesProfileUpdated_andAnAuditLineWithBeforeAndAfter() {
        RoutingProfile before = RoutingProfile.checked(Map.of("SMS", 1), Map.of(ACME.toString(), List.of("SMS")));
        RoutingProfile after = RoutingProfile.checked(Map.of("SMS", 3, "LIVE_CHAT", 2), Map.of(ACME.toString(), List.of("SMS", "LIVE_CHAT")));

        Change<RoutingProfile> change = after.replacing(before, ORG, USER, ADMIN, NOW);

        assertThat(change.events()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(EventCatalog.ROUTING_PROFILE_UPDATED);
            assertThat(event.data()).isEqualTo(new ProfileUpdated(ORG, USER, List.of("SMS", "LIVE_CHAT"), Map.of("SMS", 3, "LIVE_CHAT", 2),
                    Map.of(ACME, List.of("SMS", "LIVE_CHAT")), ADMIN, NOW));
        });
        assertThat(change.audit()).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("routing.profile.updated");
            assertThat(entry.target()).isEqualTo("user:" + USER);
            assertThat(entry.before()).containsEntry("channels", Map.of("SMS", 1));
            assertThat(entry.after()).containsEntry("channels", Map.of("SMS", 3, "LIVE_CHAT", 2));
        });
    }

    @Test
    void replacingWithTheSameProfile_changesNothing() {
        RoutingProfile profile = RoutingProfile.checked(Map.of("SMS", 1), Map.of(ACME.toString(), List.of("SMS")));
        RoutingProfile same = new RoutingProfile(Map.of("SMS", 1), Map.of(ACME, List.of("SMS")));

        assertThat(same.replacing(profile, ORG, USER, ADMIN, NOW).isEmpty()).isTrue();
    }

    @Test
    void aManager_mayChangeOnlyMembersOfAPortalTheyManage() {
        UUID mine = UUID.randomUUID();
        UUID other = UUID.randomUUID();

        assertThat(ProfileService.shareAPortal(Set.of(mine), Set.of(other, mine))).isTrue();
        assertThat(ProfileService.shareAPortal(Set.of(mine), Set.of(other))).isFalse();
        assertThat(ProfileService.shareAPortal(Set.of(), Set.of(other))).isFalse();
    }

    @SuppressWarnings("unchecked")
    static void assertInvalid(Throwable e, String... fields) {
        assertThat(e).isInstanceOf(ProblemException.class);
        ProblemException problem = (ProblemException) e;
        assertThat(problem.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        List<Map<String, String>> errors = (List<Map<String, String>>) problem.properties().get("errors");
        assertThat(errors).extracting(error -> error.get("field")).containsExactlyInAnyOrder(fields);
    }

    @Test
    void leadCapacity_nullOr0To100_isAccepted_outsideIsRefusedNamingIt_andAChangeIsAnUpdate() {
        assertThat(RoutingProfile.checked(Map.of("SMS", 1), Map.of(), null).leadCapacity()).isNull();
        assertThat(RoutingProfile.checked(Map.of("SMS", 1), Map.of(), 0).leadCapacity()).isZero();
        assertThat(RoutingProfile.checked(Map.of("SMS", 1), Map.of(), 100).leadCapacity()).isEqualTo(100);
        assertThatThrownBy(() -> RoutingProfile.checked(Map.of("SMS", 1), Map.of(), 101))
                .isInstanceOfSatisfying(io.switchboard.web.ProblemException.class, problem -> assertThat(problem.properties().toString()).contains("leadCapacity"));
        assertThatThrownBy(() -> RoutingProfile.checked(Map.of("SMS", 1), Map.of(), -1))
                .isInstanceOfSatisfying(io.switchboard.web.ProblemException.class, problem -> assertThat(problem.properties().toString()).contains("leadCapacity"));
        RoutingProfile before = RoutingProfile.checked(Map.of("SMS", 1), Map.of(), null);
        var change = RoutingProfile.checked(Map.of("SMS", 1), Map.of(), 5).replacing(before, ORG, USER, ADMIN, NOW);
        assertThat(change.audit()).singleElement().satisfies(entry -> assertThat(entry.after()).containsEntry("leadCapacity", 5));
    }
}
