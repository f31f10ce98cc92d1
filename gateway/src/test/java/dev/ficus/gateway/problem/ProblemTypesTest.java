package dev.ficus.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatusCode;

/** The edge names its problem types in the monolith's vocabulary (docs/errors.md), one per status. */
class ProblemTypesTest {

    @Test
    void namesEachStatusTheEdgeAnswersWithLikeTheMonolithDoes() {

        assertThat(Problems.typeOf(HttpStatusCode.valueOf(401)))
                .hasToString("https://ficus.dev/problems/unauthenticated");
        assertThat(Problems.typeOf(HttpStatusCode.valueOf(404))).hasToString("https://ficus.dev/problems/not-found");
        assertThat(Problems.typeOf(HttpStatusCode.valueOf(413)))
                .hasToString("https://ficus.dev/problems/payload-too-large");
        assertThat(Problems.typeOf(HttpStatusCode.valueOf(429))).hasToString("https://ficus.dev/problems/rate-limited");
    }

    @Test
    void fallsBackToTheStatusForOneItHasNoNameFor() {

        assertThat(Problems.typeOf(HttpStatusCode.valueOf(418))).hasToString("https://ficus.dev/problems/http-418");
        assertThat(Problems.typeOf(HttpStatusCode.valueOf(507)))
                .hasToString("https://ficus.dev/problems/internal-error");
    }
}
