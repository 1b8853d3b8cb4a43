package io.sparkscore.model;

import io.sparkscore.Settings;
import io.sparkscore.SparkScoreException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where models may be loaded from: the comma-separated prefixes of the {@link Settings setting}
 * {@value #PROPERTY}.
 * Unset allows every location. Local paths are compared after resolving links, and by whole path
 * segments, so {@code /models} allows {@code /models/a} but neither {@code /models-b} nor a link out
 * of {@code /models}; URIs compare scheme, authority and path segments. Models inside SparkScore's
 * jars (embedded names, {@code classpath:}) are always allowed.
 */
public final class AllowedRoots {
  public static final String PROPERTY = "sparkscore.model.allowedRoots";

  private AllowedRoots() {}

  /** The configured prefixes; empty when every location is allowed. */
  public static List<String> configured() {
    return Settings.list(PROPERTY);
  }

  /** Refuses {@code location} (a local directory or a URI) when it is under none of the roots. */
  static void check(String location, URI uri, Path local) {
    List<String> roots = configured();
    if (roots.isEmpty()) {
      return;
    }
    for (String root : roots) {
      if (uri != null ? underUri(uri, root) : underPath(local, root)) {
        return;
      }
    }
    throw SparkScoreException.user(
        "model '%s' is outside the allowed model roots %s (%s); move it under one of them or widen the setting",
        location, roots, PROPERTY);
  }

  private static boolean underPath(Path location, String root) {
    URI rootUri = uriOf(root);
    if (rootUri != null && rootUri.getScheme() != null && rootUri.getScheme().length() > 1) {
      if (!rootUri.getScheme().equals("file")) {
        return false;
      }
      root = rootUri.getPath();
    }
    return real(location).startsWith(real(Path.of(root)));
  }

  private static boolean underUri(URI location, String root) {
    URI rootUri = uriOf(root);
    if (rootUri == null || rootUri.getScheme() == null || rootUri.getScheme().length() <= 1) {
      return location.getScheme().equals("file") && underPath(Path.of(location.getPath()), root);
    }
    if (location.getScheme().equals("file") && rootUri.getScheme().equals("file")) {
      return underPath(Path.of(location.getPath()), rootUri.getPath());
    }
    URI a = location.normalize();
    URI b = rootUri.normalize();
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && String.valueOf(a.getAuthority()).equals(String.valueOf(b.getAuthority()))
        && segmentsStartWith(a.getPath(), b.getPath());
  }

  private static boolean segmentsStartWith(String path, String prefix) {
    String p = path == null ? "" : path.replaceAll("/+$", "");
    String r = prefix == null ? "" : prefix.replaceAll("/+$", "");
    return r.isEmpty() || p.equals(r) || p.startsWith(r + "/");
  }

  /** The path with links resolved as far as it exists, so a link cannot lead out of a root. */
  private static Path real(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    try {
      return Files.exists(absolute) ? absolute.toRealPath() : absolute;
    } catch (IOException e) {
      return absolute;
    }
  }

  private static URI uriOf(String text) {
    try {
      return new URI(text);
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }
}
