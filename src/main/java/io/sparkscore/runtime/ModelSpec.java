package io.sparkscore.runtime;

import java.io.Serializable;
import java.util.Objects;

/**
 * Everything an executor needs to get a model: where it is, which ONNX variant, how to run it, and
 * the SHA-256 pins its files must match ({@link io.sparkscore.model.ModelDirectory#parsePins}; empty
 * pins nothing). Small and serialisable, so stages ship it in their partition functions instead of
 * the model.
 */
public record ModelSpec(String location, String variant, SessionSettings session, String sha256)
    implements Serializable {
  public ModelSpec {
    Objects.requireNonNull(location, "location is null");
    variant = variant == null ? "" : variant;
    Objects.requireNonNull(session, "session is null");
    sha256 = sha256 == null ? "" : sha256;
  }

  public ModelSpec(String location, String variant, SessionSettings session) {
    this(location, variant, session, "");
  }

  public static ModelSpec of(String location) {
    return new ModelSpec(location, "", SessionSettings.DEFAULTS);
  }
}
