package org.modelevolution.study;

import java.time.LocalDate;

/** A safetensors release tag and its date, drawn as a marker in the RQ1 adoption chart. */
public record SafetensorsRelease(String tag, LocalDate date, String source) {}
