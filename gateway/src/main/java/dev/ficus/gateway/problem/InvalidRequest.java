package dev.ficus.gateway.problem;

import java.util.List;

/**
 * A request the gateway rejects as a whole with 400, carrying every reason at once (for instance all the
 * violations found in a route table) so that the caller can fix them in one go.
 */
public class InvalidRequest extends RuntimeException {

    private final List<String> errors;

    public InvalidRequest(String message, List<String> errors) {
        super(message);
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
