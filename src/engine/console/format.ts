import type { OutcomeError } from '../../sim/index.js';

/**
 * Renders an output as the AWS CLI prints JSON: four-space indentation, blobs as base64,
 * timestamps as ISO 8601 with microseconds and an offset, as CLI v2 shows them.
 */
export function renderJson(value: unknown): string {
  return JSON.stringify(toWire(value), null, 4);
}

/** The output as plain JSON values (blobs → base64, dates → ISO 8601), for `--json` and named outputs. */
export function toWire(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value instanceof Date) return cliTimestamp(value);
  if (Array.isArray(value)) return value.map(toWire);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, toWire(v)]));
  return value;
}

/** AWS CLI v2's timestamp form: `2026-11-28T09:33:44.123000+00:00`. */
export function cliTimestamp(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000+00:00');
}

/**
 * The AWS CLI's one-line error: `An error occurred (Code) when calling the Op operation: message`.
 * AWS sends some errors without a message; for those the console adds, in brackets, what the
 * error means, so that a learner is not left with an empty line.
 */
export function renderError(operation: string, error: Pick<OutcomeError, 'message'> & { readonly code: string }): string {
  const line = `An error occurred (${error.code}) when calling the ${operation} operation: ${error.message}`;
  if (error.message) return line;
  return `${line}(AWS sends no message. ${SILENT_ERRORS[error.code] ?? 'See the operation\'s API reference for when AWS returns this error.'})`;
}

const SILENT_ERRORS: Readonly<Record<string, string>> = {
  KMSInvalidSignatureException: 'The signature is not valid for this message, key and signing algorithm.',
  KMSInvalidMacException: 'The MAC does not match this message, key and MAC algorithm.',
  InvalidCiphertextException: 'The ciphertext was tampered with, or the encryption context or algorithm differs from the one it was made with.',
  UnsupportedOperationException: 'This key cannot do that: asymmetric and HMAC keys have no rotation, and only asymmetric keys have a public key.',
  ParameterNotFound: 'No parameter has that name in this Region (names are case-sensitive and fully qualified, e.g. /app/db-password).',
};
