package com.voicecampaigns.api.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the API may send a webhook (the server fetches a URL a user gave, so this is an SSRF
 * guard). Outside the local profile only {@code https} URLs are accepted, and only hosts whose
 * every address is public: loopback, link-local (cloud metadata at 169.254.169.254), private (10/8,
 * 172.16/12, 192.168/16, fc00::/7), carrier-grade NAT (100.64/10), unspecified, multicast and the
 * other reserved ranges are refused, also when an IPv6 address embeds an IPv4 one. The same check
 * runs on the addresses a name resolves to when a delivery connects ({@link GuardedDns}) and on the
 * socket's peer ({@link DeliveryClient}), so a name that resolved to a public address at
 * registration and to a private one later (DNS rebinding) is still refused.
 */
class WebhookTargets {

  /** Resolves a host name to its addresses; the system resolver by default, a fake in tests. */
  interface Resolver {
    List<InetAddress> resolve(String host) throws UnknownHostException;

    Resolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));
  }

  private final boolean allowPrivate;
  private final boolean allowHttp;
  private final Resolver resolver;

  WebhookTargets(boolean allowPrivate, boolean allowHttp, Resolver resolver) {
    this.allowPrivate = allowPrivate;
    this.allowHttp = allowHttp;
    this.resolver = resolver;
  }

  Resolver resolver() {
    return resolver;
  }

  /** Why {@code url} may not be an endpoint, or empty when it may (it is resolved now). */
  Optional<String> refusal(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
      return Optional.of(allowHttp ? "must be an http or https URL" : "must be an https URL");
    }
    String host = url.getHost();
    if (host == null || host.isBlank()) {
      return Optional.of("must name a host");
    }
    if (url.getUserInfo() != null) {
      return Optional.of("must not carry credentials");
    }
    List<InetAddress> addresses;
    try {
      addresses = resolver.resolve(bare(host));
    } catch (UnknownHostException e) {
      return Optional.of("host " + host + " does not resolve");
    }
    return addresses.stream().map(this::refusal).flatMap(Optional::stream).findFirst();
  }

  /** Why a connection to {@code address} is refused, or empty when it is allowed. */
  Optional<String> refusal(InetAddress address) {
    if (allowPrivate || isPublic(address)) {
      return Optional.empty();
    }
    return Optional.of(
        "resolves to " + address.getHostAddress() + ", which is not a public address");
  }

  /** Parses {@code url} as an absolute URI, or empty. */
  static Optional<URI> parse(String url) {
    try {
      URI uri = new URI(url);
      return uri.isAbsolute() && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  /** Whether {@code address} is a public unicast address. */
  static boolean isPublic(InetAddress address) {
    if (address.isAnyLocalAddress()
        || address.isLoopbackAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return false;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      return isPublicV4(b);
    }
    if (address instanceof Inet6Address) {
      int first = b[0] & 0xff;
      if ((first & 0xfe) == 0xfc) { // fc00::/7 unique local
        return false;
      }
      if (first == 0x20
          && (b[1] & 0xff) == 0x01
          && (b[2] & 0xff) == 0x0d
          && (b[3] & 0xff) == 0xb8) {
        return false; // 2001:db8::/32 documentation
      }
      if (isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
        return isPublicV4(new byte[] {b[12], b[13], b[14], b[15]}); // ::ffff:a.b.c.d
      }
      if (isZero(b, 0, 12)) {
        return false; // ::a.b.c.d (deprecated IPv4-compatible), ::, ::1
      }
      if (first == 0x20 && (b[1] & 0xff) == 0x02) {
        return isPublicV4(new byte[] {b[2], b[3], b[4], b[5]}); // 6to4 embeds an IPv4
      }
      if ((b[0] & 0xff) == 0x00
          && (b[1] & 0xff) == 0x64
          && (b[2] & 0xff) == 0xff
          && (b[3] & 0xff) == 0x9b) {
        return isPublicV4(new byte[] {b[12], b[13], b[14], b[15]}); // 64:ff9b::/96 NAT64
      }
      return true;
    }
    return false;
  }

  private static boolean isPublicV4(byte[] b) {
    int a0 = b[0] & 0xff;
    int a1 = b[1] & 0xff;
    return !(a0 == 0 // this network
        || a0 == 10
        || a0 == 127
        || (a0 == 100 && a1 >= 64 && a1 <= 127) // carrier-grade NAT
        || (a0 == 169 && a1 == 254)
        || (a0 == 172 && a1 >= 16 && a1 <= 31)
        || (a0 == 192 && a1 == 168)
        || (a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
        || (a0 == 192 && a1 == 0 && (b[2] & 0xff) == 2) // TEST-NET-1
        || (a0 == 198 && (a1 == 18 || a1 == 19)) // benchmarking
        || (a0 == 198 && a1 == 51 && (b[2] & 0xff) == 100) // TEST-NET-2
        || (a0 == 203 && a1 == 0 && (b[2] & 0xff) == 113) // TEST-NET-3
        || a0 >= 224); // multicast, reserved, broadcast
  }

  private static boolean isZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static String bare(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }
}
