package io.switchboard.portal.portals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.portal.PortalArchived;
import io.switchboard.events.portal.PortalCreated;
import io.switchboard.messaging.change.Change;
import io.switchboard.web.ProblemException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class PortalTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void name_isTrimmed_andTheEventAndAuditSayWhatWasCreated() {
        Change<Portal> created = Portal.create(ORG, "  Support  ", "Second line", "#A1B2C3", false, NOW);

        assertThat(created.result().name()).isEqualTo("Support");
        assertThat(created.result().accentColor()).isEqualTo("#a1b2c3");
        assertThat(created.events()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(EventCatalog.PORTAL_CREATED);
            assertThat(((PortalCreated) event.data()).name()).isEqualTo("Support");
        });
        assertThat(created.audit()).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("portal.created");
            assertThat(entry.target()).isEqualTo("portal:" + created.result().id());
        });
    }

    @Test
    void name_of100Characters_isAccepted_101_isRefusedNamingName() {
        assertThat(Portal.create(ORG, "a".repeat(100), null, null, false, NOW).result().name()).hasSize(100);

        assertThatThrownBy(() -> Portal.create(ORG, "a".repeat(101), null, null, false, NOW))
                .satisfies(e -> assertInvalid(e, "name"));
    }

    @Test
    void blankName_isRefusedNamingName() {
        assertThatThrownBy(() -> Portal.create(ORG, "   ", null, null, false, NOW)).satisfies(e -> assertInvalid(e, "name"));
        assertThatThrownBy(() -> Portal.create(ORG, null, null, null, false, NOW)).satisfies(e -> assertInvalid(e, "name"));
    }

    @Test
    void longDescription_andBadColour_areRefusedNamingTheirField() {
        assertThatThrownBy(() -> Portal.create(ORG, "Support", "d".repeat(501), null, false, NOW)).satisfies(e -> assertInvalid(e, "description"));
        assertThatThrownBy(() -> Portal.create(ORG, "Support", null, "red", false, NOW)).satisfies(e -> assertInvalid(e, "accentColor"));
        assertThatThrownBy(() -> Portal.create(ORG, "Support", null, "#12345", false, NOW)).satisfies(e -> assertInvalid(e, "accentColor"));
    }

    @Test
    void defaultPortal_isSalesPortal_andCannotBeArchived() {
        Portal sales = Portal.createDefault(ORG, NOW).result();

        assertThat(sales.name()).isEqualTo("Sales Portal");
        assertThat(sales.isDefault()).isTrue();
        assertThatThrownBy(() -> sales.archive(sales.id(), NOW))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
                    assertThat(e.type().toString()).endsWith("/default-portal");
                    assertThat(e.getMessage()).isEqualTo("The default portal cannot be archived; rename it instead.");
                });
    }

    @Test
    void defaultPortal_canBeRenamed() {
        Portal sales = Portal.createDefault(ORG, NOW).result();

        Change<Portal> renamed = sales.update("Front desk", null, null);

        assertThat(renamed.result().name()).isEqualTo("Front desk");
        assertThat(renamed.result().isDefault()).isTrue();
        assertThat(renamed.events()).singleElement().satisfies(event -> assertThat(event.type()).isEqualTo(EventCatalog.PORTAL_UPDATED));
        assertThat(renamed.audit().getFirst().before()).containsEntry("name", "Sales Portal");
        assertThat(renamed.audit().getFirst().after()).containsEntry("name", "Front desk");
    }

    @Test
    void updateThatChangesNothing_publishesNothing_andEmptyStringsClearOptionalFields() {
        Portal support = Portal.create(ORG, "Support", "Desk", "#000000", false, NOW).result();

        assertThat(support.update("Support", null, null).isEmpty()).isTrue();
        Portal cleared = support.update(null, "", "").result();
        assertThat(cleared.description()).isNull();
        assertThat(cleared.accentColor()).isNull();
    }

    @Test
    void archive_namesTheDefaultPortal_forTheWorkToMoveTo() {
        UUID defaultPortal = UUID.randomUUID();
        Portal support = Portal.create(ORG, "Support", null, null, false, NOW).result();

        Change<Portal> archived = support.archive(defaultPortal, NOW);

        assertThat(archived.result().isArchived()).isTrue();
        assertThat(archived.events()).singleElement().satisfies(event ->
                assertThat(event.data()).isEqualTo(new PortalArchived(ORG, support.id(), defaultPortal)));
        assertThat(archived.audit().getFirst().action()).isEqualTo("portal.archived");
    }

    @SuppressWarnings("unchecked")
    static void assertInvalid(Throwable e, String field) {
        assertThat(e).isInstanceOf(ProblemException.class);
        ProblemException problem = (ProblemException) e;
        assertThat(problem.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        List<Map<String, String>> errors = (List<Map<String, String>>) problem.properties().get("errors");
        assertThat(errors).extracting(error -> error.get("field")).containsExactly(field);
    }
}
