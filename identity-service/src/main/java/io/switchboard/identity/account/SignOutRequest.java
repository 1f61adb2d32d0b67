package io.switchboard.identity.account;

import jakarta.validation.constraints.Size;

/** {@code deviceId}: the device whose push subscription goes with the session (push arrives with notifications). */
public record SignOutRequest(@Size(max = 200) String deviceId) {
}
