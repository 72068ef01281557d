package org.modelevolution.mining;

import java.io.IOException;
import java.util.Objects;
import java.util.function.Function;
import org.modelevolution.hub.HubClient;
import org.modelevolution.hub.RangeRead;

/**
 * Sniffs a model file from its first bytes, fetched with one ranged {@code /resolve/} request at
 * the commit that holds it (the CDN redirect adds a hop for LFS files), and classifies them.
 */
public final class RemoteHeadSniffer implements FormatSniffer {
  private final HubClient hub;
  private final int headBytes;
  private final Function<byte[], String> classifier;

  public RemoteHeadSniffer(HubClient hub, int headBytes, Function<byte[], String> classifier) {
    this.hub = Objects.requireNonNull(hub);
    this.headBytes = headBytes;
    this.classifier = Objects.requireNonNull(classifier);
  }

  @Override
  public SniffResult sniff(SniffRequest request) throws IOException {
    if (request.size() == 0) {
      return new SniffResult("undetermined", 0, 0);
    }
    int length = (int) Math.min(headBytes, request.size());
    RangeRead head = hub.readRange(request.repoId(), request.revision(), request.path(), 0, length);
    return new SniffResult(classifier.apply(head.bytes()), head.requests(), head.transferredBytes());
  }
}
