package io.switchboard.routing.shared;

/**
 * How a team (or a portal, for work that targets no team) picks among eligible agents: ROUND_ROBIN (whose turn
 * is oldest), LOAD_BALANCED (lowest open/capacity ratio on the channel; ties to whoever was assigned longest ago),
 * MANUAL (nobody is picked: work queues until a manager assigns it).
 */
public enum Strategy {
    ROUND_ROBIN, LOAD_BALANCED, MANUAL
}
