package io.slxconnect.hub.demo;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where the demo directory keeps its state, in {@code <SLX_DATA_DIR>/demo-directory/}: the
 * directory's content, its TLS key and certificate, and its manager password. The folder and
 * every file in it are readable by the hub's user only.
 *
 * @param folder the folder itself
 */
public record DemoFiles(Path folder) {

  /**
   * The files below a data directory.
   *
   * @param dataDir the hub's data directory
   * @return the files
   */
  public static DemoFiles in(Path dataDir) {
    return new DemoFiles(dataDir.resolve("demo-directory"));
  }

  /** {@return the directory's entries, as LDIF, with their entryUUIDs} */
  public Path content() {
    return folder.resolve("directory.ldif");
  }


  /** {@return the server's key and self-signed certificate, PKCS #12} */
  public Path keyStore() {
    return folder.resolve("server.p12");
  }

  /** {@return the password of {@link #keyStore()}} */
  public Path keyStorePin() {
    return folder.resolve("server.p12.pin");
  }

  /** {@return the server certificate in PEM form, for clients to trust (LDAPTLS_CACERT)} */
  public Path certificate() {
    return folder.resolve("server-cert.pem");
  }

  /** {@return the password of the manager DN, without a line break (ldapmodify -y)} */
  public Path managerPassword() {
    return folder.resolve("manager.password");
  }

  /** {@return the password of the hub's own service account} */
  public Path servicePassword() {
    return folder.resolve("service.password");
  }

  /**
   * Creates the folder, mode 0700, when missing.
   *
   * @throws IOException when it cannot be created
   */
  void create() throws IOException {
    if (Files.isDirectory(folder)) {
      return;
    }
    try {
      Files.createDirectories(folder,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createDirectories(folder);
    }
  }

  /**
   * Writes a file readable by the owner only: to a private temp file first, then moved in
   * place, so a crash never leaves half a file and the content is never readable by others,
   * not even for a moment.
   *
   * @param file the file
   * @param content its bytes
   * @param replace whether an existing file is replaced (else the existing one wins)
   * @throws IOException when it cannot be written
   */
  static void writePrivate(Path file, byte[] content, boolean replace) throws IOException {
    Path temp = privateTemp(file);
    try {
      Files.write(temp, content);
      moveInPlace(temp, file, replace);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * A new empty file beside {@code file}, readable by the owner only.
   *
   * @param file the file it will become
   * @return the temp file
   * @throws IOException when it cannot be created
   */
  static Path privateTemp(Path file) throws IOException {
    try {
      return Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      return Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    }
  }

  /**
   * Moves a finished temp file over its target in one step.
   *
   * @param temp the temp file
   * @param file the target
   * @param replace whether an existing target is replaced
   * @throws IOException when it cannot be moved
   */
  static void moveInPlace(Path temp, Path file, boolean replace) throws IOException {
    try {
      if (replace) {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } else {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (FileAlreadyExistsException raced) {
      // Only without replace: another writer made it first, and that one is kept.
    }
  }
}
