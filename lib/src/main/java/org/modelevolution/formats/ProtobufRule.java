package org.modelevolution.formats;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;

/**
 * The schema-less protobufs: ONNX ModelProto, TF SavedModel, Core ML Model and SentencePiece
 * ModelProto. None has a magic; the top-level field numbers and wire types, plus a peek into the
 * first nested message, tell them apart (see formats.md, "Telling the protobufs apart"). Other
 * valid protobufs are left to the later rules and end as {@code unknown}.
 */
final class ProtobufRule implements FormatRule {
  private static final int MAX_TOP_FIELDS = 512;

  private static final Set<Integer> ONNX_FIELDS = Set.of(1, 2, 3, 4, 5, 6, 7, 8, 14, 20, 25);
  private static final Set<Integer> ONNX_VARINTS = Set.of(1, 5);
  private static final Set<Integer> GRAPH_FIELDS = Set.of(1, 2, 5, 10, 11, 12, 13, 14, 15, 16);
  private static final Set<Integer> META_GRAPH_FIELDS = Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9);
  private static final Set<Integer> SENTENCEPIECE_FIELDS = Set.of(1, 2, 3, 4, 5);

  @Override
  public Match apply(Probe probe, List<Evidence> notes) throws IOException {
    probe.head(4096);
    ProtoWire.Walk top = ProtoWire.walk(probe, 0, probe.size, MAX_TOP_FIELDS);
    if (!top.valid() || top.fields().isEmpty()) {
      return null;
    }
    Match m = onnx(probe, top);
    if (m == null) {
      m = savedModel(probe, top);
    }
    if (m == null) {
      m = coreMl(probe, top);
    }
    if (m == null) {
      m = sentencePiece(probe, top);
    }
    if (m == null) {
      notes.add(new Evidence(0, "valid protobuf wire format (" + top.fields().size() + " top-level fields"
          + (top.complete() ? "" : " walked") + ") matching none of onnx/tf_savedmodel/coreml/sentencepiece"));
    }
    return m;
  }

  private static Match onnx(Probe probe, ProtoWire.Walk top) throws IOException {
    for (ProtoWire.Field f : top.fields()) {
      if (!ONNX_FIELDS.contains(f.number())) {
        return null;
      }
      boolean varint = ONNX_VARINTS.contains(f.number());
      if (varint != (f.wire() == ProtoWire.VARINT) || (!varint && f.wire() != ProtoWire.LEN)) {
        return null;
      }
    }
    ProtoWire.Field ir = top.first(1);
    if (ir != null && (ir.varint() < 1 || ir.varint() > 100)) {
      return null;
    }
    ProtoWire.Field producer = top.first(2);
    if (producer != null && !printable(probe, producer)) {
      return null;
    }
    ProtoWire.Field graph = top.first(7);
    if (graph == null || graph.length() == 0) {
      return null;
    }
    ProtoWire.Walk graphWalk = ProtoWire.walk(probe, graph.valueOffset(), graph.end(), 4);
    if (!graphWalk.valid() || graphWalk.fields().isEmpty()) {
      return null;
    }
    for (ProtoWire.Field g : graphWalk.fields()) {
      if (!GRAPH_FIELDS.contains(g.number()) || g.wire() != ProtoWire.LEN) {
        return null;
      }
    }
    String head = ir == null ? "no ir_version field" : "ir_version " + ir.varint();
    return Match.of(
        FormatId.ONNX,
        new Evidence(0, "ModelProto field walk: " + head + (producer == null ? "" : ", producer_name '" + text(probe, producer) + "'")),
        new Evidence(graph.offset(), "graph (field 7, " + graph.length() + " bytes) starting with GraphProto field " + graphWalk.fields().get(0).number()));
  }

  private static Match savedModel(Probe probe, ProtoWire.Walk top) throws IOException {
    ProtoWire.Field metaGraph = null;
    for (ProtoWire.Field f : top.fields()) {
      if (f.number() == 1 && f.wire() == ProtoWire.VARINT) {
        continue;
      }
      if (f.number() == 2 && f.wire() == ProtoWire.LEN) {
        metaGraph = metaGraph == null ? f : metaGraph;
        continue;
      }
      return null;
    }
    if (metaGraph == null || metaGraph.length() == 0) {
      return null;
    }
    ProtoWire.Walk inner = ProtoWire.walk(probe, metaGraph.valueOffset(), metaGraph.end(), 4);
    if (!inner.valid() || inner.fields().isEmpty()) {
      return null;
    }
    int first = inner.fields().get(0).number();
    if (first != 1 && first != 2) {
      return null;
    }
    for (ProtoWire.Field g : inner.fields()) {
      if (!META_GRAPH_FIELDS.contains(g.number()) || g.wire() != ProtoWire.LEN) {
        return null;
      }
    }
    ProtoWire.Field version = top.first(1);
    return Match.of(
        FormatId.TF_SAVEDMODEL,
        new Evidence(0, "SavedModel field walk: " + (version == null ? "no schema version" : "saved_model_schema_version " + version.varint())
            + ", " + top.fields().stream().filter(f -> f.number() == 2).count() + " meta_graphs (field 2)"),
        new Evidence(metaGraph.valueOffset(), "MetaGraphDef starting with field " + first + (first == 1 ? " (meta_info_def)" : " (graph_def)")));
  }

  private static Match coreMl(Probe probe, ProtoWire.Walk top) throws IOException {
    ProtoWire.Field modelType = null;
    for (ProtoWire.Field f : top.fields()) {
      boolean ok =
          (f.number() == 1 && f.wire() == ProtoWire.VARINT)
              || (f.number() == 2 && f.wire() == ProtoWire.LEN)
              || (f.number() == 10 && f.wire() == ProtoWire.VARINT)
              || (f.number() >= 200 && f.wire() == ProtoWire.LEN);
      if (!ok) {
        return null;
      }
      if (f.number() >= 200 && modelType == null) {
        modelType = f;
      }
    }
    ProtoWire.Field version = top.first(1);
    if (version == null || version.varint() < 1 || version.varint() > 20 || modelType == null) {
      return null;
    }
    ProtoWire.Field description = top.first(2);
    if (description != null && description.length() > 0) {
      ProtoWire.Walk inner = ProtoWire.walk(probe, description.valueOffset(), description.end(), 4);
      if (!inner.valid()) {
        return null;
      }
    }
    return Match.of(
        FormatId.COREML,
        new Evidence(0, "Core ML Model field walk: specificationVersion " + version.varint()),
        new Evidence(modelType.offset(), "model type field " + modelType.number() + " (" + modelType.length() + " bytes)"));
  }

  private static Match sentencePiece(Probe probe, ProtoWire.Walk top) throws IOException {
    if (top.fields().get(0).number() != 1) {
      return null;
    }
    for (ProtoWire.Field f : top.fields()) {
      if (!SENTENCEPIECE_FIELDS.contains(f.number()) || f.wire() != ProtoWire.LEN) {
        return null;
      }
    }
    int checked = 0;
    boolean scored = false;
    for (ProtoWire.Field f : top.fields()) {
      if (f.number() != 1 || checked >= 8) {
        continue;
      }
      ProtoWire.Walk piece = ProtoWire.walk(probe, f.valueOffset(), f.end(), 8);
      if (!piece.complete() || !piece.has(1)) {
        return null;
      }
      for (ProtoWire.Field p : piece.fields()) {
        boolean ok =
            (p.number() == 1 && p.wire() == ProtoWire.LEN)
                || (p.number() == 2 && p.wire() == ProtoWire.I32)
                || (p.number() == 3 && p.wire() == ProtoWire.VARINT && p.varint() >= 1 && p.varint() <= 6);
        if (!ok) {
          return null;
        }
        scored |= p.number() == 2;
      }
      if (!utf8(probe, piece.first(1))) {
        return null;
      }
      checked++;
    }
    if (!scored) {
      return null;
    }
    ProtoWire.Field first = top.fields().get(0);
    ProtoWire.Walk firstPiece = ProtoWire.walk(probe, first.valueOffset(), first.end(), 8);
    return Match.of(
        FormatId.SENTENCEPIECE,
        new Evidence(0, "SentencePiece ModelProto: repeated pieces (field 1), first piece '" + text(probe, firstPiece.first(1)) + "'"),
        new Evidence(first.valueOffset(), checked + " pieces checked: string (1), float score (2), optional type (3)"));
  }

  /** Short UTF-8 text without control characters (a producer name such as {@code pytorch}). */
  private static boolean printable(Probe probe, ProtoWire.Field f) throws IOException {
    if (f.length() > 256) {
      return false;
    }
    ByteBuffer b = probe.range(f.valueOffset(), (int) f.length());
    for (int i = 0; i < b.limit(); i++) {
      int c = b.get(i) & 0xFF;
      if (c < 0x20 || c == 0x7F) {
        return false;
      }
    }
    return utf8(probe, f);
  }

  private static boolean utf8(Probe probe, ProtoWire.Field f) throws IOException {
    if (f.length() > 1024) {
      return false;
    }
    ByteBuffer b = probe.range(f.valueOffset(), (int) f.length());
    byte[] bytes = new byte[b.limit()];
    b.get(0, bytes);
    try {
      java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (java.nio.charset.CharacterCodingException e) {
      return false;
    }
  }

  private static String text(Probe probe, ProtoWire.Field f) throws IOException {
    if (f == null) {
      return "";
    }
    ByteBuffer b = probe.range(f.valueOffset(), (int) Math.min(64, f.length()));
    byte[] bytes = new byte[b.limit()];
    b.get(0, bytes);
    return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
  }
}
