package org.modelevolution.mining;

import java.io.IOException;
import org.modelevolution.http.Endpoint;
import org.modelevolution.hub.HubClient;

/**
 * The two seams to other packages, in one place so that each swap is one line: the format
 * detector ({@code org.modelevolution.formats}) and the discussions client
 * ({@code hub.DiscussionsClient}).
 */
final class Wiring {
  private Wiring() {}

  /** Interim: signature checks on the first bytes until the content-based detector is wired. */
  static FormatSniffer sniffer(HubClient hub, int headBytes) {
    return new RemoteHeadSniffer(hub, headBytes, InterimSignatures::classify);
  }

  /** Not yet wired: the discussions client lives on another branch. */
  static DiscussionSource discussions(Endpoint endpoint) {
    return (repoId, num) -> {
      throw new IOException("no discussions client wired yet (hub.DiscussionsClient); bot PR details unavailable");
    };
  }
}
