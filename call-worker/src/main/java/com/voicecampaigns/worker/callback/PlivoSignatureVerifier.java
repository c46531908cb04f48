package com.voicecampaigns.worker.callback;

import com.plivo.api.util.Utils;
import com.voicecampaigns.worker.WorkerProperties;
import com.voicecampaigns.worker.plivo.PlivoProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Checks {@code X-Plivo-Signature-V3} with plivo-java's own validator against the URL Plivo called.
 * Behind a proxy that URL is rebuilt from {@code X-Forwarded-Proto/Host/Port/Prefix} (by Spring's
 * {@code ForwardedHeaderFilter}, {@code server.forward-headers-strategy=framework}); the configured
 * public URL plus the request path is accepted too, for proxies that send no such headers. Either
 * way the signature must be an HMAC with the account's auth token.
 *
 * <p>Only the local profile may turn the check off ({@code worker.verify-signatures=false});
 * anywhere else the worker refuses to start, since whoever reaches the callbacks could then report
 * any call answered or ended.
 */
@Component
class PlivoSignatureVerifier {

  static final String SIGNATURE = "X-Plivo-Signature-V3";
  static final String NONCE = "X-Plivo-Signature-V3-Nonce";
  private static final Logger log = LoggerFactory.getLogger(PlivoSignatureVerifier.class);

  private final WorkerProperties worker;
  private final PlivoProperties plivo;

  PlivoSignatureVerifier(WorkerProperties worker, PlivoProperties plivo, Environment environment) {
    if (!worker.verifySignatures() && !environment.matchesProfiles("local")) {
      throw new IllegalStateException(
          "WORKER_VERIFY_SIGNATURES=false (worker.verify-signatures) is allowed only in the local"
              + " profile: without the X-Plivo-Signature-V3 check anyone who reaches the callbacks"
              + " can report calls answered or ended");
    }
    this.worker = worker;
    this.plivo = plivo;
  }

  boolean isValid(HttpServletRequest request, Map<String, String> params) {
    if (!worker.verifySignatures()) {
      return true;
    }
    String signature = request.getHeader(SIGNATURE);
    String nonce = request.getHeader(NONCE);
    if (signature == null || nonce == null || signature.isBlank() || nonce.isBlank()) {
      log.warn("callback {} without a Plivo signature: refused", request.getRequestURI());
      return false;
    }
    for (String url : candidateUrls(request)) {
      try {
        if (Utils.validateSignatureV3(
            url, nonce, signature, plivo.authToken(), request.getMethod(), params)) {
          return true;
        }
      } catch (GeneralSecurityException | IOException | RuntimeException e) {
        log.debug("signature check against {} failed: {}", url, e.toString());
      }
    }
    log.warn("callback {} with a bad Plivo signature: refused", request.getRequestURI());
    return false;
  }

  private Set<String> candidateUrls(HttpServletRequest request) {
    String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
    Set<String> urls = new LinkedHashSet<>();
    urls.add(request.getRequestURL() + query);
    String base = worker.publicUrl().toString();
    base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    String path = request.getRequestURI().substring(request.getContextPath().length());
    urls.add(base + path + query);
    return urls;
  }
}
