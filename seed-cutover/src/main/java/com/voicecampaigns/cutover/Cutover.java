package com.voicecampaigns.cutover;

import com.voicecampaigns.cutover.CampaignApi.Answer;
import com.voicecampaigns.cutover.CampaignApi.ApiUnavailable;
import com.voicecampaigns.cutover.CutoverReport.Outcome;
import com.voicecampaigns.cutover.SeedDatabase.SeedUnreadable;
import com.voicecampaigns.model.campaign.CampaignStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cut-over: reads every document of the seed's {@code plivoCampaign}, maps each ({@link
 * CutoverPlan}), and creates what it maps to through the API, one tenant's token at a time. A
 * campaign imported before (found by its source) is left as it is; its list here is found by name.
 * Nothing is written to the seed's database, and in a dry run nothing anywhere.
 */
final class Cutover {

  /**
   * How a run behaves.
   *
   * @param contacts where the seed's contacts are; null: lists not here yet cannot be imported
   * @param liveHeartbeat a running seed campaign with a heartbeat this recent means the old service
   *     still dials: the run stops before writing, unless {@code allowLiveSeed}
   */
  record Settings(
      boolean dryRun,
      boolean includeFinished,
      ContactMapping contacts,
      Duration liveHeartbeat,
      boolean allowLiveSeed) {}

  private final SeedDatabase seed;
  private final CampaignApi api;
  private final TenantTokens tokens;
  private final Settings settings;
  private final Clock clock;
  private final CutoverReport report;
  private final Map<String, Tenant> tenants = new HashMap<>();
  private final ListImport lists;

  Cutover(
      SeedDatabase seed,
      CampaignApi api,
      TenantTokens tokens,
      Settings settings,
      Clock clock,
      CutoverReport report) {
    this.seed = seed;
    this.api = api;
    this.tokens = tokens;
    this.settings = settings;
    this.clock = clock;
    this.report = report;
    SeedContacts contacts = settings.contacts() == null ? null : seed.contacts(settings.contacts());
    this.lists = new ListImport(api, contacts, settings.contacts(), settings.dryRun());
  }

  /** Runs the cut-over and answers the exit code. */
  int run() {
    Instant now = clock.instant();
    List<CutoverPlan> entries = new ArrayList<>();
    for (SeedDocuments.Parsed parsed : seed.campaigns()) {
      entries.add(CutoverPlan.of(parsed, now, settings.includeFinished()));
    }
    report.say(
        entries.size()
            + " documents in "
            + seed.name()
            + "."
            + SeedCampaign.COLLECTION
            + (settings.dryRun() ? " (dry run: nothing is written)" : ""));
    if (oldServiceLive(entries, now) && !settings.dryRun() && !settings.allowLiveSeed()) {
      report.say(
          "stopped before writing anything: the old service still dials (above). Stop it and"
              + " pause its Cloud Scheduler job first, then run again (or --allow-live-seed).");
      return CutoverReport.OLD_SERVICE_LIVE;
    }
    for (CutoverPlan entry : entries) {
      if (entry instanceof CutoverPlan.Unreadable unreadable) {
        report.add(
            unreadable.document().id(),
            Outcome.REFUSED,
            String.join("; ", unreadable.document().reasons()));
      } else if (entry instanceof CutoverPlan.Skip skip) {
        report.add(skip.seed().id(), Outcome.SKIPPED, describe(skip.seed()) + ": " + skip.reason());
      } else if (entry instanceof CutoverPlan.Refuse refuse) {
        report.add(
            refuse.seed().id(), Outcome.REFUSED, describe(refuse.seed()) + ": " + refuse.reason());
      } else if (entry instanceof CutoverPlan.Import plan) {
        importOne(plan);
      }
    }
    return report.finish(settings.dryRun());
  }

  private boolean oldServiceLive(List<CutoverPlan> entries, Instant now) {
    boolean live = false;
    for (CutoverPlan entry : entries) {
      if (entry instanceof CutoverPlan.Import plan
          && plan.seed().status() == CampaignStatus.RUNNING
          && plan.seed().heartbeat() != null
          && plan.seed().heartbeat().isAfter(now.minus(settings.liveHeartbeat()))) {
        live = true;
        report.warn(
            "campaign "
                + plan.seed().id()
                + " is being dialled by the old service: its heartbeat is from "
                + plan.seed().heartbeat()
                + (plan.seed().containerId() == null
                    ? ""
                    : " (container " + plan.seed().containerId() + ")"));
      }
    }
    return live;
  }

