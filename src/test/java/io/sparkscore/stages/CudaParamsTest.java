package io.sparkscore.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sparkscore.SparkScoreException;
import io.sparkscore.runtime.CudaSettings;
import io.sparkscore.runtime.DeviceRequest;
import io.sparkscore.runtime.SessionSettings;
import org.junit.jupiter.api.Test;

/** The CUDA provider options a model stage passes to its sessions. */
class CudaParamsTest {
  @Test
  void defaultsAreTheSaneOnes() {
    SessionSettings settings = new TextEmbedder().sessionSettings();
    assertEquals(CudaSettings.DEFAULTS, settings.cuda());
    assertEquals(new CudaSettings(0, "kSameAsRequested", "HEURISTIC"), settings.cuda());
    assertEquals(DeviceRequest.AUTO, settings.device());
  }

  @Test
  void setValuesReachTheSession() {
    TextEmbedder embedder = new TextEmbedder()
        .setDevice("cuda:1")
        .setCudaMemoryLimitMb(2048)
        .setCudaArenaExtendStrategy("kNextPowerOfTwo")
        .setCudnnConvAlgoSearch("EXHAUSTIVE");
    SessionSettings settings = embedder.sessionSettings();
    assertEquals(new CudaSettings(2048, "kNextPowerOfTwo", "EXHAUSTIVE"), settings.cuda());
    assertEquals(DeviceRequest.parse("cuda:1"), settings.device());
  }

  @Test
  void settersRefuseOtherValues() {
    TextEmbedder embedder = new TextEmbedder();
    assertThrows(IllegalArgumentException.class, () -> embedder.setCudaMemoryLimitMb(-1));
    assertThrows(SparkScoreException.class, () -> embedder.setCudaArenaExtendStrategy("kDouble"));
    assertThrows(SparkScoreException.class, () -> embedder.setCudnnConvAlgoSearch("heuristic"));
  }
}
