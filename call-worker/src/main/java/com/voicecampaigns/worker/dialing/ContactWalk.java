package com.voicecampaigns.worker.dialing;

import com.voicecampaigns.store.contact.ContactCursor;
import com.voicecampaigns.store.contact.ContactDocument;
import com.voicecampaigns.store.contact.ContactStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Walks a list's contacts in {@code _id} order from the cursor stored on the campaign, holding one
 * batch in memory at a time, so a campaign's heap does not grow with its list.
 *
 * <p>One server-side cursor ({@link ContactStore#walk}) serves the whole walk, reopened by the
 * store after the last contact read should MongoDB drop it. Each batch comes with the contacts that
 * already have a first attempt, which a worker taking a campaign over skips without trying to claim
 * them.
 */
final class ContactWalk implements AutoCloseable {

  private final ContactCursor cursor;
  private final int batchSize;
  private final Function<Collection<String>, Set<String>> alreadyClaimed;
  private final Consumer<String> batchDone;
  private final Deque<ContactDocument> batch = new ArrayDeque<>();
  private Set<String> claimed = Set.of();
  private String position;
  private boolean exhausted;

  /**
   * @param after the id of the last contact handed to the dialler, {@code null} to start at the
   *     beginning
   * @param alreadyClaimed answers which of a batch's contact ids have a first attempt already
   * @param batchDone told the id of the last contact of each batch once it is used up
   */
  ContactWalk(
      ContactStore contacts,
      String listId,
      String after,
      int batchSize,
      Function<Collection<String>, Set<String>> alreadyClaimed,
      Consumer<String> batchDone) {
    this.cursor = contacts.walk(listId, after, batchSize);
    this.batchSize = batchSize;
    this.alreadyClaimed = alreadyClaimed;
    this.batchDone = batchDone;
    this.position = after;
  }

  /** The next contact, or {@code null} when the list is walked to its end. */
  ContactDocument peek() {
    if (batch.isEmpty() && !exhausted) {
      fetch();
    }
    return batch.peekFirst();
  }

  /** Whether the contact {@link #peek()} returned has a first attempt already. */
  boolean claimed(ContactDocument contact) {
    return claimed.contains(contact.id());
  }

  /** Moves past the contact {@link #peek()} returned. */
  void advance() {
    ContactDocument done = batch.pollFirst();
    if (done != null) {
      position = done.id();
      if (batch.isEmpty()) {
        batchDone.accept(position);
      }
    }
  }

  /** The id of the last contact moved past, {@code null} before the first. */
  String position() {
    return position;
  }

  @Override
  public void close() {
    cursor.close();
  }

  private void fetch() {
    List<String> ids = new ArrayList<>(batchSize);
    while (ids.size() < batchSize) {
      ContactDocument next = cursor.next();
      if (next == null) {
        break;
      }
      ids.add(next.id());
      batch.add(next);
    }
    if (ids.isEmpty()) {
      exhausted = true;
      claimed = Set.of();
      close();
    } else {
      claimed = alreadyClaimed.apply(ids);
    }
  }
}
