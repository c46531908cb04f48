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
 * @param cancelled whether the scenario cancelled it (then {@code cancelled} is its right end)
 */
public record AuditedCampaign(
    String id,
    JsonNode view,
    List<JsonNode> calls,
    List<Quiet> quiet,
    int attemptsPerContact,
    boolean cancelled) {

  public AuditedCampaign {
    calls = List.copyOf(calls);
    quiet = List.copyOf(quiet);
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
