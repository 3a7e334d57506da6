package dev.connections.fakes.salesforce;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * Bulk API 2.0 query jobs under {@code /services/data/vNN.0/jobs/query}: create, status, and CSV results paged by
 * {@code maxRecords} and {@code locator}. A job is UploadComplete when created and JobComplete after a configurable
 * number of status requests; its records are taken when it completes. Thread-safe.
 */
final class BulkApi {

    private static final int DEFAULT_MAX_RECORDS = 50_000;

    private final Org org;
    private final int pollsUntilComplete;
    private final String userId;
    private final BooleanSupplier failJobs;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    private static final class Job {
        final String id;
        final Org.Prepared query;
        final String operation;
        final Instant created;
        String state = "UploadComplete";
        String errorMessage;
        int polls;
        int total;
        Iterator<Map<String, Object>> records;
        long position;

        Job(String id, Org.Prepared query, String operation, Instant created) {
            this.id = id;
            this.query = query;
            this.operation = operation;
            this.created = created;
        }
    }

    BulkApi(Org org, int pollsUntilComplete, String userId, BooleanSupplier failJobs) {
        this.org = org;
        this.pollsUntilComplete = pollsUntilComplete;
        this.userId = userId;
        this.failJobs = failJobs;
    }

    /** @return the reply, or null when no Bulk resource has that path */
    Reply handle(RecordedRequest request, String version, String resource, Consumer<String> soqlLog) {
        List<String> parts = List.of(resource.replaceAll("^/|/$", "").split("/"));
        if (parts.size() < 2 || !parts.get(0).equals("jobs") || !parts.get(1).equals("query")) {
            return null;
        }
        String method = request.getMethod();
        if (parts.size() == 2 && "POST".equals(method)) {
            return create(request, version, soqlLog);
        }
        if (parts.size() < 3) {
            return null;
        }
        Job job = jobs.get(parts.get(2));
        if (job == null) {
            return RestApi.notFound();
        }
        if (parts.size() == 3 && "GET".equals(method)) {
            return status(job, version);
        }
        if (parts.size() == 4 && parts.get(3).equals("results") && "GET".equals(method)) {
            return results(job, request.getUrl().queryParameter("maxRecords"),
                    request.getUrl().queryParameter("locator"));
        }
        return null;
    }

    private Reply create(RecordedRequest request, String version, Consumer<String> soqlLog) {
        Map<String, String> body = new HashMap<>();
        try (JsonReader in = JsonReader.of(new Buffer().write(request.getBody() == null ? okio.ByteString.EMPTY
                : request.getBody()))) {
            in.beginObject();
            while (in.hasNext()) {
                String name = in.nextName();
                if (in.peek() == JsonReader.Token.STRING) {
                    body.put(name, in.nextString());
                } else {
                    in.skipValue();
                }
            }
            in.endObject();
        } catch (IOException | RuntimeException e) {
            return Reply.error(400, "JSON_PARSER_ERROR", "The request body is not a JSON object: " + e.getMessage());
        }
        String operation = body.getOrDefault("operation", "");
        String soql = body.get("query");
        if (!operation.equals("query") && !operation.equals("queryAll")) {
            return Reply.error(400, "INVALIDJOB", "operation must be query or queryAll, not '" + operation + "'");
        }
        if (soql == null) {
            return Reply.error(400, "INVALIDJOB", "query is required");
        }
        soqlLog.accept(soql);
        Org.Prepared p;
        try {
            p = org.prepare(soql, operation.equals("queryAll"));
        } catch (SoqlException e) {
            return Reply.error(400, e.errorCode(), e.getMessage());
        }
        if (p.query().count() || !p.query().orderBy().isEmpty() || p.query().limit() != null) {
            return Reply.error(400, "API_ERROR", "Aggregate queries, ORDER BY and LIMIT are not supported in Bulk "
                    + "Query");
        }
        for (FakeField f : p.fields()) {
            if (SfValues.COMPOUND_TYPES.contains(f.type())) {
                return Reply.error(400, "API_ERROR", "Selecting compound data not supported in Bulk Query: "
                        + f.name());
            }
        }
        Job job = new Job("750" + String.format(Locale.ROOT, "%015d", ids.incrementAndGet()), p, operation,
                org.now());
        jobs.put(job.id, job);
        return jobJson(job, version);
    }

