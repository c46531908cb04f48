package com.voicecampaigns.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of campaign-api, prefix {@code api}. Production JWT validation by issuer or JWKS
 * URI uses Spring Boot's own {@code spring.security.oauth2.resourceserver.jwt.*} properties.
 *
 * @param security how bearer tokens are validated and read
 * @param cors which browser origins may call the API
 * @param uploads request body limits
 * @param contactLists contact list import settings
 * @param campaigns campaign validation settings
 * @param progressStreams the Server-Sent Events streams of campaign progress
 */
@ConfigurationProperties("api")
@Validated
public record ApiProperties(
    @Valid @NotNull @DefaultValue Security security,
    @Valid @NotNull @DefaultValue Cors cors,
    @Valid @NotNull @DefaultValue Uploads uploads,
    @Valid @NotNull @DefaultValue ContactLists contactLists,
    @Valid @NotNull @DefaultValue Campaigns campaigns,
    @Valid @NotNull @DefaultValue ProgressStreams progressStreams) {

  /**
   * @param hmacSecret shared HS256 secret (at least 32 bytes); when set, tokens are verified with
   *     it instead of an issuer's keys. For the local profile and tests only; the local profile's
   *     own default is refused anywhere else. Default: none.
   * @param audiences the audiences of this API: a token's {@code aud} must name at least one of
   *     them, whichever key verifies it. Empty: {@code aud} is not checked, which the gke profile
   *     refuses (it does not start). Default: none.
   * @param tenantClaim the claim that names the caller's tenant (the campaigns' {@code clientId}).
   *     Default {@code clientId}.
   * @param rolesClaim the claim holding the caller's roles, a list or a space-separated string.
   *     Default {@code roles}.
   * @param adminRole the role that lets a caller see every tenant and trigger a scheduler tick.
   *     Default {@code admin}.
   * @param clockSkew tolerance on {@code exp} and {@code nbf}; every token needs an {@code exp}.
   *     Default 60s.
   */
  public record Security(
      String hmacSecret,
      @DefaultValue List<@NotBlank String> audiences,
      @DefaultValue("clientId") @NotBlank String tenantClaim,
      @DefaultValue("roles") @NotBlank String rolesClaim,
      @DefaultValue("admin") @NotBlank String adminRole,
      @DefaultValue("60s") @NotNull Duration clockSkew) {}

  /**
   * @param allowedOrigins origins of the product UI allowed to call the API from a browser, e.g.
   *     {@code https://app.example.com}. Default: none (no cross-origin calls).
   */
  public record Cors(@DefaultValue List<String> allowedOrigins) {}

  /**
   * @param maxJsonBodySize largest JSON request body; larger ones answer 413. Default 5MB.
   * @param maxCsvUploadSize largest CSV upload ({@code text/csv} body or multipart file); larger
   *     ones answer 413. Multipart uploads are spooled to disk (under {@code /tmp}) while they
   *     arrive, so this also bounds one request's spool. Default 512MB.
   * @param maxConcurrentUploads CSV uploads (either kind) one instance imports at once; more answer
   *     503 with {@code Retry-After} before anything is read. With {@code maxCsvUploadSize} it
   *     bounds the disk that multipart spooling can take: keep their product below the {@code /tmp}
   *     volume. Default 2.
   */
  public record Uploads(
      @DefaultValue("5MB") @NotNull DataSize maxJsonBodySize,
      @DefaultValue("512MB") @NotNull DataSize maxCsvUploadSize,
      @DefaultValue("2") @Min(1) @Max(1000) int maxConcurrentUploads) {}

  /**
   * @param importBatchSize contacts inserted per bulk write while importing. Default 1000.
   * @param maxReportedErrors rejected rows listed in an import's answer; all are counted. Default
   *     1000.
   * @param defaultRegion ISO 3166 region in which numbers without a country code are read, e.g.
   *     {@code IN}; empty: such numbers are rejected. Default: empty.
   * @param staleImportAfter an import that wrote nothing for this long is considered dead (its API
   *     instance stopped) and its list and contacts are removed. Default 15m.
   * @param staleImportCheck how often to look for such imports. Default 1m.
   * @param maxVariables variables one contact may have; a row with more is rejected, a CSV with
   *     more variable columns answers 400. Default 50.
   * @param maxVariableNameLength longest variable name; a longer JSON key rejects the row, a longer
   *     CSV column header answers 400. Default 64.
   * @param maxVariableValueLength longest variable value; a row with a longer one is rejected.
   *     Default 1024.
   * @param csv limits of the CSV reader
   */
  public record ContactLists(
      @DefaultValue("1000") @Min(1) @Max(10_000) int importBatchSize,
      @DefaultValue("1000") @Min(0) int maxReportedErrors,
      String defaultRegion,
      @DefaultValue("15m") @NotNull Duration staleImportAfter,
      @DefaultValue("1m") @NotNull Duration staleImportCheck,
      @DefaultValue("50") @Min(0) @Max(10_000) int maxVariables,
      @DefaultValue("64") @Min(1) @Max(10_000) int maxVariableNameLength,
      @DefaultValue("1024") @Min(1) int maxVariableValueLength,
      @Valid @NotNull @DefaultValue Csv csv) {}

  /**
   * Limits the CSV reader enforces while it reads, so no field or line is held whole before it is
   * refused; an upload over one answers 400 ({@code csv-limit-exceeded}, with the row and line) and
   * stores nothing.
   *
   * @param maxFieldLength longest field, in characters. Default 4096.
   * @param maxColumns most columns in the header or any row. Default 64.
   * @param maxLineLength longest row (a quoted field's line breaks included), in characters.
   *     Default 65536.
   */
  public record Csv(
      @DefaultValue("4096") @Min(1) int maxFieldLength,
      @DefaultValue("64") @Min(1) @Max(10_000) int maxColumns,
      @DefaultValue("65536") @Min(1) int maxLineLength) {}

  /**
   * @param scheduleHorizon how far ahead a campaign may be scheduled. Default 365 days.
   * @param allowInsecureWebSocket accept {@code ws://} bot URLs besides {@code wss://}; the local
   *     profile enables it. Default false.
   * @param idempotencyKeyRetention how long an {@code Idempotency-Key} is remembered: a request
   *     with the key of a campaign created longer ago creates a new campaign. Default 24h.
   * @param seedDeduplicationWindow on {@code POST /plivo/create-campaign} without an {@code
   *     Idempotency-Key}: a request of the same tenant with the same body as one this recent
   *     answers the campaign that one created (a double submit of the product UI). Zero: off.
   *     Default 0s.
   */
  public record Campaigns(
      @DefaultValue("365d") @NotNull Duration scheduleHorizon,
      @DefaultValue("false") boolean allowInsecureWebSocket,
      @DefaultValue("24h") @NotNull @DurationMin(seconds = 1) Duration idempotencyKeyRetention,
      @DefaultValue("0s") @NotNull @DurationMin(seconds = 0) Duration seedDeduplicationWindow) {}

  /**
   * {@code GET /api/v1/campaigns/{id}/events}: one shared poller reads the watched campaigns (one
   * query for all of them) and fans each change out to their streams; no thread is held per stream.
   *
   * @param maxStreams streams one instance holds open at once; one more answers 503 ({@code
   *     streams-busy}) with {@code Retry-After}. Default 1000.
   * @param pollInterval how often the watched campaigns are read. Default 1s.
   * @param heartbeatInterval how often every stream gets a comment line, so proxies keep it open
   *     and a client that went away is noticed. Default 15s.
   * @param maxDuration a stream's longest life; then it ends and the client reconnects (an {@code
   *     EventSource} does so by itself). Default 30m.
   */
  public record ProgressStreams(
      @DefaultValue("1000") @Min(1) @Max(100_000) int maxStreams,
      @DefaultValue("1s") @NotNull @DurationMin(millis = 10) Duration pollInterval,
      @DefaultValue("15s") @NotNull @DurationMin(millis = 10) Duration heartbeatInterval,
      @DefaultValue("30m") @NotNull @DurationMin(seconds = 1) Duration maxDuration) {}
}
