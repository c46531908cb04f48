package com.voicecampaigns.api;

import com.voicecampaigns.model.call.RetryPolicy;
import com.voicecampaigns.model.campaign.CallingWindow;
import com.voicecampaigns.model.campaign.CampaignStatus;
import com.voicecampaigns.store.campaign.CampaignDocument;
import java.time.Instant;
import java.util.Map;

/** Campaign documents as the store answers them, for the slices that mock the store away. */
public final class StoredCampaigns {

  private StoredCampaigns() {}

  /** A campaign of {@code clientId} created and due at {@code now}, as the API created it. */
  public static CampaignDocument campaign(
      String id,
      String clientId,
      CampaignStatus status,
      CallingWindow window,
      RetryPolicy retry,
      Instant now) {
    return new CampaignDocument(
        id,
        clientId,
        "Morning",
        "6650f0c2a1b2c3d4e5f60719",
        "+918035735659",
        "wss://bot.example.com/socket",
        status,
        now,
        /* endTime */ null,
        "user-" + clientId,
        /* createdBy */ "user-" + clientId,
        now,
        now,
        /* startedAt */ null,
        /* completedAt */ null,
        /* failureReason */ null,
        window,
        retry,
        /* maxConcurrentCalls */ null,
        /* callsPerSecond */ null,
        /* machineDetection */ null,
        /* expiredAt */ null,
        /* idempotencyClaim */ null,
        /* requestHash */ null,
        /* dispatchId */ null,
        /* dispatchedAt */ null,
        /* workerId */ null,
        /* leaseUntil */ null,
        /* lastWorkerId */ null,
        /* resumeAt */ null,
        /* cursor */ null,
        false,
        /* stats */ Map.of(),
        /* contactStats */ Map.of(),
        /* counters */ 1,
        /* imported */ null);
  }
}
