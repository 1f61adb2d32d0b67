package io.switchboard.routing.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.routing.ProfileUpdated;
import io.switchboard.events.routing.RoutingSetup;
import io.switchboard.routing.profiles.RoutingProfile;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OnboardingServiceTest {

    private static final UUID ACME = UUID.randomUUID();
    private static final UUID GONE = UUID.randomUUID();

    @Test
    void theProfile_keepsOnlyKnownClients_onAllowedChannels() {
        RoutingSetup setup = new RoutingSetup(Map.of("SMS", 3, "EMAIL", 0), Map.of(ACME, List.of("SMS", "SMS", "EMAIL"), GONE, List.of("SMS")), List.of());
        RoutingProfile profile = OnboardingService.profileOf(setup, Set.of(ACME));
        assertThat(profile.channels()).containsExactly(Map.entry("SMS", 3), Map.entry("EMAIL", 0));
        assertThat(profile.clients()).containsOnlyKeys(ACME);
        assertThat(profile.clients().get(ACME)).containsExactly("SMS", "EMAIL");
    }

    @Test
    void aClientLeftWithNoAllowedChannel_isLeftOut_andBadChannelsAreNotTrusted() {
        RoutingSetup setup = new RoutingSetup(Map.of("SMS", 3, "FAX", 1, "EMAIL", 101), Map.of(ACME, List.of("FAX", "EMAIL")), List.of());
        RoutingProfile profile = OnboardingService.profileOf(setup, Set.of(ACME));
        assertThat(profile.channels()).containsOnlyKeys("SMS");
        assertThat(profile.clients()).isEmpty();
    }

    @Test
    void aChangedProfile_raisesProfileUpdated_andAnAuditLine() {
        UUID org = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        RoutingProfile after = new RoutingProfile(Map.of("SMS", 2), Map.of(ACME, List.of("SMS")));
        var change = OnboardingService.profileChanged(org, user, RoutingProfile.EMPTY, after, user, Instant.EPOCH);
        assertThat(change.events()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(EventCatalog.ROUTING_PROFILE_UPDATED);
            assertThat(event.data()).isEqualTo(new ProfileUpdated(org, user, List.of("SMS"), Map.of("SMS", 2), Map.of(ACME, List.of("SMS")), user, Instant.EPOCH));
        });
        assertThat(change.audit()).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("routing.profile.updated");
            assertThat(entry.target()).isEqualTo("user:" + user);
            assertThat(entry.after()).containsEntry("source", "invitation");
        });
    }
}
