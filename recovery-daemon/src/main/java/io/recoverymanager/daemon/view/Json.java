package io.recoverymanager.daemon.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The daemon's one JSON helper: pretty-printed for the views ({@link #write}), one compact value
 * per line for the control protocol ({@link #line}); stable key order (insertion order of the
 * trees).
 *
 * <p>Thread-safety: thread-safe (Jackson's mappers are, once configured).
 */
public final class Json {
    /** Reads trees and builds nodes; writes compactly. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private static final ObjectWriter PRETTY = MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT);

    private Json() {}

    /** A tree, pretty-printed (the views' {@code --json}). */
    public static String write(JsonNode node) {
        try {
            return PRETTY.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serializes", e);
        }
    }

    /** A tree on one line, newline-terminated (the control protocol's frames). */
    public static String line(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serializes", e);
        }
    }
}
