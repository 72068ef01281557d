package org.modelevolution.hub;

import java.util.List;
import java.util.Optional;

/** One page of a model listing and the verbatim URL of the next one, if any. */
public record ModelPage(List<ModelInfo> models, Optional<String> next) {}
