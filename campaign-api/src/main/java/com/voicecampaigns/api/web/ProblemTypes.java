package com.voicecampaigns.api.web;

import java.net.URI;
import org.springframework.http.HttpStatusCode;

/**
 * The stable {@code type} URI of each kind of error (RFC 9457). Clients switch on these, so they
 * never change; the human {@code detail} may.
 */
public final class ProblemTypes {

  private static final String BASE = "https://voice-campaigns.dev/problems/";

  /** A field is missing or has a value the API refuses; {@code errors} lists each field. */
  public static final URI VALIDATION = URI.create(BASE + "validation");

  /** The body is not well-formed JSON (or not the expected JSON shape). */
  public static final URI MALFORMED_REQUEST = URI.create(BASE + "malformed-request");

  /** A CSV upload could not be parsed; nothing was stored. */
  public static final URI INVALID_CSV = URI.create(BASE + "invalid-csv");

  /**
   * A CSV upload has a field, a line or more columns than the configured limits; {@code row},
   * {@code line} and {@code limit} say where and which. Nothing was stored.
   */
  public static final URI CSV_LIMIT_EXCEEDED = URI.create(BASE + "csv-limit-exceeded");

  /**
   * The instance imports as many uploads as it may at once; retry after {@code Retry-After}
   * seconds.
   */
  public static final URI UPLOADS_BUSY = URI.create(BASE + "uploads-busy");

  /**
   * The instance holds as many progress streams ({@code GET /api/v1/campaigns/{id}/events}) as it
   * may; retry after {@code Retry-After} seconds (another instance may have room).
   */
  public static final URI STREAMS_BUSY = URI.create(BASE + "streams-busy");

  public static final URI NOT_FOUND = URI.create(BASE + "not-found");

  /** The campaign's state machine forbids the change; {@code currentStatus} says why. */
  public static final URI INVALID_TRANSITION = URI.create(BASE + "invalid-transition");

  /** An {@code Idempotency-Key} was reused with a different request body. */
  public static final URI IDEMPOTENCY_KEY_REUSED = URI.create(BASE + "idempotency-key-reused");

  /** A contact list cannot be deleted while an unfinished campaign uses it. */
  public static final URI LIST_IN_USE = URI.create(BASE + "list-in-use");

  /**
   * A webhook URL the API will not call: not https (outside the local profile), or a host that
   * resolves to a loopback, link-local, private or otherwise non-public address.
   */
  public static final URI WEBHOOK_TARGET_REFUSED = URI.create(BASE + "webhook-target-refused");

  /** The tenant has as many webhook endpoints as it may ({@code limit}). */
  public static final URI WEBHOOK_LIMIT_REACHED = URI.create(BASE + "webhook-limit-reached");

  public static final URI PAYLOAD_TOO_LARGE = URI.create(BASE + "payload-too-large");
  public static final URI UNSUPPORTED_MEDIA_TYPE = URI.create(BASE + "unsupported-media-type");
  public static final URI NOT_ACCEPTABLE = URI.create(BASE + "not-acceptable");
  public static final URI METHOD_NOT_ALLOWED = URI.create(BASE + "method-not-allowed");
  public static final URI UNAUTHORIZED = URI.create(BASE + "unauthorized");
  public static final URI FORBIDDEN = URI.create(BASE + "forbidden");
  public static final URI CONFLICT = URI.create(BASE + "conflict");
  public static final URI SERVICE_UNAVAILABLE = URI.create(BASE + "service-unavailable");
  public static final URI INTERNAL = URI.create(BASE + "internal");

  private ProblemTypes() {}

  /** The type for an error that only has a status, e.g. one raised by Spring MVC itself. */
  public static URI forStatus(HttpStatusCode status) {
    return switch (status.value()) {
      case 400 -> MALFORMED_REQUEST;
      case 401 -> UNAUTHORIZED;
      case 403 -> FORBIDDEN;
      case 404 -> NOT_FOUND;
      case 405 -> METHOD_NOT_ALLOWED;
      case 406 -> NOT_ACCEPTABLE;
      case 409 -> CONFLICT;
      case 413 -> PAYLOAD_TOO_LARGE;
      case 415 -> UNSUPPORTED_MEDIA_TYPE;
      case 503 -> SERVICE_UNAVAILABLE;
      default -> status.is5xxServerError() ? INTERNAL : MALFORMED_REQUEST;
    };
  }
}
