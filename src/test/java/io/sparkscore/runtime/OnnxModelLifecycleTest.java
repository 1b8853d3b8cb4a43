package io.sparkscore.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkscore.model.ModelDirectory;
import io.sparkscore.model.ModelLocator;
import io.sparkscore.testing.TestSpark;
import io.sparkscore.text.HfTokenizer;
import io.sparkscore.text.TokenizerSettings;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OnnxModelLifecycleTest {

  @Test
  void closingWhileBatchesRunWaitsForThemAndLaterRunsFailCleanly() throws Exception {
    ModelDirectory dir = ModelLocator.locate(TestSpark.fixtureModel("tiny-bert"), "");
    OnnxModel model = OnnxModel.open(dir, SessionSettings.DEFAULTS, Device.CPU, 1);
    TokenBatch batch;
    try (HfTokenizer tokenizer = HfTokenizer.load(dir, TokenizerSettings.MODEL_DEFAULTS)) {
      batch = new TokenBatch().fill(Arrays.asList(tokenizer.encode(List.of("a first text", "and a second one"))),
          tokenizer.padId());
    }
    Set<String> outputs = Set.of(model.tokenOutput());
    AtomicInteger runs = new AtomicInteger();
    AtomicReference<Throwable> ended = new AtomicReference<>();
    CountDownLatch running = new CountDownLatch(1);
    Thread worker = new Thread(() -> {
      try {
        while (true) {
          model.run(batch, outputs);
          runs.incrementAndGet();
          running.countDown();
        }
      } catch (Throwable t) {
        ended.set(t);
      }
    });
    worker.start();
    running.await();
    model.close();
    worker.join(30_000);
    assertTrue(runs.get() > 0);
    assertEquals(IllegalStateException.class, ended.get().getClass(), String.valueOf(ended.get()));
    assertTrue(ended.get().getMessage().endsWith("the session is closed"), ended.get().getMessage());
    model.close();
    assertThrows(IllegalStateException.class, () -> model.run(batch, outputs), "closed stays closed");
  }

  @Test
  void outputArraysAreTakenFromHeapBuffersWithoutAnotherCopy() {
    float[] backing = {1f, 2f, 3f};
    assertSame(backing, OnnxModel.heapArray(FloatBuffer.wrap(backing)));
    FloatBuffer direct = ByteBuffer.allocateDirect(12).asFloatBuffer().put(new float[] {4f, 5f, 6f});
    direct.flip();
    assertArrayEquals(new float[] {4f, 5f, 6f}, OnnxModel.heapArray(direct));
    FloatBuffer slice = FloatBuffer.wrap(backing, 1, 2).slice();
    assertArrayEquals(new float[] {2f, 3f}, OnnxModel.heapArray(slice), "a view of part of an array is copied");
  }
}
