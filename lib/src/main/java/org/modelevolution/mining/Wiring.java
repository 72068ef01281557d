package org.modelevolution.mining;

import java.io.IOException;
import org.modelevolution.http.Endpoint;
import org.modelevolution.formats.Detector;
import org.modelevolution.http.HttpClients;
import org.modelevolution.http.RetryPolicy;

/**
 * The two seams to other packages, in one place: the format detector
 * ({@code org.modelevolution.formats}) and the discussions client ({@code hub.DiscussionsClient}).
 */
final class Wiring {
  private Wiring() {}

  /** The content-based detector over ranged reads of the Hub's resolve URLs. */
  static FormatSniffer sniffer(Endpoint endpoint, RetryPolicy policy) {
    return new DetectorSniffer(endpoint, HttpClients.create(endpoint, policy), Detector.withDefaults(), policy);
  }

  /** Not yet wired: the discussions client lives on another branch. */
  static DiscussionSource discussions(Endpoint endpoint) {
    return (repoId, num) -> {
      throw new IOException("no discussions client wired yet (hub.DiscussionsClient); bot PR details unavailable");
    };
  }
}
