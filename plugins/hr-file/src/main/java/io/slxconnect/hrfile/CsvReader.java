package io.slxconnect.hrfile;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV records (RFC 4180: comma separated, fields in double quotes may hold commas, line
 * breaks and doubled quotes) one at a time, so that a large file never has to fit in memory.
 * Each record knows the line it starts on, for error messages an HR admin can act on.
 */
final class CsvReader {

  /**
   * One record.
   *
   * @param line the line number the record starts on, from 1
   * @param fields the fields, unquoted
   */
  record Record(int line, List<String> fields) {
  }

  private static final int NONE = -2;

  private final Reader in;
  private int line = 1;
  /** A character read one too far, or {@code NONE}. */
  private int pushedBack = NONE;

  /**
   * Reads from a reader; the caller closes it.
   *
   * @param in the characters, ideally buffered
   */
  CsvReader(Reader in) {
    this.in = in;
  }

  /**
   * Reads the next record; blank lines are skipped.
   *
   * @return the record, or {@code null} at the end of the input
   * @throws IOException when reading fails
   * @throws HrFileException when a quoted field is not closed: a half-written file
   */
  Record next() throws IOException {
    int c = read();
    while (c == '\n' || c == '\r') {
      skipLineBreak(c);
      c = read();
    }
    if (c == -1) {
      return null;
    }
    int start = line;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    while (true) {
      if (c == '"' && field.isEmpty()) {
        c = readQuoted(field, start);
      }
      if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        c = read();
      } else if (c == '\n' || c == '\r' || c == -1) {
        fields.add(field.toString());
        if (c != -1) {
          skipLineBreak(c);
        }
        return new Record(start, fields);
      } else {
        field.append((char) c);
        c = read();
      }
    }
  }

  /** Reads a quoted field after its opening quote; returns the character after the closing. */
  private int readQuoted(StringBuilder field, int start) throws IOException {
    while (true) {
      int c = read();
      if (c == -1) {
        throw new HrFileException(start, "a quoted field is not closed (is the file still "
            + "being written?)");
      }
      if (c == '"') {
        int after = read();
        if (after != '"') {
          return after;
        }
      } else if (c == '\n') {
        line++;
      }
      field.append((char) c);
    }
  }

  /** Consumes the rest of a line break ({@code \n}, {@code \r\n} or {@code \r}). */
  private void skipLineBreak(int c) throws IOException {
    line++;
    if (c == '\r') {
      int after = read();
      if (after != '\n') {
        pushedBack = after;
      }
    }
  }

  private int read() throws IOException {
    if (pushedBack != NONE) {
      int c = pushedBack;
      pushedBack = NONE;
      return c;
    }
    return in.read();
  }
}