    private Reply status(Job job, String version) {
        synchronized (job) {
            if (job.state.equals("UploadComplete") || job.state.equals("InProgress")) {
                job.polls++;
                if (failJobs.getAsBoolean()) {
                    job.state = "Failed";
                    job.errorMessage = "InternalServerError : the fake failed this job on purpose";
                } else if (job.polls >= pollsUntilComplete) {
                    job.total = org.count(job.query);
                    job.records = org.run(job.query);
                    job.state = "JobComplete";
                } else {
                    job.state = "InProgress";
                }
            }
            return jobJson(job, version);
        }
    }

    private Reply results(Job job, String maxRecordsText, String locator) {
        synchronized (job) {
            if (!job.state.equals("JobComplete")) {
                return Reply.error(400, "API_ERROR", "Results are available when the job is complete; it is "
                        + job.state);
            }
            int max;
            long start;
            try {
                max = maxRecordsText == null ? DEFAULT_MAX_RECORDS : Integer.parseInt(maxRecordsText);
                start = locator == null ? 0 : Long.parseLong(new String(Base64.getDecoder().decode(locator),
                        StandardCharsets.US_ASCII));
            } catch (IllegalArgumentException e) {
                return Reply.error(400, "INVALIDLOCATOR", "invalid maxRecords or locator");
            }
            if (start != job.position) {
                job.records = org.run(job.query);
                job.position = 0;
                while (job.position < start && job.records.hasNext()) {
                    job.records.next();
                    job.position++;
                }
            }
            Buffer csv = new Buffer();
            List<FakeField> fields = job.query.fields();
            String[] names = fields.stream().map(FakeField::name).toArray(String[]::new);
            writeRow(csv, names, null);
            int n = 0;
            while (n < max && job.records.hasNext()) {
                writeRow(csv, names, job.records.next());
                n++;
            }
            job.position += n;
            String next = job.records.hasNext() ? Base64.getEncoder().withoutPadding()
                    .encodeToString(Long.toString(job.position).getBytes(StandardCharsets.US_ASCII)) : "null";
            return new Reply(200, new LinkedHashMap<>(), csv)
                    .header("Content-Type", "text/csv")
                    .header("Sforce-NumberOfRecords", Integer.toString(n))
                    .header("Sforce-Locator", next);
        }
    }

    private Reply jobJson(Job job, String version) {
        return Reply.json(200, out -> {
            out.beginObject().name("id").value(job.id).name("operation").value(job.operation)
                    .name("object").value(job.query.table().name()).name("createdById").value(userId)
                    .name("createdDate").value(SfValues.REST_DATETIME.format(job.created))
                    .name("systemModstamp").value(SfValues.REST_DATETIME.format(job.created))
                    .name("state").value(job.state).name("concurrencyMode").value("Parallel")
                    .name("contentType").value("CSV").name("apiVersion").value(Double.parseDouble(version))
                    .name("lineEnding").value("LF").name("columnDelimiter").value("COMMA");
            if (job.state.equals("JobComplete")) {
                out.name("numberRecordsProcessed").value(job.total).name("retries").value(0)
                        .name("totalProcessingTime").value(0);
            }
            if (job.errorMessage != null) {
                out.name("errorMessage").value(job.errorMessage);
            }
            out.endObject();
        });
    }

    /** One CSV line of a record's values (the names themselves when it is null): quoted, quotes doubled, LF. */
    private static void writeRow(Buffer out, String[] names, Map<String, Object> record) {
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                out.writeByte(',');
            }
            String text = record == null ? names[i] : SfValues.csv(record.get(names[i]));
            if (text != null) {
                out.writeByte('"').writeUtf8(text.replace("\"", "\"\"")).writeByte('"');
            }
        }
        out.writeByte('\n');
    }
}
