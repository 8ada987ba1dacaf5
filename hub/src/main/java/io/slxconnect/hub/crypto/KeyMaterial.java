package io.slxconnect.hub.crypto;

import io.slxconnect.hub.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * A 256-bit key given in the environment or kept in a file of the data directory, generated at
 * first start with mode 0600 so that only the hub's user can read it.
 */
public final class KeyMaterial {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int KEY_BYTES = 32;

  private KeyMaterial() {
  }

  /**
   * Returns the configured key, else the one in {@code file}, creating it when missing.
   *
   * @param configured the base64 key from the configuration, if any
   * @param settingName the setting's name, for error messages
   * @param file the file that keeps the key in the data directory
   * @return the 32 key bytes
   */
  public static byte[] load(Optional<String> configured, String settingName, Path file) {
    if (configured.isPresent()) {
      return decode(configured.get(), settingName);
    }
    try {
      if (!Files.exists(file)) {
        create(file);
      }
      return decode(Files.readString(file, StandardCharsets.US_ASCII).trim(), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create key file " + file, e);
    }
  }

  /**
   * Random bytes from a strong source.
   *
   * @param count how many
   * @return the bytes
   */
  public static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  /** Writes the key to a private temp file, then moves it in place: never a half-written key. */
  private static void create(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    String encoded = Base64.getEncoder().encodeToString(randomBytes(KEY_BYTES));
    Path temp;
    try {
      temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    }
    Files.writeString(temp, encoded + "\n", StandardCharsets.US_ASCII);
    try {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException raced) {
      Files.deleteIfExists(temp);
    }
  }

  private static byte[] decode(String base64, String source) {
    try {
      byte[] key = Base64.getDecoder().decode(base64.trim());
      if (key.length != KEY_BYTES) {
        throw new ConfigException(source + " must hold a base64 key of 32 bytes, it has "
            + key.length);
      }
      return key;
    } catch (IllegalArgumentException e) {
      throw new ConfigException(source + " is not valid base64");
    }
  }
}
