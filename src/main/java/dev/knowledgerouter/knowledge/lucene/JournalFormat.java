package dev.knowledgerouter.knowledge.lucene;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.knowledge.Entry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bytes of a {@link JournalRecord}: a type byte, a count, then per entry its id, time, vector and
 * payload (JSON, as the index stores it), or per delete its id. The log frames them with their length
 * and checksum.
 */
final class JournalFormat {
    private static final byte UPSERT = 1;
    private static final byte DELETE = 2;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private JournalFormat() {}

    static byte[] encode(JournalRecord record) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            switch (record) {
                case JournalRecord.Upsert u -> {
                    out.writeByte(UPSERT);
                    out.writeInt(u.entries().size());
                    for (Entry e : u.entries()) {
                        writeText(out, e.id());
                        out.writeLong(e.timestamp().toEpochMilli());
                        out.writeInt(e.vector().length);
                        for (float f : e.vector()) {
                            out.writeFloat(f);
                        }
                        byte[] payload = JSON.writeValueAsBytes(e.payload());
                        out.writeInt(payload.length);
                        out.write(payload);
                    }
                }
                case JournalRecord.Delete d -> {
                    out.writeByte(DELETE);
                    out.writeInt(d.ids().size());
                    for (String id : d.ids()) {
                        writeText(out, id);
                    }
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("payload is not serialisable as JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /** The record in {@code body}, whose checksum the log has already checked. */
    static JournalRecord decode(byte[] body) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            byte type = in.readByte();
            int n = in.readInt();
            if (type == UPSERT) {
                List<Entry> entries = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    String id = readText(in);
                    Instant at = Instant.ofEpochMilli(in.readLong());
                    float[] vector = new float[in.readInt()];
                    for (int j = 0; j < vector.length; j++) {
                        vector[j] = in.readFloat();
                    }
                    byte[] payload = in.readNBytes(in.readInt());
                    entries.add(new Entry(id, JSON.readValue(payload, MAP), vector, at));
                }
                return new JournalRecord.Upsert(entries);
            }
            if (type == DELETE) {
                List<String> ids = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    ids.add(readText(in));
                }
                return new JournalRecord.Delete(ids);
            }
            throw new IOException("unknown record type " + type);
        }
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readText(DataInputStream in) throws IOException {
        return new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
    }
}
