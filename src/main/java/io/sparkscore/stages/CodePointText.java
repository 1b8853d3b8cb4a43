package io.sparkscore.stages;

/**
 * A text read by code point offsets, the offsets Hugging Face's tokenizers (and Python's {@code
 * str} slicing) use; Java strings index UTF-16 units, which differ after a character outside the BMP.
 */
final class CodePointText {
  private final String text;
  /** utf16[i] = the UTF-16 index of code point i (and of the end at i = count); null when they agree. */
  private final int[] utf16;

  CodePointText(String text) {
    this.text = text;
    int count = text.codePointCount(0, text.length());
    if (count == text.length()) {
      utf16 = null;
    } else {
      utf16 = new int[count + 1];
      for (int cp = 0, i = 0; cp < count; cp++) {
        utf16[cp] = i;
        i += Character.charCount(text.codePointAt(i));
      }
      utf16[count] = text.length();
    }
  }

  /** Python's {@code text[start:end]} with code point offsets, clamped to the text. */
  String slice(int start, int end) {
    int last = utf16 == null ? text.length() : utf16.length - 1;
    int from = Math.max(0, Math.min(start, last));
    int to = Math.max(from, Math.min(end, last));
    return utf16 == null ? text.substring(from, to) : text.substring(utf16[from], utf16[to]);
  }

  /** The UTF-16 index of code point {@code offset}. */
  int utf16Index(int offset) {
    return utf16 == null ? offset : utf16[offset];
  }

  static int length(String s) {
    return s.codePointCount(0, s.length());
  }
}
