package io.switchboard.identity.keycloak;

import io.switchboard.web.ProblemException;
import io.switchboard.web.ProblemTypes;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * People's accounts in Keycloak, through keycloak-admin-client. The client blocks, so every call runs on
 * boundedElastic; this is the only class that talks to Keycloak's admin API. Passwords are handed to
 * Keycloak and never kept or logged.
 */
@Component
public class KeycloakAccounts implements DisposableBean {

    public record Account(UUID id, String email) {
    }

    private final Keycloak keycloak;
    private final String realm;

    KeycloakAccounts(KeycloakProperties properties) {
        this.keycloak = KeycloakBuilder.builder()
                .serverUrl(properties.serverUrl())
                .realm(properties.realm())
                .grantType(OAuth2Constants.CLIENT_CREDENTIALS)
                .clientId(properties.clientId())
                .clientSecret(properties.clientSecret())
                .build();
        this.realm = properties.realm();
    }

    public Mono<Optional<Account>> findByEmail(String email) {
        return blocking(() -> realm().users().searchByEmail(email, true).stream()
                .findFirst()
                .map(user -> new Account(UUID.fromString(user.getId()), user.getEmail())));
    }

    /**
     * Creates an enabled account whose email is verified (the invitation link proved it).
     * {@code temporaryPassword}: the person must change it at first sign-in.
     */
    public Mono<Account> create(String email, String password, String firstName, String lastName, boolean temporaryPassword) {
        return blocking(() -> {
            UserRepresentation user = new UserRepresentation();
            user.setUsername(email);
            user.setEmail(email);
            user.setFirstName(firstName);
            user.setLastName(lastName);
            user.setEnabled(true);
            user.setEmailVerified(true);
            CredentialRepresentation credential = new CredentialRepresentation();
            credential.setType(CredentialRepresentation.PASSWORD);
            credential.setValue(password);
            credential.setTemporary(temporaryPassword);
            user.setCredentials(List.of(credential));
            try (Response response = realm().users().create(user)) {
                int status = response.getStatus();
                if (status == 201) {
                    return new Account(UUID.fromString(CreatedResponseUtil.getCreatedId(response)), email);
                }
                if (status == 409) {
                    throw new ProblemException(HttpStatus.CONFLICT, ProblemTypes.of("account-exists"),
                            "An account with this email exists: sign in with it, then accept.");
                }
                if (status == 400) {
                    // Keycloak refused the password (realm policy); its message names the rule, never the password
                    String reason = response.hasEntity() ? response.readEntity(String.class) : "";
                    throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "The password does not meet the policy.",
                            Map.of("errors", List.of(Map.of("field", "password", "message", policyMessage(reason)))));
                }
                throw new IllegalStateException("Keycloak answered " + status + " creating an account");
            }
        });
    }

    /** Ends one Keycloak session (the {@code sid} of a token): its refresh tokens stop working. */
    public Mono<Void> endSession(String sessionId) {
        return blocking(() -> {
            realm().deleteSession(sessionId, false);
            return true;
        }).then();
    }

    private static String policyMessage(String keycloakError) {
        if (keycloakError.contains("invalidPasswordMinLength")) {
            return "must be at least 8 characters";
        }
        if (keycloakError.contains("invalidPasswordNotUsername") || keycloakError.contains("invalidPasswordNotEmail")) {
            return "must not be your email";
        }
        return "is not accepted by the password policy";
    }

    private RealmResource realm() {
        return keycloak.realm(realm);
    }

    private static <T> Mono<T> blocking(java.util.concurrent.Callable<T> call) {
        return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public void destroy() {
        keycloak.close();
    }
}
