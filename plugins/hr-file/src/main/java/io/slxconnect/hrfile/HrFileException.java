package io.slxconnect.hrfile;

/**
 * The HR file cannot be used as it is: a missing column, a row that does not parse. The message
 * names the line, so that whoever maintains the file can fix it.
 */
final class HrFileException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int line;

  /**
   * Creates the exception.
   *
   * @param line the line of the file, from 1
   * @param problem what is wrong there
   */
  HrFileException(int line, String problem) {
    super("line " + line + ": " + problem);
    this.line = line;
  }

  /** {@return the line of the file the problem is on, from 1} */
  int line() {
    return line;
  }
}
