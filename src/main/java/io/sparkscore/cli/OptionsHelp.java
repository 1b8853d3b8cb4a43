package io.sparkscore.cli;

import io.sparkscore.stages.params.ParamSpec;
import java.util.List;
import java.util.stream.Collectors;

/** Help text for options, from their declarations: flag and value, then doc, default and allowed values. */
final class OptionsHelp {
  private OptionsHelp() {}

  static String render(List<ParamSpec> options) {
    StringBuilder text = new StringBuilder();
    for (ParamSpec option : options) {
      text.append("  --").append(option.flag()).append(value(option)).append('\n');
      text.append("        ").append(option.doc()).append(details(option)).append('\n');
    }
    return text.toString();
  }

  private static String value(ParamSpec option) {
    if (!option.allowed().isEmpty()) {
      return " " + String.join("|", option.allowed());
    }
    return switch (option.type()) {
      case BOOLEAN -> " | --no-" + option.flag();
      case INT, LONG -> " N";
      case DOUBLE -> " X";
      case STRING_LIST -> " A,B,…";
      case STRING -> " VALUE";
    };
  }

  /** " (default: x)" — a list's default as its comma-separated items; nothing when there is none. */
  static String details(ParamSpec option) {
    Object value = option.defaultValue();
    if (value == null) {
      return "";
    }
    String shown = value instanceof List<?> items
        ? items.stream().map(String::valueOf).collect(Collectors.joining(",")) : String.valueOf(value);
    return " (default: " + (shown.isEmpty() ? "\"\"" : shown) + ")";
  }
}
