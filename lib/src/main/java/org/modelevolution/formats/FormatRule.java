package org.modelevolution.formats;

import java.io.IOException;
import java.util.List;

/**
 * One format family's check. A rule reads only through the {@link Probe}, so all its reads are
 * bounded and counted. It answers {@code null} when the bytes are not of its family, and may
 * record what it ruled out in {@code notes}.
 */
interface FormatRule {
  Match apply(Probe probe, List<Evidence> notes) throws IOException;
}
