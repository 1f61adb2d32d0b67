package io.switchboard.org.ownership;

public enum TransferStatus {
    PENDING, ACCEPTED, CANCELLED
}
