package com.stockpulse.local.apigateway;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a {@code @connections} request carries a SigV4 signature, as API Gateway requires (it answers 403
 * otherwise): an {@code Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…} header whose
 * scope names {@code execute-api}, an {@code X-Amz-Date} within 5 minutes of now and on the scope's day, and
 * {@code host} and {@code x-amz-date} among the signed headers. So code that forgets to sign, or signs for another
 * service, fails here as it would on AWS.
 *
 * <p>The signature's HMAC itself is not recomputed: the local endpoints take any credentials (the secret is not
 * known here), as DynamoDB Local and kinesalite do.
 */
final class RequestSignature {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    /** How far a request's clock may be from ours; AWS refuses older or newer signatures as expired. */
    static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final Pattern HEX_64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern DAY = Pattern.compile("\\d{8}");

    private RequestSignature() {
    }

    /** Why the request is refused, or empty when it is signed. Header values as received, null when absent. */
    static Optional<String> problem(String authorization, String amzDate, Instant now) {
        if (authorization == null || authorization.isBlank()) {
            return Optional.of("Missing Authentication Token");
        }
        if (!authorization.startsWith(ALGORITHM + " ")) {
            return Optional.of("Authorization header requires the " + ALGORITHM + " algorithm");
        }
        Map<String, String> parts = new HashMap<>();
        for (String part : authorization.substring(ALGORITHM.length() + 1).split(",")) {
            int equals = part.indexOf('=');
            if (equals > 0) {
                parts.put(part.substring(0, equals).strip(), part.substring(equals + 1).strip());
            }
        }
        String credential = parts.get("Credential");
        String signedHeaders = parts.get("SignedHeaders");
        String signature = parts.get("Signature");
        if (credential == null || signedHeaders == null || signature == null) {
            return Optional.of("Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters");
        }
        String[] scope = credential.split("/", -1);
        if (scope.length != 5 || scope[0].isEmpty() || !DAY.matcher(scope[1]).matches() || scope[2].isEmpty()
                || !scope[3].equals("execute-api") || !scope[4].equals("aws4_request")) {
            return Optional.of("Credential should be scoped to {access key}/{yyyyMMdd}/{region}/execute-api/aws4_request");
        }
        List<String> signed = Arrays.asList(signedHeaders.split(";"));
        if (!signed.contains("host") || !signed.contains("x-amz-date")) {
            return Optional.of("SignedHeaders must include host and x-amz-date");
        }
        if (!HEX_64.matcher(signature).matches()) {
            return Optional.of("Signature must be 64 lower-case hexadecimal digits");
        }
        if (amzDate == null) {
            return Optional.of("Authorization header requires existence of an 'X-Amz-Date' header");
        }
        Instant signedAt;
        try {
            signedAt = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return Optional.of("X-Amz-Date must be yyyyMMdd'T'HHmmss'Z'");
        }
        if (!amzDate.startsWith(scope[1])) {
            return Optional.of("Credential's date does not match X-Amz-Date");
        }
        if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
            return Optional.of("Signature expired: " + amzDate + " is more than 5 minutes from the server's time");
        }
        return Optional.empty();
    }
}
