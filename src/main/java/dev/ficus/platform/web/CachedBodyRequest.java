package dev.ficus.platform.web;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request whose body has been read into memory (at most the configured size limit), so it can be read
 * again: once to fingerprint it for idempotency, once by the handler.
 */
public final class CachedBodyRequest extends HttpServletRequestWrapper {

	private final byte[] body;

	CachedBodyRequest(HttpServletRequest request, byte[] body) {
		super(request);
		this.body = body;
	}

	/** The cached body of the request or of a request it wraps; empty when nothing cached one. */
	public static byte[] bodyOf(ServletRequest request) {

		ServletRequest current = request;
		while (true) {
			if (current instanceof CachedBodyRequest cached) {
				return cached.body.clone();
			}
			if (!(current instanceof ServletRequestWrapper wrapper)) {
				return new byte[0];
			}
			current = wrapper.getRequest();
		}
	}

	@Override
	public int getContentLength() {
		return body.length;
	}

	@Override
	public long getContentLengthLong() {
		return body.length;
	}

	@Override
	public ServletInputStream getInputStream() {
		return new CachedInputStream(new ByteArrayInputStream(body));
	}

	@Override
	public BufferedReader getReader() {

		String encoding = getCharacterEncoding();
		Charset charset = encoding != null && Charset.isSupported(encoding)
				? Charset.forName(encoding)
				: StandardCharsets.UTF_8;
		return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset));
	}

	private static final class CachedInputStream extends ServletInputStream {

		private final ByteArrayInputStream bytes;

		CachedInputStream(ByteArrayInputStream bytes) {
			this.bytes = bytes;
		}

		@Override
		public int read() {
			return bytes.read();
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			return bytes.read(buffer, offset, length);
		}

		@Override
		public boolean isFinished() {
			return bytes.available() == 0;
		}

		@Override
		public boolean isReady() {
			return true;
		}

		@Override
		public void setReadListener(ReadListener listener) {
			throw new UnsupportedOperationException("The body is already in memory; read it synchronously");
		}
	}
}
