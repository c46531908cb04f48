package com.voicecampaigns.worker.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ShareTurnsTests {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void turnsFollowTheirOwnScheduleNotTheTimeEachTookToPrepare() {
    ShareTurns turns = new ShareTurns();
    assertThat(turns.next(4, T0)).isEqualTo(T0);
    turns.taken(4, T0);
    assertThat(turns.next(4, T0)).isEqualTo(T0.plusMillis(250));

    // the second turn was taken 40 ms late: the third is still due at 500 ms
    turns.taken(4, T0.plusMillis(290));
    assertThat(turns.next(4, T0.plusMillis(300))).isEqualTo(T0.plusMillis(500));
  }

  @Test
  void aCampaignThatFellBehindCatchesUpByOneTurnAtMostNeverInABurst() {
    ShareTurns turns = new ShareTurns();
    turns.taken(4, T0);
    // nothing to dial for 10 s
    Instant later = T0.plusSeconds(10);
    assertThat(turns.next(4, later)).isEqualTo(later);
    turns.taken(4, later);
    assertThat(turns.next(4, later)).isEqualTo(later); // the one turn of catching up
    turns.taken(4, later);
    assertThat(turns.next(4, later)).isEqualTo(later.plusMillis(250));
  }
}
