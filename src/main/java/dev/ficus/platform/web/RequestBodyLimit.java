package dev.ficus.platform.web;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Refuses request bodies over the configured limit with 413 and keeps smaller ones in memory
 * ({@link CachedBodyRequest}). Tomcat limits only form and multipart bodies by itself; a JSON body of
 * any size would otherwise reach Jackson. Declared lengths are checked before reading, chunked bodies
 * while reading.
 */
public class RequestBodyLimit extends OncePerRequestFilter {

	private final long maxBytes;

	private final Problems problems;

	public RequestBodyLimit(DataSize max, Problems problems) {
		this.maxBytes = max.toBytes();
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {

		long declared = request.getContentLengthLong();
		boolean chunked = request.getHeader("Transfer-Encoding") != null;

		if (declared > maxBytes) {
			refuse(request, response);
			return;
		}
		if (declared <= 0 && !chunked || isForm(request)) {
			// Form bodies stay with Tomcat, which parses parameters from its own stream (and limits them).
			chain.doFilter(request, response);
			return;
		}

		byte[] body = readAtMost(request.getInputStream(), maxBytes + 1);
		if (body.length > maxBytes) {
			refuse(request, response);
			return;
		}

		chain.doFilter(new CachedBodyRequest(request, body), response);
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
		problems.write(request, response, Problems.of(ProblemType.PAYLOAD_TOO_LARGE,
				"The request body exceeds the limit of %d bytes".formatted(maxBytes)));
	}

	private static boolean isForm(HttpServletRequest request) {

		String contentType = request.getContentType();
		if (contentType == null) {
			return false;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return MediaType.APPLICATION_FORM_URLENCODED.includes(type) || "multipart".equals(type.getType());
		}
		catch (IllegalArgumentException unparsable) {
			return false;
		}
	}

	private static byte[] readAtMost(InputStream in, long limit) throws IOException {
		return in.readNBytes((int) Math.min(limit, Integer.MAX_VALUE - 8));
	}
}
