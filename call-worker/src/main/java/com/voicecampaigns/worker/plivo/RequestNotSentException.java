package com.voicecampaigns.worker.plivo;

import java.io.IOException;

/**
 * A Make-Call request failed before any byte of it was sent: no connection (refused, unreachable,
 * unknown host, connect or TLS timeout). Plivo cannot have placed a call.
 */
final class RequestNotSentException extends IOException {

  RequestNotSentException(IOException cause) {
    super("not sent: " + cause, cause);
  }
}
