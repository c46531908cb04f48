package com.voicecampaigns.benchmark.report;

/** One area of the report (dispatcher, dialling, API, lists): its markdown, charts written. */
public interface Section {

  /** The section's markdown, starting with its {@code ##} heading; writes its charts on the way. */
  String render(ReportContext context);
}
