package com.voicecampaigns.model.event;

import java.time.Instant;

/**
 * The per-minute tick. Cloud Scheduler publishes whatever body its job is configured with, so
 * consumers must not depend on the payload; the local tick publisher sends this record.
 */
public record SchedulerTick(String source, Instant firedAt) {}
