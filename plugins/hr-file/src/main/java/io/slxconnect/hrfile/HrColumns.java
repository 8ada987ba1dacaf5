package io.slxconnect.hrfile;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The header row of the HR file: which column holds what. Column names are matched ignoring
 * case and surrounding blanks, in any order; columns the connector does not know are ignored,
 * so HR can keep their own.
 */
final class HrColumns {

  /** Columns every file has. */
  static final List<String> REQUIRED =
      List.of("employeeId", "userName", "givenName", "familyName", "status");
  /** Columns a file may have; an empty value means "none". */
  static final List<String> OPTIONAL =
      List.of("email", "department", "title", "manager", "startDate", "endDate");

  private final Map<String, Integer> index;
  private final int width;

  private HrColumns(Map<String, Integer> index, int width) {
    this.index = index;
    this.width = width;
  }

  /**
   * Reads the header.
   *
   * @param header the first record of the file, or {@code null} when the file is empty
   * @return the columns
   * @throws HrFileException naming every required column that is missing
   */
  static HrColumns of(CsvReader.Record header) {
    if (header == null) {
      throw new HrFileException(1, "the file is empty; the first line must name the columns "
          + String.join(", ", REQUIRED));
    }
    Map<String, Integer> index = new HashMap<>();
    List<String> known = new ArrayList<>(REQUIRED);
    known.addAll(OPTIONAL);
    for (int i = 0; i < header.fields().size(); i++) {
      String name = header.fields().get(i).strip();
      for (String column : known) {
        if (column.equalsIgnoreCase(name)) {
          index.putIfAbsent(column, i);
        }
      }
    }
    List<String> missing = REQUIRED.stream().filter(c -> !index.containsKey(c)).toList();
    if (!missing.isEmpty()) {
      throw new HrFileException(header.line(), "the header lacks the column"
          + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing));
    }
    return new HrColumns(index, header.fields().size());
  }

  /**
   * Reads one row.
   *
   * @param record a record after the header
   * @return the row
   * @throws HrFileException naming the line and what is wrong with it
   */
  HrRow row(CsvReader.Record record) {
    if (record.fields().size() != width) {
      throw new HrFileException(record.line(), "expected " + width + " fields as in the "
          + "header, found " + record.fields().size() + " (is the file still being written?)");
    }
    String status = required(record, "status").toLowerCase(Locale.ROOT);
    if (!status.equals("active") && !status.equals("leaver")) {
      throw new HrFileException(record.line(), "status is '" + status + "'; it must be active "
          + "or leaver");
    }
    return new HrRow(required(record, "employeeId"), required(record, "userName"),
        required(record, "givenName"), required(record, "familyName"),
        optional(record, "email"), optional(record, "department"), optional(record, "title"),
        optional(record, "manager"), status.equals("leaver"), date(record, "startDate"),
        date(record, "endDate"));
  }

  private String required(CsvReader.Record record, String column) {
    String value = optional(record, column);
    if (value == null) {
      throw new HrFileException(record.line(), column + " is empty");
    }
    return value;
  }

  private String optional(CsvReader.Record record, String column) {
    Integer at = index.get(column);
    String value = at == null ? "" : record.fields().get(at).strip();
    return value.isEmpty() ? null : value;
  }

  private LocalDate date(CsvReader.Record record, String column) {
    String value = optional(record, column);
    try {
      return value == null ? null : LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new HrFileException(record.line(), column + " is '" + value + "'; write dates as "
          + "YYYY-MM-DD");
    }
  }
}
