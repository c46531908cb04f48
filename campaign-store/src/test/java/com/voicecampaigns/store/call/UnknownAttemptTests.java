package com.voicecampaigns.store.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.voicecampaigns.model.call.CallFields;
import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.store.StoreTestBase;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code unknown} attempts: when they became unknown, how long they keep their campaign open, and
 * an operator's redial, which is a new attempt, made once per unknown attempt.
 */
class UnknownAttemptTests extends StoreTestBase {

  static final Instant NOW = Instant.parse("2030-05-06T09:00:00Z");

  @Autowired CallAttemptStore attempts;
  @Autowired CallAttemptReads reads;
  @Autowired CallAttemptRedials redials;

  @Test
  void anAttemptMarkedUnknownRecordsWhenAndKeepsItsCampaignOpenFromThenOn() {
    String campaignId = new ObjectId().toHexString();
    CallAttemptDocument attempt = dialing(campaignId);

    assertThat(attempts.markUnknown(attempt.id(), "Plivo answered 504", NOW)).isPresent();

    CallAttemptDocument unknown = reads.find(attempt.id()).orElseThrow();
    assertThat(unknown.status()).isEqualTo(CallStatus.UNKNOWN);
    assertThat(unknown.unknownSince()).isEqualTo(NOW);
    assertThat(unknown.error()).isEqualTo("Plivo answered 504");
    assertThat(reads.countOpen(campaignId, NOW)).isEqualTo(1);
    assertThat(reads.countOpen(campaignId, NOW.minusSeconds(60))).isEqualTo(1);
    assertThat(reads.countOpen(campaignId, NOW.plusMillis(1))).isZero();
  }

  @Test
  void aRedialIsANewPendingAttemptAndEachUnknownAttemptIsRedialledOnce() {
    String campaignId = new ObjectId().toHexString();
    CallAttemptDocument unknown = unknown(campaignId);
    CallAttemptDocument other = unknown(campaignId);
    assertThat(redials.unknownNotRedialed(campaignId, 10))
        .extracting(CallAttemptDocument::id)
        .containsExactlyInAnyOrder(unknown.id(), other.id());

    CallAttemptDocument redial = redials.redial(unknown, NOW.plusSeconds(60)).orElseThrow();

    assertThat(redial.id()).isNotEqualTo(unknown.id());
    assertThat(redial.contactId()).isEqualTo(unknown.contactId());
    assertThat(redial.attempt()).isEqualTo(unknown.attempt() + 1);
    assertThat(redial.status()).isEqualTo(CallStatus.PENDING);
    assertThat(redial.notBefore()).isEqualTo(NOW.plusSeconds(60));
    assertThat(redial.requestUuid()).isNull();
    CallAttemptDocument old = reads.find(unknown.id()).orElseThrow();
    assertThat(old.status()).isEqualTo(CallStatus.UNKNOWN);
    assertThat(old.redialedAs()).isEqualTo(redial.id());
    assertThat(redials.unknownNotRedialed(campaignId, 10))
        .extracting(CallAttemptDocument::id)
        .containsExactly(other.id());
    // again, with the stale copy or the stored one: nothing more
    assertThat(redials.redial(unknown, NOW.plusSeconds(61))).isEmpty();
    assertThat(redials.redial(old, NOW.plusSeconds(61))).isEmpty();
    assertThat(reads.count(campaignId, null)).isEqualTo(3);
  }

  @Test
  void anAttemptReconciledWhileItIsRedialledKeepsNoRedial() {
    String campaignId = new ObjectId().toHexString();
    CallAttemptDocument unknown = unknown(campaignId);
    // a late ring callback reconciles it after the operator's listing was read
    assertThat(attempts.ring(unknown.id(), "request-1")).isPresent();

    assertThat(redials.redial(unknown, NOW)).isEmpty();

    assertThat(reads.find(unknown.id()).orElseThrow().redialedAs()).isNull();
    List<CallAttemptDocument> all = reads.page(campaignId, null, 0, 10);
    assertThat(all).hasSize(2);
    assertThat(all)
        .filteredOn(call -> call.attempt() == 2)
        .singleElement()
        .satisfies(call -> assertThat(call.status()).isEqualTo(CallStatus.CANCELLED));
    assertThat(reads.count(campaignId, CallStatus.PENDING)).isZero();
  }

  @Test
  void anUnknownAttemptWhoseContactHasALaterAttemptIsMarkedWithItAndNotRedialled() {
    String campaignId = new ObjectId().toHexString();
    CallAttemptDocument unknown = unknown(campaignId);
    CallAttemptDocument later = unknown.retry(NOW, NOW);
    assertThat(attempts.insert(later)).isTrue();

    assertThat(redials.redial(unknown, NOW)).isEmpty();

    assertThat(reads.find(unknown.id()).orElseThrow().redialedAs()).isEqualTo(later.id());
    assertThat(redials.unknownNotRedialed(campaignId, 10)).isEmpty();
    assertThat(reads.count(campaignId, null)).isEqualTo(2);
  }

  @Test
  void onlyUnknownAttemptsAreRedialled() {
    String campaignId = new ObjectId().toHexString();
    CallAttemptDocument dialing = dialing(campaignId);

    assertThat(redials.redial(dialing, NOW)).isEmpty();
    assertThat(reads.count(campaignId, null)).isEqualTo(1);
  }

  private CallAttemptDocument unknown(String campaignId) {
    CallAttemptDocument attempt = dialing(campaignId);
    attempts.markUnknown(attempt.id(), "timed out", NOW);
    return reads.find(attempt.id()).orElseThrow();
  }

  private CallAttemptDocument dialing(String campaignId) {
    CallTarget target =
        new CallTarget(
            campaignId,
            "client-1",
            new ObjectId().toHexString(),
            "+14155550100",
            "+918035735659",
            null);
    CallAttemptDocument attempt =
        CallAttemptDocument.first(
            target, CallAttemptDocument.Start.pendingUntil(NOW.minusSeconds(1)), NOW);
    assertThat(attempts.insert(attempt)).isTrue();
    mongo
        .getCollection(CallFields.COLLECTION)
        .updateOne(
            new Document(CallFields.ID, new ObjectId(attempt.id())),
            new Document("$set", new Document(CallFields.STATUS, CallStatus.DIALING.wire())));
    return reads.find(attempt.id()).orElseThrow();
  }
}
