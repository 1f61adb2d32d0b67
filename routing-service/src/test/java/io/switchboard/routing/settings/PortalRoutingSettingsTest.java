package io.switchboard.routing.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.messaging.change.Change;
import io.switchboard.routing.clients.ClientTest;
import io.switchboard.routing.shared.Strategy;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PortalRoutingSettingsTest {

    private static final UUID PORTAL = UUID.randomUUID();

    @Test
    void minutes_nullOr1To10080_areAccepted_0And10081_areRefusedNamingTheField() {
        assertThat(PortalRoutingSettings.checked(Strategy.ROUND_ROBIN, null).rerouteAwayAfterMinutes()).isNull();
        assertThat(PortalRoutingSettings.checked(Strategy.ROUND_ROBIN, 1).rerouteAwayAfterMinutes()).isEqualTo(1);
        assertThat(PortalRoutingSettings.checked(Strategy.ROUND_ROBIN, 10_080).rerouteAwayAfterMinutes()).isEqualTo(10_080);

        assertThatThrownBy(() -> PortalRoutingSettings.checked(Strategy.ROUND_ROBIN, 0)).satisfies(e -> ClientTest.assertInvalid(e, "rerouteAwayAfterMinutes"));
        assertThatThrownBy(() -> PortalRoutingSettings.checked(Strategy.ROUND_ROBIN, 10_081))
                .satisfies(e -> ClientTest.assertInvalid(e, "rerouteAwayAfterMinutes"));
    }

    @Test
    void leadsCapacityBound_absentIsTrue_andAChangeIsAudited() {
        assertThat(PortalRoutingSettings.checked(Strategy.ROUND_ROBIN, null).leadsCapacityBound()).isTrue();
        assertThat(PortalRoutingSettings.checked(Strategy.ROUND_ROBIN, null, null).leadsCapacityBound()).isTrue();
        PortalRoutingSettings unbound = PortalRoutingSettings.checked(Strategy.ROUND_ROBIN, null, false);
        assertThat(unbound.leadsCapacityBound()).isFalse();
        Change<PortalRoutingSettings> change = unbound.replacing(new PortalRoutingSettings(Strategy.ROUND_ROBIN, null), PORTAL);
        assertThat(change.audit()).singleElement().satisfies(entry -> {
            assertThat(entry.before()).containsEntry("leadsCapacityBound", true);
            assertThat(entry.after()).containsEntry("leadsCapacityBound", false);
        });
    }

    @Test
    void strategy_isRequired() {
        assertThatThrownBy(() -> PortalRoutingSettings.checked(null, 5)).satisfies(e -> ClientTest.assertInvalid(e, "strategy"));
    }

    @Test
    void replacing_auditsBeforeAndAfter_andTheSameSettings_changeNothing() {
        PortalRoutingSettings before = new PortalRoutingSettings(Strategy.ROUND_ROBIN, null);

        Change<PortalRoutingSettings> change = PortalRoutingSettings.checked(Strategy.LOAD_BALANCED, 30).replacing(before, PORTAL);

        assertThat(change.events()).isEmpty();
        assertThat(change.audit()).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("routing.settings.updated");
            assertThat(entry.target()).isEqualTo("portal:" + PORTAL);
            assertThat(entry.before()).containsEntry("strategy", "ROUND_ROBIN").containsEntry("rerouteAwayAfterMinutes", null);
            assertThat(entry.after()).containsEntry("strategy", "LOAD_BALANCED").containsEntry("rerouteAwayAfterMinutes", 30);
        });
        assertThat(before.replacing(before, PORTAL).isEmpty()).isTrue();
    }
}
