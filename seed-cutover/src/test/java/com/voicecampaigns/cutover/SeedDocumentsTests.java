package com.voicecampaigns.cutover;

import static org.assertj.core.api.Assertions.assertThat;

import com.voicecampaigns.model.campaign.CampaignStatus;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/** The seed's loose documents: what is read, and every reason one is refused. */
class SeedDocumentsTests {

  private static final ObjectId ID = new ObjectId("64f0c2a1b2c3d4e5f6071900");

  static Document valid() {
    return new Document("_id", ID)
        .append("campaignName", " Morning Outreach ")
        .append("listId", new ObjectId("67aaaaaaaaaaaaaaaaaaaaaa"))
        .append("fromNumber", "+918035735659")
        .append("wssUrl", "wss://bot.example.com/socket")
        .append("clientId", "66bbbbbbbbbbbbbbbbbbbbbb")
        .append("status", "scheduled")
        .append("scheduledTime", Date.from(Instant.parse("2030-10-02T09:00:00Z")))
        .append("scheduledBy", "alice")
        .append("heartbeat", null)
        .append("containerId", null);
  }

  @Test
  void readsADocumentAsTheOldServiceWroteIt() {
    SeedDocuments.Parsed parsed = SeedDocuments.parse(valid());

    assertThat(parsed).isInstanceOf(SeedDocuments.Readable.class);
    SeedCampaign campaign = ((SeedDocuments.Readable) parsed).campaign();
    assertThat(campaign.id()).isEqualTo("64f0c2a1b2c3d4e5f6071900");
    assertThat(campaign.name()).isEqualTo("Morning Outreach");
    assertThat(campaign.listId()).isEqualTo("67aaaaaaaaaaaaaaaaaaaaaa");
    assertThat(campaign.clientId()).isEqualTo("66bbbbbbbbbbbbbbbbbbbbbb");
    assertThat(campaign.status()).isEqualTo(CampaignStatus.SCHEDULED);
    assertThat(campaign.scheduledTime()).isEqualTo(Instant.parse("2030-10-02T09:00:00Z"));
    assertThat(campaign.scheduledBy()).isEqualTo("alice");
    assertThat(campaign.heartbeat()).isNull();
    assertThat(campaign.createdAt()).isEqualTo(ID.getDate().toInstant());
    assertThat(campaign.source()).isEqualTo("seed:plivoCampaign/64f0c2a1b2c3d4e5f6071900");
    assertThat(campaign.idempotencyKey()).isEqualTo("seed-plivoCampaign-64f0c2a1b2c3d4e5f6071900");
  }

  @Test
  void takesTimesAsIsoTextAndStatusesInAnyCase() {
    Document document =
        valid()
            .append("_id", "camp-7")
            .append("status", "Running")
            .append("scheduledTime", "2030-10-02T11:00:00+02:00")
            .append("heartbeat", "2030-10-02T09:05:00Z")
            .append("containerId", 42);

    SeedCampaign campaign = ((SeedDocuments.Readable) SeedDocuments.parse(document)).campaign();

    assertThat(campaign.id()).isEqualTo("camp-7");
    assertThat(campaign.status()).isEqualTo(CampaignStatus.RUNNING);
    assertThat(campaign.scheduledTime()).isEqualTo(Instant.parse("2030-10-02T09:00:00Z"));
    assertThat(campaign.heartbeat()).isEqualTo(Instant.parse("2030-10-02T09:05:00Z"));
    assertThat(campaign.containerId()).isEqualTo("42");
    assertThat(campaign.createdAt()).isNull();
  }

  @Test
  void refusesADocumentWithEveryReasonAtOnce() {
    Document document =
        new Document("_id", new Document("nested", 1))
            .append("listId", 12345)
            .append("fromNumber", "")
            .append("wssUrl", List.of("wss://a"))
            .append("clientId", "acme")
            .append("status", "archived")
            .append("scheduledTime", "tomorrow morning");

    SeedDocuments.Parsed parsed = SeedDocuments.parse(document);

    assertThat(parsed).isInstanceOf(SeedDocuments.Unreadable.class);
    assertThat(((SeedDocuments.Unreadable) parsed).reasons())
        .containsExactly(
            "_id is a document, not an ObjectId, text or a number",
            "campaignName is missing",
            "listId is a number, not text",
            "fromNumber is missing",
            "wssUrl is a list, not text",
            "status 'archived' is none of the seed's statuses",
            "scheduledTime 'tomorrow morning' is not an ISO 8601 time with an offset");
  }

  @Test
  void refusesAnOverlongIdAndAScheduledTimeOfTheWrongType() {
    Document document = valid().append("_id", "x".repeat(151)).append("scheduledTime", 1700000000);

    SeedDocuments.Parsed parsed = SeedDocuments.parse(document);

    assertThat(((SeedDocuments.Unreadable) parsed).reasons())
        .containsExactly(
            "_id is longer than 150 characters", "scheduledTime is a number, not a date");
  }

  @Test
  void anUnreadableHeartbeatIsNoReasonToRefuse() {
    Document document = valid().append("heartbeat", "not a time");

    assertThat(SeedDocuments.parse(document)).isInstanceOf(SeedDocuments.Readable.class);
  }
}
