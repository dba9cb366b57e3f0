package io.recoverymanager.daemon.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON of the control protocol: compact, one value per line.
 *
 * <p>Thread-safety: thread-safe.
 */
final class ControlJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private ControlJson() {}

    static String line(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serializes", e);
        }
    }
}
