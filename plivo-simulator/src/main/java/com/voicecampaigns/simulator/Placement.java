package com.voicecampaigns.simulator;

import java.time.Instant;

/**
 * A call the simulator placed: it exists, and its callbacks are sent.
 *
 * @param requestUuid the {@code request_uuid} answered (or that would have been, under a fault)
 * @param callUuid the {@code CallUUID} reported in callbacks
 * @param at when it was placed, by the configured clock
 * @param nanos {@link System#nanoTime()} when it was placed
 * @param outcome how it ends
 * @param machine true when a machine answers, false when a human does, null when the request did
 *     not ask for machine detection (or the call is not answered)
 */
record Placement(
    String requestUuid,
    String callUuid,
    Instant at,
    long nanos,
    CallOutcome outcome,
    Boolean machine) {}
