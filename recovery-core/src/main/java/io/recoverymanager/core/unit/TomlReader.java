package io.recoverymanager.core.unit;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;
import com.fasterxml.jackson.dataformat.toml.TomlReadFeature;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads TOML text into a Jackson tree with jackson-dataformat-toml's parser alone, node for node
 * what {@code TomlMapper.readTree} gives, without an {@code ObjectMapper}: building one (its
 * serializer and deserializer factories, introspection and caches) and reading a hundred unit files
 * through it cost about 340 ms of a cold start against 100 ms for the parser alone on a small
 * machine, where the daemon reads every unit and its configuration once (issue 11, P5).
 *
 * <p>Thread-safety: immutable, safe for concurrent use.
 */
public final class TomlReader {
    /** Dates and times as {@code java.time} values (unit files). */
    public static final TomlReader DATES_AS_JAVA_TIME = new TomlReader(
            TomlFactory.builder().enable(TomlReadFeature.PARSE_JAVA_TIME).build());
    /** Dates and times as their text (the daemon's configuration). */
    public static final TomlReader DATES_AS_TEXT = new TomlReader(new TomlFactory());

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final TomlFactory factory;

    private TomlReader(TomlFactory factory) {
        this.factory = factory;
    }

    /**
     * The document's root table.
     *
     * @throws JsonProcessingException when the text is not valid TOML, with the reader's message
     *     and location (as {@code TomlMapper.readTree} throws it)
     */
    public ObjectNode read(String content) throws JsonProcessingException {
        try (JsonParser parser = factory.createParser(content)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return NODES.objectNode();
            }
            if (first != JsonToken.START_OBJECT) {
                throw new JsonParseException(parser, "a TOML document is a table, not " + first);
            }
            return table(parser);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading TOML from a string", e); // no I/O happens
        }
    }

    private static ObjectNode table(JsonParser parser) throws IOException {
        ObjectNode table = NODES.objectNode();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            table.set(key, value(parser, parser.nextToken()));
        }
        if (token != JsonToken.END_OBJECT) {
            throw new JsonParseException(parser, "unexpected " + token + " in a table");
        }
        return table;
    }

    private static ArrayNode array(JsonParser parser) throws IOException {
        ArrayNode array = NODES.arrayNode();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw new JsonParseException(parser, "unexpected end of an array");
            }
            array.add(value(parser, token));
        }
        return array;
    }

    private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
        if (token == null) {
            throw new JsonParseException(parser, "unexpected end of the document");
        }
        return switch (token) {
            case START_OBJECT -> table(parser);
            case START_ARRAY -> array(parser);
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> switch (parser.getNumberType()) {
                case BIG_DECIMAL -> NODES.numberNode(parser.getDecimalValue());
                case FLOAT -> NODES.numberNode(parser.getFloatValue());
                default -> NODES.numberNode(parser.getDoubleValue());
            };
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            case VALUE_EMBEDDED_OBJECT -> embedded(parser.getEmbeddedObject());
            default -> throw new JsonParseException(parser, "unexpected " + token);
        };
    }

    /** A date or time ({@code java.time}) the parser hands over as is, as the mapper keeps it. */
    private static JsonNode embedded(Object value) {
        return value == null ? NODES.nullNode() : NODES.pojoNode(value);
    }
}
