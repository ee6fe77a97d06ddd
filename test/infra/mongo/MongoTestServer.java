import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.Cursor;
import de.bwaldvogel.mongo.backend.aggregation.Aggregation;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * mongo-java-server on 127.0.0.1 with its oplog on, for change-stream tests.
 * Change events of the stock server lack `ns` and `wallTime`, which ASP's change-stream
 * source reads; the backend below adds both before the user's change-stream stages run.
 * Usage: java -cp 'libs/*:classes' MongoTestServer PORT
 */
public class MongoTestServer {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args.length > 0 ? args[0] : "27018");
        MongoServer server = new MongoServer(new PatchedBackend());
        server.enableOplog();
        server.bind("127.0.0.1", port);
        System.out.println("MONGO_READY 127.0.0.1:" + port);
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
        Thread.currentThread().join();
    }

    static final class PatchedBackend extends MemoryBackend {
        @Override
        protected Oplog createOplog() {
            Oplog inner = super.createOplog();
            return new Oplog() {
                public void handleInsert(String ns, List<Document> docs) { inner.handleInsert(ns, docs); }
                public void handleUpdate(String ns, Document sel, Document q, List<Object> ids) { inner.handleUpdate(ns, sel, q, ids); }
                public void handleDelete(String ns, Document q, List<Object> ids) { inner.handleDelete(ns, q, ids); }
                public void handleDropCollection(String ns) { inner.handleDropCollection(ns); }
                public Cursor createCursor(Document cs, String namespace, Aggregation userStages) {
                    Aggregation none = Aggregation.fromPipeline(new ArrayList<Document>(), null, null, null, null);
                    Cursor raw = inner.createCursor(cs, namespace, none);
                    int dot = namespace.indexOf('.');
                    Document nsDoc = new Document("db", namespace.substring(0, dot)).append("coll", namespace.substring(dot + 1));
                    Cursor wrapped = new Cursor() {
                        public long getId() { return raw.getId(); }
                        public boolean isEmpty() { return raw.isEmpty(); }
                        public List<Document> takeDocuments(int n) {
                            return userStages.runStagesAsStream(raw.takeDocuments(n).stream().map(e -> {
                                Document c = e.clone();
                                if (!c.containsKey("ns") && !"invalidate".equals(c.get("operationType"))) c.put("ns", nsDoc.clone());
                                Object ts = c.get("clusterTime");
                                if (ts instanceof BsonTimestamp t && !c.containsKey("wallTime")) {
                                    c.put("wallTime", Instant.ofEpochSecond(t.getTime()));
                                }
                                return c;
                            })).collect(Collectors.toList());
                        }
                    };
                    if (raw.getId() != 0L) {
                        getCursorRegistry().remove(raw.getId());
                        getCursorRegistry().add(wrapped);
                    }
                    return wrapped;
                }
            };
        }
    }
}
