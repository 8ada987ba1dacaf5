package io.slxconnect.hub.testplugin;

import io.slxconnect.api.Capability;
import io.slxconnect.api.ChangeRecord;
import io.slxconnect.api.ChangeSink;
import io.slxconnect.api.Checkpoint;
import io.slxconnect.api.ConnectionReport;
import io.slxconnect.api.ConnectorContext;
import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorInstance;
import io.slxconnect.api.ConnectorType;
import io.slxconnect.api.ExternalGroup;
import io.slxconnect.api.ExternalUser;
import io.slxconnect.api.Page;
import io.slxconnect.api.Password;
import io.slxconnect.hub.testplugin.shared.MemoryDirectory;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A connected system kept in memory, for pipeline tests: every capability, failures on demand,
 * changes reported as they are made. With {@code burst} it instead generates that many new
 * users through its watch, resuming from its checkpoint; with {@code journal} it appends every
 * write to a file, so a test can check what a hub process pushed before it was killed.
 */
public class MemoryConnectorType implements ConnectorType {

  @Override
  public String id() {
    return "memory";
  }

  @Override
  public String displayName() {
    return "Memory";
  }

  @Override
  public String description() {
    return "Test directory";
  }

  @Override
  public JsonObject settingsSchema() {
    return new JsonObject("""
        {"type": "object", "additionalProperties": false, "required": ["directory"],
         "properties": {
           "directory": {"type": "string"},
           "pageSize": {"type": "integer", "minimum": 1, "default": 2},
           "burst": {"type": "integer", "minimum": 1},
           "journal": {"type": "string"}}}
        """);
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.allOf(Capability.class);
  }

  @Override
  public ConnectorInstance create(ConnectorContext context) {
    return new MemoryInstance(context);
  }

  /** One connection to a memory directory. */
  static final class MemoryInstance implements ConnectorInstance {
    private final ConnectorContext context;
    private final MemoryDirectory directory;
    private final int pageSize;
    private volatile boolean stopped;

    MemoryInstance(ConnectorContext context) {
      this.context = context;
      JsonObject settings = context.settings();
      this.directory = MemoryDirectory.named(settings.getString("directory"));
      this.pageSize = settings.getInteger("pageSize", 2);
    }

    @Override
    public Future<Void> start() {
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> stop() {
      stopped = true;
      directory.watch(null, null);
      return Future.succeededFuture();
    }

    @Override
    public Future<ConnectionReport> test() {
      return Future.succeededFuture(new ConnectionReport(
          List.of(ConnectionReport.Step.ok("memory", "always there")), Map.of()));
    }

    @Override
    public Future<Page<ExternalUser>> readUsers(String cursor) {
      return run("read users", () -> page(directory.accounts(), cursor));
    }

    @Override
    public Future<Page<ExternalGroup>> readGroups(String cursor) {
      return run("read groups", () -> page(directory.groups(), cursor));
    }

    private <T> Page<T> page(List<T> all, String cursor) {
      int from = cursor == null ? 0 : Integer.parseInt(cursor);
      int to = Math.min(all.size(), from + pageSize);
      return new Page<>(all.subList(from, to), to < all.size() ? String.valueOf(to) : null);
    }

    @Override
    public Future<ExternalUser> createUser(ExternalUser user, Password initialPassword) {
      return directory.createMayStart().compose(go -> run("create " + user.userName(), () -> {
        ExternalUser created = directory.create(user);
        journal("create " + user.userName() + " " + created.externalId());
        return created;
      }));
    }

    @Override
    public Future<ExternalUser> updateUser(ExternalUser user) {
      return run("update " + user.externalId(), () -> directory.update(user));
    }

    @Override
    public Future<Void> setEnabled(String externalId, boolean enabled) {
      return run((enabled ? "enable " : "disable ") + externalId, () -> {
        directory.setActive(externalId, enabled);
        return null;
      });
    }

    @Override
    public Future<Void> deleteUser(String externalId) {
      return run("delete " + externalId, () -> {
        directory.delete(externalId);
        return null;
      });
    }

    @Override
    public Future<Void> setPassword(String externalId, Password password) {
      return run("password " + externalId + " " + new String(password.chars()), () -> null);
    }

    @Override
    public Future<Void> addMember(String groupExternalId, String userExternalId) {
      return run("add " + userExternalId + " to " + groupExternalId, () -> null);
    }

    @Override
    public Future<Void> removeMember(String groupExternalId, String userExternalId) {
      return run("remove " + userExternalId + " from " + groupExternalId, () -> null);
    }

    @Override
    public Future<Void> watch(Checkpoint resumeFrom, ChangeSink sink) {
      Context owner = context.vertx().getOrCreateContext();
      Integer burst = context.settings().getInteger("burst");
      if (burst != null) {
        int from = resumeFrom == null ? 0 : Integer.parseInt(resumeFrom.value());
        owner.runOnContext(v -> generate(sink, from, burst));
        return Future.succeededFuture();
      }
      directory.onConnection(context::reportConnection);
      directory.watch(sink, batch -> owner.runOnContext(v ->
          sink.accept(batch, directory.nextCheckpoint())));
      return Future.succeededFuture();
    }

    /** Emits generated users ten at a time, each batch after the previous one is durable. */
    private void generate(ChangeSink sink, int from, int total) {
      if (stopped || from >= total) {
        return;
      }
      int to = Math.min(total, from + 10);
      List<ChangeRecord> batch = new ArrayList<>();
      for (int i = from + 1; i <= to; i++) {
        String name = String.format("burst-%05d", i);
        batch.add(ChangeRecord.userUpserted(new ExternalUser("g-" + i, name, "User " + i,
            null, null, List.of(name + "@example.com"), true, null, null, null, null, null)));
      }
      sink.accept(batch, new Checkpoint(String.valueOf(to)))
          .onSuccess(v -> generate(sink, to, total))
          .onFailure(e -> context.logger().log(System.Logger.Level.WARNING,
              "burst stopped: " + e.getMessage()));
    }

    private void journal(String line) {
      String path = context.settings().getString("journal");
      if (path == null) {
        return;
      }
      try {
        Files.writeString(Path.of(path), line + "\n", StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new ConnectorException(ConnectorException.Reason.FAILED, e.toString(), e);
      }
    }

    private <T> Future<T> run(String call, Supplier<T> operation) {
      try {
        directory.call(call);
        return Future.succeededFuture(operation.get());
      } catch (ConnectorException e) {
        return Future.failedFuture(e);
      }
    }
  }
}
