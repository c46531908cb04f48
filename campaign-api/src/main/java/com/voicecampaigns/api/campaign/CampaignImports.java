package com.voicecampaigns.api.campaign;

import com.voicecampaigns.api.security.Caller;
import com.voicecampaigns.api.web.ApiProblem;
import com.voicecampaigns.api.web.FieldError;
import com.voicecampaigns.api.web.Validation;
import com.voicecampaigns.model.campaign.CampaignStatus;
import com.voicecampaigns.store.Ids;
import com.voicecampaigns.store.campaign.CampaignDocument;
import com.voicecampaigns.store.campaign.CampaignImport;
import com.voicecampaigns.store.campaign.IdempotencyClaim;
import com.voicecampaigns.store.campaign.NewCampaign;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates campaigns imported from another system (the cut-over from the old service), each in the
 * status the import maps it to: scheduled ones as the API would, paused and finished ones as they
 * stand, never running. The campaign itself is validated as {@code POST /api/v1/campaigns}
 * validates it. An import's idempotency key is remembered for good (a cut-over may run again weeks
 * later and must change nothing), in a claim of its own that no ordinary key can reach.
 */
@Service
public class CampaignImports {

  private static final Logger log = LoggerFactory.getLogger(CampaignImports.class);

  static final int MAX_SOURCE = 200;
  static final int MAX_NOTE = 2000;
  static final int MAX_SCHEDULED_BY = 200;
  static final int MAX_KEY = 255;

  /** Longer than any cut-over needs to be re-runnable; {@code Instant} arithmetic stays finite. */
  static final Duration KEY_RETENTION = ChronoUnit.CENTURIES.getDuration();

  private final CampaignRequestValidator validator;
  private final IdempotencyKeys keys;
  private final CampaignService campaigns;
  private final CampaignEvents events;
  private final JsonMapper json;
  private final Clock clock;
  private final MeterRegistry meters;

  CampaignImports(
      CampaignRequestValidator validator,
      IdempotencyKeys keys,
      CampaignService campaigns,
      CampaignEvents events,
      JsonMapper json,
      Clock clock,
      MeterRegistry meters) {
    this.validator = validator;
    this.keys = keys;
    this.campaigns = campaigns;
    this.events = events;
    this.json = json;
    this.clock = clock;
    this.meters = meters;
  }

  /**
   * Validates and stores the imported campaign for the caller's tenant, or answers the campaign an
   * earlier import with the same key created ({@code replayed}); the same key with another request
   * answers 409. A scheduled import is announced like a created campaign.
   */
  public CampaignService.Created importCampaign(
      Caller caller, ImportCampaignRequest request, String idempotencyKey) {
    String tenant = caller.requireTenant();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    var v = new Validation();
    String key = bounded("Idempotency-Key", idempotencyKey, MAX_KEY, true, v);
    String source = bounded("source", request.source(), MAX_SOURCE, true, v);
    String note = bounded("note", request.note(), MAX_NOTE, false, v);
    String scheduledBy = bounded("scheduledBy", request.scheduledBy(), MAX_SCHEDULED_BY, false, v);
    CampaignStatus status = status(request.status(), v);
    if (request.campaign() == null) {
      v.reject("campaign", "is required");
      v.throwIfInvalid();
    }
    Imported imported = validateCampaign(tenant, request.campaign(), status, now, v);
    if (scheduledBy == null) {
      scheduledBy = caller.subject();
    }
    NewCampaign campaign =
        NewCampaign.imported(
            Ids.newId(),
            imported.draft().settings(),
            status,
            imported.time(),
            new NewCampaign.Author(scheduledBy, caller.subject()),
            new CampaignImport(source, note),
            now);
    var claim =
        new IdempotencyClaim(
            "import:" + tenant.length() + ":" + tenant + ":" + key,
            IdempotencyKeys.sha256(json.writeValueAsString(request) + "\n" + scheduledBy));
    CampaignService.Created result =
        keys.insertOrReplay(campaign, new IdempotencyKeys.Key(claim, KEY_RETENTION));
    if (result.replayed()) {
      return result;
    }
    CampaignDocument stored = result.campaign();
    if (status == CampaignStatus.SCHEDULED) {
      campaigns.failIfListWentAway(stored);
      events.scheduled(stored.id(), stored.scheduledTime());
    }
    meters.counter("api.campaigns.imported", "status", status.wire()).increment();
    log.info("campaign {} imported from {} for {} as {}", stored.id(), source, tenant, status);
    return result;
  }

