package com.voicecampaigns.store.campaign;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A campaign's progress in counts, by call-status wire value: {@code attempts} per status, {@code
 * contacts} per status of their latest attempt (contacts without an attempt are not in it). Zero
 * counts are left out, so counters that went back to zero equal a recount that never saw them.
 */
public record ProgressCounts(Map<String, Long> attempts, Map<String, Long> contacts) {

  public static final ProgressCounts NONE = new ProgressCounts(Map.of(), Map.of());

  public ProgressCounts {
    attempts = nonZero(attempts);
    contacts = nonZero(contacts);
  }

  /** Attempts of every status. */
  public long totalAttempts() {
    return attempts.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Contacts that have at least one attempt. */
  public long contactsAttempted() {
    return contacts.values().stream().mapToLong(Long::longValue).sum();
  }

  private static Map<String, Long> nonZero(Map<String, Long> counts) {
    Map<String, Long> kept = new TreeMap<>();
    if (counts != null) {
      counts.forEach(
          (status, n) -> {
            if (n != null && n != 0) {
              kept.put(status, n);
            }
          });
    }
    return Collections.unmodifiableMap(kept);
  }
}
