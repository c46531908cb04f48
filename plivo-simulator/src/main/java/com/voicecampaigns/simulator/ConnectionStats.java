package com.voicecampaigns.simulator;

/**
 * The HTTP connections the simulator served since it started.
 *
 * @param opened connections accepted
 * @param open connections open now
 * @param closedIdle connections the simulator closed because they sat idle past the idle timeout
 */
public record ConnectionStats(long opened, int open, long closedIdle) {}
