package io.switchboard.org.access;

import io.switchboard.web.ProblemException;
import java.util.Collection;
import java.util.Map;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Realm roles of the switchboard realm, read from the token's {@code realm_access.roles}: platform-wide
 * powers that no organization role gives. {@code operator}: support / billing staff who change plans and
 * seats. {@code seat-reserver}: identity-service's service account, which reserves seats for invitations.
 */
public final class RealmRoles {

    public static final String OPERATOR = "operator";
    public static final String SEAT_RESERVER = "seat-reserver";

    private RealmRoles() {
    }

    public static boolean has(Jwt token, String role) {
        Object realmAccess = token.getClaims().get("realm_access");
        if (realmAccess instanceof Map<?, ?> access && access.get("roles") instanceof Collection<?> roles) {
            return roles.contains(role);
        }
        return false;
    }

    public static void require(Jwt token, String role) {
        if (!has(token, role)) {
            throw ProblemException.forbidden("This needs the " + role + " realm role.");
        }
    }
}
