package com.voicecampaigns.worker.plivo;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.WeakHashMap;
import okhttp3.Connection;
import okhttp3.Interceptor;

/**
 * Never writes a request into a kept-alive connection that sat idle for {@code
 * plivo.idle-connection-timeout} or longer: such a connection may have been closed by the server
 * (Node.js closes idle ones after 5 s), and a request written into it fails only after it left, an
 * ambiguous answer. OkHttp's own check does not catch it (for a POST it reads the socket only when
 * the connection has been idle for 10 s or more), and plivo-java replaces the client's connection
 * pool with one that keeps idle connections for 5 minutes, so the pool's own eviction cannot be
 * tuned either.
 *
 * <p>So the {@link #network} interceptor, which OkHttp runs once it holds a connection and before
 * it writes anything, closes a connection that has been idle too long and raises {@link
 * StaleConnectionException}; the {@link #application} interceptor then asks again, which opens a
 * fresh connection (the pool drops a closed one). Nothing was sent, so asking again is safe, and it
 * costs a connection set-up, not a delay.
 */
final class StaleConnections {

  /** A few stale connections can sit in the pool at once (plivo-java keeps up to 5 idle ones). */
  private static final int MAX_STALE_IN_A_ROW = 8;

  private final long maxIdleNanos;

  /** Each connection's exchanges, by identity; forgotten with the connection. */
  private final Map<Connection, Use> uses = new WeakHashMap<>();

  StaleConnections(Duration maxIdle) {
    this.maxIdleNanos = maxIdle.toNanos();
  }

  /** Installed with {@code addInterceptor}, after {@link SendTracker#application()}. */
  Interceptor application() {
    return chain -> {
      for (int stale = 0; ; stale++) {
        try {
          return chain.proceed(chain.request());
        } catch (StaleConnectionException e) {
          if (stale >= MAX_STALE_IN_A_ROW) {
            throw e;
          }
        }
      }
    };
  }

  /** Installed with {@code addNetworkInterceptor}, before {@link SendTracker#network()}. */
  Interceptor network() {
    return chain -> {
      Connection connection = chain.connection();
      Use use = connection == null ? null : begin(connection);
      try {
        return chain.proceed(chain.request());
      } finally {
        if (use != null) {
          use.end(System.nanoTime());
        }
      }
    };
  }

  /**
   * Starts an exchange on {@code connection}, or closes it and raises {@link
   * StaleConnectionException} when it sat idle too long (or another request found it so). A
   * connection that carries an exchange (HTTP/2 multiplexes) is never idle, so never closed here.
   */
  private Use begin(Connection connection) throws IOException {
    Use use;
    synchronized (uses) {
      use = uses.computeIfAbsent(connection, c -> new Use());
    }
    if (use.beginOrRetire(System.nanoTime(), maxIdleNanos)) {
      return use;
    }
    connection.socket().close();
    throw new StaleConnectionException();
  }

  /** One connection's exchanges: how many are under way, and when the last one ended. */
  private static final class Use {
    private int inFlight;
    private long lastEnded;
    private boolean used;
    private boolean retired;

    /** True when an exchange may start; false when the connection is (now) retired. */
    synchronized boolean beginOrRetire(long now, long maxIdleNanos) {
      if (!retired && inFlight == 0 && used && now - lastEnded >= maxIdleNanos) {
        retired = true;
      }
      if (retired) {
        return false;
      }
      inFlight++;
      return true;
    }

    synchronized void end(long now) {
      inFlight--;
      used = true;
      lastEnded = now;
    }
  }

  /** A pooled connection was too old to be trusted; nothing was written into it. */
  static final class StaleConnectionException extends IOException {
    StaleConnectionException() {
      super("a kept-alive connection sat idle too long to be trusted; nothing was sent on it");
    }
  }
}
