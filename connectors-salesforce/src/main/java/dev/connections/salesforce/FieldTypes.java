package dev.connections.salesforce;

import dev.connections.api.FieldType;
import java.util.Set;

/**
 * Salesforce field types and the SDK's field types.
 *
 * <table>
 *   <caption>Salesforce type to field type</caption>
 *   <tr><th>Salesforce</th><th>field type</th></tr>
 *   <tr><td>boolean</td><td>BOOLEAN</td></tr>
 *   <tr><td>int, long</td><td>INTEGER</td></tr>
 *   <tr><td>double, currency, percent</td><td>DECIMAL</td></tr>
 *   <tr><td>date</td><td>DATE</td></tr>
 *   <tr><td>datetime</td><td>DATETIME</td></tr>
 *   <tr><td>time</td><td>TIME</td></tr>
 *   <tr><td>address, location (compound)</td><td>JSON</td></tr>
 *   <tr><td>id, string, picklist, multipicklist, combobox, reference, textarea, email, phone, url,
 *       encryptedstring, base64, anyType, and types this connector does not know</td><td>TEXT</td></tr>
 * </table>
 */
final class FieldTypes {

    /** Types Bulk API 2.0 queries refuse. */
    static final Set<String> NOT_IN_BULK = Set.of("address", "location", "base64");

    private FieldTypes() {
    }

    static FieldType of(String salesforceType) {
        switch (salesforceType) {
            case "boolean":
                return FieldType.BOOLEAN;
            case "int":
            case "long":
                return FieldType.INTEGER;
            case "double":
            case "currency":
            case "percent":
                return FieldType.DECIMAL;
            case "date":
                return FieldType.DATE;
            case "datetime":
                return FieldType.DATETIME;
            case "time":
                return FieldType.TIME;
            case "address":
            case "location":
                return FieldType.JSON;
            default:
                return FieldType.TEXT;
        }
    }
}
