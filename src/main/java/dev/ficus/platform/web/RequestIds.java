package dev.ficus.platform.web;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Gives every request an id: the {@value #HEADER} the gateway sent, if it looks like one, or a new UUID.
 * The id is echoed in the response, put in the logging context as {@code requestId} and added to every
 * problem answer, so a client's complaint leads straight to the log lines.
 */
public class RequestIds extends OncePerRequestFilter {

	public static final String HEADER = "X-Request-Id";

	private static final String ATTRIBUTE = RequestIds.class.getName();

	private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

	/** The id of the request, or {@code "unknown"} outside a request that passed the filter. */
	public static String of(HttpServletRequest request) {
		return request.getAttribute(ATTRIBUTE) instanceof String id ? id : "unknown";
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {

		String sent = request.getHeader(HEADER);
		String id = sent != null && WELL_FORMED.matcher(sent).matches() ? sent : UUID.randomUUID().toString();

		request.setAttribute(ATTRIBUTE, id);
		response.setHeader(HEADER, id);

		try (var logContext = MDC.putCloseable("requestId", id)) {
			chain.doFilter(request, response);
		}
	}
}
