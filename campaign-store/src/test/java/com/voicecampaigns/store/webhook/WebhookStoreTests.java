package com.voicecampaigns.store.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.store.Ids;
import com.voicecampaigns.store.StoreTestBase;
import com.voicecampaigns.store.campaign.CampaignDocument;
import com.voicecampaigns.store.webhook.WebhookDeliveries.Claimed;
import com.voicecampaigns.store.webhook.WebhookDeliveryDocument.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The webhook collections: events and deliveries recorded once however often they are recorded,
 * deliveries claimed under a lease that fences their outcome, and watermarks that read every change
 * in (time, id) order and never move back.
 */
class WebhookStoreTests extends StoreTestBase {

  static final Instant NOW = Instant.parse("2030-05-06T09:00:00Z");

  @Autowired WebhookOutbox outbox;
  @Autowired WebhookDeliveries deliveries;
  @Autowired WebhookEndpointStore endpoints;
  @Autowired WebhookSources sources;

  @BeforeEach
  void noDeliveriesOfOtherTests() {
    // claims take any tenant's due delivery; the test methods of this class run one at a time
    mongo.remove(new Query(), WebhookDeliveryDocument.class);
  }

  @Test
  void recordsAnEventAndItsDeliveriesOnceHoweverOftenItIsRecorded() {
    var a = endpoint("tenant-" + UUID.randomUUID());
    var b = endpoint(a.clientId());
    var event = event("evt_" + UUID.randomUUID() + "_started", a.clientId());

    assertThat(outbox.record(event, List.of(a, b), NOW)).isEqualTo(2);
    assertThat(outbox.record(event, List.of(a, b), NOW.plusSeconds(5))).isZero();

    assertThat(outbox.exists(event.id())).isTrue();
    assertThat(deliveries.count(a.id(), null)).isEqualTo(1);
    assertThat(deliveries.count(b.id(), Status.PENDING)).isEqualTo(1);
    assertThat(deliveries.page(a.id(), null, 0, 10).get(0).eventId()).isEqualTo(event.id());
  }

  @Test
  void deliveriesWrittenBeforeADeathAreKeptAndTheRestQueuedWhenTheEventIsRecordedAgain() {
    var a = endpoint("tenant-" + UUID.randomUUID());
    var b = endpoint(a.clientId());
    var event = event("evt_" + UUID.randomUUID() + "_answered", a.clientId());
    // as if the writer died after the first delivery: no event, one delivery
    outbox.record(event, List.of(a), NOW);
    mongo.remove(new Query(Criteria.where("_id").is(event.id())), WebhookEventDocument.class);

    assertThat(outbox.exists(event.id())).isFalse();
    assertThat(outbox.record(event, List.of(a, b), NOW)).isEqualTo(1);
    assertThat(outbox.exists(event.id())).isTrue();
    assertThat(deliveries.count(a.id(), null) + deliveries.count(b.id(), null)).isEqualTo(2);
  }

  @Test
  void concurrentClaimersNeverHoldTheSameDelivery() throws Exception {
    var endpoint = endpoint("tenant-" + UUID.randomUUID());
    Instant due = NOW.plus(Duration.ofDays(400)); // later than every other test's deliveries
    for (int i = 0; i < 60; i++) {
      outbox.record(
          event("evt_" + UUID.randomUUID() + "_x", endpoint.clientId()), List.of(endpoint), due);
    }
    Set<String> claimed = ConcurrentHashMap.newKeySet();
    List<String> duplicates = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> claimers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        claimers.add(
            pool.submit(
                () -> {
                  Optional<Claimed> next;
                  while ((next = deliveries.claimDue(due, due.plusSeconds(60))).isPresent()) {
                    if (!claimed.add(next.get().delivery().id())) {
                      synchronized (duplicates) {
                        duplicates.add(next.get().delivery().id());
                      }
                    }
                  }
                }));
      }
      for (Future<?> claimer : claimers) {
        claimer.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(duplicates).isEmpty();
    assertThat(claimed).hasSize(60);
  }

