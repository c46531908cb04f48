package com.voicecampaigns.faults.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Every process the suite started, so that none outlives it: a shutdown hook kills what is still
 * running (and whatever each spawned) however the suite ends. bin/fault-suite also runs the suite
 * in a process group of its own and kills the group on exit, for a suite killed with SIGKILL.
 */
final class ChildProcesses {

  private static final List<Process> RUNNING = new ArrayList<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::killAll, "kill-children"));
  }

  private ChildProcesses() {}

  static synchronized void add(Process process) {
    RUNNING.add(process);
  }

  static synchronized void remove(Process process) {
    RUNNING.remove(process);
  }

  private static synchronized void killAll() {
    for (Process process : RUNNING) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    for (Process process : RUNNING) {
      try {
        process.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
