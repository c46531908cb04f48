package com.voicecampaigns.faults.audit;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One campaign of a scenario, as the audit sees it once the scenario is over.
 *
 * @param id the campaign id
 * @param view the campaign as {@code GET /api/v1/campaigns/{id}} answers it, with its progress
 * @param calls every call attempt of {@code GET /api/v1/campaigns/{id}/calls}
 * @param quiet the spans in which no call of it may be placed (after an acknowledged pause until
 *     its resume was sent; after an acknowledged cancel)
 * @param attemptsPerContact how many calls one contact may get (1 without a retry policy)
 * @param ending how it must end
 */
public record AuditedCampaign(
    String id,
    JsonNode view,
    List<JsonNode> calls,
    List<Quiet> quiet,
    int attemptsPerContact,
    Ending ending) {

  public AuditedCampaign {
    calls = List.copyOf(calls);
    quiet = List.copyOf(quiet);
  }

  /** How a campaign must stand when the scenario ends. */
  public enum Ending {
    /** completed, or failed with a reason */
    FINISHED,
    /** cancelled: the scenario cancelled it */
    CANCELLED,
    /** started (running) and not called at all: its calling window is closed */
    WAITING
  }

  /**
   * A span without calls.
   *
   * @param what e.g. {@code pause}
   * @param from when the API's acknowledgement had arrived
   * @param until when the request that ends it was sent; null: for good
   */
  public record Quiet(String what, Instant from, Instant until) {
    public boolean contains(Instant at) {
      return at.isAfter(from) && (until == null || at.isBefore(until));
    }
  }
}
