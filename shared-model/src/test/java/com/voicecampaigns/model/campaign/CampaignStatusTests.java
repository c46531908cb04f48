package com.voicecampaigns.model.campaign;

import static com.voicecampaigns.model.campaign.CampaignStatus.CANCELLED;
import static com.voicecampaigns.model.campaign.CampaignStatus.COMPLETED;
import static com.voicecampaigns.model.campaign.CampaignStatus.FAILED;
import static com.voicecampaigns.model.campaign.CampaignStatus.PAUSED;
import static com.voicecampaigns.model.campaign.CampaignStatus.RUNNING;
import static com.voicecampaigns.model.campaign.CampaignStatus.SCHEDULED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class CampaignStatusTests {

  @Test
  void followsTheSeedsRulesForCancelPauseAndResume() {
    assertThat(CampaignStatus.sourcesOf(CANCELLED))
        .containsExactlyInAnyOrder(SCHEDULED, RUNNING, PAUSED);
    assertThat(CampaignStatus.sourcesOf(PAUSED)).containsExactly(RUNNING);
    assertThat(PAUSED.canMoveTo(RUNNING)).isTrue();
    assertThat(SCHEDULED.canMoveTo(PAUSED)).isFalse();
  }

  @Test
  void anUnfinishedCampaignCompletesAndOnlyAScheduledOrRunningOneFails() {
    // running: nothing left to dial; scheduled or paused: its end time passed
    assertThat(CampaignStatus.sourcesOf(COMPLETED))
        .containsExactlyInAnyOrder(SCHEDULED, RUNNING, PAUSED);
    // scheduled → failed: the API's campaign whose list was deleted while it was created
    assertThat(CampaignStatus.sourcesOf(FAILED)).containsExactlyInAnyOrder(SCHEDULED, RUNNING);
    assertThat(PAUSED.canMoveTo(FAILED)).isFalse();
  }

  @Test
  void finishedCampaignsNeverChange() {
    for (CampaignStatus finished : EnumSet.of(COMPLETED, CANCELLED, FAILED)) {
      assertThat(finished.isFinished()).isTrue();
      for (CampaignStatus target : CampaignStatus.values()) {
        assertThat(finished.canMoveTo(target)).as(finished + " → " + target).isFalse();
      }
    }
  }

  @Test
  void readsAndWritesTheSeedsSpelling() {
    assertThat(SCHEDULED.wire()).isEqualTo("scheduled");
    assertThat(CampaignStatus.fromWire("cancelled")).isEqualTo(CANCELLED);
    assertThatIllegalArgumentException().isThrownBy(() -> CampaignStatus.fromWire("done"));
  }

  @Test
  void aCampaignIsCreatedInAnyStatusButRunning() {
    assertThat(EnumSet.allOf(CampaignStatus.class).stream().filter(CampaignStatus::isInitial))
        .containsExactlyInAnyOrder(SCHEDULED, PAUSED, COMPLETED, CANCELLED, FAILED);
  }
}
