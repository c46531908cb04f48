package com.voicecampaigns.model.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The MongoDB driver's timeouts, the same in every service. The driver's defaults wait forever for
 * an answer on an open connection (socket timeout 0) and 30 s for a server, so a MongoDB that stops
 * answering would hang request threads, leases and claims for good; with these, every operation
 * fails within a bounded time and the driver reconnects by itself once MongoDB answers again.
 * Options given in the connection string ({@code connectTimeoutMS}, {@code socketTimeoutMS}, {@code
 * serverSelectionTimeoutMS}) win over these.
 *
 * @param connectTimeout opening a connection, and each read of the driver's server monitor
 * @param socketTimeout waiting for the answer to one operation on an open connection; keep it above
 *     the slowest operation (a bulk insert, a count over a large list)
 * @param serverSelectionTimeout waiting for a usable server before an operation fails
 */
public record MongoTimeouts(
    Duration connectTimeout, Duration socketTimeout, Duration serverSelectionTimeout) {

  public MongoTimeouts {
    requirePositive(connectTimeout, "connect-timeout");
    requirePositive(socketTimeout, "socket-timeout");
    requirePositive(serverSelectionTimeout, "server-selection-timeout");
  }

  /** Sets the timeouts on {@code settings}, except those {@code uri} names itself. */
  public void applyTo(MongoClientSettings.Builder settings, ConnectionString uri) {
    settings.applyToSocketSettings(
        socket -> {
          if (uri == null || uri.getConnectTimeout() == null) {
            socket.connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
          }
          if (uri == null || uri.getSocketTimeout() == null) {
            socket.readTimeout(socketTimeout.toMillis(), TimeUnit.MILLISECONDS);
          }
        });
    settings.applyToClusterSettings(
        cluster -> {
          if (uri == null || uri.getServerSelectionTimeout() == null) {
            cluster.serverSelectionTimeout(
                serverSelectionTimeout.toMillis(), TimeUnit.MILLISECONDS);
          }
        });
  }

  private static void requirePositive(Duration value, String name) {
    Objects.requireNonNull(value, name + " is required");
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive (zero waits forever)");
    }
  }
}
