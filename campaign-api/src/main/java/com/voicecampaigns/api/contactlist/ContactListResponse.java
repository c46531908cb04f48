package com.voicecampaigns.api.contactlist;

import java.time.Instant;
import java.util.List;

/** What a list upload did: how many rows were kept, and why the others were not. */
record ContactListResponse(
    String id,
    String name,
    long accepted,
    long rejected,
    long duplicates,
    List<RejectedRow> errors,
    Instant createdAt) {

  record RejectedRow(long row, String phone, String reason) {}
}
