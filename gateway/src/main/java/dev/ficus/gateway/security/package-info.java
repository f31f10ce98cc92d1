/**
 * Bearer-token authentication (signature, expiry, issuer, audience) and scope checks, plus the local
 * development issuer that signs tokens so the stack runs without a cloud account. In AWS the issuer is
 * Cognito and the development issuer is switched off.
 */
@NullMarked
package dev.ficus.gateway.security;

import org.jspecify.annotations.NullMarked;
