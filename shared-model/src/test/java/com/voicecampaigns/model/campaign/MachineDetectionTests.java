package com.voicecampaigns.model.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class MachineDetectionTests {

  @Test
  void readsItsThreeSpellingsAndTellsPlivoWhatToDo() {
    assertThat(MachineDetection.fromWire(" Hangup ")).isEqualTo(MachineDetection.HANGUP);
    assertThat(MachineDetection.fromWire("off").plivoMachineDetection()).isNull();
    assertThat(MachineDetection.HANGUP.plivoMachineDetection()).isEqualTo("hangup");
    assertThat(MachineDetection.BOT.plivoMachineDetection()).isEqualTo("true");
  }

  @Test
  void refusesAnythingElse() {
    for (String bad : new String[] {null, "", "true", "detect", "hang-up"}) {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> MachineDetection.fromWire(bad))
          .withMessage("must be one of off, hangup, bot");
    }
  }
}
