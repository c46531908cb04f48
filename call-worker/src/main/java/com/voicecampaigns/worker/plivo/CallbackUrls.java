package com.voicecampaigns.worker.plivo;

import com.voicecampaigns.worker.WorkerProperties;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The answer, hangup, ring and machine-detection URLs of one call: {@code
 * {public-url}/plivo/{kind}/{callId}}, with {@code ?campaignId=…&callId=…} so that the call can be
 * told apart in Plivo's logs and the simulator's audit log even when it was never answered. Plivo
 * signs the full URL, query included, and the worker verifies it that way.
 */
@Component
final class CallbackUrls {

  private final String base;

  @Autowired
  CallbackUrls(WorkerProperties worker) {
    this(worker.publicUrl());
  }

  CallbackUrls(URI publicUrl) {
    String url = publicUrl.toString();
    this.base = (url.endsWith("/") ? url : url + "/") + "plivo/";
  }

  URI answer(MakeCallRequest request) {
    return url("answer", request);
  }

  URI hangup(MakeCallRequest request) {
    return url("hangup", request);
  }

  URI ring(MakeCallRequest request) {
    return url("ring", request);
  }

  /** Where Plivo reports an answering machine it detected on the call (asynchronous detection). */
  URI machine(MakeCallRequest request) {
    return url("machine", request);
  }

  private URI url(String kind, MakeCallRequest request) {
    return URI.create(
        base
            + kind
            + "/"
            + encoded(request.callId())
            + "?campaignId="
            + encoded(request.campaignId())
            + "&callId="
            + encoded(request.callId()));
  }

  private static String encoded(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8);
  }
}
