package io.recoverymanager.daemon.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recoverymanager.core.unit.ServiceNames;
import io.recoverymanager.daemon.view.Json;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A request on the control socket. On the wire, one JSON object per line: {@code {"op": "reset",
 * "service": "echo.service"}} or {@code {"op": "report-crash", "process": "dummyd", "context":
 * "container1"}} ({@code context} optional).
 *
 * <p>Thread-safety: immutable.
 */
public sealed interface ControlRequest {
    /** Names that may travel in requests: no control characters, no spaces, bounded. */
    Pattern NAME = Pattern.compile("[A-Za-z0-9_.:@+\\-\\\\]{1,255}");

    /** Pattern of context names (hostnames and configured names). */
    Pattern CONTEXT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** The request as a JSON object. */
    ObjectNode toJson();

    /** Reset a service's rvector to 0. */
    record Reset(String service) implements ControlRequest {
        public Reset {
            Objects.requireNonNull(service, "service");
            if (!NAME.matcher(service).matches() || !ServiceNames.isService(service)) {
                throw new IllegalArgumentException("'" + service + "' is not a service name such as echo.service");
            }
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("op", "reset");
            o.put("service", service);
            return o;
        }
    }

    /** A process crashed in a context (the daemon's own when empty). */
    record ReportCrash(String process, Optional<String> context) implements ControlRequest {
        public ReportCrash {
            Objects.requireNonNull(process, "process");
            Objects.requireNonNull(context, "context");
            if (!NAME.matcher(process).matches()) {
                throw new IllegalArgumentException(
                        "'" + process + "' is not a process name (1 to 255 letters, digits or ._:@+-)");
            }
            context.ifPresent(c -> {
                if (!CONTEXT.matcher(c).matches()) {
                    throw new IllegalArgumentException("'" + c + "' is not a context name");
                }
            });
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("op", "report-crash");
            o.put("process", process);
            context.ifPresent(c -> o.put("context", c));
            return o;
        }
    }

    /**
     * Reads a request from its JSON form.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static ControlRequest fromJson(JsonNode node) {
        if (!(node instanceof ObjectNode o)) {
            throw new IllegalArgumentException("a request must be a JSON object");
        }
        String op = text(o, "op");
        return switch (op) {
            case "reset" -> {
                onlyKeys(o, Set.of("op", "service"));
                yield new Reset(text(o, "service"));
            }
            case "report-crash" -> {
                onlyKeys(o, Set.of("op", "process", "context"));
                yield new ReportCrash(
                        text(o, "process"), o.has("context") ? Optional.of(text(o, "context")) : Optional.empty());
            }
            default -> throw new IllegalArgumentException("unknown op '" + op + "' (known: reset, report-crash)");
        };
    }

    private static String text(ObjectNode o, String key) {
        JsonNode n = o.get(key);
        if (n == null) {
            throw new IllegalArgumentException("missing \"" + key + "\"");
        }
        if (!n.isTextual()) {
            throw new IllegalArgumentException("\"" + key + "\" must be a string");
        }
        return n.asText();
    }

    private static void onlyKeys(ObjectNode o, Set<String> known) {
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                throw new IllegalArgumentException("unknown key \"" + k + "\"");
            }
        }
    }
}
