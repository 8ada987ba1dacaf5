package io.slxconnect.hrfile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HR file on disk and what HR does to it: hires, transfers, leavers. Every change rewrites
 * the file in place, as HR tools do, so a watch may even see it half-written.
 */
final class HrTable {

  static final String HEADER =
      "employeeId,userName,givenName,familyName,email,department,title,manager,status,"
          + "startDate,endDate";

  private final Path file;
  private final Map<String, Map<String, String>> rows = new LinkedHashMap<>();
  private int hired;

  HrTable(Path file) {
    this.file = file;
  }

  Path file() {
    return file;
  }

  /** Hires a person: a new active row; returns the employee id. */
  String hire(String userName) throws IOException {
    String id = "E" + (1000 + ++hired);
    Map<String, String> row = new LinkedHashMap<>();
    row.put("employeeId", id);
    row.put("userName", userName);
    row.put("givenName", "Given");
    row.put("familyName", userName);
    row.put("email", userName + "@example.com");
    row.put("department", "Engineering");
    row.put("title", "Engineer");
    row.put("manager", "");
    row.put("status", "active");
    row.put("startDate", "");
    row.put("endDate", "");
    rows.put(userName, row);
    write();
    return id;
  }

  /** Hires several people with one write of the file. */
  List<String> hireAll(List<String> userNames) throws IOException {
    List<String> ids = new ArrayList<>();
    for (String userName : userNames) {
      ids.add(hire(userName));
    }
    return ids;
  }

  /** Sets one column of a person's row. */
  void set(String userName, String column, String value) throws IOException {
    rows.get(userName).put(column, value);
    write();
  }

  /** Removes a person's row altogether. */
  void delete(String userName) throws IOException {
    rows.remove(userName);
    write();
  }

  /** Writes the rows, in place. */
  void write() throws IOException {
    StringBuilder text = new StringBuilder(HEADER).append('\n');
    for (Map<String, String> row : rows.values()) {
      text.append(String.join(",", row.values().stream().map(HrTable::quoted).toList()))
          .append('\n');
    }
    Files.writeString(file, text);
  }

  private static String quoted(String value) {
    return value.contains(",") || value.contains("\"")
        ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }
}
