package io.gannet.internal;

import io.gannet.ErrorCode;
import io.gannet.GannetException;

/** An endpoint string split into scheme and address: {@code tcp://127.0.0.1:5555}. */
public record Endpoint(String scheme, String address) {

    /** Parses {@code scheme://address}; throws {@code EINVAL} with the reason when malformed. */
    public static Endpoint parse(String endpoint) {
        if (endpoint == null) {
            throw new GannetException(ErrorCode.EINVAL, "endpoint is null");
        }
        int sep = endpoint.indexOf("://");
        if (sep <= 0) {
            throw new GannetException(ErrorCode.EINVAL, "endpoint '" + endpoint
                    + "' is not of the form scheme://address (e.g. tcp://127.0.0.1:5555, inproc://name)");
        }
        String scheme = endpoint.substring(0, sep);
        for (int i = 0; i < scheme.length(); i++) {
            char c = scheme.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
                throw new GannetException(ErrorCode.EINVAL, "endpoint '" + endpoint + "' has an invalid scheme");
            }
        }
        String address = endpoint.substring(sep + 3);
        if (address.isEmpty()) {
            throw new GannetException(ErrorCode.EINVAL, "endpoint '" + endpoint + "' has no address after "
                    + scheme + "://");
        }
        return new Endpoint(scheme, address);
    }

    @Override
    public String toString() {
        return scheme + "://" + address;
    }
}
