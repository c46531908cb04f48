package com.voicecampaigns.api.call;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.api.campaign.Campaign;
import com.voicecampaigns.api.campaign.CampaignService;
import com.voicecampaigns.api.contactlist.ContactListLookup;
import com.voicecampaigns.api.contactlist.ContactView;
import com.voicecampaigns.api.security.Caller;
import com.voicecampaigns.api.web.ApiProblem;
import com.voicecampaigns.api.web.PageView;
import com.voicecampaigns.api.web.Paging;
import com.voicecampaigns.model.call.CallFields;
import com.voicecampaigns.model.call.CallStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reads the call attempts that workers write; the API never changes them. */
@RestController
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Calls")
class CallController {

  private final MongoTemplate mongo;
  private final CampaignService campaigns;
  private final ContactListLookup lists;

  CallController(MongoTemplate mongo, CampaignService campaigns, ContactListLookup lists) {
    this.mongo = mongo;
    this.campaigns = campaigns;
    this.lists = lists;
    mongo
        .indexOps(CallFields.COLLECTION)
        .createIndex(
            new Index()
                .on(CallFields.CAMPAIGN_ID, Sort.Direction.ASC)
                .on(CallFields.CREATED_AT, Sort.Direction.DESC));
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
    Campaign campaign = campaigns.get(caller, id);
    Criteria criteria = where(CallFields.CAMPAIGN_ID).is(campaign.id());
    if (status != null) {
      try {
        criteria.and(CallFields.STATUS).is(CallStatus.fromWire(status.strip()).wire());
      } catch (IllegalArgumentException e) {
        throw ApiProblem.invalid("status", "'" + status + "' is not a call status");
      }
    }
    Query query = Query.query(criteria);
    long total = mongo.count(query, CallFields.COLLECTION);
    query
        .with(Sort.by(Sort.Direction.DESC, CallFields.CREATED_AT).and(Sort.by(CallFields.ID)))
        .skip(paging.offset())
        .limit(paging.size());
    List<CallView> items =
        mongo.find(query, Document.class, CallFields.COLLECTION).stream()
            .map(CallView::of)
            .toList();
    return PageView.of(items, paging, total);
  }

  @GetMapping("/api/v1/calls/{callId}")
  @Operation(
      summary = "A call with its contact and variables",
      description = "For the voice bot, which learns the call id when its stream starts.")
  CallDetails call(Caller caller, @PathVariable String callId) {
    List<Object> ids = new ArrayList<>(List.of(callId));
    if (ObjectId.isValid(callId)) {
      ids.add(new ObjectId(callId));
    }
    Document call =
        mongo.findOne(
            Query.query(where(CallFields.ID).in(ids)), Document.class, CallFields.COLLECTION);
    if (call == null) {
      throw ApiProblem.notFound("no call " + callId);
    }
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
