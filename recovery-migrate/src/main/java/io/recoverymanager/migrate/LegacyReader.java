package io.recoverymanager.migrate;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads the old format, which is XML-like but not a well-formed document: several top-level
 * elements and comments. The content is wrapped in one root element (on the same line, so line
 * numbers stay right) and parsed with the JDK's SAX parser with DOCTYPEs and external entities
 * disabled.
 *
 * <p>Thread-safety: stateless; each call builds its own parser.
 */
final class LegacyReader {
    static final String ROOT = "recovery-unit";
    private static final java.util.regex.Pattern DOCTYPE =
            java.util.regex.Pattern.compile("<!(DOCTYPE|ENTITY)", java.util.regex.Pattern.CASE_INSENSITIVE);

    private LegacyReader() {}

    /** The problem that made the content unreadable. */
    static final class UnreadableException extends Exception {
        private static final long serialVersionUID = 1L;
        final int line;

        UnreadableException(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    /** Parses the content; the returned root's children are the file's top-level elements. */
    static LegacyElement read(String content) throws UnreadableException {
        String body = content.startsWith("\uFEFF") ? content.substring(1) : content;
        if (body.stripLeading().startsWith("<?xml")) {
            int end = body.indexOf("?>");
            if (end < 0) {
                throw new UnreadableException(1, "unterminated XML declaration");
            }
            // Keep the newlines so that line numbers stay right.
            body = body.substring(0, end + 2).replaceAll("[^\\n]", " ") + body.substring(end + 2);
        }
        java.util.regex.Matcher doctype = DOCTYPE.matcher(body);
        if (doctype.find()) {
            int line = 1
                    + (int) body.substring(0, doctype.start())
                            .chars()
                            .filter(c -> c == '\n')
                            .count();
            throw new UnreadableException(
                    line, "DOCTYPE and ENTITY declarations are not allowed (the old format has none)");
        }
        String wrapped = "<" + ROOT + ">" + body + "</" + ROOT + ">";
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(false);
            factory.setValidating(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setXIncludeAware(false);
            SAXParser parser = factory.newSAXParser();
            TreeBuilder builder = new TreeBuilder();
            parser.parse(new InputSource(new StringReader(wrapped)), builder);
            return builder.root;
        } catch (SAXParseException e) {
            throw new UnreadableException(
                    Math.max(0, e.getLineNumber()), "not readable as the old unit format: " + e.getMessage());
        } catch (SAXException | ParserConfigurationException e) {
            throw new UnreadableException(0, "cannot parse: " + e.getMessage());
        } catch (IOException e) {
            throw new UnreadableException(0, "cannot read: " + e.getMessage());
        }
    }

    /** Builds the element tree, remembering the line each element starts on. */
    private static final class TreeBuilder extends DefaultHandler {
        private final Deque<LegacyElement> stack = new ArrayDeque<>();
        private Locator locator;
        LegacyElement root;

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            LegacyElement e = new LegacyElement(qName, locator == null ? 0 : locator.getLineNumber());
            for (int i = 0; i < attributes.getLength(); i++) {
                e.attributes.put(attributes.getQName(i), attributes.getValue(i));
            }
            if (stack.isEmpty()) {
                root = e;
            } else {
                stack.peek().children.add(e);
            }
            stack.push(e);
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            stack.pop();
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (!stack.isEmpty()) {
                stack.peek().text.append(ch, start, length);
            }
        }
    }
}