  /** The validated campaign and the time it is (or was) due. */
  private record Imported(CampaignDraft draft, Instant time) {}

  /**
   * A scheduled import goes through the create request's rules unchanged (its time in the future,
   * within the horizon); any other keeps its time, past or not, which is parsed here instead.
   */
  private Imported validateCampaign(
      String tenant,
      CreateCampaignRequest request,
      CampaignStatus status,
      Instant now,
      Validation v) {
    boolean scheduled = status == CampaignStatus.SCHEDULED;
    Instant time = now;
    if (scheduled && request.scheduledTime() == null) {
      v.reject("campaign.scheduledTime", "is required for a scheduled import");
    } else if (!scheduled && request.scheduledTime() != null) {
      time = pastOrFuture(request.scheduledTime(), v);
    }
    CreateCampaignRequest checked = scheduled ? request : withoutTime(request);
    List<FieldError> errors = new ArrayList<>();
    CampaignDraft draft = null;
    try {
      draft = validator.validate(tenant, checked, now);
    } catch (ApiProblem invalid) {
      if (!(invalid.properties().get("errors") instanceof List<?> fields)) {
        throw invalid;
      }
      fields.stream()
          .map(FieldError.class::cast)
          .map(e -> new FieldError("campaign." + e.field(), e.message()))
          .forEach(errors::add);
    }
    errors.forEach(e -> v.reject(e.field(), e.message()));
    v.throwIfInvalid();
    return new Imported(draft, scheduled ? draft.scheduledTime() : time);
  }

  private static CreateCampaignRequest withoutTime(CreateCampaignRequest request) {
    return new CreateCampaignRequest(
        request.name(),
        request.listId(),
        request.fromNumber(),
        request.wssUrl(),
        null,
        request.callingWindow(),
        request.retryPolicy(),
        request.maxConcurrentCalls(),
        request.callsPerSecond(),
        request.endTime(),
        request.machineDetection());
  }

  /** An ISO 8601 instant with an offset, as for a create, but past times are fine here. */
  private static Instant pastOrFuture(String raw, Validation v) {
    try {
      return OffsetDateTime.parse(raw.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
          .toInstant()
          .truncatedTo(ChronoUnit.MILLIS);
    } catch (DateTimeException e) {
      v.reject(
          "campaign.scheduledTime",
          "must be an ISO 8601 date-time with an offset, e.g. 2025-10-01T20:00:00Z");
      return null;
    }
  }

  private static CampaignStatus status(String raw, Validation v) {
    String allowed =
        Arrays.stream(CampaignStatus.values())
            .filter(CampaignStatus::isInitial)
            .map(CampaignStatus::wire)
            .collect(Collectors.joining(", "));
    if (raw == null || raw.isBlank()) {
      v.reject("status", "is required: one of " + allowed);
      return null;
    }
    try {
      CampaignStatus status = CampaignStatus.fromWire(raw.strip());
      if (status.isInitial()) {
        return status;
      }
      v.reject("status", "cannot be " + status.wire() + ": one of " + allowed);
    } catch (IllegalArgumentException e) {
      v.reject("status", "must be one of " + allowed);
    }
    return null;
  }

  private static String bounded(String field, String raw, int max, boolean required, Validation v) {
    String value = raw == null ? null : raw.strip();
    if (value == null || value.isEmpty()) {
      if (required) {
        v.reject(field, "is required");
      }
      return null;
    }
    if (value.length() > max) {
      v.reject(field, "must be at most " + max + " characters");
    }
    return value;
  }
}
