package dev.connections.csv;

import java.math.BigDecimal;

/**
 * Reads booleans and numbers from cell text directly, without regular expressions and without exceptions for text
 * that does not fit: each method returns null then. The text is already stripped of surrounding whitespace.
 * Numbers are plain: an optional minus, digits without grouping and without leading zeros ({@code 00123} is text,
 * an identifier rather than a number), and for decimals a point followed by digits.
 */
final class Cells {

    private static final int MAX_LONG_DIGITS = 18;

    private Cells() {
    }

    /** @return true for true or yes, false for false or no, in any case; null otherwise */
    static Boolean bool(String v) {
        // the lower-case spellings by a plain comparison first: a comparison ignoring case costs several times more
        if (v.equals("true") || v.equals("yes")) {
            return Boolean.TRUE;
        }
        if (v.equals("false") || v.equals("no")) {
            return Boolean.FALSE;
        }
        switch (v.length()) {
            case 2:
                return v.equalsIgnoreCase("no") ? Boolean.FALSE : null;
            case 3:
                return v.equalsIgnoreCase("yes") ? Boolean.TRUE : null;
            case 4:
                return v.equalsIgnoreCase("true") ? Boolean.TRUE : null;
            case 5:
                return v.equalsIgnoreCase("false") ? Boolean.FALSE : null;
            default:
                return null;
        }
    }

    /** @return the whole number, or null when the text is not one or does not fit a long */
    static Long integer(String v) {
        int n = v.length();
        int i = 0;
        boolean negative = n > 0 && v.charAt(0) == '-';
        if (negative) {
            i = 1;
        }
        if (i == n || v.charAt(i) == '0' && n > i + 1) {
            return null;
        }
        long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
        long minBeforeMultiply = limit / 10;
        long result = 0;
        for (; i < n; i++) {
            int digit = v.charAt(i) - '0';
            if (digit < 0 || digit > 9 || result < minBeforeMultiply) {
                return null;
            }
            result *= 10;
            if (result < limit + digit) {
                return null;
            }
            result -= digit;
        }
        return negative ? result : -result;
    }

    /** @return the decimal number (a whole number too), or null when the text is not one */
    static BigDecimal decimal(String v) {
        int n = v.length();
        int i = v.startsWith("-") ? 1 : 0;
        int integerStart = i;
        while (i < n && isDigit(v.charAt(i))) {
            i++;
        }
        int integerDigits = i - integerStart;
        if (integerDigits == 0 || integerDigits > 1 && v.charAt(integerStart) == '0') {
            return null;
        }
        int fractionDigits = 0;
        if (i < n) {
            if (v.charAt(i) != '.') {
                return null;
            }
            i++;
            while (i < n && isDigit(v.charAt(i))) {
                i++;
                fractionDigits++;
            }
            if (fractionDigits == 0 || i < n) {
                return null;
            }
        }
        if (integerDigits + fractionDigits > MAX_LONG_DIGITS) {
            return new BigDecimal(v);
        }
        long unscaled = 0;
        for (int k = integerStart; k < n; k++) {
            char c = v.charAt(k);
            if (c != '.') {
                unscaled = unscaled * 10 + (c - '0');
            }
        }
        return BigDecimal.valueOf(integerStart == 1 ? -unscaled : unscaled, fractionDigits);
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
