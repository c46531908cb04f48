package com.voicecampaigns.api.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.voicecampaigns.api.ApiSlice;
import com.voicecampaigns.api.StoredCampaigns;
import com.voicecampaigns.api.Tokens;
import com.voicecampaigns.api.security.Caller;
import com.voicecampaigns.api.web.ApiProblem;
import com.voicecampaigns.api.web.ProblemTypes;
import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.model.call.RetryPolicy;
import com.voicecampaigns.model.campaign.CallingWindow;
import com.voicecampaigns.model.campaign.CampaignStatus;
import com.voicecampaigns.store.campaign.CampaignDocument;
import com.voicecampaigns.testsupport.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * The campaign routes alone, the services behind them mocked: how requests and errors are read and
 * answered, fast. The full-stack behaviour is {@link CampaignApiTests}'.
 */
@WebMvcTest(CampaignController.class)
@ApiSlice
class CampaignControllerSliceTests {

  static final String ID = "6650f0c2a1b2c3d4e5f60718";

  @Autowired MockMvcTester mvc;
  @Autowired MutableClock clock;
  @MockitoBean CampaignService campaigns;
  @MockitoBean CampaignTransitions transitions;
  @MockitoBean CampaignProgress progress;

  String token;

  @BeforeEach
  void token() {
    token = "Bearer " + new Tokens(clock).forTenant("acme");
  }

  @Test
  void withoutATokenNothingIsAskedAndTheAnswerIs401() {
    assertThat(mvc.get().uri("/api/v1/campaigns/" + ID))
        .hasStatus(HttpStatus.UNAUTHORIZED)
        .bodyJson()
        .extractingPath("$.type")
        .isEqualTo(ProblemTypes.UNAUTHORIZED.toString());
    verifyNoInteractions(campaigns);
  }

  @Test
  void aCampaignIsAnsweredWithItsPoliciesInTheirTextForms() {
    CampaignDocument campaign = campaign(CampaignStatus.RUNNING);
    when(campaigns.get(any(Caller.class), eq(ID))).thenReturn(campaign);
    when(progress.of(campaign))
        .thenReturn(
            new CampaignProgress.Progress(
                2, 1, Map.of("completed", 1L), 1, Map.of("completed", 1L)));

    var response =
        mvc.get().uri("/api/v1/campaigns/" + ID).header("Authorization", token).exchange();

    assertThat(response).hasStatusOk();
    var json = assertThat(response).bodyJson();
    json.extractingPath("$.status").isEqualTo("running");
    json.extractingPath("$.callingWindow")
        .isEqualTo(
            Map.of(
                "timezone", "Asia/Kolkata",
                "start", "09:00",
                "end", "18:30",
                "days", List.of("MONDAY", "FRIDAY")));
    json.extractingPath("$.retryPolicy")
        .isEqualTo(Map.of("maxAttempts", 2, "retryOn", List.of("busy"), "backoffSeconds", 90));
    json.extractingPath("$.progress.notCalled").isEqualTo(1);
  }

  @Test
  void aForbiddenMoveIs409WithTheCurrentStatus() {
    when(transitions.pause(any(Caller.class), eq(ID)))
        .thenThrow(
            ApiProblem.conflict(
                ProblemTypes.INVALID_TRANSITION,
                "cannot pause a scheduled campaign",
                Map.of("currentStatus", "scheduled")));

    var response =
        mvc.post()
            .uri("/api/v1/campaigns/" + ID + "/pause")
            .header("Authorization", token)
            .exchange();

    assertThat(response).hasStatus(HttpStatus.CONFLICT);
    assertThat(response)
        .bodyJson()
        .extractingPath("$.type")
        .isEqualTo(ProblemTypes.INVALID_TRANSITION.toString());
    assertThat(response).bodyJson().extractingPath("$.currentStatus").isEqualTo("scheduled");
  }

  @Test
  void aReplayedCreateSaysSoInAHeader() {
    when(campaigns.create(
            any(Caller.class),
            eq("acme"),
            eq("user-acme"),
            any(),
            eq(Deduplication.byKey("key-1"))))
        .thenReturn(new CampaignService.Created(campaign(CampaignStatus.SCHEDULED), true));

    var response =
        mvc.post()
            .uri("/api/v1/campaigns")
            .header("Authorization", token)
            .header("Idempotency-Key", "key-1")
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\":\"n\"}")
            .exchange();

    assertThat(response).hasStatus(HttpStatus.CREATED);
    assertThat(response).hasHeader("Idempotency-Replayed", "true");
    assertThat(response).hasHeader("Location", "/api/v1/campaigns/" + ID);
  }

  @Test
  void badSearchParametersAre400BeforeAnyQuery() {
    var response =
        mvc.get()
            .uri("/api/v1/campaigns?status=done&order=sideways&from=yesterday")
            .header("Authorization", token)
            .exchange();

    assertThat(response).hasStatus(HttpStatus.BAD_REQUEST);
    var json = assertThat(response).bodyJson();
    json.extractingPath("$.type").isEqualTo(ProblemTypes.VALIDATION.toString());
    json.extractingPath("$.errors[*].field").isEqualTo(List.of("status", "from", "order"));
    verifyNoInteractions(campaigns);
  }

  @Test
  void anUnreadableRescheduleIs400AndChangesNothing() {
    var response =
        mvc.put()
            .uri("/api/v1/campaigns/" + ID + "/schedule")
            .header("Authorization", token)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"scheduledTime\":")
            .exchange();

    assertThat(response).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(response)
        .bodyJson()
        .extractingPath("$.type")
        .isEqualTo(ProblemTypes.MALFORMED_REQUEST.toString());
    verifyNoInteractions(transitions);
  }

  private CampaignDocument campaign(CampaignStatus status) {
    return StoredCampaigns.campaign(
        ID,
        "acme",
        status,
        CallingWindow.parse("Asia/Kolkata", "09:00", "18:30", List.of("MONDAY", "FRIDAY")),
        new RetryPolicy(2, Set.of(CallStatus.BUSY), Duration.ofSeconds(90)),
        clock.instant());
  }
}
