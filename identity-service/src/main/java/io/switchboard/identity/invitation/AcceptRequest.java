package io.switchboard.identity.invitation;

import jakarta.validation.constraints.Size;

/** For a person without an account; someone signed in sends no body. */
public record AcceptRequest(@Size(min = 1, max = 120) String fullName, @Size(min = 8, max = 128) String password) {

    @Override
    public String toString() {
        return "AcceptRequest[fullName=" + fullName + ", password=***]";
    }
}
