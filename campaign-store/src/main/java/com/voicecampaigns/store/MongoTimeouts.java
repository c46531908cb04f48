package com.voicecampaigns.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The MongoDB driver's timeouts, prefix {@code mongodb}, the same in every service (the store's
 * auto-configuration applies them): {@code MONGODB_CONNECT_TIMEOUT}, {@code
 * MONGODB_SOCKET_TIMEOUT}, {@code MONGODB_SERVER_SELECTION_TIMEOUT}. The driver's defaults wait
 * forever for an answer on an open connection (socket timeout 0) and 30 s for a server, so a
 * MongoDB that stops answering would hang request threads, leases and claims for good; with these,
 * every operation fails within a bounded time and the driver reconnects by itself once MongoDB
 * answers again. Options given in the connection string ({@code connectTimeoutMS}, {@code
 * socketTimeoutMS}, {@code serverSelectionTimeoutMS}) win over these.
 *
 * @param connectTimeout opening a connection, and each read of the driver's server monitor. Default
 *     5s.
 * @param socketTimeout waiting for the answer to one operation on an open connection; keep it above
 *     the slowest operation (a bulk insert, a count over a large list). Default 15s.
 * @param serverSelectionTimeout waiting for a usable server before an operation fails. Default 10s.
 */
@ConfigurationProperties("mongodb")
public record MongoTimeouts(
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("15s") Duration socketTimeout,
    @DefaultValue("10s") Duration serverSelectionTimeout) {

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
    Objects.requireNonNull(value, "mongodb." + name + " is required");
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(
          "mongodb." + name + " must be positive (zero waits forever)");
    }
  }
}
