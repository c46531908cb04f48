package com.voicecampaigns.worker.plivo;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param apiUrl Plivo's API root, {@code https://api.plivo.com/v1/} or a compatible simulator
 *     ({@code PLIVO_API_URL})
 * @param authId the account's auth id ({@code PLIVO_AUTH_ID})
 * @param authToken the account's auth token ({@code PLIVO_AUTH_TOKEN}); also the key of callback
 *     signatures
 * @param cps the account's outbound calls-per-second limit, shared by every worker through MongoDB
 *     ({@code PLIVO_CPS}, 2: Plivo's default); at most {@code floor(cps)} Make-Call requests reach
 *     Plivo in any one-second window; 0 turns the limit off (simulators and benchmarks only)
 * @param connectTimeout how long to wait for a connection to Plivo ({@code PLIVO_CONNECT_TIMEOUT},
 *     5s); a connection that was never made certainly placed no call
 * @param readTimeout how long to wait for Plivo's answer to a Make-Call request ({@code
 *     PLIVO_READ_TIMEOUT}, 10s); after it the outcome is unknown
 * @param idleConnectionTimeout how long a kept-alive connection to Plivo may sit idle in the pool
 *     before it is closed ({@code PLIVO_IDLE_CONNECTION_TIMEOUT}, 2s). Keep it well below the
 *     server's own idle timeout (Node.js: 5 s, load balancers: about a minute): a connection the
 *     server closed while it sat in the pool fails the next request <em>after</em> it was written,
 *     an ambiguous answer that costs an {@code unknown} attempt. OkHttp's own check of a pooled
 *     connection does not help here: for a POST it reads the socket only when the connection has
 *     been idle for 10 s or more, so a connection closed by the server after 5 s is reused as if it
 *     were alive (and {@code retryOnConnectionFailure} stays off, since a retried POST could ring a
 *     phone twice)
 * @param ringTimeout how long Plivo lets a call ring ({@code PLIVO_RING_TIMEOUT}, 60s)
 * @param timeLimit the longest a call may last, sent as {@code time_limit} ({@code
 *     PLIVO_TIME_LIMIT}, 1h)
 */
@Validated
@ConfigurationProperties("plivo")
public record PlivoProperties(
    @NotNull URI apiUrl,
    @NotBlank String authId,
    @NotBlank String authToken,
    @PositiveOrZero double cps,
    @NotNull Duration connectTimeout,
    @NotNull Duration readTimeout,
    @NotNull Duration idleConnectionTimeout,
    @NotNull Duration ringTimeout,
    @NotNull Duration timeLimit) {

  /**
   * The longest one Make-Call request can take, connecting, sending and waiting for Plivo: the
   * connect timeout plus the read timeout, enforced as the HTTP client's call timeout.
   */
  public Duration callTimeout() {
    return connectTimeout.plus(readTimeout);
  }

  @AssertTrue(message = "plivo.connect-timeout and plivo.read-timeout must be positive")
  boolean isTimeoutsPositive() {
    return connectTimeout == null
        || readTimeout == null
        || (positive(connectTimeout) && positive(readTimeout));
  }

  @AssertTrue(message = "plivo.idle-connection-timeout must be positive")
  boolean isIdleConnectionTimeoutPositive() {
    return idleConnectionTimeout == null || positive(idleConnectionTimeout);
  }

  private static boolean positive(Duration duration) {
    return !duration.isNegative() && !duration.isZero();
  }
}
