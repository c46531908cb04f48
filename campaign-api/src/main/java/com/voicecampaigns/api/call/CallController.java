package com.voicecampaigns.api.call;

import com.voicecampaigns.api.campaign.CampaignService;
import com.voicecampaigns.api.contactlist.ContactListLookup;
import com.voicecampaigns.api.contactlist.ContactView;
import com.voicecampaigns.api.security.Caller;
import com.voicecampaigns.api.web.ApiProblem;
import com.voicecampaigns.api.web.PageView;
import com.voicecampaigns.api.web.Paging;
import com.voicecampaigns.model.call.CallStatus;
import com.voicecampaigns.store.call.CallAttemptDocument;
import com.voicecampaigns.store.call.CallAttemptReads;
import com.voicecampaigns.store.campaign.CampaignDocument;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reads the call attempts that workers write; the API changes none of them, but an operator may
 * redial a campaign's {@code unknown} ones, as new attempts ({@link UnknownCallRedial}).
 */
@RestController
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Calls")
class CallController {

  private final CallAttemptReads calls;
  private final CampaignService campaigns;
  private final ContactListLookup lists;
  private final UnknownCallRedial redial;

  CallController(
      CallAttemptReads calls,
      CampaignService campaigns,
      ContactListLookup lists,
      UnknownCallRedial redial) {
    this.calls = calls;
    this.campaigns = campaigns;
    this.lists = lists;
    this.redial = redial;
  }

  @GetMapping("/api/v1/campaigns/{id}/calls")
  @Operation(summary = "A campaign's call attempts, newest first; optional status filter")
  PageView<CallView> calls(
      Caller caller,
      @PathVariable String id,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size) {
    Paging paging = Paging.of(page, size);
    CampaignDocument campaign = campaigns.get(caller, id);
    CallStatus wanted = null;
    if (status != null) {
      try {
        wanted = CallStatus.fromWire(status.strip());
      } catch (IllegalArgumentException e) {
        throw ApiProblem.invalid("status", "'" + status + "' is not a call status");
      }
    }
    long total = calls.count(campaign.id(), wanted);
    List<CallView> items =
        calls.page(campaign.id(), wanted, paging.offset(), paging.size()).stream()
            .map(CallView::of)
            .toList();
    return PageView.of(items, paging, total);
  }

  @PostMapping("/api/v1/campaigns/{id}/calls/redial-unknown")
  @Operation(
      summary = "Redial the campaign's unknown calls, as new attempts",
      description =
          "An unknown call is a Make-Call request whose outcome nobody knows: the phone may have"
              + " rung, so it is never sent again automatically. List them with"
              + " GET /api/v1/campaigns/{id}/calls?status=unknown; this redials up to limit"
              + " (default and most "
              + UnknownCallRedial.MAX_PER_REQUEST
              + ") of those not redialled yet, oldest first, each as a new attempt due now, and"
              + " answers what it queued and whether more are left. Running or paused campaigns"
              + " only (409 otherwise).")
  UnknownCallRedial.RedialReport redialUnknown(
      Caller caller, @PathVariable String id, @RequestParam(required = false) Integer limit) {
    int max = limit == null ? UnknownCallRedial.MAX_PER_REQUEST : limit;
    if (max < 1 || max > UnknownCallRedial.MAX_PER_REQUEST) {
      throw ApiProblem.invalid(
          "limit", "must be between 1 and " + UnknownCallRedial.MAX_PER_REQUEST);
    }
    return redial.redial(campaigns.get(caller, id), max);
  }

  @GetMapping("/api/v1/calls/{callId}")
  @Operation(
      summary = "A call with its contact and variables",
      description = "For the voice bot, which learns the call id when its stream starts.")
  CallDetails call(Caller caller, @PathVariable String callId) {
    CallAttemptDocument call =
        calls.findAny(callId).orElseThrow(() -> ApiProblem.notFound("no call " + callId));
    CallView view = CallView.of(call);
    try {
      campaigns.get(caller, view.campaignId());
    } catch (ApiProblem notVisible) {
      throw ApiProblem.notFound("no call " + callId);
    }
    ContactView contact = lists.contact(view.contactId()).orElse(null);
    return new CallDetails(view, contact);
  }

  /**
   * @param call the attempt
   * @param contact the contact called, with the variables the bot needs; null if the list was
   *     deleted since
   */
  record CallDetails(CallView call, ContactView contact) {}
}
