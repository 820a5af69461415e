package com.stockpulse.local.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockpulse.local.testing.SigV4;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestSignatureTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final String SIGNATURE = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static String authorization(String scope, String signedHeaders, String signature) {
        return "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/" + scope + ", SignedHeaders=" + signedHeaders
                + ", Signature=" + signature;
    }

    @Test
    void whatTheSdkSigns_isAccepted() {
        Map<String, String> headers = SigV4.headers("POST", URI.create("http://127.0.0.1:1/@connections/abc"), new byte[3]);

        assertThat(RequestSignature.problem(headers.get("Authorization"), headers.get("X-Amz-Date"), Instant.now()))
                .isEmpty();
    }

    @Test
    void aWellFormedSignatureOfNow_isAccepted() {
        assertThat(RequestSignature.problem(authorization("20261123/eu-west-1/execute-api/aws4_request",
                "host;x-amz-date", SIGNATURE), "20261123T095800Z", NOW)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no header|||20261123T100000Z|Missing Authentication Token",
            "another scheme|Bearer abc||20261123T100000Z|algorithm",
            "no signature part|AWS4-HMAC-SHA256 Credential=AKID/20261123/us-east-1/execute-api/aws4_request||20261123T100000Z|parameters",
            "another service|20261123/us-east-1/dynamodb/aws4_request|host;x-amz-date|20261123T100000Z|scoped",
            "a short scope|20261123/execute-api/aws4_request|host;x-amz-date|20261123T100000Z|scoped",
            "host not signed|20261123/us-east-1/execute-api/aws4_request|x-amz-date|20261123T100000Z|SignedHeaders",
            "no date|20261123/us-east-1/execute-api/aws4_request|host;x-amz-date||X-Amz-Date",
            "a broken date|20261123/us-east-1/execute-api/aws4_request|host;x-amz-date|yesterday|yyyyMMdd",
            "scope of another day|20261122/us-east-1/execute-api/aws4_request|host;x-amz-date|20261123T100000Z|does not match",
            "six minutes old|20261123/us-east-1/execute-api/aws4_request|host;x-amz-date|20261123T095400Z|expired",
            "six minutes ahead|20261123/us-east-1/execute-api/aws4_request|host;x-amz-date|20261123T100600Z|expired"})
    void aMissingOrMalformedSignature_isRefusedWithItsReason(String name, String scopeOrHeader, String signedHeaders,
                                                             String amzDate, String reason) {
        String header = scopeOrHeader == null || !scopeOrHeader.matches("\\d{8}/.*")
                ? scopeOrHeader : authorization(scopeOrHeader, signedHeaders, SIGNATURE);

        assertThat(RequestSignature.problem(header, amzDate, NOW)).hasValueSatisfying(
                problem -> assertThat(problem).contains(reason));
    }

    @Test
    void aSignatureThatIsNotHex_isRefused() {
        assertThat(RequestSignature.problem(authorization("20261123/us-east-1/execute-api/aws4_request",
                "host;x-amz-date", "not-hex"), "20261123T100000Z", NOW)).hasValueSatisfying(
                problem -> assertThat(problem).contains("hexadecimal"));
    }
}
