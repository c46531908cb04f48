package com.voicecampaigns.api.contactlist;

import java.util.Map;

/** One row of an upload before validation; {@code row} is its 1-based number among the rows. */
public record ContactRow(
    long row, String phone, String name, String timezone, Map<String, String> variables) {}
