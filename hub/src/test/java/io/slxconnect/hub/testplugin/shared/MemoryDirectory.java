package io.slxconnect.hub.testplugin.shared;

import io.slxconnect.api.ChangeRecord;
import io.slxconnect.api.ChangeSink;
import io.slxconnect.api.Checkpoint;
import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ExternalGroup;
import io.slxconnect.api.ExternalUser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The state of one "memory" connected system, shared by the tests and the test plugin: the
 * plugin jar leaves this class out, so its class loader falls back to the tests' one and both
 * see the same directories. Tests change accounts "behind the hub's back", inject failures, and
 * read what the hub pushed.
 */
public final class MemoryDirectory {

  private static final Map<String, MemoryDirectory> ALL = new ConcurrentHashMap<>();

  private final Map<String, ExternalUser> accounts = new LinkedHashMap<>();
  private final Map<String, ExternalGroup> groups = new LinkedHashMap<>();
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final AtomicInteger nextId = new AtomicInteger(1);
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile ConnectorException.Reason failureReason;
  private volatile Consumer<List<ChangeRecord>> watcher;
  private volatile io.vertx.core.Promise<Void> createGate;
  private final AtomicInteger createsWaiting = new AtomicInteger();
  private volatile java.util.function.BiConsumer<Boolean, String> connection = (up, why) -> { };
  private final AtomicInteger sequence = new AtomicInteger();

  /**
   * The directory of a name, created empty on first use.
   *
   * @param name the name the connector's settings give
   * @return the directory
   */
  public static MemoryDirectory named(String name) {
    return ALL.computeIfAbsent(name, n -> new MemoryDirectory());
  }

  /** @return every call the hub made, such as {@code create alice} or {@code disable m-3} */
  public List<String> calls() {
    return List.copyOf(calls);
  }

  /**
   * Makes the next calls fail.
   *
   * @param count how many
   * @param reason with which reason
   */
  public void failNext(int count, ConnectorException.Reason reason) {
    failureReason = reason;
    failuresLeft.set(count);
  }

  /**
   * An account as the directory has it.
   *
   * @param id the account id
   * @return the account, or {@code null}
   */
  public synchronized ExternalUser account(String id) {
    return accounts.get(id);
  }

  /**
   * The account of a user name.
   *
   * @param userName the name
   * @return the account, or {@code null}
   */
  public synchronized ExternalUser accountNamed(String userName) {
    return accounts.values().stream().filter(a -> a.userName().equals(userName)).findFirst()
        .orElse(null);
  }

  /** @return every account */
  public synchronized List<ExternalUser> accounts() {
    return new ArrayList<>(accounts.values());
  }

  /** @return every group */
  public synchronized List<ExternalGroup> groups() {
    return new ArrayList<>(groups.values());
  }

  /**
   * Adds or replaces an account behind the hub's back; a watching connector reports it.
   *
   * @param account the account, with its id
   */
  public void put(ExternalUser account) {
    synchronized (this) {
      accounts.put(account.externalId(), account);
    }
    report(List.of(ChangeRecord.userUpserted(account)));
  }

  /**
   * Adds or replaces a group behind the hub's back; a watching connector reports it.
   *
   * @param group the group, with its id
   */
  public void put(ExternalGroup group) {
    synchronized (this) {
      groups.put(group.externalId(), group);
    }
    report(List.of(ChangeRecord.groupUpserted(group)));
  }

  /**
   * Deletes an account behind the hub's back; a watching connector reports it.
   *
   * @param id the account id
   */
  public void remove(String id) {
    synchronized (this) {
      accounts.remove(id);
    }
    report(List.of(ChangeRecord.deleted(id)));
  }

  // What the plugin calls.

