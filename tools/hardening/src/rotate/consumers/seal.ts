import sodium from 'libsodium-wrappers';

/**
 * Seals a value for GitHub Actions secrets as GitHub documents: libsodium's
 * crypto_box_seal with the repository's or environment's base64 public key;
 * the result is sent base64-encoded. Only GitHub can open it.
 */
export async function sealForGitHub(
  value: string,
  publicKeyBase64: string,
): Promise<string> {
  await sodium.ready;
  const key = sodium.from_base64(
    publicKeyBase64,
    sodium.base64_variants.ORIGINAL,
  );
  const sealed = sodium.crypto_box_seal(sodium.from_string(value), key);
  return sodium.to_base64(sealed, sodium.base64_variants.ORIGINAL);
}
