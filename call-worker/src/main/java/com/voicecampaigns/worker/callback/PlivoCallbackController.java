package com.voicecampaigns.worker.callback;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.MDC;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Plivo's answer, ring, machine-detection and hangup callbacks, addressed by our call id (the URLs
 * also carry {@code ?campaignId=…&callId=…}, which only names the call). Every callback is verified
 * first, over the full URL and the body's parameters: a bad or missing signature answers 403 and
 * changes nothing; an unknown call id answers 404.
 */
@RestController
@RequestMapping("/plivo")
class PlivoCallbackController {

  private final PlivoSignatureVerifier signatures;
  private final CallCallbacks callbacks;

  PlivoCallbackController(PlivoSignatureVerifier signatures, CallCallbacks callbacks) {
    this.signatures = signatures;
    this.callbacks = callbacks;
  }

  @PostMapping(value = "/answer/{callId}", produces = MediaType.APPLICATION_XML_VALUE)
  ResponseEntity<String> answer(
      @PathVariable String callId,
      @RequestParam MultiValueMap<String, String> params,
      HttpServletRequest request) {
    return verified(
        callId,
        params,
        request,
        form ->
            callbacks
                .answered(callId, form)
                .map(
                    answer ->
                        ResponseEntity.ok(
                            answer instanceof CallCallbacks.Answer.Stream stream
                                ? AnswerXml.stream(
                                    stream.wssUrl(),
                                    stream.campaignId(),
                                    stream.contactId(),
                                    callId,
                                    stream.machine())
                                : AnswerXml.hangup()))
                .orElseGet(() -> ResponseEntity.notFound().build()));
  }

  @PostMapping("/ring/{callId}")
  ResponseEntity<Void> ring(
      @PathVariable String callId,
      @RequestParam MultiValueMap<String, String> params,
      HttpServletRequest request) {
    return verified(
        callId, params, request, form -> okOrNotFound(callbacks.ringing(callId, form).isPresent()));
  }

  @PostMapping("/machine/{callId}")
  ResponseEntity<Void> machine(
      @PathVariable String callId,
      @RequestParam MultiValueMap<String, String> params,
      HttpServletRequest request) {
    return verified(
        callId, params, request, form -> okOrNotFound(callbacks.machineDetected(callId, form)));
  }

  @PostMapping("/hangup/{callId}")
  ResponseEntity<Void> hangup(
      @PathVariable String callId,
      @RequestParam MultiValueMap<String, String> params,
      HttpServletRequest request) {
    return verified(callId, params, request, form -> okOrNotFound(callbacks.hungUp(callId, form)));
  }

  /**
   * Runs {@code handler} on the callback's form parameters only when the signature is valid (403
   * otherwise, nothing changed), with the call id in the log context.
   */
  private <T> ResponseEntity<T> verified(
      String callId,
      MultiValueMap<String, String> params,
      HttpServletRequest request,
      Function<Map<String, String>, ResponseEntity<T>> handler) {
    Map<String, String> form = CallbackForm.bodyOf(params, request.getQueryString());
    if (!signatures.isValid(request, form)) {
      return ResponseEntity.status(403).build();
    }
    MDC.put("callId", callId);
    try {
      return handler.apply(form);
    } finally {
      MDC.remove("callId");
      MDC.remove("campaignId");
      MDC.remove("dispatchId");
    }
  }

  private static ResponseEntity<Void> okOrNotFound(boolean known) {
    return known ? ResponseEntity.ok().build() : ResponseEntity.notFound().build();
  }
}
