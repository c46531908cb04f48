package com.voicecampaigns.api.donotcall;

import com.voicecampaigns.store.suppression.DoNotCallEntry;
import java.time.Instant;

/**
 * A number on the caller's do-not-call list.
 *
 * @param phone E.164
 * @param source {@code api} (added as JSON) or {@code csv} (an import)
 * @param createdBy the subject of the token that added it
 */
record DoNotCallView(String phone, String source, String createdBy, Instant createdAt) {

  static DoNotCallView of(DoNotCallEntry entry) {
    return new DoNotCallView(entry.phone(), entry.source(), entry.createdBy(), entry.createdAt());
  }
}
