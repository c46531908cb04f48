package com.voicecampaigns.api.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import okhttp3.Dns;

/**
 * The resolver of every delivery's connection: it resolves the host when the connection is opened
 * and refuses the whole name if any address it resolves to is not allowed ({@link WebhookTargets}),
 * so a name that points somewhere private now (DNS rebinding) is never connected to, whatever it
 * resolved to when the endpoint was registered.
 */
final class GuardedDns implements Dns {

  private final WebhookTargets targets;

  GuardedDns(WebhookTargets targets) {
    this.targets = targets;
  }

  @Override
  public List<InetAddress> lookup(String host) throws UnknownHostException {
    List<InetAddress> addresses = targets.resolver().resolve(host);
    for (InetAddress address : addresses) {
      Optional<String> refusal = targets.refusal(address);
      if (refusal.isPresent()) {
        throw new RefusedAddressException(host + " " + refusal.get());
      }
    }
    return addresses;
  }

  /** A host that resolves to an address deliveries may not connect to. */
  static final class RefusedAddressException extends UnknownHostException {
    RefusedAddressException(String message) {
      super(message);
    }
  }
}
