/**
 * Signed model releases: what a release's Ed25519 signature covers ({@link
 * io.lstmsignals.schemas.contract.signing.ReleaseSignatures}), the key files of those who sign
 * ({@link io.lstmsignals.schemas.contract.signing.SigningKey}) and the keys a scorer trusts ({@link
 * io.lstmsignals.schemas.contract.signing.ReleaseTrust}). A release's sha256 proves its bytes are
 * intact; its signature proves who released them.
 */
package io.lstmsignals.schemas.contract.signing;
