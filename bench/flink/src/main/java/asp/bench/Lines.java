/*
 * The benchmark's input: the JSON lines file both sides read (written by bench/flink.ts from
 * bench/data.ts), loaded once per JVM and handed out by index as the DataGeneratorSource asks.
 */
package asp.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

final class Lines implements GeneratorFunction<Long, String> {
  private static volatile String[] cached;
  private static volatile String cachedPath;
  private final String path;
  private transient String[] lines;

  Lines(String path) {
    this.path = path;
  }

  static synchronized String[] load(String path) {
    if (cached == null || !path.equals(cachedPath)) {
      try {
        List<String> all = Files.readAllLines(Path.of(path), StandardCharsets.UTF_8);
        cached = all.toArray(new String[0]);
        cachedPath = path;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return cached;
  }

  @Override
  public void open(SourceReaderContext context) {
    lines = load(path);
  }

  @Override
  public String map(Long index) {
    Timing.markStart();
    return lines[(int) (long) index];
  }
}
