package com.voicecampaigns.store.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.voicecampaigns.model.campaign.CampaignFields;
import com.voicecampaigns.store.Ids;
import com.voicecampaigns.store.StoreTestBase;
import com.voicecampaigns.store.campaign.NewCampaign.CampaignSettings;
import java.time.Instant;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A campaign's insert is its idempotency claim's: one campaign per claim, until it is retired. */
class IdempotencyClaimsTests extends StoreTestBase {

  static final Instant NOW = Instant.parse("2030-05-06T09:00:00Z");

  @Autowired IdempotencyClaims claims;
  @Autowired CampaignStore campaigns;

  @Test
  void theFirstInsertWithAClaimWinsAndASecondWritesNothing() {
    var claim = new IdempotencyClaim(uniqueClaim(), "hash-1");
    NewCampaign first = campaign().claiming(claim);
    NewCampaign second = campaign().claiming(claim);

    assertThat(claims.create(first))
        .hasValueSatisfying(
            stored -> {
              assertThat(stored.id()).isEqualTo(first.id());
              assertThat(stored.idempotencyClaim()).isEqualTo(claim.claim());
              assertThat(stored.requestHash()).isEqualTo("hash-1");
            });
    assertThat(claims.create(second)).isEmpty();

    assertThat(mongo.findById(new ObjectId(second.id()), Document.class, CampaignFields.COLLECTION))
        .isNull();
    assertThat(claims.holder(claim.claim())).map(CampaignDocument::id).contains(first.id());
  }

  @Test
  void campaignsWithoutAClaimDoNotCollide() {
    campaigns.create(campaign());
    campaigns.create(campaign());

    assertThat(claims.holder(uniqueClaim())).isEmpty();
  }

  @Test
  void aRetiredClaimCanBeTakenByANewCampaignAndTheOldOneKeepsTheRest() {
    var claim = new IdempotencyClaim(uniqueClaim(), "hash-1");
    NewCampaign old = campaign().claiming(claim);
    claims.create(old);

    assertThat(claims.retire(old.id(), claim.claim())).isTrue();
    assertThat(claims.retire(old.id(), claim.claim())).as("retired already").isFalse();
    NewCampaign renewed = campaign().claiming(new IdempotencyClaim(claim.claim(), "hash-2"));

    assertThat(claims.create(renewed)).isPresent();
    assertThat(claims.holder(claim.claim())).map(CampaignDocument::id).contains(renewed.id());
    Document oldRaw =
        mongo.findById(new ObjectId(old.id()), Document.class, CampaignFields.COLLECTION);
    assertThat(oldRaw).doesNotContainKey(CampaignFields.IDEMPOTENCY_CLAIM);
    assertThat(oldRaw.getString(CampaignFields.REQUEST_HASH)).isEqualTo("hash-1");
    assertThat(oldRaw.getString(CampaignFields.STATUS)).isEqualTo("scheduled");
  }

  @Test
  void retiringAnotherCampaignsClaimMatchesNothing() {
    var claim = new IdempotencyClaim(uniqueClaim(), "hash-1");
    NewCampaign holder = campaign().claiming(claim);
    claims.create(holder);

    assertThat(claims.retire(Ids.newId(), claim.claim())).isFalse();
    assertThat(claims.retire(holder.id(), uniqueClaim())).isFalse();
    assertThat(claims.holder(claim.claim())).map(CampaignDocument::id).contains(holder.id());
  }

  private static String uniqueClaim() {
    return "6:tenant:" + UUID.randomUUID();
  }

  private static NewCampaign campaign() {
    return NewCampaign.scheduled(
        Ids.newId(),
        new CampaignSettings(
            "tenant",
            "Morning",
            Ids.newId(),
            "+918035735659",
            "wss://bot.example.com/socket",
            null,
            null,
            null,
            null,
            null,
            null),
        NOW,
        new NewCampaign.Author("alice", "alice"),
        NOW);
  }
}
