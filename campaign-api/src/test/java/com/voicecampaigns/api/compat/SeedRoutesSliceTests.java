package com.voicecampaigns.api.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.voicecampaigns.api.ApiSlice;
import com.voicecampaigns.api.StoredCampaigns;
import com.voicecampaigns.api.Tokens;
import com.voicecampaigns.api.campaign.CampaignService;
import com.voicecampaigns.api.campaign.CampaignTransitions;
import com.voicecampaigns.api.campaign.CreateCampaignRequest;
import com.voicecampaigns.api.campaign.Deduplication;
import com.voicecampaigns.api.security.Caller;
import com.voicecampaigns.model.campaign.CampaignStatus;
import com.voicecampaigns.testsupport.MutableClock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * The seed's routes alone, the services behind them mocked: the seed's request shapes, its rules
 * (an empty scheduledTime means now, a tenant acts only for itself) and its answers, errors
 * included, always {@code {status, message}}. End to end: {@link SeedCompatibilityTests}.
 */
@WebMvcTest(SeedCampaignController.class)
@ApiSlice
class SeedRoutesSliceTests {

  static final String ID = "6650f0c2a1b2c3d4e5f60718";

  @Autowired MockMvcTester mvc;
  @Autowired MutableClock clock;
  @MockitoBean CampaignService campaigns;
  @MockitoBean CampaignTransitions transitions;
  @MockitoBean SchedulerTicks ticks;

  Tokens tokens;

  @BeforeEach
  void tokens() {
    tokens = new Tokens(clock);
  }

  @Test
  void anEmptyScheduledTimeStartsTheCampaignAtOnceAsTheSeedDid() {
    clock.set(Instant.parse("2030-01-01T09:00:00Z"));
    when(campaigns.create(
            any(Caller.class), eq("acme"), eq("user-acme"), any(), eq(Deduplication.NONE)))
        .thenReturn(
            new CampaignService.Created(
                StoredCampaigns.campaign(
                    ID, "acme", CampaignStatus.SCHEDULED, null, null, clock.instant()),
                false));

    var response =
        post(
            "/plivo/create-campaign",
            tokens.forTenant("acme"),
            "{\"campaignName\":\"n\",\"listId\":\"l\",\"fromNumber\":\"+918035735659\","
                + "\"wssUrl\":\"wss://b.example.com\",\"clientId\":\"acme\",\"scheduledTime\":\"\","
                + "\"scheduledBy\":\"\"}");

    assertThat(response).hasStatusOk();
    assertThat(response)
        .bodyJson()
        .convertTo(Map.class)
        .isEqualTo(
            Map.of("status", 200, "message", "Campaign started successfully", "campaignId", ID));
    ArgumentCaptor<CreateCampaignRequest> request =
        ArgumentCaptor.forClass(CreateCampaignRequest.class);
    verify(campaigns)
        .create(
            any(Caller.class),
            eq("acme"),
            eq("user-acme"),
            request.capture(),
            eq(Deduplication.NONE));
    assertThat(request.getValue().scheduledTime()).isNull();
    assertThat(request.getValue().name()).isEqualTo("n");
  }

  @Test
  void aTenantCannotCreateForAnotherTenant() {
    var response =
        post("/plivo/create-campaign", tokens.forTenant("acme"), "{\"clientId\":\"globex\"}");

    assertThat(response).hasStatus(HttpStatus.FORBIDDEN);
    assertThat(response)
        .bodyJson()
        .convertTo(Map.class)
        .isEqualTo(
            Map.of(
                "status",
                403,
                "message",
                "clientId does not match the tenant of the bearer token"));
    verifyNoInteractions(campaigns);
  }

  @Test
  void anActionWithoutACampaignIdIs400InTheSeedsShape() {
    var response =
        post("/plivo/pause-campaign", tokens.forTenant("acme"), "{\"campaignId\":\" \"}");

    assertThat(response).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(response)
        .bodyJson()
        .convertTo(Map.class)
        .isEqualTo(Map.of("status", 400, "message", "campaignId: is required"));
    verifyNoInteractions(transitions);
  }

  @Test
  void anActionNamesTheCampaignItChanged() {
    when(transitions.cancel(any(Caller.class), eq(ID)))
        .thenReturn(
            StoredCampaigns.campaign(
                ID, "acme", CampaignStatus.CANCELLED, null, null, clock.instant()));

    var response =
        post(
            "/plivo/cancel-campaign", tokens.forTenant("acme"), "{\"campaignId\":\" " + ID + "\"}");

    assertThat(response).hasStatusOk();
    assertThat(response)
        .bodyJson()
        .convertTo(Map.class)
        .isEqualTo(
            Map.of("status", 200, "message", "Campaign cancelled successfully", "campaignId", ID));
  }

  @Test
  void theManualTickIsForAdminsAnd503WhenItCannotBePublished() {
    when(ticks.publish(anyString())).thenReturn(false);

    var tenant =
        mvc.get()
            .uri("/plivo/check-scheduled-campaigns")
            .header("Authorization", "Bearer " + tokens.forTenant("acme"))
            .exchange();
    var admin =
        mvc.get()
            .uri("/plivo/check-scheduled-campaigns")
            .header("Authorization", "Bearer " + tokens.admin())
            .exchange();

    assertThat(tenant).hasStatus(HttpStatus.FORBIDDEN);
    assertThat(tenant).bodyJson().extractingPath("$.status").isEqualTo(403);
    assertThat(admin).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(admin)
        .bodyJson()
        .convertTo(Map.class)
        .isEqualTo(
            Map.of(
                "status",
                503,
                "message",
                "The scheduler tick could not be published; retry later"));
  }

  @Test
  void unreadableJsonIs400InTheSeedsShape() {
    var response = post("/plivo/create-campaign", tokens.forTenant("acme"), "{\"campaignName\":");

    assertThat(response).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(response)
        .bodyJson()
        .convertTo(Map.class)
        .isEqualTo(Map.of("status", 400, "message", "The request body is not valid JSON"));
  }

  private org.springframework.test.web.servlet.assertj.MvcTestResult post(
      String path, String token, String body) {
    return mvc.post()
        .uri(path)
        .header("Authorization", "Bearer " + token)
        .contentType(MediaType.APPLICATION_JSON)
        .content(body)
        .exchange();
  }
}