  @Test
  void aClaimSkipsTheCampaignsItsSenderIsBusyWith() {
    var endpoint = endpoint("tenant-" + UUID.randomUUID());
    Instant due = NOW.plus(Duration.ofDays(600));
    var first = event("evt_" + UUID.randomUUID() + "_paused", endpoint.clientId(), "campaign-a");
    var second = event("evt_" + UUID.randomUUID() + "_resumed", endpoint.clientId(), "campaign-a");
    var other = event("evt_" + UUID.randomUUID() + "_started", endpoint.clientId(), "campaign-b");
    outbox.record(first, List.of(endpoint), due);
    outbox.record(second, List.of(endpoint), due.plusSeconds(1));
    outbox.record(other, List.of(endpoint), due.plusSeconds(2));
    Instant now = due.plusSeconds(5);

    Claimed claimed = deliveries.claimDue(now, now.plusSeconds(60), Set.of()).orElseThrow();
    assertThat(claimed.delivery().eventId()).isEqualTo(first.id());
    Claimed next =
        deliveries.claimDue(now, now.plusSeconds(60), Set.of("campaign-a")).orElseThrow();
    assertThat(next.delivery().eventId()).isEqualTo(other.id());
    assertThat(deliveries.claimDue(now, now.plusSeconds(60), Set.of("campaign-a", "campaign-b")))
        .isEmpty();
    assertThat(deliveries.claimDue(now, now.plusSeconds(60), Set.of("campaign-b")))
        .map(c -> c.delivery().eventId())
        .contains(second.id());
  }

  @Test
  void aLeaseThatExpiredIsTakenOverAndTheOldHoldersOutcomeChangesNothing() {
    var endpoint = endpoint("tenant-" + UUID.randomUUID());
    Instant due = NOW.plus(Duration.ofDays(800));
    outbox.record(
        event("evt_" + UUID.randomUUID() + "_y", endpoint.clientId()), List.of(endpoint), due);
    Claimed first = deliveries.claimDue(due, due.plusSeconds(60)).orElseThrow();

    assertThat(deliveries.claimDue(due.plusSeconds(59), due.plusSeconds(119))).isEmpty();
    Claimed second = deliveries.claimDue(due.plusSeconds(60), due.plusSeconds(120)).orElseThrow();
    assertThat(second.delivery().id()).isEqualTo(first.delivery().id());

    assertThat(deliveries.delivered(first, 200, due.plusSeconds(61))).isFalse();
    assertThat(deliveries.retryAt(second, 500, null, due.plusSeconds(70), due.plusSeconds(61)))
        .isTrue();
    var stored = deliveries.find(first.delivery().id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(Status.PENDING);
    assertThat(stored.attempts()).isEqualTo(1);
    assertThat(stored.lastStatusCode()).isEqualTo(500);
    assertThat(stored.nextAttemptAt()).isEqualTo(due.plusSeconds(70));
    assertThat(stored.leaseToken()).isNull();
  }

  @Test
  void readsChangesPastTheWatermarkInTimeAndIdOrderAcrossTies() {
    Instant base = NOW.plus(Duration.ofDays(3000 + (long) (Math.random() * 1000)));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String id = new ObjectId().toHexString();
      ids.add(id);
      // three share one updatedAt, so a batch boundary falls between equal times
      Instant updatedAt = i < 3 ? base : base.plusMillis(i);
      mongo
          .getCollection(CampaignFields.COLLECTION)
          .insertOne(
              new Document(CampaignFields.ID, new ObjectId(id))
                  .append(CampaignFields.CLIENT_ID, "tenant-watermark")
                  .append(CampaignFields.STATUS, "running")
                  .append(CampaignFields.UPDATED_AT, java.util.Date.from(updatedAt)));
    }
    Instant until = base.plusSeconds(1);
    Watermark from = Watermark.before(base.minusMillis(1));
    List<String> seen = new ArrayList<>();
    WebhookSources.Batch<CampaignDocument> batch;
    while (!(batch = sources.campaigns(from, until, 2)).items().isEmpty()) {
      batch.items().forEach(c -> seen.add(c.id()));
      from = batch.last();
    }
    assertThat(seen).containsExactlyElementsOf(ids);
    assertThat(new HashSet<>(seen)).hasSize(5);
  }

