package com.voicecampaigns.api.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.voicecampaigns.api.ApiSlice;
import com.voicecampaigns.api.StoredCampaigns;
import com.voicecampaigns.api.Tokens;
import com.voicecampaigns.api.campaign.CampaignService;
import com.voicecampaigns.api.contactlist.ContactListLookup;
import com.voicecampaigns.api.contactlist.ContactView;
import com.voicecampaigns.api.security.Caller;
import com.voicecampaigns.api.web.ApiProblem;
import com.voicecampaigns.api.web.ProblemTypes;
import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.model.campaign.CampaignStatus;
import com.voicecampaigns.store.call.CallAttemptDocument;
import com.voicecampaigns.store.call.CallAttemptDocument.Start;
import com.voicecampaigns.store.call.CallAttemptReads;
import com.voicecampaigns.store.call.CallTarget;
import com.voicecampaigns.store.campaign.CampaignDocument;
import com.voicecampaigns.testsupport.MutableClock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * The call routes alone, the reads behind them mocked: a campaign's calls filtered by status, and
 * one call with its contact for the voice bot, never another tenant's.
 */
@WebMvcTest(CallController.class)
@ApiSlice
class CallControllerSliceTests {

  static final String CAMPAIGN = "6650f0c2a1b2c3d4e5f60718";
  static final String CONTACT = "6650f0c2a1b2c3d4e5f6071a";

  @Autowired MockMvcTester mvc;
  @Autowired MutableClock clock;
  @MockitoBean CallAttemptReads calls;
  @MockitoBean CampaignService campaigns;
  @MockitoBean ContactListLookup lists;
  @MockitoBean UnknownCallRedial redial;

  String token;
  CallAttemptDocument call;

  @BeforeEach
  void setUp() {
    token = "Bearer " + new Tokens(clock).forTenant("acme");
    call =
        CallAttemptDocument.first(
            new CallTarget(CAMPAIGN, "acme", CONTACT, "+14155552671", "+918035735659", null),
            Start.pendingUntil(clock.instant()),
            clock.instant());
  }

  @Test
  void anUnknownStatusFilterIs400AndQueriesNoCall() {
    when(campaigns.get(any(Caller.class), eq(CAMPAIGN))).thenReturn(campaign());

    var response =
        mvc.get()
            .uri("/api/v1/campaigns/" + CAMPAIGN + "/calls?status=rang")
            .header("Authorization", token)
            .exchange();

    assertThat(response).hasStatus(HttpStatus.BAD_REQUEST);
    var json = assertThat(response).bodyJson();
    json.extractingPath("$.type").isEqualTo(ProblemTypes.VALIDATION.toString());
    json.extractingPath("$.errors[0].field").isEqualTo("status");
    verifyNoInteractions(calls);
  }

  @Test
  void aStatusFilterIsReadInItsWireSpelling() {
    when(campaigns.get(any(Caller.class), eq(CAMPAIGN))).thenReturn(campaign());
    when(calls.page(eq(CAMPAIGN), eq(CallStatus.NO_ANSWER), anyLong(), anyInt()))
        .thenReturn(List.of(call));
    when(calls.count(CAMPAIGN, CallStatus.NO_ANSWER)).thenReturn(1L);

    var response =
        mvc.get()
            .uri("/api/v1/campaigns/" + CAMPAIGN + "/calls?status=no-answer")
            .header("Authorization", token)
            .exchange();

    assertThat(response).hasStatusOk();
    var json = assertThat(response).bodyJson();
    json.extractingPath("$.totalItems").isEqualTo(1);
    json.extractingPath("$.items[0].callId").isEqualTo(call.id());
    json.extractingPath("$.items[0].status").isEqualTo("pending");
    verify(calls).page(CAMPAIGN, CallStatus.NO_ANSWER, 0, 20);
  }

  @Test
  void aCallComesWithItsContactsVariablesForTheBot() {
    when(calls.findAny(call.id())).thenReturn(Optional.of(call));
    when(campaigns.get(any(Caller.class), eq(CAMPAIGN))).thenReturn(campaign());
    when(lists.contact(CONTACT))
        .thenReturn(
            Optional.of(
                new ContactView(CONTACT, "+14155552671", "Ada", null, Map.of("plan", "gold"))));

    var response =
        mvc.get().uri("/api/v1/calls/" + call.id()).header("Authorization", token).exchange();

    assertThat(response).hasStatusOk();
    var json = assertThat(response).bodyJson();
    json.extractingPath("$.call.campaignId").isEqualTo(CAMPAIGN);
    json.extractingPath("$.contact.variables.plan").isEqualTo("gold");
  }

  @Test
  void anotherTenantsCallIsNotFoundLikeAnUnknownOne() {
    when(calls.findAny(call.id())).thenReturn(Optional.of(call));
    when(campaigns.get(any(Caller.class), eq(CAMPAIGN)))
        .thenThrow(ApiProblem.notFound("no campaign " + CAMPAIGN));

    var response =
        mvc.get().uri("/api/v1/calls/" + call.id()).header("Authorization", token).exchange();

    assertThat(response).hasStatus(HttpStatus.NOT_FOUND);
    var json = assertThat(response).bodyJson();
    json.extractingPath("$.type").isEqualTo(ProblemTypes.NOT_FOUND.toString());
    json.extractingPath("$.detail").isEqualTo("no call " + call.id());
    verifyNoInteractions(lists);
  }

  private CampaignDocument campaign() {
    return StoredCampaigns.campaign(
        CAMPAIGN, "acme", CampaignStatus.RUNNING, null, null, clock.instant());
  }
}
