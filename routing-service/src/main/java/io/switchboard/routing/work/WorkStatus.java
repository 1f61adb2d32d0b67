package io.switchboard.routing.work;

public enum WorkStatus {
    QUEUED, ASSIGNED, CLOSED
}
