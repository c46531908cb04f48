package com.voicecampaigns.store.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.model.call.RetryPolicy;
import com.voicecampaigns.model.campaign.CallingWindow;
import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.model.campaign.CampaignStatus;
import com.voicecampaigns.model.campaign.MachineDetection;
import com.voicecampaigns.store.Ids;
import com.voicecampaigns.store.StoreTestBase;
import com.voicecampaigns.store.campaign.NewCampaign.CampaignSettings;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The campaign document's one mapping: what the API writes is what every service reads. */
class CampaignMappingTests extends StoreTestBase {

  static final Instant NOW = Instant.parse("2030-05-06T09:00:00Z");

  @Autowired CampaignStore campaigns;
  @Autowired CampaignReads reads;

  @Test
  void aNewCampaignIsStoredInTheAgreedShapesAndReadBackTyped() {
    CallingWindow window =
        new CallingWindow(
            ZoneId.of("Asia/Kolkata"),
            LocalTime.of(9, 0),
            LocalTime.of(18, 30),
            EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
    RetryPolicy retry = new RetryPolicy(2, Set.of(CallStatus.BUSY), Duration.ofSeconds(90));
    String id = Ids.newId();

    CampaignDocument created =
        campaigns.create(
            NewCampaign.scheduled(
                id,
                new CampaignSettings(
                    "client-1",
                    "Morning",
                    "list-1",
                    "+918035735659",
                    "wss://bot.example.com/socket",
                    window,
                    retry,
                    5,
                    2.5,
                    NOW.plusSeconds(7200),
                    MachineDetection.HANGUP),
                NOW.plusSeconds(60),
                new NewCampaign.Author("ui-user", "alice"),
                NOW));

    Document raw = mongo.findById(new ObjectId(id), Document.class, CampaignFields.COLLECTION);
    assertThat(raw.get(CampaignFields.CALLING_WINDOW))
        .isEqualTo(
            new Document("timezone", "Asia/Kolkata")
                .append("start", "09:00")
                .append("end", "18:30")
                .append("days", List.of("MONDAY", "FRIDAY")));
    assertThat(raw.get(CampaignFields.RETRY_POLICY))
        .isEqualTo(
            new Document("maxAttempts", 2)
                .append("retryOn", List.of("busy"))
                .append("backoffSeconds", 90L));
    assertThat(raw.getString(CampaignFields.STATUS)).isEqualTo("scheduled");
    assertThat(raw.getString(CampaignFields.MACHINE_DETECTION)).isEqualTo("hangup");
    assertThat(raw.get(CampaignFields.END_TIME)).isEqualTo(Date.from(NOW.plusSeconds(7200)));
    // counted from the start: empty counters, marked with their version
    assertThat(raw.get(CampaignFields.STATS)).isEqualTo(new Document());
    assertThat(raw.get(CampaignFields.CONTACT_STATS)).isEqualTo(new Document());
    assertThat(raw.get(CampaignFields.COUNTERS)).isEqualTo(1);
    assertThat(raw).doesNotContainKey("_class");
    assertThat(raw.getString(CampaignFields.SCHEDULED_BY)).isEqualTo("ui-user");
    assertThat(raw.getString(CampaignFields.CREATED_BY)).isEqualTo("alice");
    // absent, not null: a campaign without a claim stays out of the claim's sparse unique index
    assertThat(raw)
        .doesNotContainKeys(CampaignFields.IDEMPOTENCY_CLAIM, CampaignFields.REQUEST_HASH);
    assertThat(created.callingWindow()).isEqualTo(window);
    assertThat(created.retryPolicy()).isEqualTo(retry);
    assertThat(created.status()).isEqualTo(CampaignStatus.SCHEDULED);
    assertThat(created.maxConcurrentCalls()).isEqualTo(5);
    assertThat(created.callsPerSecond()).isEqualTo(2.5);
    assertThat(created.endTime()).isEqualTo(NOW.plusSeconds(7200));
    assertThat(created.machineDetection()).isEqualTo(MachineDetection.HANGUP);
    assertThat(created.storedCounts()).contains(ProgressCounts.NONE);
    assertThat(created.contactsExhausted()).isFalse();
    assertThat(created.scheduledBy()).isEqualTo("ui-user");
    assertThat(created.createdBy()).isEqualTo("alice");
    assertThat(reads.find(id)).contains(created);
  }

  @Test
  void readsWhatTheWorkerWritesAndTakesTheDefaultsForWhatIsAbsent() {
    ObjectId id = new ObjectId();
    ObjectId cursor = new ObjectId();
    mongo.insert(
        campaign(id)
            .append(CampaignFields.RETRY_POLICY, new Document(CampaignFields.RETRY_ON, List.of()))
            .append(CampaignFields.CURSOR, cursor)
            .append(CampaignFields.CONTACTS_EXHAUSTED, true)
            .append(CampaignFields.STATS, new Document("completed", 3).append("busy", 1L)),
        CampaignFields.COLLECTION);

    CampaignDocument campaign = reads.find(id.toHexString()).orElseThrow();

    assertThat(campaign.callingWindow()).isNull();
    assertThat(campaign.retryPolicy())
        .isEqualTo(
            new RetryPolicy(
                RetryPolicy.DEFAULT.maxAttempts(), Set.of(), RetryPolicy.DEFAULT.backoff()));
    assertThat(campaign.cursor()).isEqualTo(cursor.toHexString());
    assertThat(campaign.contactsExhausted()).isTrue();
    assertThat(campaign.stats()).containsEntry("completed", 3L).containsEntry("busy", 1L);
    assertThat(reads.find(new ObjectId().toHexString())).isEmpty();
    assertThat(reads.find("not-an-id")).isEmpty();
  }

  @Test
  void withoutARetryPolicyTheDefaultApplies() {
    ObjectId id = new ObjectId();
    mongo.insert(campaign(id), CampaignFields.COLLECTION);

    CampaignDocument campaign = reads.find(id.toHexString()).orElseThrow();

    assertThat(campaign.retryPolicy()).isNull();
    assertThat(campaign.effectiveRetryPolicy()).isEqualTo(RetryPolicy.DEFAULT);
    assertThat(campaign.effectiveMachineDetection()).isEqualTo(MachineDetection.OFF);
    assertThat(campaign.storedCounts()).as("created before the counters").isEmpty();
  }

  @Test
  void aMalformedWindowIsRefusedWithTheReason() {
    ObjectId id = new ObjectId();
    mongo.insert(
        campaign(id)
            .append(
                CampaignFields.CALLING_WINDOW,
                new Document(CampaignFields.WINDOW_TIMEZONE, "Mars/Olympus")
                    .append(CampaignFields.WINDOW_START, "09:00")
                    .append(CampaignFields.WINDOW_END, "17:00")),
        CampaignFields.COLLECTION);

    assertThatThrownBy(() -> reads.find(id.toHexString()))
        .isInstanceOf(InvalidCampaignException.class)
        .hasMessageContaining("Mars/Olympus")
        .hasMessageContaining("IANA");
  }

  private static Document campaign(ObjectId id) {
    return new Document(CampaignFields.ID, id)
        .append(CampaignFields.CLIENT_ID, "client-1")
        .append(CampaignFields.LIST_ID, new ObjectId().toHexString())
        .append(CampaignFields.FROM_NUMBER, "+918035735659")
        .append(CampaignFields.WSS_URL, "wss://bot.example.com/socket")
        .append(CampaignFields.STATUS, "running")
        .append(CampaignFields.DISPATCH_ID, "d1");
  }
}
