package org.modelevolution.formats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * safetensors: a u64 header length N (2 ≤ N ≤ size − 8, N ≤ 100,000,000), then N bytes of JSON
 * mapping tensor names to {@code dtype}/{@code shape}/{@code data_offsets} (plus an optional
 * {@code __metadata__} map), padded with spaces. The header is parsed as a stream: at most the
 * head window of it is read, and a longer header is accepted when the part read is well formed.
 */
final class SafetensorsRule implements FormatRule {
  private static final long MAX_HEADER = 100_000_000L;
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).maxStringLength(1 << 16).build())
          .build();

  @Override
  public Match apply(Probe probe, List<Evidence> notes) throws IOException {
    ByteBuffer head = probe.head(10);
    if (head.limit() < 10 || head.get(8) != '{') {
      return null;
    }
    long n = head.getLong(0);
    if (n < 2 || n > MAX_HEADER || n > probe.size - 8) {
      notes.add(new Evidence(0, "'{' at offset 8 but length prefix " + Long.toUnsignedString(n)
          + " is not a header length for a " + probe.size + "-byte file"));
      return null;
    }
    int window = (int) Math.min(n, probe.options.headWindow() - 8L);
    boolean partial = window < n;
    Header header;
    try (SourceInputStream in = new SourceInputStream(probe, 8, 8 + window);
        JsonParser parser = JSON.createParser(in)) {
      header = parse(parser, partial);
      if (header == null) {
        notes.add(new Evidence(8, "length-prefixed '{' but the header is not a safetensors JSON object"));
        return null;
      }
      if (!partial) {
        long end = parser.currentLocation().getByteOffset();
        ByteBuffer rest = probe.range(8 + end, (int) (n - end));
        for (int i = 0; i < rest.limit(); i++) {
          if (rest.get(i) != ' ') {
            notes.add(new Evidence(8 + end + i, "non-space byte after the header's JSON object"));
            return null;
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      notes.add(new Evidence(8, "length-prefixed '{' but the header is not JSON: " + firstLine(e.getMessage())));
      return null;
    }
    long dataBytes = probe.size - 8 - n;
    String data = header.maxEnd() > dataBytes
        ? ", data cut short (" + dataBytes + " of " + header.maxEnd() + " bytes present)"
        : "";
    return Match.of(
        FormatId.SAFETENSORS,
        new Evidence(0, "u64 header length " + n),
        new Evidence(8, "JSON header " + (partial ? "prefix of " + window + " bytes well formed" : "parsed")
            + ": " + header.tensors() + " tensors" + (header.metadata() ? ", __metadata__" : "") + data));
  }

  private record Header(int tensors, boolean metadata, long maxEnd) {}

  /** Parses the header object; {@code null} when it is not safetensors-shaped. */
  private static Header parse(JsonParser p, boolean partial) throws IOException {
    int tensors = 0;
    boolean metadata = false;
    long maxEnd = 0;
    try {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (true) {
        JsonToken t = p.nextToken();
        if (t == JsonToken.END_OBJECT) {
          return new Header(tensors, metadata, maxEnd);
        }
        if (t != JsonToken.FIELD_NAME) {
          return null;
        }
        String name = p.currentName();
        if (p.nextToken() != JsonToken.START_OBJECT) {
          return null;
        }
        if (name.equals("__metadata__")) {
          metadata = true;
          if (!stringMap(p)) {
            return null;
          }
          continue;
        }
        long end = tensor(p);
        if (end < 0) {
          return null;
        }
        maxEnd = Math.max(maxEnd, end);
        tensors++;
      }
    } catch (com.fasterxml.jackson.core.io.JsonEOFException e) {
      if (partial && (tensors > 0 || metadata)) {
        return new Header(tensors, metadata, maxEnd);
      }
      throw e;
    }
  }

  private static boolean stringMap(JsonParser p) throws IOException {
    while (true) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.END_OBJECT) {
        return true;
      }
      if (t != JsonToken.FIELD_NAME || p.nextToken() != JsonToken.VALUE_STRING) {
        return false;
      }
    }
  }

  /** Validates one tensor entry; returns its data end offset, or -1. */
  private static long tensor(JsonParser p) throws IOException {
    boolean dtype = false;
    boolean shape = false;
    long begin = -1;
    long end = -1;
    while (true) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.END_OBJECT) {
        return dtype && shape && begin >= 0 && end >= begin ? end : -1;
      }
      if (t != JsonToken.FIELD_NAME) {
        return -1;
      }
      String key = p.currentName();
      JsonToken v = p.nextToken();
      switch (key) {
        case "dtype" -> {
          if (v != JsonToken.VALUE_STRING) {
            return -1;
          }
          dtype = true;
        }
        case "shape" -> {
          if (v != JsonToken.START_ARRAY) {
            return -1;
          }
          for (JsonToken d = p.nextToken(); d != JsonToken.END_ARRAY; d = p.nextToken()) {
            if (d != JsonToken.VALUE_NUMBER_INT || p.getLongValue() < 0) {
              return -1;
            }
          }
          shape = true;
        }
        case "data_offsets" -> {
          if (v != JsonToken.START_ARRAY || p.nextToken() != JsonToken.VALUE_NUMBER_INT) {
            return -1;
          }
          begin = p.getLongValue();
          if (p.nextToken() != JsonToken.VALUE_NUMBER_INT) {
            return -1;
          }
          end = p.getLongValue();
          if (p.nextToken() != JsonToken.END_ARRAY) {
            return -1;
          }
        }
        default -> p.skipChildren();
      }
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
