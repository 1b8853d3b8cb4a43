package io.sparkscore.model;

import io.sparkscore.SparkScoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SHA-256 of model files, computed once per file version in this JVM: hashing a 90 MB graph takes a
 * noticeable fraction of a second, and a job asks for it once per task and per run.
 */
public final class FileDigest {
  private record Version(Path file, long size, long modified) {}

  private static final Map<Version, String> CACHE = new ConcurrentHashMap<>();

  private FileDigest() {}

  /** Lower-case hex SHA-256 of {@code file}; recomputed only when its size or modification time changes. */
  public static String sha256(Path file) {
    Path real;
    Version version;
    try {
      real = file.toRealPath();
      version = new Version(real, Files.size(real), Files.getLastModifiedTime(real).toMillis());
    } catch (IOException e) {
      throw SparkScoreException.user(e, "cannot read %s to hash it: %s", file, e.getMessage());
    }
    return CACHE.computeIfAbsent(version, v -> compute(v.file()));
  }

  /** How many file versions this JVM has hashed. */
  public static int computed() {
    return CACHE.size();
  }

  private static String compute(Path file) {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      byte[] buffer = new byte[1 << 16];
      while (in.read(buffer) >= 0) {
        // DigestInputStream hashes as it reads.
      }
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException e) {
      throw SparkScoreException.user(e, "cannot read %s to hash it: %s", file, e.getMessage());
    } catch (NoSuchAlgorithmException e) {
      throw new SparkScoreException(SparkScoreException.Kind.INTERNAL, "this JVM has no SHA-256", e);
    }
  }
}
