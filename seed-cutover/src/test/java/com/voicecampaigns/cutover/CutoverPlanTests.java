package com.voicecampaigns.cutover;

import static org.assertj.core.api.Assertions.assertThat;

import com.voicecampaigns.model.campaign.CampaignStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What each status of the old service becomes here. */
class CutoverPlanTests {

  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  private static SeedCampaign seed(
      CampaignStatus status, Instant scheduledTime, Instant heartbeat) {
    return new SeedCampaign(
        "s1",
        "Outreach",
        "list-1",
        "+918035735659",
        "wss://bot.example.com/socket",
        "acme",
        status,
        scheduledTime,
        "alice",
        heartbeat,
        heartbeat == null ? null : "container-9",
        NOW.minus(Duration.ofDays(10)));
  }

  @Test
  void aScheduledCampaignDueLaterStaysScheduledAtItsTime() {
    Instant later = NOW.plus(Duration.ofHours(3));

    CutoverPlan plan = CutoverPlan.of(seed(CampaignStatus.SCHEDULED, later, null), NOW, false);

    assertThat(plan)
        .isEqualTo(
            new CutoverPlan.Import(
                seed(CampaignStatus.SCHEDULED, later, null),
                CampaignStatus.SCHEDULED,
                later,
                null));
  }

  @Test
  void aScheduledCampaignDueWithinTheLeadOrPastIsImportedPausedWithANote() {
    for (Instant time : new Instant[] {NOW.plus(CutoverPlan.LEAD), NOW.minusSeconds(3600)}) {
      CutoverPlan plan = CutoverPlan.of(seed(CampaignStatus.SCHEDULED, time, null), NOW, false);

      assertThat(plan).isInstanceOf(CutoverPlan.Import.class);
      CutoverPlan.Import imported = (CutoverPlan.Import) plan;
      assertThat(imported.status()).isEqualTo(CampaignStatus.PAUSED);
      assertThat(imported.time()).isEqualTo(time);
      assertThat(imported.note())
          .isEqualTo(
              "Scheduled for "
                  + time
                  + " in the old service, which had not started it by the cut-over: imported"
                  + " paused. Resume it to start it now, or cancel it.");
    }
  }

  @Test
  void aScheduledCampaignWithoutATimeIsRefused() {
    CutoverPlan plan = CutoverPlan.of(seed(CampaignStatus.SCHEDULED, null, null), NOW, false);

    assertThat(plan).isInstanceOf(CutoverPlan.Refuse.class);
    assertThat(((CutoverPlan.Refuse) plan).reason())
        .isEqualTo("status scheduled without a scheduledTime");
  }

  @Test
  void aRunningCampaignIsImportedPausedSayingWhereItRan() {
    Instant heartbeat = NOW.minusSeconds(600);

    CutoverPlan.Import plan =
        (CutoverPlan.Import)
            CutoverPlan.of(seed(CampaignStatus.RUNNING, null, heartbeat), NOW, false);

    assertThat(plan.status()).isEqualTo(CampaignStatus.PAUSED);
    assertThat(plan.time()).isEqualTo(NOW.minus(Duration.ofDays(10)));
    assertThat(plan.note())
        .startsWith(
            "Running in the old service at the cut-over in container container-9, last heartbeat "
                + heartbeat
                + "; imported paused so that nothing is dialled twice.")
        .endsWith(CutoverPlan.WHOLE_LIST_AGAIN);
  }

  @Test
  void aPausedCampaignStaysPausedAtItsTime() {
    Instant past = NOW.minus(Duration.ofDays(2));

    CutoverPlan.Import plan =
        (CutoverPlan.Import) CutoverPlan.of(seed(CampaignStatus.PAUSED, past, null), NOW, false);

    assertThat(plan.status()).isEqualTo(CampaignStatus.PAUSED);
    assertThat(plan.time()).isEqualTo(past);
    assertThat(plan.note()).startsWith("Paused in the old service at the cut-over.");
  }

  @Test
  void finishedCampaignsAreSkippedUnlessAskedForThenImportedAsTheyEnded() {
    for (CampaignStatus finished :
        new CampaignStatus[] {
          CampaignStatus.COMPLETED, CampaignStatus.CANCELLED, CampaignStatus.FAILED
        }) {
      Instant past = NOW.minus(Duration.ofDays(2));

      CutoverPlan skipped = CutoverPlan.of(seed(finished, past, null), NOW, false);
      CutoverPlan included = CutoverPlan.of(seed(finished, past, null), NOW, true);

      assertThat(skipped).isInstanceOf(CutoverPlan.Skip.class);
      assertThat(((CutoverPlan.Skip) skipped).reason())
          .isEqualTo(finished.wire() + ", finished (--include-finished imports it)");
      assertThat(((CutoverPlan.Import) included).status()).isEqualTo(finished);
      assertThat(((CutoverPlan.Import) included).time()).isEqualTo(past);
    }
  }
}
