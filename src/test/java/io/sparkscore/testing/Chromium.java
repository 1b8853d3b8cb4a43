package io.sparkscore.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Headless Chromium (Debian's {@code chromium}) loading a local page: the DOM after its scripts ran,
 * and the browser log, where every console message and uncaught error appears as a CONSOLE line.
 */
public final class Chromium {
  /** The DOM after scripts ran, and the console lines of the log. */
  public record Page(String dom, List<String> console) {}

  private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");

  private Chromium() {}

  /** The browser on PATH, if any. */
  public static Optional<Path> binary() {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(java.io.File.pathSeparator))
        .flatMap(dir -> NAMES.stream().map(name -> Paths.get(dir, name)))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** Loads {@code html} with a fresh profile in {@code scratch}, no network services, 10 s of virtual time. */
  public static Page load(Path browser, Path html, Path scratch) throws IOException, InterruptedException {
    Path profile = Files.createDirectories(scratch.resolve("chromium-profile"));
    Path dom = scratch.resolve("dom.html");
    Path log = scratch.resolve("chromium.log");
    Process process = new ProcessBuilder(
            browser.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile,
            "--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000", "--dump-dom", html.toUri().toString())
        .redirectOutput(dom.toFile())
        .redirectError(log.toFile())
        .start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("chromium did not finish loading " + html + " in 120 s");
    }
    List<String> console = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
        .filter(line -> line.contains(":CONSOLE"))
        .toList();
    return new Page(Files.readString(dom, StandardCharsets.UTF_8), console);
  }
}
