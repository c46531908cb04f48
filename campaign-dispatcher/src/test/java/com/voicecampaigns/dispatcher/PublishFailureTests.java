package com.voicecampaigns.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.voicecampaigns.dispatcher.support.CampaignStartEvents;
import com.voicecampaigns.dispatcher.support.CampaignStartEvents.Received;
import com.voicecampaigns.model.campaign.CampaignFields;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * A share of the start publications fails (injected at the binder's edge, with a seeded random
 * source): every campaign still gets exactly one start, for its current dispatch, and the ones
 * whose every try failed are re-dispatched by the next tick, not after the start timeout (30 s
 * here; the clock moves one second per tick).
 */
class PublishFailureTests extends DispatcherIntegrationSupport {

  private static final int CAMPAIGNS = 200;

  private double baseline;

  @Test
  void everyCampaignStartsOnceWhenAShareOfPublicationsFails() {
    List<String> ids = campaigns.scheduled(Collections.nCopies(CAMPAIGNS, T0.minusSeconds(1)));
    failingPublications.failShare(0.4, 7);
    baseline = outcomes();
    double givenBackBefore = count("dispatcher.start.given.back");

    int ticks = 0;
    while (ticks < 5 && !everyOneStartedOnce(ids)) {
      ticks++;
      long passesBefore = passes();
      tick();
      // a pass ends once each of its claims is published or given back
      await().atMost(Duration.ofSeconds(30)).until(() -> passes() > passesBefore && settled());
      clock.advance(Duration.ofSeconds(1));
    }

    assertThat(failingPublications.injected()).isGreaterThan(CAMPAIGNS / 4);
    double givenBack = count("dispatcher.start.given.back") - givenBackBefore;
    assertThat(givenBack).isPositive();
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(20))
        .until(() -> starts.received().size() == CAMPAIGNS);
    Map<String, List<Received>> startsById =
        CampaignStartEvents.parse(starts.received()).stream()
            .collect(Collectors.groupingBy(Received::campaignId));
    assertThat(startsById.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    for (String id : ids) {
      Document campaign = campaigns.find(id);
      assertThat(startsById.get(id)).as("starts of %s", id).hasSize(1);
      assertThat(startsById.get(id).get(0).dispatchId())
          .isEqualTo(campaign.getString(CampaignFields.DISPATCH_ID));
      assertThat(campaign.get(CampaignFields.RESUME_AT)).isNull();
    }
    // 40 % failures, three tries each: a few campaigns need the second tick, hardly any a third
    assertThat(ticks).isBetween(2, 3);
    System.out.printf(
        "[publish-failures] %d campaigns, %d sends failed, %.0f claims given back, %d ticks%n",
        CAMPAIGNS, failingPublications.injected(), givenBack, ticks);
  }

  private boolean everyOneStartedOnce(List<String> ids) {
    return CampaignStartEvents.parse(starts.received()).stream()
            .map(Received::campaignId)
            .distinct()
            .count()
        == ids.size();
  }

  private long passes() {
    var pass = meters.find("dispatcher.pass").timer();
    return pass == null ? 0 : pass.count();
  }

  /** No claim or recovery of this test waits for its publication's outcome any more. */
  private boolean settled() {
    return outcomes() - baseline == 0;
  }

  /** Publication outcomes minus publications begun (tick claims and recoveries of releases). */
  private double outcomes() {
    return count("dispatcher.start.published")
        + count("dispatcher.start.given.back")
        - count("dispatcher.campaigns.started", "trigger", "tick")
        - count("dispatcher.campaigns.recovered", "reason", "released");
  }
}
