package com.voicecampaigns.worker.dialing;

import com.voicecampaigns.worker.call.CallAttempt;
import java.time.ZoneId;

/** The fields of a contact the dialler needs. */
record Contact(String id, String phone, String timezone) {

  /** The contact's own zone, {@code null} when it has none (or an unknown one). */
  ZoneId zone() {
    return CallAttempt.zoneOrNull(timezone);
  }
}
