package dev.ficus.gateway.edge;

import java.util.Map;
import java.util.UUID;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.netty.NettyPipeline;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import dev.ficus.gateway.problem.Problems;

/**
 * Gives a body to the answers Reactor Netty writes itself when it cannot read a request at all: 431 for headers
 * over {@code server.max-http-request-header-size}, 414 for a request line over
 * {@code server.netty.max-initial-line-length}, 400 for a request that is not HTTP. Such a request never reaches
 * Spring, so the answer is rewritten on its way out of the connection: the same status, now with a problem document
 * (without {@code instance}, since the path may be what could not be read) and a new request id. A handler right
 * after the HTTP codec sees both the failed request and the answer to it.
 */
@Configuration(proxyBeanMethods = false)
class UnreadableRequestProblems {

    private static final Map<HttpResponseStatus, String> DETAILS = Map.of(
            HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
            "The request headers are larger than this gateway accepts.",
            HttpResponseStatus.REQUEST_URI_TOO_LONG,
            "The request line (method, path and query) is longer than this gateway accepts.",
            HttpResponseStatus.BAD_REQUEST,
            "The request could not be read as HTTP.");

    @Bean
    NettyServerCustomizer problemsForUnreadableRequests() {
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
            // Right after the HTTP codec: it sees requests as decoded and responses before they are encoded.
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, "ficus.unreadableRequestProblems",
                        new ProblemBody());
            }
        });
    }

    /**
     * Remembers that the codec could not read a request on this connection and then replaces Reactor Netty's empty
     * answer to it. Only that answer: an empty 400 a backend sends is passed through untouched. Reactor Netty closes
     * the connection after such an answer, so nothing else follows on it.
     */
    private static final class ProblemBody extends ChannelDuplexHandler {

        private boolean unreadable;

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (message instanceof HttpObject http && http.decoderResult().isFailure()) {
                unreadable = true;
            }
            context.fireChannelRead(message);
        }

        @Override
        public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
            if (unreadable && message instanceof FullHttpResponse bare && isBareDecodingFailure(bare)) {
                context.write(withProblem(bare), promise);
                return;
            }
            context.write(message, promise);
        }

        private static boolean isBareDecodingFailure(FullHttpResponse response) {
            return DETAILS.containsKey(response.status())
                    && response.content().readableBytes() == 0
                    && !response.headers().contains(HttpHeaderNames.CONTENT_TYPE);
        }

        private static FullHttpResponse withProblem(FullHttpResponse bare) {
            String requestId = UUID.randomUUID().toString();
            byte[] problem = Problems.document(HttpStatus.valueOf(bare.status().code()), DETAILS.get(bare.status()),
                    null, requestId);

            var answer = new DefaultFullHttpResponse(bare.protocolVersion(), bare.status(),
                    Unpooled.wrappedBuffer(problem));
            answer.headers().set(bare.headers());
            answer.headers().set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            answer.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, problem.length);
            answer.headers().set(RequestIdFilter.HEADER, requestId);
            bare.release();
            return answer;
        }
    }
}
