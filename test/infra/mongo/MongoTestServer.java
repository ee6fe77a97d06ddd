import de.bwaldvogel.mongo.MongoCollection;
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
import java.lang.reflect.Method;
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
 * The stock server also streams collections only: a database-level change stream (`db.watch()`,
 * which the change-stream source opens for a list of collections) yields no events. The backend
 * serves it from the oplog collection with the stock event conversion, in oplog order.
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
    private static final Method TO_EVENT = toEventMethod();

    private static Method toEventMethod() {
        try {
            Class<?> c = Class.forName("de.bwaldvogel.mongo.oplog.CollectionBackedOplog");
            Method m = c.getDeclaredMethod("toChangeStreamResponseDocument", Document.class, Document.class);
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("mongo-java-server changed: no CollectionBackedOplog.toChangeStreamResponseDocument", e);
        }
    }

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
                    Cursor stock = inner.createCursor(cs, namespace, none);
                    int dot = namespace.indexOf('.');
                    String collName = namespace.substring(dot + 1);
                    boolean database = stock instanceof OplogCursor && ("$cmd".equals(collName) || "1".equals(collName));
                    Cursor raw = database ? databaseCursor(inner, (OplogCursor) stock, cs, namespace.substring(0, dot)) : stock;
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

        /**
         * A database-level stream: the oplog entries of every collection of `db` after the
         * stock cursor's start position, converted by the stock code, with their own `ns`.
         */
        private Cursor databaseCursor(Oplog inner, OplogCursor stock, Document cs, String db) {
            OplogPosition start;
            try {
                start = (OplogPosition) CURSOR_POSITION.get(stock);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            MongoCollection<?> oplog = resolveDatabase("local").resolveCollection(OPLOG_COLLECTION_NAME, false);
            String prefix = db + ".";
            OplogCursor cursor = new OplogCursor(stock.getId(), position -> oplog.queryAllAsStream()
                .filter(d -> d.get("ns") instanceof String ns && ns.startsWith(prefix) && !ns.endsWith(".$cmd"))
                .filter(d -> new OplogPosition((BsonTimestamp) d.get("ts")).isAfter(position))
                .sorted((a, b) -> ((BsonTimestamp) a.get("ts")).compareTo((BsonTimestamp) b.get("ts")))
                .map(d -> {
                    try {
                        Document e = (Document) TO_EVENT.invoke(inner, d, cs);
                        String ns = (String) d.get("ns");
                        e.put("ns", new Document("db", db).append("coll", ns.substring(prefix.length())));
                        return e;
                    } catch (ReflectiveOperationException ex) {
                        throw new IllegalStateException(ex);
                    }
                }), start);
            getCursorRegistry().remove(stock.getId());
            getCursorRegistry().add(cursor);
            return cursor;
        }
    }
}
