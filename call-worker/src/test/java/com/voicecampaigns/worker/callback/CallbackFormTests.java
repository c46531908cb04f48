package com.voicecampaigns.worker.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A callback's body parameters apart from the URL's query, which the servlet API merges into them
 * (query values first): Plivo signs the two apart, and the facts are the body's.
 */
class CallbackFormTests {

  @Test
  void theQueryOfTheCallbackUrlIsNotPartOfTheBody() {
    MultiValueMap<String, String> merged = new LinkedMultiValueMap<>();
    merged.put("campaignId", List.of("camp 1"));
    merged.put("callId", List.of("c1"));
    merged.put("CallUUID", List.of("uuid-1"));
    merged.put("CallStatus", List.of("completed"));

    assertThat(CallbackForm.bodyOf(merged, "campaignId=camp+1&callId=c1"))
        .containsExactly(
            java.util.Map.entry("CallUUID", "uuid-1"),
            java.util.Map.entry("CallStatus", "completed"));
  }

  @Test
  void aBodyParameterThatSharesItsNameWithTheQueryKeepsTheBodysValue() {
    MultiValueMap<String, String> merged = new LinkedMultiValueMap<>();
    merged.put("callId", List.of("c1", "from-the-body"));

    assertThat(CallbackForm.bodyOf(merged, "callId=c1")).containsEntry("callId", "from-the-body");
  }

  @Test
  void withoutAQueryEveryParameterIsTheBodys() {
    MultiValueMap<String, String> merged = new LinkedMultiValueMap<>();
    merged.put("CallUUID", List.of("uuid-1"));

    assertThat(CallbackForm.bodyOf(merged, null)).containsEntry("CallUUID", "uuid-1").hasSize(1);
    assertThat(CallbackForm.bodyOf(merged, "%zz=1&&x")).containsEntry("CallUUID", "uuid-1");
  }
}
