package dev.knowledgerouter.knowledge.lucene;

import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.Entry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;

/**
 * One write to a collection as the {@link WriteAheadLog} keeps it until the next Lucene commit: the
 * entries of an upsert whole, or the ids of a delete. Replaying the records of a log in order onto the
 * last commit gives the collection as it was acknowledged, since each record sets or removes whole
 * entries by id.
 */
sealed interface JournalRecord {
    record Upsert(List<Entry> entries) implements JournalRecord {}

    record Delete(List<String> ids) implements JournalRecord {}

    /**
     * The write as the index takes it: an upsert's entries as one block that replaces the entries of
     * their ids (indexed all or nothing), a delete's ids removed.
     */
    default void applyTo(IndexWriter writer, CollectionDefinition definition) throws IOException {
        switch (this) {
            case Upsert u -> {
                List<Document> docs = new ArrayList<>(u.entries().size());
                for (Entry e : u.entries()) {
                    docs.add(LuceneDocumentFormat.toDocument(e, definition));
                }
                List<BytesRef> ids =
                        u.entries().stream().map(e -> new BytesRef(e.id())).toList();
                writer.updateDocuments(new TermInSetQuery(LuceneDocumentFormat.ID, ids), docs);
            }
            case Delete d ->
                writer.deleteDocuments(d.ids().stream()
                        .map(id -> new Term(LuceneDocumentFormat.ID, id))
                        .toArray(Term[]::new));
        }
    }
}
