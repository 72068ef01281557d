package org.modelevolution.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class ResponseBodiesTest {
  @Test
  void readsABodyWithinTheLimitAndRejectsALargerOne() throws IOException {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse.Builder().body("0123456789").build());
      server.enqueue(new MockResponse.Builder().body("0123456789").build());
      server.enqueue(new MockResponse.Builder().chunkedBody("0123456789", 3).build());
      server.start();
      OkHttpClient client = new OkHttpClient();
      Request request = new Request.Builder().url(server.url("/")).build();

      try (Response response = client.newCall(request).execute()) {
        assertThat(ResponseBodies.readUtf8(response, 10)).isEqualTo("0123456789");
      }
      try (Response response = client.newCall(request).execute()) {
        assertThatThrownBy(() -> ResponseBodies.readUtf8(response, 9)).hasMessageContaining("exceeds 9 bytes");
      }
      try (Response response = client.newCall(request).execute()) {
        assertThatThrownBy(() -> ResponseBodies.readUtf8(response, 9))
            .as("no declared length: counted while reading").hasMessageContaining("exceeds 9 bytes");
      }
    }
  }
}
