package dev.connections.fakes.quickbooks;

import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mockwebserver3.MockResponse;

/**
 * The responses of the fake, shaped as QuickBooks shapes them. Every one carries an {@code intuit_tid} header. Errors
 * come in both of QuickBooks's JSON envelopes: lower case {@code {"fault":{"error":[...]}}} (authentication) and
 * capitalised {@code {"Fault":{"Error":[...]}}} (everything else), and 429 in XML even though JSON was asked for.
 */
final class Answers {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx");

    private final Clock clock;

    Answers(Clock clock) {
        this.clock = clock;
    }

    /** The {@code time} field of API answers: the fake's now, with milliseconds, in Pacific time. */
    String time() {
        return TIME.format(clock.instant().atZone(ZoneId.of("America/Los_Angeles")));
    }

    MockResponse json(int code, Object body) {
        return base(code).setHeader("Content-Type", "application/json;charset=UTF-8").body(Json.write(body)).build();
    }

    /** An API answer: the body and its {@code time}. */
    MockResponse api(String key, Object value) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(key, value);
        body.put("time", time());
        return json(200, body);
    }

    MockResponse redirect(String location) {
        return base(302).setHeader("Location", location).build();
    }

    MockResponse empty(int code) {
        return base(code).build();
    }

    /** 401 in the lower-case envelope, with the bearer challenge, as QuickBooks answers an expired token. */
    MockResponse unauthorized(String why) {
        Map<String, Object> error = error("message", "detail", "code", "message=AuthenticationFailed; "
                + "errorCode=003200; statusCode=401", "Token " + why, "3200");
        Map<String, Object> fault = new LinkedHashMap<>();
        fault.put("error", List.of(error));
        fault.put("type", "AUTHENTICATION");
        return base(401).setHeader("Content-Type", "application/json;charset=UTF-8")
                .setHeader("WWW-Authenticate", "Bearer realm=\"Intuit\", error=\"invalid_token\"")
                .body(Json.write(Map.of("fault", fault))).build();
    }

    /** An error in the capitalised envelope. */
    MockResponse fault(int status, String type, String code, String message, String detail) {
        Map<String, Object> fault = new LinkedHashMap<>();
        fault.put("Error", List.of(error("Message", "Detail", "code", message, detail, code)));
        fault.put("type", type);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Fault", fault);
        body.put("time", time());
        return json(status, body);
    }

    /** 429 ThrottleExceeded with an XML body, as QuickBooks sends it whatever the Accept header. */
    MockResponse throttled() {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<IntuitResponse xmlns=\"http://schema.intuit.com/finance/v3\" time=\"" + time() + "\">"
                + "<Fault type=\"ThrottleExceeded\"><Error code=\"003001\">"
                + "<Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message>"
                + "<Detail>The request limit was reached. Please wait and try again.</Detail>"
                + "</Error></Fault></IntuitResponse>";
        return base(429).setHeader("Content-Type", "application/xml").body(xml).build();
    }

    private static Map<String, Object> error(String messageKey, String detailKey, String codeKey, String message,
                                             String detail, String code) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put(messageKey, message);
        error.put(detailKey, detail);
        error.put(codeKey, code);
        return error;
    }

    private static MockResponse.Builder base(int code) {
        return new MockResponse.Builder().code(code).setHeader("intuit_tid", "1-" + UUID.randomUUID());
    }
}
