package com.voicecampaigns.faults.audit;

import java.nio.file.Path;

/**
 * How often the workers mended a campaign's progress counters from a recount when a session ended,
 * read from their logs. A mend makes the audit's recount pass although the counters had drifted, so
 * the suite counts them and fails a scenario in which no process was harmed and one happened.
 */
public final class CounterMends {

  /** What {@code SessionTeardown} logs when it mends. */
  static final String MARK = "progress counters were ";

  private CounterMends() {}

  /** The mends logged in the {@code *.log} files of {@code dir}. */
  public static long in(Path dir) {
    return LogLines.count(dir, line -> line.contains(MARK) && line.contains(": mended"));
  }
}
