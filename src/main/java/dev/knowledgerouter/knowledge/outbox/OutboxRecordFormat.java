package dev.knowledgerouter.knowledge.outbox;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.knowledge.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * One queued write as one line: {@code <CRC-32C of the JSON, 8 hex digits> <JSON>\n}. JSON keeps the
 * file readable by whoever looks at it during an outage; vectors are base64 of little-endian float32,
 * a third of their size as decimal text and exact on the way back. The checksum is what tells a
 * record torn by a crash (or left as zeros by the file system) from a whole one: a cut JSON line can
 * still parse, a cut line never matches its checksum. JSON escapes line breaks inside strings, so
 * {@code \n} only ever ends a record.
 */
final class OutboxRecordFormat {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    private static final int CRC_DIGITS = 8;

    private OutboxRecordFormat() {}

    /**
     * The line of a queued write, {@code \n} included; {@code rejectedBecause} (or null) says why the
     * store refused it, for the set-aside file.
     */
    static byte[] encode(Outbox.Queued queued, String rejectedBecause) {
        ObjectNode root = JSON.createObjectNode();
        root.put("seq", queued.sequence());
        root.put("queued_at", queued.queuedAt().toString());
        root.put("collection", queued.write().collection());
        switch (queued.write()) {
            case PendingWrite.Upsert upsert -> {
                root.put("op", "upsert");
                root.put("embedder", upsert.embedder().id());
                root.put("dimension", upsert.embedder().dimension());
                ArrayNode entries = root.putArray("entries");
                for (Entry e : upsert.entries()) {
                    ObjectNode entry = entries.addObject();
                    entry.put("id", e.id());
                    entry.put("timestamp", e.timestamp().toString());
                    entry.put("vector", vector(e.vector()));
                    entry.set("payload", payload(e));
                }
            }
            case PendingWrite.Delete delete -> {
                root.put("op", "delete");
                ArrayNode ids = root.putArray("ids");
                delete.ids().forEach(ids::add);
            }
        }
        if (rejectedBecause != null) {
            root.put("rejected_because", rejectedBecause);
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the write cannot be kept as JSON: " + e.getOriginalMessage(), e);
        }
        byte[] line = new byte[CRC_DIGITS + 1 + json.length + 1];
        System.arraycopy(
                HexFormat.of().toHexDigits((int) crc(json, 0, json.length)).getBytes(StandardCharsets.US_ASCII),
                0,
                line,
                0,
                CRC_DIGITS);
        line[CRC_DIGITS] = ' ';
        System.arraycopy(json, 0, line, CRC_DIGITS + 1, json.length);
        line[line.length - 1] = '\n';
        return line;
    }

    /**
     * The write of one line (without its {@code \n}); empty when the line is damaged, i.e. its
     * checksum does not match. A line that matches but does not read as a write was written by
     * another format and fails.
     */
    static Optional<Outbox.Queued> decode(byte[] line) {
        if (line.length < CRC_DIGITS + 2 || line[CRC_DIGITS] != ' ') {
            return Optional.empty();
        }
        String digits = new String(line, 0, CRC_DIGITS, StandardCharsets.US_ASCII);
        if (!digits.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return Optional.empty();
        }
        int jsonStart = CRC_DIGITS + 1;
        if ((int) crc(line, jsonStart, line.length - jsonStart) != HexFormat.fromHexDigits(digits)) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(line, jsonStart, line.length - jsonStart);
            return Optional.of(new Outbox.Queued(
                    root.required("seq").asLong(),
                    Instant.parse(root.required("queued_at").asText()),
                    write(root)));
        } catch (IOException | DateTimeParseException | IllegalArgumentException e) {
            throw new StoreException(
                    "an outbox record passes its checksum but is not a write this kr can read (" + e.getMessage()
                            + "); it was written by another kr version: use that version to flush it",
                    e);
        }
    }

    private static PendingWrite write(JsonNode root) throws JacksonException {
        String collection = root.required("collection").asText();
        String op = root.required("op").asText();
        return switch (op) {
            case "upsert" -> {
                EmbedderIdentity embedder = new EmbedderIdentity(
                        root.required("embedder").asText(),
                        root.required("dimension").asInt());
                List<Entry> entries = new ArrayList<>();
                for (JsonNode e : root.required("entries")) {
                    entries.add(new Entry(
                            e.required("id").asText(),
                            JSON.treeToValue(e.required("payload"), MAP),
                            vector(e.required("vector").asText()),
                            Instant.parse(e.required("timestamp").asText())));
                }
                yield new PendingWrite.Upsert(collection, embedder, entries);
            }
            case "delete" -> {
                List<String> ids = new ArrayList<>();
                root.required("ids").forEach(id -> ids.add(id.asText()));
                yield new PendingWrite.Delete(collection, ids);
            }
            default -> throw new IllegalArgumentException("unknown op '" + op + "'");
        };
    }

    private static JsonNode payload(Entry e) {
        try {
            return JSON.valueToTree(e.payload());
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(
                    "the payload of entry '" + e.id() + "' is not serialisable as JSON: " + ex.getMessage(), ex);
        }
    }

    private static String vector(float[] v) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            bytes.putFloat(f);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    private static float[] vector(String base64) {
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.remaining() % 4 != 0) {
            throw new IllegalArgumentException("a vector of " + bytes.remaining() + " bytes is not float32");
        }
        float[] v = new float[bytes.remaining() / 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = bytes.getFloat();
        }
        return v;
    }

    private static long crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }
}
