package com.stockpulse.local.dynamodb;

import com.amazonaws.AmazonServiceException;
import com.amazonaws.services.dynamodbv2.exceptions.DynamoDBLocalServiceException;
import com.amazonaws.services.dynamodbv2.local.embedded.DDBExceptionMappingInvocationHandler;
import com.amazonaws.services.dynamodbv2.local.shared.access.LocalDBClient;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.Lock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DuplicateItemException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ItemCollectionSizeLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.LimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.TransactionInProgressException;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * The in-process SDK v2 clients: DynamoDB Local's v2 adapters ({@link LocalAdapters}) behind a {@link Proxy} of
 * {@link DynamoDbClient} / {@link DynamoDbStreamsClient} that makes them behave towards the caller like the SDK's
 * HTTP clients.
 *
 * <p>Why a proxy (java.lang.reflect, not reflection into DynamoDB Local): the adapters throw DynamoDB Local's internal
 * {@code DynamoDBLocalServiceException} (an SDK v1 exception, not an {@code SdkException}), so every call needs a
 * translation, and their paginators and waiter capture the raw adapter. DynamoDB Local's own wrapper
 * ({@code DynamoDBEmbedded}) has the same idea but cannot be used: it builds a private database (no HTTP server can
 * share it) and emits telemetry; its paginators and waiter bypass its mapping; it turns
 * {@code ExpiredIteratorException} and {@code ThrottlingException} into plain {@code DynamoDbException}s; and it
 * converts through shared mutable exception builders (a race between threads).
 *
 * <p>Exceptions become what the SDK's JSON protocol builds from the same error over HTTP: the class the SDK models
 * for the error code (else {@link DynamoDbException}), status code, error code and message, a request id, one
 * attempt, the item of a {@link ConditionalCheckFailedException} and the cancellation reasons (with items) of a
 * {@link TransactionCanceledException}. DynamoDB Local types used: its public exception class and the public static
 * {@code DDBExceptionMappingInvocationHandler.convertAttributeValue}; {@code InProcessDynamoDbIT} compares the
 * results with the HTTP client's.
 *
 * <p>Known differences from the HTTP client: no retries (DynamoDB Local never throttles; an internal failure, which
 * the HTTP client would retry, fails at once as a 500 {@code InternalFailure}); {@code close()} does nothing (the
 * database belongs to {@link DynamoDbLocal}); after {@link DynamoDbLocal#close()} calls fail with an
 * {@link SdkClientException}, as a refused connection would.
 */
final class InProcessClient implements InvocationHandler {

    /** Error codes that the SDK's DynamoDB client turns into their own exception classes (DefaultDynamoDbClient). */
    private static final Map<String, Supplier<AwsServiceException.Builder>> DYNAMODB_ERRORS = Map.ofEntries(
            Map.entry("ConditionalCheckFailedException", ConditionalCheckFailedException::builder),
            Map.entry("TransactionCanceledException", TransactionCanceledException::builder),
            Map.entry("TransactionConflictException", TransactionConflictException::builder),
            Map.entry("TransactionInProgressException", TransactionInProgressException::builder),
            Map.entry("IdempotentParameterMismatchException", IdempotentParameterMismatchException::builder),
            Map.entry("ResourceInUseException", ResourceInUseException::builder),
            Map.entry("ResourceNotFoundException", ResourceNotFoundException::builder),
            Map.entry("ProvisionedThroughputExceededException", ProvisionedThroughputExceededException::builder),
            Map.entry("RequestLimitExceeded", RequestLimitExceededException::builder),
            Map.entry("ThrottlingException", ThrottlingException::builder),
            Map.entry("ItemCollectionSizeLimitExceededException", ItemCollectionSizeLimitExceededException::builder),
            Map.entry("LimitExceededException", LimitExceededException::builder),
            Map.entry("DuplicateItemException", DuplicateItemException::builder),
            Map.entry("InternalServerError", InternalServerErrorException::builder));

    /** The same for the SDK's DynamoDB Streams client (DefaultDynamoDbStreamsClient). */
    private static final Map<String, Supplier<AwsServiceException.Builder>> STREAMS_ERRORS = Map.of(
            "ExpiredIteratorException", ExpiredIteratorException::builder,
            "TrimmedDataAccessException", TrimmedDataAccessException::builder,
            "ResourceNotFoundException", ResourceNotFoundException::builder,
            "LimitExceededException", LimitExceededException::builder,
            "InternalServerError", InternalServerErrorException::builder);

    private static final String INTERNAL_FAILURE =
            "The request processing has failed because of an unknown error, exception or failure.";

    private final Object target;
    private final String serviceName;
    private final Map<String, Supplier<AwsServiceException.Builder>> modelledErrors;
    /** Held (shared) for each call; {@link DynamoDbLocal#close()} takes the exclusive side and marks it closed. */
    private final Lock open;
    private final BooleanSupplier closed;

    private InProcessClient(Object target, String serviceName, Map<String, Supplier<AwsServiceException.Builder>> errors,
                            Lock open, BooleanSupplier closed) {
        this.target = target;
        this.serviceName = serviceName;
        this.modelledErrors = errors;
        this.open = open;
        this.closed = closed;
    }

    /** DynamoDB on {@code database}, through its v2 adapter (see {@link LocalAdapters}). */
    static DynamoDbClient dynamoDb(LocalDBClient database, Lock open, BooleanSupplier closed) {
        return create(DynamoDbClient.class, LocalAdapters.dynamoDb(database), "DynamoDb", DYNAMODB_ERRORS, open, closed);
    }

    /** DynamoDB Streams on {@code database}, likewise. */
    static DynamoDbStreamsClient streams(LocalDBClient database, Lock open, BooleanSupplier closed) {
        return create(DynamoDbStreamsClient.class, LocalAdapters.streams(database), "DynamoDbStreams", STREAMS_ERRORS,
                open, closed);
    }

    private static <T> T create(Class<T> api, T local, String serviceName,
                                Map<String, Supplier<AwsServiceException.Builder>> errors, Lock open,
                                BooleanSupplier closed) {
        InProcessClient handler = new InProcessClient(local, serviceName, errors, open, closed);
        return api.cast(Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api}, handler));
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> self == args[0];
                case "hashCode" -> System.identityHashCode(self);
                default -> "in-process " + serviceName + " client of DynamoDB Local";
            };
        }
        switch (method.getName()) {
            case "close":
                return null;
            case "waiter":
                // As the SDK's client does, but on this proxy so that its describeTable calls are mapped too.
                return DynamoDbWaiter.builder().client((DynamoDbClient) self).build();
            default:
                break;
        }
        if (method.isDefault() && !SdkResponse.class.isAssignableFrom(method.getReturnType())) {
            // Paginators: the interface's own default builds them on this proxy, so each page goes through here.
            return InvocationHandler.invokeDefault(self, method, args);
        }
        open.lock();
        try {
            if (closed.getAsBoolean()) {
                throw SdkClientException.create("Unable to execute request: DynamoDB Local has been stopped");
            }
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw translate(e.getCause());
        } finally {
            open.unlock();
        }
    }

    /** What the SDK's HTTP client would have thrown for the same failure. */
    private Throwable translate(Throwable failure) {
        if (failure instanceof AmazonServiceException local) {
            return serviceException(local);
        }
        if (failure instanceof RuntimeException && !(failure instanceof SdkException)) {
            // DynamoDB Local's HTTP handler answers any other failure with a 500 InternalFailure.
            return DynamoDbException.builder()
                    .message(INTERNAL_FAILURE)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("InternalFailure").errorMessage(INTERNAL_FAILURE)
                            .serviceName(serviceName).build())
                    .statusCode(500).requestId(UUID.randomUUID().toString()).cause(failure).numAttempts(1).build();
        }
        return failure;
    }

    private AwsServiceException serviceException(AmazonServiceException local) {
        String code = local.getErrorCode();
        String message = local instanceof DynamoDBLocalServiceException ? local.getMessage() : local.getErrorMessage();
        AwsServiceException.Builder builder = modelledErrors.getOrDefault(code, DynamoDbException::builder).get();
        if (local instanceof DynamoDBLocalServiceException details) {
            if (builder instanceof ConditionalCheckFailedException.Builder conditional && details.getItem() != null) {
                Map<String, AttributeValue> item = new LinkedHashMap<>();
                details.getItem().forEach((name, value) ->
                        item.put(name, LocalAdapters.value(DDBExceptionMappingInvocationHandler.convertAttributeValue(value))));
                conditional.item(item);
            }
            if (builder instanceof TransactionCanceledException.Builder cancelled
                    && details.getCancellationReasons() != null) {
                List<CancellationReason> reasons = new ArrayList<>();
                for (com.amazonaws.services.dynamodbv2.model.CancellationReason reason : details.getCancellationReasons()) {
                    reasons.add(CancellationReason.builder().code(reason.getCode()).message(reason.getMessage())
                            .item(LocalAdapters.item(reason.getItem())).build());
                }
                cancelled.cancellationReasons(reasons);
            }
        }
        return builder
                .message(message)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName(serviceName)
                        .build())
                .statusCode(local.getStatusCode())
                .requestId(UUID.randomUUID().toString())
                .numAttempts(1)
                .build();
    }
}
