package io.switchboard.routing.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.messaging.change.Change;
import io.switchboard.web.ProblemException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

public class ClientTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void name_isTrimmed_andTheAuditSaysWhatWasCreated_withoutEvents() {
        Change<Client> created = Client.create(ORG, "  Acme Dental ", NOW);

        assertThat(created.result().name()).isEqualTo("Acme Dental");
        assertThat(created.result().isDeleted()).isFalse();
        assertThat(created.events()).isEmpty();
        assertThat(created.audit()).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("client.created");
            assertThat(entry.target()).isEqualTo("client:" + created.result().id());
            assertThat(entry.after()).containsEntry("name", "Acme Dental");
        });
    }

    @Test
    void name_of100Characters_isAccepted_101_blank_andNull_areRefusedNamingName() {
        assertThat(Client.create(ORG, "a".repeat(100), NOW).result().name()).hasSize(100);

        assertThatThrownBy(() -> Client.create(ORG, "a".repeat(101), NOW)).satisfies(e -> assertInvalid(e, "name"));
        assertThatThrownBy(() -> Client.create(ORG, "   ", NOW)).satisfies(e -> assertInvalid(e, "name"));
        assertThatThrownBy(() -> Client.create(ORG, null, NOW)).satisfies(e -> assertInvalid(e, "name"));
    }

    @Test
    void rename_auditsBeforeAndAfter_andTheSameName_orNone_changesNothing() {
        Client client = Client.create(ORG, "Acme", NOW).result();

        Change<Client> renamed = client.rename(" Acme Corp ");
        assertThat(renamed.result().name()).isEqualTo("Acme Corp");
        assertThat(renamed.audit()).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("client.renamed");
            assertThat(entry.before()).containsEntry("name", "Acme");
            assertThat(entry.after()).containsEntry("name", "Acme Corp");
        });
        assertThat(client.rename("Acme  ").isEmpty()).isTrue();
        assertThat(client.rename(null).isEmpty()).isTrue();
        assertThatThrownBy(() -> client.rename("")).satisfies(e -> assertInvalid(e, "name"));
    }

    @Test
    void delete_keepsTheRow_withItsTime_andAuditsHowManyProfilesLostIt() {
        Client client = Client.create(ORG, "Acme", NOW).result();

        Change<Client> deleted = client.delete(NOW.plusSeconds(60), 3);

        assertThat(deleted.result().isDeleted()).isTrue();
        assertThat(deleted.result().name()).isEqualTo("Acme");
        assertThat(deleted.audit()).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("client.deleted");
            assertThat(entry.after()).containsEntry("removedFromProfiles", 3L);
        });
    }

    @SuppressWarnings("unchecked")
    public static void assertInvalid(Throwable e, String field) {
        assertThat(e).isInstanceOf(ProblemException.class);
        ProblemException problem = (ProblemException) e;
        assertThat(problem.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        List<Map<String, String>> errors = (List<Map<String, String>>) problem.properties().get("errors");
        assertThat(errors).extracting(error -> error.get("field")).containsExactly(field);
    }
}