  /**
   * Called by the plugin before every operation: counts down injected failures.
   *
   * @param call what the hub asked for
   */
  public void call(String call) {
    calls.add(call);
    if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new ConnectorException(failureReason, "injected failure of " + call);
    }
  }

  /**
   * Creates an account with a new id.
   *
   * @param account the account without id
   * @return the account as stored
   */
  public synchronized ExternalUser create(ExternalUser account) {
    if (accountNamed(account.userName()) != null) {
      throw new ConnectorException(ConnectorException.Reason.ALREADY_EXISTS,
          "an account named " + account.userName() + " exists");
    }
    String id = "m-" + nextId.getAndIncrement();
    ExternalUser stored = withId(account, id);
    accounts.put(id, stored);
    return stored;
  }

  /**
   * Replaces an account's state, keeping its id.
   *
   * @param account the account
   * @return the account as stored
   */
  public synchronized ExternalUser update(ExternalUser account) {
    if (!accounts.containsKey(account.externalId())) {
      throw new ConnectorException(ConnectorException.Reason.NOT_FOUND,
          "no account " + account.externalId());
    }
    accounts.put(account.externalId(), account);
    return account;
  }

  /**
   * Sets an account's state.
   *
   * @param id the account
   * @param active enabled or not
   */
  public synchronized void setActive(String id, boolean active) {
    ExternalUser a = accounts.get(id);
    if (a == null) {
      throw new ConnectorException(ConnectorException.Reason.NOT_FOUND, "no account " + id);
    }
    accounts.put(id, new ExternalUser(id, a.userName(), a.displayName(), a.givenName(),
        a.familyName(), a.emails(), active, a.employeeNumber(), a.department(),
        a.managerExternalId(), a.groupExternalIds(), a.attributes()));
  }

  /**
   * Deletes an account; deleting a missing one succeeds.
   *
   * @param id the account
   */
  public synchronized void delete(String id) {
    accounts.remove(id);
  }

  /**
   * Reports changes to the watching connector, if any.
   *
   * @param changes the changes
   */
  public void report(List<ChangeRecord> changes) {
    Consumer<List<ChangeRecord>> w = watcher;
    if (w != null) {
      w.accept(changes);
    }
  }

  /**
   * Called by the plugin's watch.
   *
   * @param sink where the plugin delivers, or {@code null} when the watch stops
   * @param deliver how the plugin hands a batch to its sink
   */
  public void watch(ChangeSink sink, Consumer<List<ChangeRecord>> deliver) {
    watcher = sink == null ? null : deliver;
  }

  /**
   * Called by the plugin's watch: where connection losses of this directory are reported.
   *
   * @param reports the connector context's report
   */
  public void onConnection(java.util.function.BiConsumer<Boolean, String> reports) {
    connection = reports;
  }

  /**
   * Makes the watching connector report that it lost, or regained, its connection.
   *
   * @param up whether the connection works
   * @param reason why not
   */
  public void connection(boolean up, String reason) {
    connection.accept(up, reason);
  }

  /** Makes creates wait until {@link #releaseCreates()}, as a slow system would. */
  public void holdCreates() {
    createGate = io.vertx.core.Promise.promise();
  }

  /** Lets held and later creates go on. */
  public void releaseCreates() {
    io.vertx.core.Promise<Void> gate = createGate;
    createGate = null;
    if (gate != null) {
      gate.tryComplete();
    }
  }

  /**
   * Called by the plugin before a create.
   *
   * @return completes when creates may go on
   */
  public io.vertx.core.Future<Void> createMayStart() {
    io.vertx.core.Promise<Void> gate = createGate;
    if (gate == null) {
      return io.vertx.core.Future.succeededFuture();
    }
    createsWaiting.incrementAndGet();
    return gate.future().onComplete(done -> createsWaiting.decrementAndGet());
  }

  /** @return how many creates wait for {@link #releaseCreates()} */
  public int createsWaiting() {
    return createsWaiting.get();
  }

  /** @return the next checkpoint value */
  public Checkpoint nextCheckpoint() {
    return new Checkpoint(String.valueOf(sequence.incrementAndGet()));
  }

  private static ExternalUser withId(ExternalUser a, String id) {
    return new ExternalUser(id, a.userName(), a.displayName(), a.givenName(), a.familyName(),
        a.emails(), a.active(), a.employeeNumber(), a.department(), a.managerExternalId(),
        a.groupExternalIds(), a.attributes());
  }
}
