package io.sparkscore.model;

import io.sparkscore.SparkScoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SHA-256 of model files, computed once per file per JVM: a file is hashed again only when its
 * size or modification time changes.
 */
public final class FileHashes {
  private record Key(Path file, long size, long modified) {}

  private static final Map<Key, String> HASHES = new ConcurrentHashMap<>();

  private FileHashes() {}

  /** The lowercase hex SHA-256 of {@code file}'s bytes. */
  public static String sha256(Path file) {
    try {
      Path real = file.toRealPath();
      Key key = new Key(real, Files.size(real), Files.getLastModifiedTime(real).toMillis());
      return HASHES.computeIfAbsent(key, k -> digest(k.file()));
    } catch (IOException e) {
      throw SparkScoreException.user(e, "cannot read %s to hash it: %s", file, e.getMessage());
    }
  }

  /** How many files this JVM has hashed (a file hashed again after a change counts again). */
  public static int computed() {
    return HASHES.size();
  }

  private static String digest(Path file) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        sha256.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(sha256.digest());
    } catch (IOException e) {
      throw SparkScoreException.user(e, "cannot read %s to hash it: %s", file, e.getMessage());
    }
  }
}
