package com.voicecampaigns.worker.callback;

import java.io.StringWriter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Plivo XML that connects an answered call to the voice bot's WebSocket. Only ids travel in {@code
 * extraHeaders}, plus {@code machine=true} when Plivo's detection heard an answering machine; the
 * bot reads the contact's variables from the API by call id.
 */
final class AnswerXml {

  private AnswerXml() {}

  static String stream(
      String wssUrl, String campaignId, String contactId, String callId, boolean machine) {
    String extraHeaders =
        "campaignId="
            + campaignId
            + ",contactId="
            + contactId
            + ",callId="
            + callId
            + (machine ? ",machine=true" : "");
    try {
      StringWriter out = new StringWriter();
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeStartElement("Response");
      xml.writeStartElement("Stream");
      xml.writeAttribute("bidirectional", "true");
      xml.writeAttribute("keepCallAlive", "true");
      xml.writeAttribute("contentType", "audio/x-mulaw;rate=8000");
      xml.writeAttribute("extraHeaders", extraHeaders);
      xml.writeCharacters(wssUrl);
      xml.writeEndElement();
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.close();
      return out.toString();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write answer XML", e);
    }
  }

  static String hangup() {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Hangup/></Response>";
  }
}
