package io.sparkscore.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sparkscore.SparkScoreException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing of the device setting and the one function that picks a task's device. */
class DeviceSelectionTest {
  @ParameterizedTest
  @CsvSource({
      "auto, AUTO, -1, auto",
      "cpu, CPU, -1, cpu",
      "cuda, CUDA, -1, cuda",
      "gpu, CUDA, -1, cuda",
      "cuda:0, CUDA, 0, cuda:0",
      "' CUDA:3 ', CUDA, 3, cuda:3",
      "AUTO, AUTO, -1, auto"})
  void parsesEveryForm(String text, DeviceRequest.Mode mode, int id, String shown) {
    DeviceRequest request = DeviceRequest.parse(text);
    assertEquals(new DeviceRequest(mode, id), request);
    assertEquals(shown, request.toString());
    assertEquals(request, DeviceRequest.parse(request.toString()), "toString parses back");
  }

  @Test
  void unsetMeansAuto() {
    assertEquals(DeviceRequest.AUTO, DeviceRequest.parse(null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tpu", "", "cuda:", "cuda:x", "cuda:-1", "cuda:1.5", "cpu:0"})
  void refusesOtherValuesNamingThem(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceRequest.parse(text));
    assertEquals(true, e.getMessage().startsWith("device '" + text + "'"), e.getMessage());
  }

  @Test
  void taskGpuComesFirstThenExplicitIdThenCpu() {
    DeviceRequest auto = DeviceRequest.AUTO;
    DeviceRequest cuda = DeviceRequest.parse("cuda");
    DeviceRequest cuda2 = DeviceRequest.parse("cuda:2");
    assertEquals(Device.cuda(1), DeviceSelector.select(auto, List.of("1")));
    assertEquals(Device.cuda(3), DeviceSelector.select(auto, List.of(" 3 ", "4")), "first of several, trimmed");
    assertEquals(Device.cuda(0), DeviceSelector.select(cuda2, List.of("0")), "Spark's assignment beats the setting");
    assertEquals(Device.cuda(2), DeviceSelector.select(cuda2, List.of()));
    assertEquals(Device.cuda(0), DeviceSelector.select(cuda, List.of()), "cuda without an id is device 0");
    assertEquals(Device.CPU, DeviceSelector.select(auto, List.of()));
    assertEquals(Device.CPU, DeviceSelector.select(auto, null));
    assertEquals(Device.CPU, DeviceSelector.select(DeviceRequest.CPU, List.of("1")), "cpu ignores the task's GPU");
  }

  @Test
  void aNonNumericGpuAddressIsAResourcesError() {
    SparkScoreException e = assertThrows(
        SparkScoreException.class, () -> DeviceSelector.select(DeviceRequest.AUTO, List.of("GPU-5b1c")));
    assertEquals(SparkScoreException.Kind.RESOURCES, e.kind());
    assertEquals(
        "Spark assigned GPU address 'GPU-5b1c', which is not a CUDA device index; check the discovery script",
        e.getMessage());
  }

  @Test
  void outsideATaskThereAreNoGpuAddresses() {
    assertEquals(List.of(), DeviceSelector.taskGpuAddresses());
  }

  @Test
  void gpuBatchesAreBiggerByDefault() {
    assertEquals(BatchSettings.CPU_TOKEN_BUDGET, BatchSettings.DEFAULTS.tokenBudget(Device.CPU));
    assertEquals(BatchSettings.GPU_TOKEN_BUDGET, BatchSettings.DEFAULTS.tokenBudget(Device.cuda(0)));
    assertEquals(500, new BatchSettings(8, 500, 64, true).tokenBudget(Device.cuda(0)), "an explicit budget wins");
  }
}
