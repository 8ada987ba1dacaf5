package io.slxconnect.hub.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

  private static final byte[] AAD = "connector:1".getBytes(StandardCharsets.UTF_8);

  @Test
  void sealedSecretsOpenOnlyWithTheSameKeyAndOwner(@TempDir Path dir) throws Exception {
    byte[] key = KeyMaterial.load(Optional.empty(), "SLX_MASTER_KEY", dir.resolve("master.key"));
    assertEquals("rw-------", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(dir.resolve("master.key"))));
    assertArrayEquals(key, KeyMaterial.load(Optional.empty(), "SLX_MASTER_KEY",
        dir.resolve("master.key")), "the generated key is kept");

    SecretBox box = new SecretBox(key);
    byte[] secret = "bind-password".getBytes(StandardCharsets.UTF_8);
    byte[] sealed = box.seal(secret, AAD);
    assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("bind-password"));
    assertArrayEquals(secret, box.open(sealed, AAD));

    assertThrows(SecretBox.SecretBoxException.class,
        () -> box.open(sealed, "connector:2".getBytes(StandardCharsets.UTF_8)));
    sealed[sealed.length - 1] ^= 1;
    assertThrows(SecretBox.SecretBoxException.class, () -> box.open(sealed, AAD));
    assertThrows(SecretBox.SecretBoxException.class, () -> new SecretBox(
        KeyMaterial.randomBytes(32)).open(box.seal(secret, AAD), AAD));
  }

  @Test
  void passwordsAreHashedSlowlyAndSalted() {
    PasswordHasher hasher = new PasswordHasher();
    String a = hasher.hash("hunter2-hunter2".toCharArray());
    String b = hasher.hash("hunter2-hunter2".toCharArray());
    assertTrue(a.startsWith("pbkdf2-sha256$600000$"), a);
    assertFalse(a.equals(b), "each hash has its own salt");
    assertTrue(hasher.verify("hunter2-hunter2".toCharArray(), a));
    assertFalse(hasher.verify("hunter3-hunter3".toCharArray(), a));
  }
}
