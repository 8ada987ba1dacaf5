package io.slxconnect.hub.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema up to date at start. Migrations are the files listed, in order, in
 * {@code db/migration/index.txt} on the class path; each runs in its own transaction and is
 * recorded with its checksum in {@code schema_migrations}. A session advisory lock keeps two hubs
 * starting together from migrating at once. A migration that was changed after it ran stops the
 * start with a clear message, since the database would no longer match the code.
 */
public final class Migrations {

  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
  private static final String ROOT = "db/migration/";
  private static final long LOCK_KEY = 0x534c58L; // "SLX"

  private final Vertx vertx;
  private final Pool pool;

  /**
   * Creates the migrator.
   *
   * @param vertx the Vert.x instance, to read the scripts
   * @param pool the database
   */
  public Migrations(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  /**
   * Applies every migration not applied yet.
   *
   * @return the number of migrations applied now
   */
  public Future<Integer> migrate() {
    return pool.getConnection().compose(conn -> conn
        .query("SELECT pg_advisory_lock(" + LOCK_KEY + ")").execute()
        .compose(v -> conn.query("SET client_min_messages TO warning").execute())
        .compose(v -> conn.query("CREATE TABLE IF NOT EXISTS schema_migrations ("
            + "name text PRIMARY KEY, checksum text NOT NULL, "
            + "applied_at timestamptz NOT NULL DEFAULT now())").execute())
        .compose(v -> scripts())
        .compose(scripts -> refuseNewerSchema(conn, scripts).map(scripts))
        .compose(scripts -> applyAll(conn, scripts))
        .eventually(() -> conn.query("SELECT pg_advisory_unlock(" + LOCK_KEY + ")").execute()
            .eventually(conn::close)));
  }

  private Future<List<Script>> scripts() {
    return vertx.fileSystem().readFile(ROOT + "index.txt").compose(index -> {
      List<Future<Script>> reads = new ArrayList<>();
      for (String line : index.toString().split("\n")) {
        String name = line.trim();
        if (!name.isEmpty() && !name.startsWith("#")) {
          reads.add(vertx.fileSystem().readFile(ROOT + name).map(b -> new Script(name, b)));
        }
      }
      return Future.all(reads).map(all -> all.<Script>list());
    });
  }

  /** A database migrated by a newer hub would be misread by this one: refuse to start. */
  private static Future<Void> refuseNewerSchema(SqlConnection conn, List<Script> scripts) {
    java.util.Set<String> known = new java.util.HashSet<>();
    scripts.forEach(s -> known.add(s.name()));
    return conn.query("SELECT name FROM schema_migrations ORDER BY name").execute()
        .compose(rows -> {
          List<String> unknown = new ArrayList<>();
          rows.forEach(row -> {
            if (!known.contains(row.getString(0))) {
              unknown.add(row.getString(0));
            }
          });
          return unknown.isEmpty() ? Future.succeededFuture()
              : Future.failedFuture(new IllegalStateException("The database was migrated by a "
                  + "newer SLX Connect (" + unknown + "); run that version or newer"));
        });
  }

  private Future<Integer> applyAll(SqlConnection conn, List<Script> scripts) {
    Future<Integer> chain = Future.succeededFuture(0);
    for (Script script : scripts) {
      chain = chain.compose(count -> apply(conn, script).map(applied -> count + (applied ? 1 : 0)));
    }
    return chain;
  }

  private Future<Boolean> apply(SqlConnection conn, Script script) {
    return conn.preparedQuery("SELECT checksum FROM schema_migrations WHERE name = $1")
        .execute(Tuple.of(script.name()))
        .compose(rows -> {
          if (rows.size() > 0) {
            String recorded = rows.iterator().next().getString(0);
            if (!recorded.equals(script.checksum())) {
              return Future.failedFuture(new IllegalStateException("Migration " + script.name()
                  + " was changed after it was applied; restore it and add a new migration"));
            }
            return Future.succeededFuture(false);
          }
          long started = System.nanoTime();
          return conn.begin().compose(tx -> conn.query(script.sql()).execute()
              .compose(r -> conn.preparedQuery(
                      "INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)")
                  .execute(Tuple.of(script.name(), script.checksum())))
              .compose(r -> tx.commit())
              .onFailure(e -> tx.rollback()))
              .onSuccess(v -> LOG.info("Applied migration {} in {} ms", script.name(),
                  (System.nanoTime() - started) / 1_000_000))
              .map(true);
        });
  }

  private record Script(String name, String sql) {
    Script(String name, Buffer content) {
      this(name, content.toString());
    }

    String checksum() {
      return io.slxconnect.hub.crypto.Tokens.digest(sql);
    }
  }
}
