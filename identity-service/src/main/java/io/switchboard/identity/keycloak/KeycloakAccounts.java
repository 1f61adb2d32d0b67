package io.switchboard.identity.keycloak;

import io.switchboard.web.ProblemException;
import io.switchboard.web.ProblemTypes;
import jakarta.ws.rs.NotFoundException;
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
import org.keycloak.admin.client.resource.UserResource;
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
 *
 * <p>An account whose email is not verified is not an identity: nobody proved the mailbox. It never blocks
 * the real owner of the address, who may replace it ({@link #replaceUnverified}) by accepting an invitation
 * or by signing up.
 */
@Component
public class KeycloakAccounts implements DisposableBean {

    /** The user attribute holding the phone number given on an invitation. */
    public static final String PHONE_ATTRIBUTE = "phone";

    public record Account(UUID id, String email, boolean emailVerified) {
    }

    /**
     * @param temporaryPassword the person must change it at first sign-in
     * @param emailVerified     true only where a link proved the mailbox (an accepted invitation)
     */
    public record NewAccount(String email, String password, String firstName, String lastName, String phone,
                             boolean temporaryPassword, boolean emailVerified) {

        @Override
        public String toString() {
            return "NewAccount[email=" + email + ", password=***, emailVerified=" + emailVerified + "]";
        }
    }

    private final KeycloakProperties properties;
    private volatile Keycloak keycloak;

    KeycloakAccounts(KeycloakProperties properties) {
        this.properties = properties;
    }

    /** Built on first use (a blocking thread), so the service starts without Keycloak or its secret. */
    private Keycloak keycloak() {
        Keycloak current = keycloak;
        if (current == null) {
            synchronized (this) {
                if (keycloak == null) {
                    if (properties.clientSecret() == null || properties.clientSecret().isBlank()) {
                        throw new IllegalStateException("switchboard.keycloak.client-secret is not set (SWITCHBOARD_KEYCLOAK_CLIENT_SECRET)");
                    }
                    keycloak = KeycloakBuilder.builder()
                            .serverUrl(properties.serverUrl())
                            .realm(properties.realm())
                            .grantType(OAuth2Constants.CLIENT_CREDENTIALS)
                            .clientId(properties.clientId())
                            .clientSecret(properties.clientSecret())
                            .build();
                }
                current = keycloak;
            }
        }
        return current;
    }

    public Mono<Optional<Account>> findByEmail(String email) {
        return blocking(() -> realm().users().searchByEmail(email, true).stream()
                .findFirst()
                .map(KeycloakAccounts::account));
    }

    /** Creates an enabled account; a taken email answers 409, a password the realm's policy refuses 400. */
    public Mono<Account> create(NewAccount request) {
        return blocking(() -> createNow(request));
    }

    /**
     * Creates the account; an existing account with this email whose email is not verified is deleted first
     * (its password stops working, its sessions end). A verified one answers 409.
     */
    public Mono<Account> replaceUnverified(NewAccount request, String conflictDetail) {
        return blocking(() -> {
            for (UserRepresentation existing : realm().users().searchByEmail(request.email(), true)) {
                if (Boolean.TRUE.equals(existing.isEmailVerified())) {
                    throw new ProblemException(HttpStatus.CONFLICT, ProblemTypes.of("account-exists"), conflictDetail);
                }
                try (Response deleted = realm().users().delete(existing.getId())) {
                    if (deleted.getStatus() != 204 && deleted.getStatus() != 404) {
                        throw new IllegalStateException("Keycloak answered " + deleted.getStatus() + " deleting an unverified account");
                    }
                }
            }
            return createNow(request);
        });
    }

    /** Marks the email verified if the account still exists with this email; answers whether it did. */
    public Mono<Boolean> markEmailVerified(UUID userId, String email) {
        return blocking(() -> {
            UserResource resource = realm().users().get(userId.toString());
            UserRepresentation user;
            try {
                user = resource.toRepresentation();
            } catch (NotFoundException gone) {
                return false;
            }
            if (user.getEmail() == null || !user.getEmail().equalsIgnoreCase(email)) {
                return false;
            }
            if (!Boolean.TRUE.equals(user.isEmailVerified())) {
                user.setEmailVerified(true);
                resource.update(user);
            }
            return true;
        });
    }

    /** Deletes an account (a compensation when what it was made for could not be completed). */
    public Mono<Void> delete(UUID userId) {
        return blocking(() -> {
            try (Response ignored = realm().users().delete(userId.toString())) {
                return true;
            }
        }).then();
    }

    /** Ends one Keycloak session (the {@code sid} of a token): its refresh tokens stop working. */
    public Mono<Void> endSession(String sessionId) {
        return blocking(() -> {
            try {
                realm().deleteSession(sessionId, false);
            } catch (NotFoundException alreadyEnded) {
                // signed out before (or the session expired): nothing left to end, and a repeated sign-out is a 204
            }
            return true;
        }).then();
    }

    private Account createNow(NewAccount request) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(request.email());
        user.setEmail(request.email());
        user.setFirstName(request.firstName());
        user.setLastName(request.lastName());
        user.setEnabled(true);
        user.setEmailVerified(request.emailVerified());
        if (request.phone() != null && !request.phone().isBlank()) {
            user.setAttributes(Map.of(PHONE_ATTRIBUTE, List.of(request.phone())));
        }
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(request.password());
        credential.setTemporary(request.temporaryPassword());
        user.setCredentials(List.of(credential));
        try (Response response = realm().users().create(user)) {
            int status = response.getStatus();
            if (status == 201) {
                return new Account(UUID.fromString(CreatedResponseUtil.getCreatedId(response)), request.email(), request.emailVerified());
            }
            if (status == 409) {
                throw new ProblemException(HttpStatus.CONFLICT, ProblemTypes.of("account-exists"),
                        "An account with this email exists: sign in with it instead.");
            }
            if (status == 400) {
                // Keycloak refused the password (realm policy); its message names the rule, never the password
                String reason = response.hasEntity() ? response.readEntity(String.class) : "";
                throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "The password does not meet the policy.",
                        Map.of("errors", List.of(Map.of("field", "password", "message", policyMessage(reason)))));
            }
            throw new IllegalStateException("Keycloak answered " + status + " creating an account");
        }
    }

    /** The phone attribute of an account, for tests and member details. */
    public Mono<Optional<String>> phone(UUID userId) {
        return blocking(() -> {
            Map<String, List<String>> attributes = realm().users().get(userId.toString()).toRepresentation().getAttributes();
            return Optional.ofNullable(attributes).map(a -> a.get(PHONE_ATTRIBUTE)).filter(v -> !v.isEmpty()).map(List::getFirst);
        });
    }

    private static Account account(UserRepresentation user) {
        return new Account(UUID.fromString(user.getId()), user.getEmail(), Boolean.TRUE.equals(user.isEmailVerified()));
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
        return keycloak().realm(properties.realm());
    }

    private static <T> Mono<T> blocking(java.util.concurrent.Callable<T> call) {
        return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public void destroy() {
        Keycloak current = keycloak;
        if (current != null) {
            current.close();
        }
    }
}
