package com.voicecampaigns.store.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.model.campaign.CampaignStatus;
import com.voicecampaigns.store.Ids;
import com.voicecampaigns.store.StoreTestBase;
import com.voicecampaigns.store.campaign.NewCampaign.CampaignSettings;
import java.time.Duration;
import java.time.Instant;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Campaigns imported from the old service: created in the status the import maps them to, with
 * their origin, and from then on moved by the same transitions as any other campaign.
 */
class CampaignImportStoreTests extends StoreTestBase {

  static final Instant NOW = Instant.parse("2030-05-06T09:00:00Z");
  static final String CLIENT = "client-import";

  @Autowired CampaignStore campaigns;
  @Autowired CampaignReads reads;

  @Test
  void aPausedImportIsStoredWithItsOriginAndItsPastTime() {
    String id = Ids.newId();
    Instant seedTime = NOW.minus(Duration.ofDays(2));

    CampaignDocument created =
        campaigns.create(
            NewCampaign.imported(
                id,
                settings(),
                CampaignStatus.PAUSED,
                seedTime,
                new NewCampaign.Author("seed-user", "cutover"),
                new CampaignImport("seed:plivoCampaign/abc", "was running in the old service"),
                NOW));

    Document raw = mongo.findById(new ObjectId(id), Document.class, CampaignFields.COLLECTION);
    assertThat(raw.getString(CampaignFields.STATUS)).isEqualTo("paused");
    assertThat(raw.get(CampaignFields.IMPORTED))
        .isEqualTo(
            new Document(CampaignFields.IMPORTED_SOURCE, "seed:plivoCampaign/abc")
                .append(CampaignFields.IMPORTED_NOTE, "was running in the old service"));
    assertThat(created.status()).isEqualTo(CampaignStatus.PAUSED);
    assertThat(created.scheduledTime()).isEqualTo(seedTime);
    assertThat(created.scheduledBy()).isEqualTo("seed-user");
    assertThat(created.createdBy()).isEqualTo("cutover");
    assertThat(created.startedAt()).isNull();
    assertThat(created.imported())
        .isEqualTo(new CampaignImport("seed:plivoCampaign/abc", "was running in the old service"));
    assertThat(reads.find(id)).contains(created);
  }

  @Test
  void aCampaignCreatedHereHasNoImportField() {
    String id = Ids.newId();
    campaigns.create(
        NewCampaign.scheduled(
            id, settings(), NOW.plusSeconds(60), new NewCampaign.Author("a", "a"), NOW));

    Document raw = mongo.findById(new ObjectId(id), Document.class, CampaignFields.COLLECTION);
    assertThat(raw).doesNotContainKey(CampaignFields.IMPORTED);
    assertThat(reads.find(id).orElseThrow().imported()).isNull();
  }

  @Test
  void aPausedImportResumesLikeAnyPausedCampaignAndIsThenHandedToAWorker() {
    String id = Ids.newId();
    campaigns.create(
        NewCampaign.imported(
            id,
            settings(),
            CampaignStatus.PAUSED,
            NOW.minusSeconds(3600),
            new NewCampaign.Author("seed-user", "cutover"),
            new CampaignImport("seed:plivoCampaign/def", null),
            NOW));

    assertThat(campaigns.resume(id, CLIENT, NOW, NOW)).isPresent();

    // never dispatched here: the dispatcher finds it released until now, with no dispatch to fence
    assertThat(reads.unowned(Recoverability.RELEASED, NOW, Duration.ofMinutes(2), 100))
        .contains(new UnownedCampaign(id, null));
    assertThat(
            campaigns.recover(
                id, null, Recoverability.RELEASED, NOW.plusSeconds(1), Duration.ofMinutes(2)))
        .isPresent();
    assertThat(reads.find(id).orElseThrow().dispatchId()).isNotNull();
  }

  @Test
  void aScheduledImportIsClaimedWhenDue() {
    String id = Ids.newId();
    campaigns.create(
        NewCampaign.imported(
            id,
            settings(),
            CampaignStatus.SCHEDULED,
            NOW.plusSeconds(30),
            new NewCampaign.Author("seed-user", "cutover"),
            new CampaignImport("seed:plivoCampaign/ghi", null),
            NOW));

    assertThat(campaigns.claimDue(id, NOW)).isEmpty();
    assertThat(campaigns.claimDue(id, NOW.plusSeconds(30))).isPresent();
  }

  @ParameterizedTest
  @EnumSource(
      value = CampaignStatus.class,
      names = {"COMPLETED", "CANCELLED", "FAILED"})
  void aFinishedImportNeverMovesAgain(CampaignStatus finished) {
    String id = Ids.newId();
    campaigns.create(
        NewCampaign.imported(
            id,
            settings(),
            finished,
            NOW.minusSeconds(3600),
            new NewCampaign.Author("seed-user", "cutover"),
            new CampaignImport("seed:plivoCampaign/" + finished.wire(), null),
            NOW));

    assertThat(campaigns.resume(id, CLIENT, NOW, NOW)).isEmpty();
    assertThat(campaigns.cancel(id, CLIENT, NOW)).isEmpty();
    assertThat(campaigns.claimDue(id, NOW)).isEmpty();
    assertThat(reads.find(id).orElseThrow().status()).isEqualTo(finished);
  }

  @Test
  void nothingIsImportedRunning() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                NewCampaign.imported(
                    Ids.newId(),
                    settings(),
                    CampaignStatus.RUNNING,
                    NOW,
                    new NewCampaign.Author("seed-user", "cutover"),
                    new CampaignImport("seed:plivoCampaign/jkl", null),
                    NOW))
        .withMessageContaining("running");
  }

  private static CampaignSettings settings() {
    return new CampaignSettings(
        CLIENT,
        "Imported",
        "list-1",
        "+918035735659",
        "wss://bot.example.com/socket",
        null,
        null,
        null,
        null,
        null,
        null);
  }
}
