package com.voicecampaigns.worker.callback;

import com.plivo.api.util.Utils;
import com.voicecampaigns.worker.WorkerProperties;
import com.voicecampaigns.worker.plivo.PlivoProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Checks {@code X-Plivo-Signature-V3} with plivo-java's own validator, against the URL Plivo
 * called: this worker's public base URL plus the request path.
 */
@Component
class PlivoSignatureVerifier {

  private final WorkerProperties worker;
  private final PlivoProperties plivo;

  PlivoSignatureVerifier(WorkerProperties worker, PlivoProperties plivo) {
    this.worker = worker;
    this.plivo = plivo;
  }

  boolean isValid(HttpServletRequest request, Map<String, String> params) {
    if (!worker.verifySignatures()) {
      return true;
    }
    String signature = request.getHeader("X-Plivo-Signature-V3");
    String nonce = request.getHeader("X-Plivo-Signature-V3-Nonce");
    if (signature == null || nonce == null) {
      return false;
    }
    try {
      return Utils.validateSignatureV3(
          publicUrl(request), nonce, signature, plivo.authToken(), request.getMethod(), params);
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      return false;
    }
  }

  private String publicUrl(HttpServletRequest request) {
    String base = worker.publicUrl().toString();
    base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    String query = request.getQueryString();
    return base + request.getRequestURI() + (query == null ? "" : "?" + query);
  }
}
