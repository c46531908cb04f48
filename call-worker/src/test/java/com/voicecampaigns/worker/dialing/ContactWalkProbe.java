package com.voicecampaigns.worker.dialing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.voicecampaigns.store.call.CallAttemptReads;
import com.voicecampaigns.store.contact.ContactStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Walks a contact list with the worker's own {@link ContactWalk} (and the per-batch lookup of
 * contacts already claimed, as a dialling session does), in a JVM of its own started with a small
 * {@code -Xmx}: its heap holds only what the walk retains, not the database. Prints one line of
 * figures.
 *
 * <p>Arguments: MongoDB URI, database, list id, campaign id, batch size.
 */
public final class ContactWalkProbe {

  private ContactWalkProbe() {}

  public static void main(String[] args) {
    try (MongoClient client = MongoClients.create(args[0])) {
      MongoTemplate mongo = new MongoTemplate(client, args[1]);
      CallAttemptReads attempts = new CallAttemptReads(mongo);
      String campaignId = args[3];
      AtomicLong batches = new AtomicLong();
      ContactWalk walk =
          new ContactWalk(
              new ContactStore(mongo),
              args[2],
              null,
              Integer.parseInt(args[4]),
              ids -> attempts.contactsWithFirstAttempt(campaignId, ids),
              position -> batches.incrementAndGet());
      long started = System.nanoTime();
      long walked = 0;
      long maxUsedAfterGc = 0;
      while (walk.peek() != null) {
        walk.advance();
        walked++;
        if (walked % 100_000 == 0) {
          System.gc();
          maxUsedAfterGc = Math.max(maxUsedAfterGc, usedHeap());
        }
      }
      long elapsedMs = (System.nanoTime() - started) / 1_000_000;
      System.gc();
      long peak =
          ManagementFactory.getMemoryPoolMXBeans().stream()
              .filter(pool -> pool.getType() == MemoryType.HEAP)
              .mapToLong(pool -> pool.getPeakUsage().getUsed())
              .sum();
      System.out.printf(
          "WALK walked=%d batches=%d elapsedMs=%d maxHeap=%d peakHeapUsed=%d"
              + " maxUsedAfterGc=%d usedAfterGcAtEnd=%d%n",
          walked,
          batches.get(),
          elapsedMs,
          Runtime.getRuntime().maxMemory(),
          peak,
          maxUsedAfterGc,
          usedHeap());
    }
  }

  private static long usedHeap() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP)
        .mapToLong(pool -> pool.getUsage().getUsed())
        .sum();
  }
}