  @Test
  void aDocumentThatCannotBeReadIsSkippedAndTheStreamGoesOn() {
    Instant at = NOW.plus(Duration.ofDays(5000));
    ObjectId malformed = new ObjectId();
    ObjectId fine = new ObjectId();
    for (ObjectId id : List.of(malformed, fine)) {
      mongo
          .getCollection(CampaignFields.COLLECTION)
          .insertOne(
              new Document(CampaignFields.ID, id)
                  .append(CampaignFields.CLIENT_ID, "tenant-malformed")
                  .append(CampaignFields.STATUS, id == malformed ? "no-such-status" : "running")
                  .append(CampaignFields.UPDATED_AT, java.util.Date.from(at)));
    }

    var batch = sources.campaigns(Watermark.before(at.minusMillis(1)), at, 10);

    assertThat(batch.items()).extracting(CampaignDocument::id).containsExactly(fine.toHexString());
    assertThat(batch.last()).isEqualTo(new Watermark(at, fine.toHexString()));
    assertThat(batch.full()).isFalse();
  }

  @Test
  void aWatermarkNeverMovesBack() {
    String name = "test." + UUID.randomUUID();
    assertThat(sources.watermark(name)).isEmpty();
    sources.advance(name, Watermark.before(NOW));
    sources.advance(name, Watermark.before(NOW.minusSeconds(10)));
    assertThat(sources.watermark(name)).contains(Watermark.before(NOW));
    sources.advance(name, new Watermark(NOW.plusSeconds(1), Ids.newId()));
    assertThat(sources.watermark(name).orElseThrow().at()).isEqualTo(NOW.plusSeconds(1));
  }

  @Test
  void disablesAnEndpointOnceWithItsReasonAndCountsItsFailures() {
    var endpoint = endpoint("tenant-" + UUID.randomUUID());
    assertThat(endpoints.failed(endpoint.id(), NOW).orElseThrow().failingSince()).isEqualTo(NOW);
    var twice = endpoints.failed(endpoint.id(), NOW.plusSeconds(5)).orElseThrow();
    assertThat(twice.failingSince()).isEqualTo(NOW);
    assertThat(twice.consecutiveFailures()).isEqualTo(2);

    assertThat(endpoints.disable(endpoint.id(), "gone", NOW)).isTrue();
    assertThat(endpoints.disable(endpoint.id(), "again", NOW)).isFalse();
    var disabled = endpoints.find(endpoint.id(), endpoint.clientId()).orElseThrow();
    assertThat(disabled.enabled()).isFalse();
    assertThat(disabled.disabledReason()).isEqualTo("gone");
    assertThat(endpoints.enabled(endpoint.clientId())).isEmpty();
    assertThat(endpoints.find(endpoint.id(), "another-tenant")).isEmpty();
  }

  private WebhookEndpointDocument endpoint(String clientId) {
    return endpoints.create(
        new WebhookEndpointDocument(
            "ep_" + UUID.randomUUID(),
            clientId,
            "https://hooks.example.com/in",
            List.of("campaign.started"),
            null,
            "whsec_c2VjcmV0",
            "alice",
            NOW,
            true,
            null,
            null,
            null,
            0,
            null));
  }

  private static WebhookEventDocument event(String id, String clientId) {
    return event(id, clientId, "campaign-1");
  }

  private static WebhookEventDocument event(String id, String clientId, String campaignId) {
    return new WebhookEventDocument(
        id, "campaign.started", clientId, campaignId, NOW, "{\"type\":\"campaign.started\"}", NOW);
  }
}
