package com.voicecampaigns.store.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import com.voicecampaigns.store.StoreTestBase;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The running campaigns' rate demands, shared by every worker of an account. */
class RateDemandsTests extends StoreTestBase {

  static final Instant T0 = Instant.parse("2030-05-06T09:00:00Z");

  @Autowired RateDemands demands;

  @Test
  void everyWorkerReadsTheLiveDemandsOfItsAccountOnly() {
    String account = account();
    demands.publish(
        List.of(
            new RateDemand("c1", account, "w1", 1, 5, T0.plusSeconds(2)),
            new RateDemand("c2", account, "w2", 2, 0, T0.plusSeconds(2)),
            new RateDemand("c3", account, "w2", 1, 3, T0.minusMillis(1)),
            new RateDemand("c4", account(), "w3", 1, 9, T0.plusSeconds(2))));

    assertThat(demands.live(account, T0))
        .containsExactlyInAnyOrder(
            new RateDemand("c1", account, "w1", 1, 5, T0.plusSeconds(2)),
            new RateDemand("c2", account, "w2", 2, 0, T0.plusSeconds(2)));
  }

  @Test
  void aNewDemandReplacesTheCampaignsLastOneWhoeverWroteIt() {
    String account = account();
    String campaign = "c-" + UUID.randomUUID();
    demands.publish(List.of(new RateDemand(campaign, account, "w1", 1, 5, T0.plusSeconds(2))));
    demands.publish(List.of(new RateDemand(campaign, account, "w2", 1, 2, T0.plusSeconds(3))));

    assertThat(demands.live(account, T0))
        .containsExactly(new RateDemand(campaign, account, "w2", 1, 2, T0.plusSeconds(3)));
  }

  @Test
  void aCampaignIdThatLooksLikeAnObjectIdReadsBackAsTheSameText() {
    String account = account();
    String campaign = new org.bson.types.ObjectId().toHexString();
    demands.publish(List.of(new RateDemand(campaign, account, "w1", 1, 5, T0.plusSeconds(2))));

    assertThat(demands.live(account, T0))
        .extracting(RateDemand::campaignId)
        .containsExactly(campaign);
    demands.withdraw(campaign, "w1");
    assertThat(demands.live(account, T0)).isEmpty();
  }

  @Test
  void aWorkerWithdrawsOnlyADemandItWrote() {
    String account = account();
    String campaign = "c-" + UUID.randomUUID();
    demands.publish(List.of(new RateDemand(campaign, account, "w2", 1, 2, T0.plusSeconds(3))));

    demands.withdraw(campaign, "w1"); // the campaign's earlier worker, stopping late
    assertThat(demands.live(account, T0)).hasSize(1);
    demands.withdraw(campaign, "w2");
    assertThat(demands.live(account, T0)).isEmpty();
  }

  @Test
  void expiredDemandsArePurged() {
    String account = account();
    demands.publish(
        List.of(
            new RateDemand("old-" + UUID.randomUUID(), account, "w1", 1, 1, T0.minusSeconds(60)),
            new RateDemand("new-" + UUID.randomUUID(), account, "w1", 1, 1, T0.plusSeconds(60))));

    assertThat(demands.purgeExpired(T0)).isGreaterThanOrEqualTo(1);
    assertThat(demands.live(account, T0.minusSeconds(120))).hasSize(1);
  }

  private static String account() {
    return "test-account:" + UUID.randomUUID();
  }
}
