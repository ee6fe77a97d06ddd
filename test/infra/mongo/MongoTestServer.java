import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.Cursor;
import de.bwaldvogel.mongo.backend.aggregation.Aggregation;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import de.bwaldvogel.mongo.oplog.OplogCursor;
import de.bwaldvogel.mongo.oplog.OplogPosition;
import io.netty.channel.Channel;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * mongo-java-server on 127.0.0.1 with its oplog on, for change-stream tests.
 * Change events of the stock server lack `ns` and `wallTime`, which ASP's change-stream
 * source reads; the backend below adds both before the user's change-stream stages run.
 * The stock server also answers change-stream aggregate and getMore without a
 * `cursor.postBatchResumeToken`, which MongoDB returns on every such reply since 4.0.7
 * (SERVER-38408, SERVER-38413), so a client has no position before the first event. The backend
 * adds it: the token of the cursor's oplog position, from which every later write is seen.
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

    /** A change-stream cursor: the stock oplog cursor plus ns/wallTime and the user's stages. */
    interface EventCursor extends Cursor {
        /** The resume token of the position after everything this cursor has returned (null: none). */
        Document postBatchResumeToken();
    }

    private static Field field(Class<?> c, String name) {
        try {
            Field f = c.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("mongo-java-server changed: no " + c.getSimpleName() + "." + name, e);
        }
    }

    private static final Field CURSOR_POSITION = field(OplogCursor.class, "position");
    private static final Field POSITION_INCLUSIVE = field(OplogPosition.class, "inclusive");

    /** Tokens are exclusive; a startAtOperationTime position (inclusive) is one tick earlier. */
    static Document tokenOf(Cursor raw) {
        try {
            OplogPosition p = (OplogPosition) CURSOR_POSITION.get(raw);
            long v = Long.parseLong(p.toHexString(), 16);
            if (POSITION_INCLUSIVE.getBoolean(p)) v -= 1;
            return new Document("_data", Long.toHexString(v));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    static final class PatchedBackend extends MemoryBackend {
        @Override
        public Document handleCommand(Channel channel, String db, String command, Document query) {
            Document reply = super.handleCommand(channel, db, command, query);
            boolean cursorCommand = "aggregate".equalsIgnoreCase(command) || "getMore".equalsIgnoreCase(command);
            if (cursorCommand && reply != null && reply.get("cursor") instanceof Document cursor && cursor.get("id") instanceof Number id && id.longValue() != 0L) {
                Cursor c;
                try {
                    c = getCursorRegistry().getCursor(id.longValue());
                } catch (RuntimeException gone) {
                    c = null;
                }
                Document token = c instanceof EventCursor ec ? ec.postBatchResumeToken() : null;
                if (token != null) cursor.put("postBatchResumeToken", token);
            }
            return reply;
        }

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
                    Cursor wrapped = new EventCursor() {
                        public Document postBatchResumeToken() { return raw instanceof OplogCursor ? tokenOf(raw) : null; }
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
