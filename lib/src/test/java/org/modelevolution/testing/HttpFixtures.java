package org.modelevolution.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;

/**
 * Loads the HTTP fixtures under {@code src/test/resources/fixtures/}: JSON bodies and raw HTTP
 * responses copied verbatim from {@code api-reference.md}.
 */
public final class HttpFixtures {
  private HttpFixtures() {}

  /** The text of {@code fixtures/<path>}. */
  public static String text(String path) {
    try (InputStream in = HttpFixtures.class.getResourceAsStream("/fixtures/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A 200 JSON response with the fixture as its body. */
  public static MockResponse json(String path) {
    return jsonBody(200, text(path));
  }

  public static MockResponse jsonBody(int code, String body) {
    return new MockResponse.Builder().code(code)
        .addHeader("Content-Type", "application/json; charset=utf-8").body(body).build();
  }

  /** A response written as raw HTTP (status line, headers, blank line, body) in the fixture. */
  public static MockResponse http(String path) {
    String raw = text(path);
    int split = raw.indexOf("\n\n");
    String head = split < 0 ? raw : raw.substring(0, split);
    String body = split < 0 ? "" : raw.substring(split + 2).stripTrailing();
    String[] lines = head.split("\n");
    int code = Integer.parseInt(lines[0].split(" ")[1]);
    MockResponse.Builder builder = new MockResponse.Builder().code(code).body(body);
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      builder.addHeader(lines[i].substring(0, colon).strip(), lines[i].substring(colon + 1).strip());
    }
    return builder.build();
  }
}
