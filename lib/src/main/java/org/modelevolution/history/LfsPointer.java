package org.modelevolution.history;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Git LFS pointer: the small text file git stores in place of a large file's content
 * ({@code version https://git-lfs.github.com/spec/v1}, {@code oid sha256:<hex>}, {@code size <n>}).
 */
public record LfsPointer(String sha256, long size) {
  /** Pointers are tiny; anything longer is content. */
  public static final int MAX_POINTER_BYTES = 1024;

  private static final Pattern OID = Pattern.compile("(?m)^oid sha256:([0-9a-f]{64})$");
  private static final Pattern SIZE = Pattern.compile("(?m)^size (\\d+)$");

  public static Optional<LfsPointer> parse(byte[] blob) {
    if (blob.length > MAX_POINTER_BYTES) {
      return Optional.empty();
    }
    String text = new String(blob, StandardCharsets.UTF_8);
    if (!text.startsWith("version https://git-lfs.github.com/spec/")) {
      return Optional.empty();
    }
    Matcher oid = OID.matcher(text);
    Matcher size = SIZE.matcher(text);
    if (!oid.find() || !size.find()) {
      return Optional.empty();
    }
    return Optional.of(new LfsPointer(oid.group(1), Long.parseLong(size.group(1))));
  }
}
