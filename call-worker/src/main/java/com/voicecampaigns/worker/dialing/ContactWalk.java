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
 *
 * <p>The walk's position (and with it the cursor saved on the campaign, {@code batchDone}) moves
 * past a contact only when the caller comes back for the next one, that is once the contact's
 * attempt exists (or it needed none). A worker that dies between moving past a contact and
 * inserting its attempt thus leaves a cursor before that contact, and its successor dials it; a
 * cursor one contact behind is harmless, since a contact that has its first attempt is skipped.
 */
final class ContactWalk implements AutoCloseable {

  private final ContactCursor cursor;
  private final int batchSize;
  private final Function<Collection<String>, Set<String>> alreadyClaimed;
  private final Consumer<String> batchDone;
  private final Deque<ContactDocument> batch = new ArrayDeque<>();
  private Set<String> claimed = Set.of();
  private String position;
  private String movedPast;
  private boolean movedPastEndOfBatch;
  private boolean exhausted;

  /**
   * @param after the id of the last contact handed to the dialler, {@code null} to start at the
   *     beginning
   * @param alreadyClaimed answers which of a batch's contact ids have a first attempt already
   * @param batchDone told the id of the last contact of each batch once the caller is done with it
   *     (came back for the next contact)
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

  /**
   * The next contact, or {@code null} when the list is walked to its end. Calling it says that the
   * contact moved past before is done with: its attempt exists, or it needs none.
   */
  ContactDocument peek() {
    settle();
    if (batch.isEmpty() && !exhausted) {
      fetch();
    }
    return batch.peekFirst();
  }

  /** Whether the contact {@link #peek()} returned has a first attempt already. */
  boolean claimed(ContactDocument contact) {
    return claimed.contains(contact.id());
  }

  /**
   * Moves past the contact {@link #peek()} returned; the position follows at the next {@link
   * #peek()}.
   */
  void advance() {
    ContactDocument done = batch.pollFirst();
    if (done != null) {
      movedPast = done.id();
      movedPastEndOfBatch = batch.isEmpty();
    }
  }

  /**
   * The id of the last contact that is done with (moved past, and {@link #peek()} called since),
   * {@code null} before the first: where a successor may resume.
   */
  String position() {
    return position;
  }

  private void settle() {
    if (movedPast == null) {
      return;
    }
    position = movedPast;
    movedPast = null;
    if (movedPastEndOfBatch) {
      batchDone.accept(position);
    }
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
