package io.switchboard.org.ownership;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** {@code stepDown}: the current primary owner becomes ADMIN after the transfer instead of staying OWNER. */
public record TransferRequest(@NotNull UUID toUserId, boolean stepDown) {
}
