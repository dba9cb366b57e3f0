package io.recoverymanager.daemon.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recoverymanager.daemon.view.Json;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The answer to a control request. On the wire: {@code {"ok": true}} (with {@code "rvector"}, the
 * value before the reset, for {@code reset}) or {@code {"ok": false, "error": "..."}}.
 *
 * <p>Thread-safety: immutable.
 */
public sealed interface ControlResponse {
    /** The response as a JSON object. */
    ObjectNode toJson();

    /** The request was carried out. */
    record Done(OptionalInt previousRvector) implements ControlResponse {
        public Done {
            Objects.requireNonNull(previousRvector, "previousRvector");
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("ok", true);
            previousRvector.ifPresent(r -> o.put("rvector", r));
            return o;
        }
    }

    /** The request was refused or failed. */
    record Failed(String error) implements ControlResponse {
        public Failed {
            Objects.requireNonNull(error, "error");
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("ok", false);
            o.put("error", error);
            return o;
        }
    }

    /** Reads a response; a malformed one becomes {@link Failed}. */
    static ControlResponse fromJson(JsonNode node) {
        if (node == null || !node.isObject() || !node.path("ok").isBoolean()) {
            return new Failed("malformed response from the daemon: " + node);
        }
        if (node.get("ok").asBoolean()) {
            JsonNode r = node.get("rvector");
            return new Done(r != null && r.isInt() ? OptionalInt.of(r.asInt()) : OptionalInt.empty());
        }
        return new Failed(node.path("error").asText("unknown error"));
    }
}
