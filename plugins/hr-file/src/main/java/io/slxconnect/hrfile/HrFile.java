package io.slxconnect.hrfile;

import io.slxconnect.api.ConnectorException;
import io.slxconnect.api.ConnectorException.Reason;
import io.slxconnect.api.ExternalUser;
import io.vertx.core.file.FileSystemException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the HR file. Every method here blocks on disk: call them on
 * {@link io.slxconnect.api.ConnectorContext#blockingExecutor()}, never on an event loop.
 */
final class HrFile {

  /**
   * The whole file at one moment: its rows by employee id, in file order, and a digest of its
   * bytes that a checkpoint keeps in place of the rows.
   *
   * @param rows the rows, by employee id, in file order
   * @param digest the SHA-256 of the file, in hex
   */
  record Snapshot(Map<String, HrRow> rows, String digest) {

    /**
     * The accounts on a given day, in file order.
     *
     * @param day the day, in the connector's time zone
     * @return the users by employee id
     */
    Map<String, ExternalUser> usersOn(LocalDate day) {
      Map<String, ExternalUser> users = new LinkedHashMap<>();
      rows.forEach((id, row) -> users.put(id, row.toUser(day)));
      return users;
    }
  }

  /**
   * Some rows of the file, for one page of an import.
   *
   * @param rows the rows
   * @param more whether rows follow
   */
  record Slice(List<HrRow> rows, boolean more) {
  }

  private HrFile() {
  }

  /**
   * Reads and checks the whole file.
   *
   * @param path the file
   * @return the snapshot
   * @throws IOException when the file cannot be read
   * @throws HrFileException when a row is wrong, or an employee id appears twice
   */
  static Snapshot read(Path path) throws IOException {
    MessageDigest sha256 = sha256();
    Map<String, HrRow> rows = new LinkedHashMap<>();
    try (InputStream in = new DigestInputStream(Files.newInputStream(path), sha256)) {
      CsvReader csv = reader(in);
      HrColumns columns = HrColumns.of(csv.next());
      for (CsvReader.Record record = csv.next(); record != null; record = csv.next()) {
        HrRow row = columns.row(record);
        if (rows.putIfAbsent(row.employeeId(), row) != null) {
          throw new HrFileException(record.line(), "employeeId " + row.employeeId()
              + " appears a second time");
        }
      }
    }
    return new Snapshot(rows, HexFormat.of().formatHex(sha256.digest()));
  }

  /**
   * Reads some rows, stopping after them: memory stays bounded however large the file is.
   *
   * @param path the file
   * @param skip how many rows to pass over
   * @param count how many rows to return at most
   * @return the rows, and whether more follow
   * @throws IOException when the file cannot be read
   * @throws HrFileException when the header or one of the rows read is wrong
   */
  static Slice slice(Path path, int skip, int count) throws IOException {
    List<HrRow> rows = new ArrayList<>();
    try (InputStream in = Files.newInputStream(path)) {
      CsvReader csv = reader(in);
      HrColumns columns = HrColumns.of(csv.next());
      int seen = 0;
      for (CsvReader.Record record = csv.next(); record != null; record = csv.next()) {
        if (rows.size() == count) {
          return new Slice(rows, true);
        }
        HrRow row = columns.row(record);
        if (seen++ >= skip) {
          rows.add(row);
        }
      }
    }
    return new Slice(rows, false);
  }

  /**
   * Reads only the header, to check that the file can be used.
   *
   * @param path the file
   * @throws IOException when the file cannot be read
   * @throws HrFileException when a required column is missing
   */
  static void checkHeader(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      HrColumns.of(reader(in).next());
    }
  }

  /**
   * Turns a failure to read the file into a {@link ConnectorException} with the reason the hub
   * acts on and a message that says what to check.
   *
   * @param path the file
   * @param failure what went wrong
   * @return the exception to fail the future with
   */
  static ConnectorException failure(Path path, Throwable failure) {
    if (failure instanceof ConnectorException known) {
      return known;
    }
    if (failure instanceof FileSystemException vertx && vertx.getCause() != null) {
      return failure(path, vertx.getCause()); // Vert.x's file system wraps the JDK's exception
    }
    if (failure instanceof NoSuchFileException) {
      return new ConnectorException(Reason.UNAVAILABLE, "The HR file " + path + " does not "
          + "exist: check the path, and that the share holding it is mounted on the hub",
          failure);
    }
    if (failure instanceof AccessDeniedException) {
      return new ConnectorException(Reason.INSUFFICIENT_ACCESS, "The hub may not read the HR "
          + "file " + path + ": give the user the hub runs as read access", failure);
    }
    if (failure instanceof HrFileException) {
      return new ConnectorException(Reason.FAILED, "The HR file " + path + " is not valid: "
          + failure.getMessage(), failure);
    }
    return new ConnectorException(Reason.UNAVAILABLE, "Cannot read the HR file " + path + ": "
        + failure, failure);
  }

  private static CsvReader reader(InputStream in) {
    return new CsvReader(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }
}
