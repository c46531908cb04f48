package com.voicecampaigns.worker.plivo;

import java.net.URI;

/** One call to place: its numbers and the callback URLs that carry its call id. */
public record MakeCallRequest(String from, String to, URI answerUrl, URI hangupUrl, URI ringUrl) {}
