package io.sparkscore.runtime;

import java.io.Serializable;
import java.util.Objects;

/**
 * Everything an executor needs to get a model: where it is, which ONNX variant, and how to run it.
 * Small and serialisable, so stages ship it in their partition functions instead of the model.
 */
public record ModelSpec(String location, String variant, SessionSettings session) implements Serializable {
  public ModelSpec {
    Objects.requireNonNull(location, "location is null");
    variant = variant == null ? "" : variant;
    Objects.requireNonNull(session, "session is null");
  }

  public static ModelSpec of(String location) {
    return new ModelSpec(location, "", SessionSettings.DEFAULTS);
  }
}
