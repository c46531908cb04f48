package com.voicecampaigns.faults.audit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ids a worker puts in its callback URLs' query ({@code ?campaignId=…&callId=…}). */
final class CallUrls {

  private static final Pattern QUERY = Pattern.compile("[?&](campaignId|callId)=([^&]+)");

  private CallUrls() {}

  /** The value of {@code name} in {@code url}'s query, {@code null} when it has none. */
  static String query(String url, String name) {
    if (url == null) {
      return null;
    }
    Matcher matcher = QUERY.matcher(url);
    while (matcher.find()) {
      if (matcher.group(1).equals(name)) {
        return matcher.group(2);
      }
    }
    return null;
  }
}
