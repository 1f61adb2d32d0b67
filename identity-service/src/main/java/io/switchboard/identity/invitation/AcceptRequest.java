package io.switchboard.identity.invitation;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * For a person without an account: a password and a name (fullName, or firstName and lastName, which the
 * look-up pre-fills from the invitation); phone optional. Someone signed in sends no body.
 */
public record AcceptRequest(@Size(min = 1, max = 120) String fullName, @Size(min = 8, max = 128) String password,
                            @Size(max = 60) String firstName, @Size(max = 60) String lastName,
                            @Pattern(regexp = "\\+?[0-9 ()-]{4,32}") String phone) {

    public AcceptRequest(String fullName, String password) {
        this(fullName, password, null, null, null);
    }

    @Override
    public String toString() {
        return "AcceptRequest[fullName=" + fullName + ", password=***]";
    }
}