  private void importOne(CutoverPlan.Import plan) {
    SeedCampaign seed = plan.seed();
    String what =
        describe(seed) + ": " + seed.status().wire() + " → " + plan.status().wire() + at(plan);
    Tenant state = tenants.computeIfAbsent(seed.clientId(), this::readTenant);
    if (state.here() == null) {
      report.add(seed.id(), Outcome.REFUSED, what + "; " + state.unreachable());
      return;
    }
    TenantHere tenant = state.here();
    Optional<String> before =
        tenant
            .imported(seed.source())
            .map(c -> c.path("id").asString("") + ", now " + c.path("status").asString(""));
    if (before.isPresent()) {
      report.add(
          seed.id(), Outcome.UNCHANGED, what + "; imported before as campaign " + before.get());
      return;
    }
    try {
      ListImport.Result list = lists.listFor(tenant, seed.listId());
      if (list.refusal() != null) {
        report.add(seed.id(), Outcome.REFUSED, what + "; " + list.refusal());
      } else if (settings.dryRun()) {
        report.add(seed.id(), Outcome.WOULD_CREATE, what + "; " + list.summary());
      } else {
        create(plan, tenant, what, list);
      }
    } catch (ApiUnavailable | SeedUnreadable e) {
      report.add(seed.id(), Outcome.REFUSED, what + "; " + e.getMessage());
    }
  }

  private void create(
      CutoverPlan.Import plan, TenantHere tenant, String what, ListImport.Result list) {
    SeedCampaign seed = plan.seed();
    Map<String, Object> campaign = new LinkedHashMap<>();
    campaign.put("name", seed.name());
    campaign.put("listId", list.listId());
    campaign.put("fromNumber", seed.fromNumber());
    campaign.put("wssUrl", seed.wssUrl());
    campaign.put("scheduledTime", plan.time() == null ? null : plan.time().toString());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("source", seed.source());
    body.put("status", plan.status().wire());
    body.put("note", plan.note());
    body.put("scheduledBy", seed.scheduledBy());
    body.put("campaign", campaign);
    Answer answer = api.importCampaign(tenant.token, seed.idempotencyKey(), body);
    String id = answer.body().path("id").asString("");
    if (answer.status() == 201) {
      tenant.imported(seed.source(), answer.body());
      report.add(
          seed.id(),
          answer.replayed() ? Outcome.UNCHANGED : Outcome.CREATED,
          what
              + (answer.replayed() ? "; imported before as campaign " : " → campaign ")
              + id
              + "; "
              + list.summary());
    } else if (answer.status() == 409
        && answer.body().path("type").asString("").endsWith("/idempotency-key-reused")) {
      report.add(
          seed.id(),
          Outcome.UNCHANGED,
          what
              + "; campaign "
              + answer.body().path("campaignId").asString("")
              + " was imported from it before and the document has changed since: nothing"
              + " changed here, compare them by hand");
    } else {
      report.add(seed.id(), Outcome.REFUSED, what + "; the API refused it: " + answer.problem());
    }
  }

  /** A tenant as it is here, or why it cannot be reached. */
  private record Tenant(TenantHere here, String unreachable) {
    static Tenant unreachable(String reason) {
      return new Tenant(null, reason);
    }
  }

  private Tenant readTenant(String clientId) {
    Optional<String> token = tokens.tokenFor(clientId);
    if (token.isEmpty()) {
      return Tenant.unreachable(
          "no token for tenant " + clientId + " (--token " + clientId + "=… or --token-command)");
    }
    Optional<String> claimed = tokens.claimedTenant(token.get());
    if (claimed.isPresent() && !claimed.get().equals(clientId)) {
      return Tenant.unreachable(
          "the token given for tenant " + clientId + " is one of tenant " + claimed.get());
    }
    try {
      return new Tenant(TenantHere.read(clientId, token.get(), api), null);
    } catch (ApiUnavailable e) {
      return Tenant.unreachable("tenant " + clientId + ": " + e.getMessage());
    }
  }

  private static String describe(SeedCampaign seed) {
    return "\"" + seed.name() + "\" (" + seed.clientId() + ")";
  }

  private static String at(CutoverPlan.Import plan) {
    return plan.time() == null ? "" : " at " + plan.time();
  }
}
