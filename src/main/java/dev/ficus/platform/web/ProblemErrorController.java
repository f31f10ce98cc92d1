package dev.ficus.platform.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Answers what reaches the servlet container's error page instead of Spring MVC's exception handling:
 * a filter that threw, or a {@code sendError} from anywhere. Replaces Spring Boot's whitelabel and JSON
 * error page, so these answers are problem+json too and never carry a stack trace.
 */
@RestController
class ProblemErrorController implements ErrorController {

	private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

	@RequestMapping("${server.error.path:/error}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {

		HttpStatus status = status(request);
		Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);

		ProblemType kind = switch (status) {
			case NOT_FOUND -> ProblemType.NOT_FOUND;
			case METHOD_NOT_ALLOWED -> ProblemType.METHOD_NOT_ALLOWED;
			case UNSUPPORTED_MEDIA_TYPE -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
			case CONTENT_TOO_LARGE -> ProblemType.PAYLOAD_TOO_LARGE;
			case NOT_ACCEPTABLE -> ProblemType.NOT_ACCEPTABLE;
			case SERVICE_UNAVAILABLE -> ProblemType.SERVICE_UNAVAILABLE;
			default -> status.is5xxServerError() ? ProblemType.INTERNAL_ERROR : ProblemType.BAD_REQUEST;
		};

		if (status.is5xxServerError()) {
			log.error("Request {} {} failed outside Spring MVC (request id {})", request.getMethod(),
					request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), RequestIds.of(request),
					failure instanceof Throwable throwable ? throwable : null);
		}

		ProblemDetail problem = Problems.of(kind, status.is5xxServerError()
				? "The server failed to handle the request; quote the request id when reporting it"
				: status.getReasonPhrase());
		problem.setStatus(status.value());
		if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String path) {
			try {
				problem.setInstance(java.net.URI.create(path));
			}
			catch (IllegalArgumentException unparsable) {
				// Leave the instance out rather than fail while reporting a failure.
			}
		}
		Problems.decorate(problem, request);

		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static HttpStatus status(HttpServletRequest request) {

		if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code) {
			HttpStatus status = HttpStatus.resolve(code);
			if (status != null && status.isError()) {
				return status;
			}
			return HttpStatus.INTERNAL_SERVER_ERROR;
		}
		// No error was forwarded here: a client asked for the error path itself, which is no resource.
		return HttpStatus.NOT_FOUND;
	}
}
