package com.stockpulse.functions.store.dynamodb;

import static com.stockpulse.functions.store.dynamodb.Attributes.s;

import com.stockpulse.functions.store.CatalogStore;
import com.stockpulse.model.PageKey;
import com.stockpulse.model.Tables.Catalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The catalog in DynamoDB: one row per (sku, listing page). The table's key answers "which listings show this SKU"
 * for the fan-out; the {@code byPage} index answers "which SKUs does this listing show" for sync.
 */
public final class DynamoDbCatalogStore implements CatalogStore {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbCatalogStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public void register(PageKey listing, String sku) {
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(Map.of(Catalog.SKU, s(sku), Catalog.PAGE, s(listing.value()))));
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("registering " + sku + " on " + listing, e);
        }
    }

    @Override
    public List<PageKey> listingsShowing(String sku) {
        QueryRequest request = QueryRequest.builder()
                .tableName(table)
                .keyConditionExpression("#sku = :sku")
                .expressionAttributeNames(Map.of("#sku", Catalog.SKU))
                .expressionAttributeValues(Map.of(":sku", s(sku)))
                .build();
        return query(request, Catalog.PAGE, "reading listings of " + sku).stream().map(PageKey::parse).toList();
    }

    @Override
    public List<String> skusOn(PageKey listing) {
        QueryRequest request = QueryRequest.builder()
                .tableName(table)
                .indexName(Catalog.BY_PAGE_INDEX)
                .keyConditionExpression("#page = :page")
                .expressionAttributeNames(Map.of("#page", Catalog.PAGE))
                .expressionAttributeValues(Map.of(":page", s(listing.value())))
                .build();
        return query(request, Catalog.SKU, "reading SKUs of " + listing);
    }

    private List<String> query(QueryRequest request, String attribute, String operation) {
        try {
            List<String> values = new ArrayList<>();
            for (Map<String, AttributeValue> item : dynamoDb.queryPaginator(request).items()) {
                values.add(item.get(attribute).s());
            }
            return values;
        } catch (SdkException e) {
            throw DynamoDbErrors.translate(operation, e);
        }
    }
}
