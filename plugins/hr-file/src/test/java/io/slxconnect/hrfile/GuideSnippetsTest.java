package io.slxconnect.hrfile;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The plugin author guide walks through this connector; every Java and XML snippet in it must
 * stand, verbatim but for white space, in the file the comment above it names
 * ({@code <!-- from plugins/hr-file/... -->}). So the guide cannot drift from working code.
 * (This repository's test: when you copy the example, delete it.)
 */
class GuideSnippetsTest {

  private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();
  private static final Path GUIDE = REPOSITORY.resolve("docs/plugin-author-guide.md");
  private static final Pattern BLOCK = Pattern.compile(
      "(?m)^(?:<!-- from (\\S+) -->\\n)?```(java|xml)\\n(.*?)^```$", Pattern.DOTALL);

  @Test
  void everyJavaAndXmlSnippetOfTheGuideIsInTheFileItNames() throws Exception {
    String guide = Files.readString(GUIDE);
    List<String> problems = new ArrayList<>();
    int blocks = 0;
    Matcher block = BLOCK.matcher(guide);
    while (block.find()) {
      blocks++;
      int line = guide.substring(0, block.start()).split("\n", -1).length;
      String source = block.group(1);
      if (source == null) {
        problems.add("the " + block.group(2) + " block at line " + line + " names no source "
            + "file: put <!-- from plugins/hr-file/... --> on the line above it");
      } else if (!Files.isRegularFile(REPOSITORY.resolve(source))) {
        problems.add("the block at line " + line + " names " + source + ", which does not exist");
      } else if (!normalized(Files.readString(REPOSITORY.resolve(source)))
          .contains(normalized(block.group(3)))) {
        problems.add("the block at line " + line + " is not in " + source + " (any more): "
            + "copy it from there again");
      }
    }
    assertTrue(blocks >= 10, "the guide has " + blocks + " snippets; is " + GUIDE + " right?");
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  private static String normalized(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }
}
