package io.slxconnect.hub.demo;

import io.slxconnect.hub.crypto.KeyMaterial;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * A random password kept in a file readable by its owner only, made when the file is missing.
 * The file holds the password and nothing else, no line break, so that tools that read a
 * password file whole ({@code ldapmodify -y}) can use it as it is.
 */
final class SecretFile {

  /** 24 random bytes: 192 bits, 32 characters of base64url, no character a shell quotes. */
  private static final int RANDOM_BYTES = 24;

  private SecretFile() {
  }

  /**
   * Reads the password in a file, creating the file with a new random one when it is missing.
   *
   * @param file the file
   * @return the password
   * @throws IOException when it cannot be read or created
   */
  static String readOrCreate(Path file) throws IOException {
    if (!Files.exists(file)) {
      String fresh = Base64.getUrlEncoder().withoutPadding()
          .encodeToString(KeyMaterial.randomBytes(RANDOM_BYTES));
      DemoFiles.writePrivate(file, fresh.getBytes(StandardCharsets.US_ASCII), false);
    }
    String password = Files.readString(file, StandardCharsets.US_ASCII).strip();
    if (password.isEmpty()) {
      throw new IOException(file + " is empty; delete it and a new password is made at the next "
          + "start");
    }
    return password;
  }
}
