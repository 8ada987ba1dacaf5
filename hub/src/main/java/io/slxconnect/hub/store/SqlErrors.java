package io.slxconnect.hub.store;

import io.vertx.pgclient.PgException;

/** Recognises the constraint violations that callers turn into answers (409, 422). */
public final class SqlErrors {

  private SqlErrors() {
  }

  /**
   * Whether a unique constraint refused the write (a name already taken).
   *
   * @param e the failure
   * @return {@code true} for SQLSTATE 23505
   */
  public static boolean isUniqueViolation(Throwable e) {
    return e instanceof PgException pg && "23505".equals(pg.getSqlState());
  }

  /**
   * Whether a foreign key refused the write (a reference to something that does not exist).
   *
   * @param e the failure
   * @return {@code true} for SQLSTATE 23503
   */
  public static boolean isForeignKeyViolation(Throwable e) {
    return e instanceof PgException pg && "23503".equals(pg.getSqlState());
  }

  /**
   * Whether PostgreSQL aborted the transaction to break a deadlock; running it again is safe.
   *
   * @param e the failure
   * @return {@code true} for SQLSTATE 40P01
   */
  public static boolean isDeadlock(Throwable e) {
    return e instanceof PgException pg && "40P01".equals(pg.getSqlState());
  }

  /**
   * A LIKE pattern that matches any text containing {@code text}, lower-cased, with LIKE's
   * wildcards in it escaped.
   *
   * @param text what to look for
   * @return the pattern
   */
  static String containsPattern(String text) {
    return "%" + text.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\")
        .replace("%", "\\%").replace("_", "\\_") + "%";
  }
}
