package io.slxconnect.hrfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CSV dialect HR tools write: quotes, commas and line breaks inside fields, CRLF. */
class CsvReaderTest {

  @Test
  void quotedFieldsKeepCommasQuotesAndLineBreaksAndRecordsKnowTheirLine() throws Exception {
    CsvReader csv = new CsvReader(new StringReader(
        "a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\r\n\"two\nlines\",z\rlast,row"));
    assertEquals(new CsvReader.Record(1, List.of("a", "b")), csv.next());
    assertEquals(new CsvReader.Record(2, List.of("x, y", "say \"hi\"")), csv.next());
    assertEquals(new CsvReader.Record(4, List.of("two\nlines", "z")), csv.next());
    assertEquals(new CsvReader.Record(6, List.of("last", "row")), csv.next());
    assertNull(csv.next());
  }

  @Test
  void anUnclosedQuoteIsAHalfWrittenFile() {
    CsvReader csv = new CsvReader(new StringReader("a,b\n\"cut"));
    HrFileException e = assertThrows(HrFileException.class, () -> {
      csv.next();
      csv.next();
    });
    assertEquals(2, e.line());
  }
}
