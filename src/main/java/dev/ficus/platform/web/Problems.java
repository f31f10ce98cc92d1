package dev.ficus.platform.web;

import java.io.IOException;
import java.net.URI;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds and writes RFC 9457 problem details. Controllers throw and let {@link ProblemHandler} answer;
 * servlet filters, which run outside Spring MVC's exception handling, write through
 * {@link #write(HttpServletRequest, HttpServletResponse, ProblemDetail)}.
 */
@Component
public class Problems {

	/**
	 * Request attribute set when a request was refused before its handler method ran (unreadable body,
	 * failed validation, unknown path...), so nothing it asked for can have happened.
	 */
	public static final String REFUSED_BEFORE_HANDLER = Problems.class.getName() + ".refusedBeforeHandler";

	private final JsonMapper json;

	Problems(JsonMapper json) {
		this.json = json;
	}

	/** A problem of the given kind; {@code detail} should name the field, header or value at fault. */
	public static ProblemDetail of(ProblemType kind, String detail) {

		ProblemDetail problem = ProblemDetail.forStatusAndDetail(kind.status(), detail);
		problem.setType(kind.type());
		problem.setTitle(kind.title());
		return problem;
	}

	/**
	 * A problem for a module's own {@code @ExceptionHandler}, carrying the path and request id as every
	 * answer does.
	 */
	public static ProblemDetail of(ProblemType kind, String detail, HttpServletRequest request) {
		return decorate(of(kind, detail), request);
	}

	/** Adds what every answer carries: the path as {@code instance} and the request id. */
	static ProblemDetail decorate(ProblemDetail problem, HttpServletRequest request) {

		if (problem.getInstance() == null) {
			try {
				problem.setInstance(URI.create(request.getRequestURI()));
			}
			catch (IllegalArgumentException unparsable) {
				// Only a path that is not a valid URI gets here; the answer is still useful without it.
			}
		}
		problem.setProperty("requestId", RequestIds.of(request));
		return problem;
	}

	public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
			throws IOException {

		decorate(problem, request);

		response.resetBuffer();
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.getOutputStream().write(json.writeValueAsBytes(problem));
		response.flushBuffer();
	}
}
