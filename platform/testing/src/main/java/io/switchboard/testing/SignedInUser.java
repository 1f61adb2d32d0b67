package io.switchboard.testing;

import java.util.Base64;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A person signed in to the shared Keycloak ({@link RealServers#keycloak()}) with the test client's direct
 * grant: their email, access token and Keycloak user id (the token's {@code sub}).
 */
public record SignedInUser(String email, String token, UUID id) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static SignedInUser signIn(String email, String password) {
        return of(email, RealServers.keycloak().accessToken(email, password));
    }

    /** For a token obtained some other way (a browser sign-in, a refresh). */
    public static SignedInUser of(String email, String token) {
        return new SignedInUser(email, token, subject(token));
    }

    /** The value of an Authorization header. */
    public String bearer() {
        return "Bearer " + token;
    }

    /** The token's claims, unverified (tests read what Keycloak issued). */
    public JsonNode claims() {
        return claims(token);
    }

    public static JsonNode claims(String token) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            throw new IllegalArgumentException("not a JWT");
        }
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }

    public static UUID subject(String token) {
        return UUID.fromString(claims(token).get("sub").asString());
    }

    /** Leaves the token out: test output may be logged. */
    @Override
    public String toString() {
        return "SignedInUser[" + email + ", " + id + "]";
    }
}
