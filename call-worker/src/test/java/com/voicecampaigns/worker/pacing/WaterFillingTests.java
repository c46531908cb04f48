package com.voicecampaigns.worker.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.voicecampaigns.worker.pacing.WaterFilling.Claim;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WaterFillingTests {

  static final double INF = Double.POSITIVE_INFINITY;

  @Test
  void campaignsThatCanUseMoreSplitTheCapacityEvenly() {
    Map<String, Double> shares =
        WaterFilling.shares(10, List.of(new Claim("a", 1, INF), new Claim("b", 1, INF)));

    assertThat(shares.get("a")).isCloseTo(5, within(1e-9));
    assertThat(shares.get("b")).isCloseTo(5, within(1e-9));
  }

  @Test
  void aCampaignHeldBackByItsOwnLimitLeavesTheRestToTheOthers() {
    Map<String, Double> shares =
        WaterFilling.shares(
            10, List.of(new Claim("slow", 1, 1), new Claim("b", 1, INF), new Claim("c", 1, INF)));

    assertThat(shares.get("slow")).isCloseTo(1, within(1e-9));
    assertThat(shares.get("b")).isCloseTo(4.5, within(1e-9));
    assertThat(shares.get("c")).isCloseTo(4.5, within(1e-9));
  }

  @Test
  void anIdleCampaignGetsNothingAndAllDemandsBelowTheCapacityAreMet() {
    Map<String, Double> shares =
        WaterFilling.shares(
            10, List.of(new Claim("idle", 1, 0), new Claim("b", 1, 2), new Claim("c", 1, 3)));

    assertThat(shares).containsEntry("idle", 0d).containsEntry("b", 2d).containsEntry("c", 3d);
  }

  @Test
  void aTenantOfWeightTwoGetsTwiceTheShare() {
    Map<String, Double> shares =
        WaterFilling.shares(9, List.of(new Claim("heavy", 2, INF), new Claim("light", 1, INF)));

    assertThat(shares.get("heavy")).isCloseTo(6, within(1e-9));
    assertThat(shares.get("light")).isCloseTo(3, within(1e-9));
  }

  @Test
  void withoutALimitEveryClaimGetsItsDemand() {
    assertThat(WaterFilling.shares(INF, List.of(new Claim("a", 1, 3), new Claim("b", 1, INF))))
        .containsEntry("a", 3d)
        .containsEntry("b", INF);
  }

  @Test
  void aClaimNeedsAPositiveWeight() {
    assertThatThrownBy(() -> new Claim("a", 0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Claim("a", 1, -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
