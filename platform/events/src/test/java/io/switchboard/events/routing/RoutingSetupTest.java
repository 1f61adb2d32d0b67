package io.switchboard.events.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RoutingSetupTest {

    private static final UUID CLIENT = UUID.fromString("9f4a5b6c-7d8e-4f9a-8b1c-2d3e4f5a6b7c");

    @Test
    void aWellFormedSetup_hasNoViolations() {
        RoutingSetup setup = new RoutingSetup(Map.of("SMS", 0, "EMAIL", 100), Map.of(CLIENT, List.of("SMS", "EMAIL")), List.of(UUID.randomUUID()));
        assertThat(setup.violations()).isEmpty();
    }

    @Test
    void nullParts_readAsEmpty() {
        RoutingSetup setup = new RoutingSetup(null, null, null);
        assertThat(setup.setsNothing()).isTrue();
        assertThat(setup.violations()).isEmpty();
    }

    @Test
    void unknownChannel_andCapacityOutOfRange_nameTheChannel() {
        Map<String, Integer> channels = new LinkedHashMap<>();
        channels.put("FAX", 1);
        channels.put("SMS", 101);
        channels.put("EMAIL", -1);
        channels.put("LIVE_CHAT", null);
        assertThat(new RoutingSetup(channels, null, null).violations())
                .containsOnlyKeys("channels.FAX", "channels.SMS", "channels.EMAIL", "channels.LIVE_CHAT");
    }

    @Test
    void aClientChannelNotAllowed_namesItsIndex() {
        RoutingSetup setup = new RoutingSetup(Map.of("SMS", 2), Map.of(CLIENT, List.of("SMS", "EMAIL")), null);
        assertThat(setup.violations()).containsOnlyKeys("clients." + CLIENT + "[1]");
    }

    @Test
    void tooManyClientsOrTeams_areRefused() {
        Map<UUID, List<String>> clients = new LinkedHashMap<>();
        IntStream.range(0, RoutingSetup.MAX_CLIENTS + 1).forEach(i -> clients.put(UUID.randomUUID(), List.of()));
        List<UUID> teams = IntStream.range(0, RoutingSetup.MAX_TEAMS + 1).mapToObj(i -> UUID.randomUUID()).toList();
        assertThat(new RoutingSetup(Map.of(), clients, teams).violations()).containsOnlyKeys("clients", "teamIds");
        assertThat(new RoutingSetup(Map.of(), Map.of(), teams.subList(0, RoutingSetup.MAX_TEAMS)).violations()).isEmpty();
    }

    @Test
    void distinctTeams_keepsTheFirstOfEach() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        assertThat(new RoutingSetup(null, null, List.of(a, b, a)).distinctTeams()).containsExactly(a, b);
    }
}
