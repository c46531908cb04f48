package com.voicecampaigns.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.voicecampaigns.simulator.SimulatedCall;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One campaign through the API, the dispatcher, the worker and Plivo (the simulator). */
@ExtendWith(SharedSystem.class)
class EndToEndTests {

  private static final String FROM = "+918035735659";
  private static final String WSS_URL = "wss://bot.example.com/socket";
  private static final List<String> NUMBERS =
      List.of("+14155552671", "+442071838750", "+918035735650");

  static RunningSystem system;

  @BeforeAll
  static void useSystem(RunningSystem shared) {
    system = shared;
  }

  @Test
  void aScheduledCampaignCallsEveryContactOnceAndCompletes() {
    CampaignClient campaigns = new CampaignClient(system.apiClient());
    Instant scheduledTime = Instant.now().plusSeconds(3);
    Map<String, Object> campaign =
        campaigns.schedule("end-to-end", NUMBERS, FROM, WSS_URL, scheduledTime);
    String campaignId = (String) campaign.get("id");
    assertThat(campaign).containsEntry("status", "scheduled");

    Map<String, Object> completed =
        campaigns.awaitStatus(campaignId, "completed", Duration.ofSeconds(60));

    Instant startedAt = Instant.parse((String) completed.get("startedAt"));
    assertThat(startedAt).isAfterOrEqualTo(scheduledTime);
    assertThat(Instant.parse((String) completed.get("completedAt"))).isAfter(startedAt);

    List<SimulatedCall> calls =
        system.simulator().calls().stream().filter(call -> NUMBERS.contains(call.to())).toList();
    Map<String, SimulatedCall> byNumber =
        calls.stream().collect(Collectors.toMap(SimulatedCall::to, Function.identity()));
    assertThat(calls).hasSize(NUMBERS.size());
    assertThat(byNumber).containsOnlyKeys(NUMBERS);
    for (SimulatedCall call : calls) {
      assertThat(call.from()).isEqualTo(FROM);
      assertThat(call.answerUrl()).startsWith(system.worker().url() + "/plivo/answer/");
      assertThat(call.answerStatus()).isEqualTo(200);
      assertThat(call.answerXml())
          .contains("<Stream")
          .contains("bidirectional=\"true\"")
          .contains("keepCallAlive=\"true\"")
          .contains(">" + WSS_URL + "</Stream>")
          .contains("campaignId=" + campaignId);
    }
  }
}
