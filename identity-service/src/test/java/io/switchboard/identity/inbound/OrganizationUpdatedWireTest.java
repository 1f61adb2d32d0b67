package io.switchboard.identity.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.messaging.EventSerde;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** What {@link OrganizationEventsListener} reads from org.organization.updated: the setting, off when an older producer omits it. */
class OrganizationUpdatedWireTest {

    private static final EventSerde SERDE = new EventSerde("org-service", Clock.systemUTC());

    private static String updated(String extra) {
        return """
                {"id":"3c1d7a52-0e2f-4b8a-9d6c-1a2b3c4d5e07","type":"org.organization.updated","source":"org-service",
                 "time":"2026-11-23T10:15:30.123Z","subject":"6f1c2b1e-8d4a-4c1e-9b7a-2f3d4e5a6b7c","actor":"system",
                 "dataschema":"urn:switchboard:events:org.organization.updated:v1",
                 "data":{"orgId":"6f1c2b1e-8d4a-4c1e-9b7a-2f3d4e5a6b7c","name":"Acme","plan":"SCALE","seatLimit":10,"timezone":"UTC"%s}}
                """.formatted(extra);
    }

    @Test
    void updateWithTheSetting_carriesIt() {
        var data = OrganizationEventsListener.updated(SERDE, SERDE.fromJson(updated(",\"managersMayInviteManagers\":true")));
        assertThat(data.managersMayInviteManagers()).isTrue();
    }

    @Test
    void updateWithTheSettingOff_orNull_isOff() {
        assertThat(OrganizationEventsListener.updated(SERDE, SERDE.fromJson(updated(",\"managersMayInviteManagers\":false"))).managersMayInviteManagers()).isFalse();
        assertThat(OrganizationEventsListener.updated(SERDE, SERDE.fromJson(updated(",\"managersMayInviteManagers\":null"))).managersMayInviteManagers()).isFalse();
    }

    @Test
    void updateFromBeforeTheSetting_meansOff() {
        var data = OrganizationEventsListener.updated(SERDE, SERDE.fromJson(updated("")));
        assertThat(data.managersMayInviteManagers()).isFalse();
        assertThat(data.name()).isEqualTo("Acme");
    }
}
